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

import csv
import hashlib
import json
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Final

from fieldapp.forms.answers import _MAX_INTEGER, AnswerError, normalize
from fieldapp.forms.model import Question
from fieldapp.forms.run import Index, _is_relevant, _plain

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form

__all__ = [
    "FLATTEN_FORMAT",
    "columns",
    "csv_texts",
    "export_key",
    "flatten",
    "flatten_repeats",
    "flatten_survey",
    "inert",
    "repeat_tables",
    "survey_csv",
]

# Bump when flattening or the CSV text of `survey_csv` changes: every cached export row
# (the store's survey_exports table) then counts as stale and is recomputed.
FLATTEN_FORMAT: Final = 2  # 2: formula payloads neutralised, no second '_index' cell
_TODAY_RE: Final = re.compile(r"\b(?:today|now|uuid|random)\s*\(")

# Writes a question's cells into a row from its position on; `raw` is a non-empty answer.
Cells = Callable[[list[object], int, Any], None]
# (question, first column, calculated?, writer): one per question that has columns.
Spec = tuple[str, int, bool, Cells]


def _question_columns(q: Question) -> list[str]:
    if q.type == "note" and not q.calculation:
        return []
    if q.base in ("select_multiple", "rank"):
        return [q.name, *(f"{q.name}/{c.name}" for c in q.choices)]
    if q.base == "geopoint":
        return [q.name, f"{q.name}/lat", f"{q.name}/lon", f"{q.name}/accuracy"]
    if q.base == "image":
        return [q.name, f"{q.name}/filename"]
    return [q.name]


def _in(form: Form, repeat: str | None) -> list[Question]:
    return [q for q in form.questions if q.repeat == repeat]


def columns(form: Form) -> list[str]:
    """The main table's columns, after the caller's fixed meta columns."""
    return list(_export_plan(form).columns)


def repeat_tables(form: Form) -> dict[str, list[str]]:
    """Each repeat's table columns (without the survey id key the caller adds)."""
    return {name: list(table.columns) for name, table in _export_plan(form).repeats.items()}


def flatten(form: Form, answers: dict[str, Any], *, today: date | None = None) -> dict[str, object]:
    """One main-table row: every column of `columns(form)`, None where empty."""
    row, _ = flatten_survey(form, answers, today=today)
    return dict(zip(_export_plan(form).columns, row, strict=True))


def flatten_repeats(
    form: Form, answers: dict[str, Any], *, today: date | None = None
) -> dict[str, list[dict[str, object]]]:
    """Repeat name -> its rows, for the relevant instances, in order."""
    _, tables = flatten_survey(form, answers, today=today)
    plan = _export_plan(form)
    return {
        name: [dict(zip(plan.repeats[name].columns, r, strict=True)) for r in rows]
        for name, rows in tables.items()
    }


def flatten_survey(
    form: Form, answers: dict[str, Any], *, today: date | None = None
) -> tuple[list[object], dict[str, list[list[object]]]]:
    """The main-table row and every repeat table's rows of one survey, from one evaluation.

    The row lists hold the cells of `columns(form)` and `repeat_tables(form)[name]` in order,
    so an export writes them as they are; `flatten` and `flatten_repeats` are this as dicts.
    """
    if not isinstance(answers, dict):
        answers = {}
    plan = _export_plan(form)
    run = form._plan.relevance_and_values(answers, today or datetime.now(UTC).date())
    row: list[object] = [None] * len(plan.columns)
    rel = run.rel_top
    top = run.top
    for name, pos, calculated, cells in plan.top:
        if calculated:
            if rel.get(name, False):
                value = _plain(top.get(name, ""))
                row[pos] = None if value == "" else value
            continue
        raw = answers.get(name)
        # Empty answers have no cell (`not raw` first: most answers are truthy).
        if not raw and (raw is None or raw == "" or raw == [] or raw == {}):
            continue
        if rel.get(name, False):
            cells(row, pos, raw)
    out: dict[str, list[list[object]]] = {}
    instances: dict[str, list[tuple[Index, dict[str, Any]]]] = {}
    for repeat_name, table in plan.repeats.items():
        outer: list[tuple[Index, dict[str, Any]]]
        outer = [((), answers)] if table.parent is None else instances.get(table.parent, [])
        found: list[tuple[Index, dict[str, Any]]] = []
        for idx, data in outer:
            if not _is_relevant(run, repeat_name, idx):
                continue
            entries = data.get(repeat_name)
            if not isinstance(entries, list):
                continue
            for j, entry in enumerate(entries):
                if isinstance(entry, dict):
                    found.append(((*idx, j), entry))
        instances[repeat_name] = found
        rows: list[list[object]] = []
        width = len(table.columns)
        nested = table.parent is not None
        rel_rep = run.rel_rep
        specs = [
            (name, pos, rel_rep[name], run.rep[name] if calculated else None, cells)
            for name, pos, calculated, cells in table.specs
        ]
        for idx, entry in found:
            r: list[object] = [None] * width
            r[0] = idx[-1] + 1
            if nested:
                r[1] = idx[-2] + 1
            for name, pos, rels, calculated_values, cells in specs:
                if calculated_values is not None:
                    if rels.get(idx, False):
                        value = _plain(calculated_values.get(idx, ""))
                        r[pos] = None if value == "" else value
                    continue
                raw = entry.get(name)
                if not raw and (raw is None or raw == "" or raw == [] or raw == {}):
                    continue
                if rels.get(idx, False):
                    cells(r, pos, raw)
            rows.append(r)
        out[repeat_name] = rows
    return row, out


