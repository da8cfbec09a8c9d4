"""Flattening surveys into tables for exports (CSV, Excel) on the laptop and on the server.

The main table has one column per question outside repeats (notes have none), in form
order. Some questions add columns after their own, named 'question/part':

- select_multiple: the space-joined value, then one 0/1 column per choice ('q/choice');
- rank: the space-joined order, then each choice's rank, 1 = first ('q/choice');
- geopoint: 'lat lon altitude accuracy', then 'q/lat', 'q/lon', 'q/accuracy' for GIS;
- image: the attachment's SHA-256 (the store's content address), then 'q/filename'.

Each repeat gets its own table: '_index' (1-based position), '_parent_index' for a repeat
inside a repeat, then its questions' columns. The caller adds the survey id key and any meta
columns. Answers that are not relevant, or not given, are None (an empty cell).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldapp.forms.answers import AnswerError, is_empty, normalize
from fieldapp.forms.engine import Evaluation, Index
from fieldapp.forms.model import Question

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form

__all__ = ["columns", "flatten", "flatten_repeats", "repeat_tables"]


def _question_columns(q: Question) -> list[str]:
    if q.type == "note" and not q.calculation:
        return []
    if q.type in ("select_multiple", "rank"):
        return [q.name, *(f"{q.name}/{c.name}" for c in q.choices)]
    if q.type == "geopoint":
        return [q.name, f"{q.name}/lat", f"{q.name}/lon", f"{q.name}/accuracy"]
    if q.type == "image":
        return [q.name, f"{q.name}/filename"]
    return [q.name]


def _in(form: Form, repeat: str | None) -> list[Question]:
    return [q for q in form.questions if q.repeat == repeat]


def columns(form: Form) -> list[str]:
    """The main table's columns, after the caller's fixed meta columns."""
    return [c for q in _in(form, None) for c in _question_columns(q)]


def repeat_tables(form: Form) -> dict[str, list[str]]:
    """Each repeat's table columns (without the survey id key the caller adds)."""
    out: dict[str, list[str]] = {}
    for repeat in form.repeats:
        head = ["_index", "_parent_index"] if repeat.repeat else ["_index"]
        out[repeat.name] = head + [c for q in _in(form, repeat.name) for c in _question_columns(q)]
    return out


def flatten(form: Form, answers: dict[str, Any]) -> dict[str, object]:
    """One main-table row: every column of `columns(form)`, None where empty."""
    ev = form.evaluate(answers if isinstance(answers, dict) else {})
    row: dict[str, object] = {}
    for q in _in(form, None):
        _fill(row, q, ev, answers.get(q.name) if isinstance(answers, dict) else None, ())
    return row


def flatten_repeats(form: Form, answers: dict[str, Any]) -> dict[str, list[dict[str, object]]]:
    """Repeat name -> its rows, for the relevant instances, in order."""
    if not isinstance(answers, dict):
        answers = {}
    ev = form.evaluate(answers)
    out: dict[str, list[dict[str, object]]] = {r.name: [] for r in form.repeats}
    instances: dict[str, list[tuple[Index, dict[str, Any]]]] = {}
    for repeat in form.repeats:
        outer = [((), answers)] if repeat.repeat is None else instances.get(repeat.repeat, [])
        found: list[tuple[Index, dict[str, Any]]] = []
        for idx, data in outer:
            if not ev.is_relevant(repeat.name, idx):
                continue
            entries = data.get(repeat.name)
            if not isinstance(entries, list):
                continue
            for j, entry in enumerate(entries):
                if isinstance(entry, dict):
                    found.append(((*idx, j), entry))
        instances[repeat.name] = found
        questions = _in(form, repeat.name)
        for idx, entry in found:
            row: dict[str, object] = {"_index": idx[-1] + 1}
            if repeat.repeat is not None:
                row["_parent_index"] = idx[-2] + 1
            for q in questions:
                _fill(row, q, ev, entry.get(q.name), idx)
            out[repeat.name].append(row)
    return out


def _fill(row: dict[str, object], q: Question, ev: Evaluation, raw: Any, idx: Index) -> None:
    names = _question_columns(q)
    for name in names:
        row[name] = None
    if not names or not ev.is_relevant(q.name, idx):
        return
    if q.calculation:
        value = ev.value(q.name, idx)
        row[q.name] = None if value == "" else value
        return
    if is_empty(raw):
        return
    try:
        value = normalize(q.type, raw)
    except AnswerError:
        # Exports keep what was typed even when it is wrong: analysts decide what to do.
        row[q.name] = raw if isinstance(raw, str | int | float) else str(raw)
        return
    if q.type in ("select_multiple", "rank"):
        row[q.name] = " ".join(value)
        for choice in q.choices:
            name = f"{q.name}/{choice.name}"
            if q.type == "select_multiple":
                row[name] = 1 if choice.name in value else 0
            else:
                row[name] = value.index(choice.name) + 1 if choice.name in value else None
        return
    if q.type == "geopoint":
        parts = [value["lat"], value["lon"], value["altitude"] or 0.0, value["accuracy"] or 0.0]
        row[q.name] = " ".join(_number_text(p) for p in parts)
        row[f"{q.name}/lat"] = value["lat"]
        row[f"{q.name}/lon"] = value["lon"]
        row[f"{q.name}/accuracy"] = value["accuracy"]
        return
    if q.type == "image":
        row[q.name] = value["sha256"]
        row[f"{q.name}/filename"] = value["filename"] or None
        return
    row[q.name] = value


def _number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))
