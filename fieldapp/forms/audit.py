"""The `audit` metadata question: a per-survey log of the questions visited, kept as ODK
Collect keeps it, in an `audit.csv` attached to the survey.

Columns (ODK's layout, in Collect's order): `event`, `node`, `start`, `end` (milliseconds
since the epoch); `latitude`, `longitude`, `accuracy` when the parameters set
`location-priority` (a laptop has no GPS: they stay empty, as Collect leaves them when no
location provider is on, and the session starts with Collect's `location tracking enabled`
and `location providers disabled` events); `old-value`, `new-value` with
`track-changes=true`; `user` with `identify-user=true` (the name the enumerator confirmed when
the form opened); `change-reason` with `track-changes-reasons=on-form-edit` (the reason asked
when a survey saved before is left with changed answers: a `change reason` event).

Events: `form start` (first opening), `form resume` (later openings), `question` (one visit of
a question, from focus in to focus out), `form save`, `form exit`, `form finalize`. A later
session appends to the same log: the new file holds the old rows, then the new. Rows not yet
in the file are kept by the store at each autosave (`events_json`), so a killed app loses no
more of them than of the answers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

from fieldapp.forms.model import Question

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form

FILENAME = "audit.csv"
BASE_COLUMNS = ("event", "node", "start", "end")
LOCATION_COLUMNS = ("latitude", "longitude", "accuracy")
CHANGE_COLUMNS = ("old-value", "new-value")
USER_COLUMNS = ("user",)
REASON_COLUMNS = ("change-reason",)
# What Collect logs when the form asks for locations and no provider gives one.
NO_LOCATION_EVENTS = ("location tracking enabled", "location providers disabled")


@dataclass(frozen=True, slots=True)
class AuditEvent:
    event: str
    node: str = ""
    start: int | None = None
    end: int | None = None
    old: str = ""
    new: str = ""
    user: str = ""
    reason: str = ""


def audit_question(form: Form) -> Question | None:
    """The form's `audit` question (outside repeats), if it has one."""
    return next((q for q in form.questions if q.type == "audit" and not q.repeats), None)


def _setting(question: Question, name: str) -> str:
    """A parameter of the audit question (pyxform may keep it as `odk:name`), or ''."""
    settings = {**question.parameters, **question.extra}
    for key, value in settings.items():
        if key.split(":")[-1] == name:
            return str(value).strip()
    return ""


def tracks_changes(question: Question) -> bool:
    """`track-changes=true` in the parameters (pyxform may keep it as `odk:track-changes`)."""
    return _setting(question, "track-changes").lower() == "true"


def identifies_user(question: Question) -> bool:
    """`identify-user=true`: the enumerator names themself when the form opens."""
    return _setting(question, "identify-user").lower() == "true"


def asks_change_reason(question: Question) -> bool:
    """`track-changes-reasons=on-form-edit`: a reason for changing a survey saved before."""
    return _setting(question, "track-changes-reasons").lower() == "on-form-edit"


def tracks_location(question: Question) -> bool:
    """`location-priority` set (with `location-min-interval`, `location-max-age`)."""
    return bool(_setting(question, "location-priority"))


def columns(question: Question) -> tuple[str, ...]:
    """The log's header for this audit question, in Collect's order."""
    return (
        BASE_COLUMNS
        + (LOCATION_COLUMNS if tracks_location(question) else ())
        + (CHANGE_COLUMNS if tracks_changes(question) else ())
        + (USER_COLUMNS if identifies_user(question) else ())
        + (REASON_COLUMNS if asks_change_reason(question) else ())
    )


def node(path: str, index: Sequence[int] = (), repeats: Sequence[str] = ()) -> str:
    """ODK's node of a question: '/data/people/staff[2]/staff_role' (1-based instances)."""
    parts = path.split("/")
    positions = dict(zip(repeats, index, strict=False))
    out = [f"{part}[{positions[part] + 1}]" if part in positions else part for part in parts]
    return "/data/" + "/".join(out)


def answer_text(value: object) -> str:
    """An answer as the log writes it (ODK's text form: choices space-separated)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(answer_text(v) for v in value)
    if isinstance(value, dict):
        if "sha256" in value:
            return str(value.get("filename") or value["sha256"])
        if "lat" in value:
            return " ".join(
                str(value[k]) for k in ("lat", "lon", "altitude", "accuracy") if value.get(k)
            )
    return str(value)


def append_csv(
    previous: bytes | None,
    events: Iterable[AuditEvent],
    *,
    track: bool = False,
    header: Sequence[str] | None = None,
) -> bytes:
    """The log with `events` after the rows of `previous` (a header starts a new log);
    `header` from `columns(question)`, else the base columns and, with `track`, the changes."""
    header = tuple(header or BASE_COLUMNS + (CHANGE_COLUMNS if track else ()))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if previous:
        text = previous.decode("utf-8")
        out.write(text if text.endswith("\n") else text + "\n")
    else:
        writer.writerow(header)
    for e in events:
        cells: dict[str, object] = {
            "event": e.event,
            "node": e.node,
            "start": e.start if e.start is not None else "",
            "end": e.end or "",
            "old-value": e.old,
            "new-value": e.new,
            "user": e.user,
            "change-reason": e.reason,
        }
        writer.writerow([cells.get(column, "") for column in header])
    return out.getvalue().encode("utf-8")


def events_json(events: Sequence[AuditEvent]) -> str:
    """Rows not yet in the log, as the store keeps them between autosaves."""
    return json.dumps([asdict(e) for e in events], ensure_ascii=False) if events else ""


def events_from_json(text: str | None) -> list[AuditEvent]:
    """The rows `events_json` kept; [] for nothing or for what it cannot read."""
    try:
        rows: Any = json.loads(text) if text else []
    except ValueError:
        return []
    known = {f.name for f in fields(AuditEvent)}
    return [
        AuditEvent(**{k: v for k, v in row.items() if k in known})
        for row in rows if isinstance(row, dict) and isinstance(row.get("event"), str)
    ]  # fmt: skip