# ---------------------------------------------------------------------------------------------
# CSV text of one survey, as the CSV export writes it and the store caches it.


class _Echo:
    """A 'file' whose write returns its argument: csv.writer(_Echo()).writerow(row) is the
    row's CSV line as a string."""

    __slots__ = ()

    def write(self, text: str) -> str:
        return text


_line = csv.writer(_Echo()).writerow
# What a spreadsheet evaluates at the start of a cell (OWASP "CSV injection"): a formula
# (= + - @) or a field separator Excel honours (tab, carriage return).
_FORMULA_START: Final = frozenset("=+-@\t\r")


def inert(cells: list[Any]) -> list[Any]:
    """`cells` with every text that a spreadsheet would evaluate prefixed with a quote, as
    OWASP recommends ('=HYPERLINK(…)' -> "'=HYPERLINK(…)"); numbers stay numbers. In place."""
    starts = _FORMULA_START
    for i, cell in enumerate(cells):
        if type(cell) is str and cell and cell[0] in starts:
            cells[i] = "'" + cell
    return cells


def csv_line(cells: list[Any]) -> str:
    """One CSV record as `csv.writer` writes it (QUOTE_MINIMAL, '\\r\\n' at the end), texts
    made inert (`inert`)."""
    line: str = _line(inert(list(cells)))
    return line


def survey_csv(
    form: Form, survey_id: str, answers: dict[str, Any], *, today: date | None = None
) -> tuple[str, dict[str, str]]:
    """One survey as CSV text: its main-table cells (`columns(form)`, without the meta
    columns and without a line end), and each non-empty repeat table's whole lines
    (`survey_id`, then that table's columns from '_index' on, each line ending in '\\r\\n').
    Texts a spreadsheet would evaluate are made inert (`inert`).

    The export writes `meta line + ',' + main + '\\r\\n'`, which is byte for byte what
    csv.writer makes of the whole row; the store keeps these texts so an export of surveys
    that did not change since they were saved only copies them (see `export_key`).
    """
    values, tables = flatten_survey(form, answers, today=today)
    return csv_texts(survey_id, values, tables)


def csv_texts(
    survey_id: str, values: list[object], tables: dict[str, list[list[object]]]
) -> tuple[str, dict[str, str]]:
    """`survey_csv` of cells already flattened (and maybe relabelled by the export)."""
    # csv.writer writes a row of one empty field as '""': an empty cell here is ''.
    lone_empty = len(values) == 1 and (values[0] is None or values[0] == "")
    main = "" if lone_empty else _line(inert(values))[:-2]
    repeats: dict[str, str] = {}
    key = inert([survey_id])[0]
    for name, rows in tables.items():
        if rows:
            # Each row starts with its own '_index' (and '_parent_index'): after the key.
            repeats[name] = "".join(_line([key, *inert(r)]) for r in rows)
    return main, repeats


