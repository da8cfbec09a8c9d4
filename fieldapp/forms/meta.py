"""Metadata questions filled by the app, as ODK Collect fills them (issue 16).

`start` and `today` are set once, when the survey is first saved; `end` at every save (the
last one is when the survey was finished); `deviceid` and `username` from the enrolled
profile. `phonenumber`, `email`, `simserial` and `subscriberid` have nothing to read on a
laptop and stay empty; `audit` and `start-geopoint` are not filled yet (docs/forms.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form

_ONCE = frozenset({"start", "today", "deviceid", "username"})


def fill_metadata(
    form: Form,
    answers: dict[str, Any],
    *,
    previous: dict[str, Any] | None,
    now: datetime,
    device_id: str | None,
    username: str | None,
) -> dict[str, Any]:
    """`answers` with the form's metadata questions (outside repeats) filled; values already
    stored (`previous`, the survey's answers before this save) are kept, except `end`.
    Returns `answers` itself when the form has no metadata question."""
    questions = [q for q in form.questions if q.type in _ONCE | {"end"} and not q.repeats]
    if not questions:
        return answers
    out = dict(answers)
    stamp = now.isoformat(timespec="seconds")
    fresh = {
        "start": stamp,
        "end": stamp,
        "today": now.date().isoformat(),
        "deviceid": device_id or "",
        "username": username or "",
    }
    for q in questions:
        kept = (previous or {}).get(q.name) or out.get(q.name)
        if q.type in _ONCE and kept:
            out[q.name] = kept
        elif fresh[q.type]:
            out[q.name] = fresh[q.type]
    return out
