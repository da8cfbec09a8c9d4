"""Metadata questions filled by the app, as ODK Collect fills them (issue 16).

`start` and `today` are set once, when the survey is first saved; `end` at every save (the
last one is when the survey was finished); `deviceid` and `username` from the enrolled
profile. `start-geopoint` once, from the establishment's registered position (a laptop has
no GPS fix: its accuracy stays empty). `phonenumber`, `email`, `simserial` and
`subscriberid` have nothing to read on a laptop and stay empty; `audit` is not filled here
(the desktop form writes its log: `audit.py`).
Then `Form.settle` stores what ODK sets once (dynamic defaults, once(), triggers).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from fieldapp.forms.expressions.values import Context

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form

_ONCE = frozenset({"start", "today", "deviceid", "username"})
_FILLED = _ONCE | {"end", "start-geopoint"}


def fill_metadata(
    form: Form,
    answers: dict[str, Any],
    *,
    previous: dict[str, Any] | None,
    now: datetime,
    device_id: str | None,
    username: str | None,
    instance_id: str = "",
    last_saved: dict[str, Any] | None = None,
    position: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """`answers` with the form's metadata questions (outside repeats) filled; values already
    stored (`previous`, the survey's answers before this save) are kept, except `end`; then
    what earlier saves settled is carried from `previous` (the caller's copy may lack it) and
    the answers are settled (`Form.settle`: `instance_id` seeds random()/uuid(),
    `last_saved` is what ${last-saved#q} reads). Returns `answers` itself when nothing
    changes."""
    out = _with_metadata(form, answers, previous, now, device_id, username, position)
    context = Context(
        instance_id=instance_id,
        last_saved=last_saved or {},
        now=now.isoformat(timespec="milliseconds"),
    )
    if previous:
        out = form._plan.carry(out, previous)
    return form.settle(out, today=now.date(), context=context)


def _with_metadata(
    form: Form,
    answers: dict[str, Any],
    previous: dict[str, Any] | None,
    now: datetime,
    device_id: str | None,
    username: str | None,
    position: tuple[float, float] | None,
) -> dict[str, Any]:
    questions = [q for q in form.questions if q.type in _FILLED and not q.repeats]
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
    point = (
        {"lat": position[0], "lon": position[1], "altitude": None, "accuracy": None}
        if position is not None
        else None
    )
    for q in questions:
        if q.type == "start-geopoint":
            kept_point = (previous or {}).get(q.name) or out.get(q.name)
            if kept_point or point:
                out[q.name] = kept_point or point
            continue
        kept = (previous or {}).get(q.name) or out.get(q.name)
        if q.type in _ONCE and kept:
            out[q.name] = kept
        elif fresh[q.type]:
            out[q.name] = fresh[q.type]
    return out