def export_key(form: Form) -> str | None:
    """What a cached `survey_csv` depends on besides the answers: the form's definition and
    FLATTEN_FORMAT, as a hash. None when a relevance or calculation reads today(): such a
    form's rows change by themselves from one day to the next and are never cached."""
    cached: str | bool | None = getattr(form, "_export_key", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    key: str | None = None
    sources = [
        getattr(item, attr, "") or "" for item in form.items for attr in ("relevant", "calculation")
    ]
    if not any(isinstance(text, str) and _TODAY_RE.search(text) for text in sources):
        text = json.dumps(form.to_json(), sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(f"{FLATTEN_FORMAT}\n{text}".encode()).hexdigest()
        key = f"{form.id}@{form.version}:{digest[:32]}"
    form._export_key = key  # type: ignore[attr-defined]
    return key


# ---------------------------------------------------------------------------------------------
# The export plan: columns and one cell writer per question, worked out once per form.


class _Table:
    __slots__ = ("columns", "parent", "specs")

    def __init__(self, head: list[str], parent: str | None) -> None:
        self.columns: list[str] = list(head)
        self.parent = parent
        self.specs: list[Spec] = []

    def add(self, q: Question) -> None:
        names = _question_columns(q)
        if not names:
            return
        self.specs.append((q.name, len(self.columns), bool(q.calculation), _cells(q)))
        self.columns.extend(names)


class _ExportPlan:
    __slots__ = ("columns", "repeats", "top")

    def __init__(self, form: Form) -> None:
        main = _Table([], None)
        for q in _in(form, None):
            main.add(q)
        self.top = main.specs
        self.columns = main.columns
        self.repeats: dict[str, _Table] = {}
        for repeat in form.repeats:
            head = ["_index", "_parent_index"] if repeat.repeat else ["_index"]
            table = _Table(head, repeat.repeat)
            for q in _in(form, repeat.name):
                table.add(q)
            self.repeats[repeat.name] = table


def _export_plan(form: Form) -> _ExportPlan:
    cached: _ExportPlan | None = getattr(form, "_export_plan", None)
    if cached is None:
        cached = _ExportPlan(form)
        form._export_plan = cached  # type: ignore[attr-defined]
    return cached


def _as_typed(raw: Any) -> object:
    # Exports keep what was typed even when it is wrong: analysts decide what to do.
    return raw if isinstance(raw, str | int | float) else str(raw)


def _cells(q: Question) -> Cells:
    qtype = q.base

    def single(row: list[object], pos: int, raw: Any) -> None:
        try:
            row[pos] = normalize(qtype, raw)
        except AnswerError:
            row[pos] = _as_typed(raw)

    if qtype == "text":
        # normalize() keeps a string as it is and refuses anything else: kept as typed.
        def text(row: list[object], pos: int, raw: Any) -> None:
            row[pos] = raw if isinstance(raw, str | int | float) else str(raw)

        return text

    if qtype in ("select_multiple", "rank"):
        names = [c.name for c in q.choices]
        multiple = qtype == "select_multiple"

        def picked(row: list[object], pos: int, raw: Any) -> None:
            try:
                value = normalize(qtype, raw)
            except AnswerError:
                row[pos] = _as_typed(raw)
                return
            row[pos] = " ".join(value)
            if multiple:
                chosen = set(value)
                for k, name in enumerate(names, start=pos + 1):
                    row[k] = 1 if name in chosen else 0
            else:
                rank = {name: i for i, name in enumerate(value, start=1)}
                for k, name in enumerate(names, start=pos + 1):
                    row[k] = rank.get(name)

        return picked

    if qtype == "geopoint":

        def point(row: list[object], pos: int, raw: Any) -> None:
            try:
                value = normalize(qtype, raw)
            except AnswerError:
                row[pos] = _as_typed(raw)
                return
            parts = [value["lat"], value["lon"], value["altitude"] or 0.0, value["accuracy"] or 0.0]
            row[pos] = " ".join(_number_text(p) for p in parts)
            row[pos + 1] = value["lat"]
            row[pos + 2] = value["lon"]
            row[pos + 3] = value["accuracy"]

        return point

    if qtype == "image":

        def image(row: list[object], pos: int, raw: Any) -> None:
            try:
                value = normalize(qtype, raw)
            except AnswerError:
                row[pos] = _as_typed(raw)
                return
            row[pos] = value["sha256"]
            row[pos + 1] = value["filename"] or None

        return image

    if qtype == "geotrace":

        def points(row: list[object], pos: int, raw: Any) -> None:
            try:
                value = normalize(qtype, raw)
            except AnswerError:
                row[pos] = _as_typed(raw)
                return
            row[pos] = ";".join(
                " ".join(_number_text(p[k] or 0.0) for k in ("lat", "lon", "altitude", "accuracy"))
                for p in value
            )

        return points

    if qtype == "integer":
        # An answer already in its stored form (nearly all) is written as it is: what
        # normalize() returns for it.

        def integer(row: list[object], pos: int, raw: Any) -> None:
            if type(raw) is int and -_MAX_INTEGER <= raw <= _MAX_INTEGER:
                row[pos] = raw
            else:
                single(row, pos, raw)

        return integer

    if qtype == "select_one":

        def choice(row: list[object], pos: int, raw: Any) -> None:
            if (
                type(raw) is str
                and " " not in raw
                and not raw[0].isspace()
                and not raw[-1].isspace()
            ):
                row[pos] = raw  # a choice name (raw is not empty here)
            else:
                single(row, pos, raw)

        return choice

    if qtype == "decimal":

        def decimal(row: list[object], pos: int, raw: Any) -> None:
            if type(raw) is float and math.isfinite(raw):
                row[pos] = raw
            else:
                single(row, pos, raw)

        return decimal

    return single


def _number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))
