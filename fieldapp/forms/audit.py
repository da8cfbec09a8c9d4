"""The `audit` metadata question: a per-survey log of the questions visited, kept as ODK
Collect keeps it, in an `audit.csv` attached to the survey.

Columns (ODK's layout): `event`, `node`, `start`, `end` (milliseconds since the epoch), and
`old-value`, `new-value` when the audit question's parameters say `track-changes=true`.
Events: `form start` (first opening), `form resume` (later openings), `question` (one visit
of a question, from focus in to focus out), `form save`, `form exit`, `form finalize`.
A later session appends to the same log: the new file holds the old rows, then the new.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.forms.model import Question

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form

FILENAME = "audit.csv"
BASE_COLUMNS = ("event", "node", "start", "end")
CHANGE_COLUMNS = ("old-value", "new-value")


@dataclass(frozen=True, slots=True)
class AuditEvent:
    event: str
    node: str = ""
    start: int | None = None
    end: int | None = None
    old: str = ""
    new: str = ""


def audit_question(form: Form) -> Question | None:
    """The form's `audit` question (outside repeats), if it has one."""
    return next((q for q in form.questions if q.type == "audit" and not q.repeats), None)


def tracks_changes(question: Question) -> bool:
    """`track-changes=true` in the parameters (pyxform may keep it as `odk:track-changes`)."""
    settings = {**question.parameters, **question.extra}
    for key, value in settings.items():
        if key.split(":")[-1] == "track-changes" and str(value).strip().lower() == "true":
            return True
    return False


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


def append_csv(previous: bytes | None, events: Iterable[AuditEvent], *, track: bool) -> bytes:
    """The log with `events` after the rows of `previous` (a header starts a new log)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if previous:
        text = previous.decode("utf-8")
        out.write(text if text.endswith("\n") else text + "\n")
    else:
        writer.writerow(BASE_COLUMNS + (CHANGE_COLUMNS if track else ()))
    for e in events:
        row: list[object] = [e.event, e.node, e.start if e.start is not None else "", e.end or ""]
        if track:
            row += [e.old, e.new]
        writer.writerow(row)
    return out.getvalue().encode("utf-8")
