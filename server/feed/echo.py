"""No echo on pull (protocol v2): a device is not sent back what it already holds.

A feed entry written by a push is tagged with the pushing device (`FeedEntry.echo_device`)
when its content is exactly what that device holds once the push is acknowledged:
- a survey save applied as sent (the device's snapshot is the head at that revision);
- a review decision, and the survey revision it makes (the push result carries that head,
  which the client applies as it would the pulled entry: `sync.client`).
A merged or conflicting save is never tagged: its result differs from what was sent, so it
comes back. The pull of a v2 request leaves tagged entries out in the query itself, so the
cursor still moves past them; a v1 request, or a full re-pull (`full=1`, which the client asks
for after a cursor reset), gets every entry. A fresh device has no tagged entries.

Why it is safe to skip: every entry left out is of a survey, whose copies are ordered by
revision on the device (an older entry pulled later never replaces a newer copy).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import FeedEntry


def tag_echo(entry: FeedEntry, device_id: str) -> FeedEntry:
    """Mark `entry` as holding exactly what `device_id` sent (see the module docstring)."""
    entry.echo_device = device_id
    return entry


def without_echo(
    entries: QuerySet[FeedEntry], device_id: str, *, protocol: int, full: bool
) -> QuerySet[FeedEntry]:
    """The entries a pull sends this device: without its own echoes from protocol 2 on, unless
    it asked for everything."""
    if protocol < 2 or full:
        return entries
    return entries.filter(Q(echo_device__isnull=True) | ~Q(echo_device=device_id))
