"""The laptop's clock as the last sync measured it against the server's `Date`.

`today()`, the visit date and a survey's start/end metadata are read from the laptop's clock
when a survey is filled in: offline, there is no other. A sync measures that clock against
the server's (`SyncSummary.clock_offset_s`) and keeps the figure here, so that finalizing a
survey on a laptop whose clock was off by more than a day says so first (ui/survey/checks.py).
The dates are not shifted by the figure: the clock may have been set right since the sync,
and a silent correction would then make them wrong; the person sets the clock, or finalizes
anyway knowingly (the server still never judges `today()` after its own day).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from fieldapp.store import Store
from sync.state import STATE_CLOCK_OFFSET

FINALIZE_WARN_S = 24 * 3600  # a day: beyond it, today() and the visit date are another day


@dataclass(frozen=True, slots=True)
class ClockOffset:
    ahead_s: int  # this laptop's clock minus the server's (negative: behind)
    measured_at: str  # the server's time of the measure (ISO-8601 UTC)


def remember_offset(store: Store, ahead_s: int, measured_at: str) -> None:
    store.set_state(STATE_CLOCK_OFFSET, json.dumps({"ahead_s": ahead_s, "at": measured_at}))


def known_offset(store: Store) -> ClockOffset | None:
    """What the last sync measured, or None (never synced, or an unreadable value)."""
    try:
        data = json.loads(store.get_state(STATE_CLOCK_OFFSET) or "null")
        return ClockOffset(int(data["ahead_s"]), str(data["at"])) if data else None
    except (ValueError, TypeError, KeyError):
        return None


def off_by_more_than_a_day(store: Store) -> ClockOffset | None:
    """The measure when it is past FINALIZE_WARN_S either way, else None."""
    offset = known_offset(store)
    return offset if offset is not None and abs(offset.ahead_s) > FINALIZE_WARN_S else None
