"""Opaque pull cursors: `<epoch>.<seq>[.<tag>]` in URL-safe base64.

The epoch names this database's feed: a cursor minted by a wiped or different server does not
match and the device is told to re-pull from the start (`cursor_reset`) instead of silently
missing everything below a foreign seq number. The tag names the entry at `seq`
(`server.feed.instance.entry_tag`): a server restored from an older backup reissues seq
numbers, and a cursor whose entry is not the one it was minted on is reset too, instead of
skipping the new entries below it. Cursors without a tag (older servers) are still accepted.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from .models import FeedEntry, FeedEpoch

TAG_LENGTH = 12


class CursorReset(Exception):
    """The cursor cannot be continued; the client must pull again from the start."""


def current_epoch() -> FeedEpoch:
    epoch = FeedEpoch.objects.order_by("id").first()
    if epoch is None:
        epoch = FeedEpoch.objects.create()
    return epoch


class PositionLost(Exception):
    """A position (mark or cursor) names an entry this server no longer holds."""


def entry_tag(seq: int) -> str | None:
    """A short digest of the feed entry at `seq`, or None when there is none."""
    row = FeedEntry.objects.filter(seq=seq).values_list("kind", "object_id", "created_at").first()
    if row is None:
        return None
    kind, object_id, created_at = row
    text = f"{seq}\n{kind}\n{object_id}\n{created_at.isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()[:TAG_LENGTH]


def check_position(epoch: FeedEpoch, seq: int, tag: str) -> None:
    """Raise PositionLost when the entry at `seq` is not the one `tag` names. Positions below
    the feed's floor (entries pruned on purpose) cannot be checked and pass."""
    if not tag or seq <= 0 or seq < epoch.floor:
        return
    if entry_tag(seq) != tag:
        raise PositionLost(f"the feed entry {seq} this position names is not on this server")


def encode(epoch: str, seq: int, tag: str = "") -> str:
    text = f"{epoch}.{seq}.{tag}" if tag else f"{epoch}.{seq}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def parse(cursor: str) -> tuple[str, int, str]:
    """(epoch, seq, tag) of a cursor or mark; raises CursorReset when it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
        parts = text.split(".")
        if len(parts) not in (2, 3):
            raise ValueError(text)
        return parts[0], int(parts[1]), parts[2] if len(parts) == 3 else ""
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise CursorReset("this cursor is not one this server made") from exc


def decode(cursor: str, epoch: FeedEpoch, max_seq: int) -> int:
    """The seq a cursor stands for; raises CursorReset when it is unknown, foreign, too old, or
    names an entry this server no longer holds (a restore)."""
    if cursor in ("", "0"):
        return 0
    cursor_epoch, seq, tag = parse(cursor)
    if cursor_epoch != epoch.epoch:
        raise CursorReset("this cursor belongs to another server or an older database")
    if seq < epoch.floor:
        raise CursorReset("this cursor is older than the oldest change the server keeps")
    if seq < 0 or seq > max_seq:
        raise CursorReset("this cursor is ahead of the server's feed")
    try:
        check_position(epoch, seq, tag)
    except PositionLost as exc:
        raise CursorReset(f"{exc} (restored from a backup?)") from exc
    return seq
