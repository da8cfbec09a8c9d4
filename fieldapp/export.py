"""Exports for Excel and QGIS: one row per survey, one column per question (CSV, XLSX), and
establishments with their latest survey status (GeoJSON).

This is the one survey-table writer of the project: `fieldapp export` reads its rows from the
profile, `fieldapp-server export` from the server's database (server/surveys/export.py), and
both hand them to `write_survey_tables`, so the files have the same names, columns and cells.
What it guarantees, for a person opening the files in Excel:
- CSV in UTF-8 with a byte-order mark (Excel otherwise reads Arabic as mojibake), plain UTF-8
  on request; repeat tables in `<out stem>-<repeat>.csv` (XLSX: one sheet each), keyed by
  `_survey_id` then the repeat's own `_index`: every header is unique;
- headers as question names, or as labels in fr/ar/en; choices as names or labels;
- no cell a spreadsheet would evaluate: texts starting with = + - @, tab or CR get a leading
  quote in CSV (OWASP), and XLSX texts are string cells, never formulas; numbers stay numbers,
  and in XLSX dates are dates.

Files are written next to the target and renamed into place, so a failed export never leaves
a half-written file where the previous good one was.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from fieldapp.files import atomic_open
from fieldapp.store.store import Store

if TYPE_CHECKING:
    from fieldapp.forms import Form, Question

FORMATS = ("csv", "xlsx", "geojson")
LANGUAGES: Final = ("fr", "ar", "en")
# Metadata columns start with "_" (as in ODK and KoboToolbox exports) so they never collide
# with a question of the same name (the form asks for region, province, commune too).
META_COLUMNS = (
    "_survey_id",
    "_establishment_code",
    "_establishment_name_fr",
    "_establishment_name_ar",
    "_region",
    "_province",
    "_commune",
    "_form_id",
    "_form_version",
    "_status",
    "_revision",
    "_author",
    "_created_at",
    "_updated_at",
)
# A repeat table's key; its own columns start with '_index' (flatten.repeat_tables).
REPEAT_KEY_COLUMNS = ("_survey_id",)
_TIMESTAMP_COLUMNS: Final = frozenset({"_created_at", "_updated_at"})
# The headers of the meta columns when headers are labels.
META_LABELS: Final[dict[str, dict[str, str]]] = {
    "_survey_id": {"fr": "Identifiant de l'enquête", "ar": "معرف الاستمارة", "en": "Survey ID"},
    "_establishment_code": {
        "fr": "Code de l'établissement",
        "ar": "رمز المؤسسة",
        "en": "Establishment code",
    },
    "_establishment_name_fr": {
        "fr": "Nom de l'établissement (français)",
        "ar": "اسم المؤسسة (بالفرنسية)",
        "en": "Establishment name (French)",
    },
    "_establishment_name_ar": {
        "fr": "Nom de l'établissement (arabe)",
        "ar": "اسم المؤسسة (بالعربية)",
        "en": "Establishment name (Arabic)",
    },
    "_region": {"fr": "Région", "ar": "الجهة", "en": "Region"},
    "_province": {"fr": "Province", "ar": "الإقليم", "en": "Province"},
    "_commune": {"fr": "Commune", "ar": "الجماعة", "en": "Commune"},
    "_form_id": {"fr": "Formulaire", "ar": "الاستمارة", "en": "Form"},
    "_form_version": {"fr": "Version du formulaire", "ar": "نسخة الاستمارة", "en": "Form version"},
    "_status": {"fr": "Statut", "ar": "الحالة", "en": "Status"},
    "_revision": {"fr": "Révision", "ar": "المراجعة", "en": "Revision"},
    "_author": {"fr": "Auteur", "ar": "المحرر", "en": "Author"},
    "_created_at": {"fr": "Créée le", "ar": "تاريخ الإنشاء", "en": "Created at"},
    "_updated_at": {"fr": "Modifiée le", "ar": "تاريخ التعديل", "en": "Updated at"},
    "_index": {"fr": "N°", "ar": "الرقم", "en": "No."},
    "_parent_index": {"fr": "N° parent", "ar": "رقم الأصل", "en": "Parent no."},
}


class ExportError(ValueError):
    """An export that cannot start (unknown format, no such folder, unreadable form): one
    line for the person who asked for it. Nothing was written."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How the survey tables are written (the same options for app and server)."""

    headers: str = "names"  # or "labels": the question labels in `lang`
    choices: str = "names"  # or "labels": select answers as their choice labels in `lang`
    lang: str = "fr"
    bom: bool = True  # CSV only: Excel reads UTF-8 as UTF-8 only after a byte-order mark

    def __post_init__(self) -> None:
        if self.headers not in ("names", "labels") or self.choices not in ("names", "labels"):
            raise ExportError("headers and choices are 'names' or 'labels'")
        if self.lang not in LANGUAGES:
            raise ExportError(f"unknown language {self.lang!r}: choose one of fr, ar, en")


def add_export_options(parser: argparse.ArgumentParser) -> None:
    """The export options of `fieldapp export` and `fieldapp-server export`."""
    parser.add_argument(
        "--headers",
        choices=("names", "labels"),
        default="names",
        help="column headers: question names (default) or labels in --lang",
    )
    parser.add_argument(
        "--choices",
        choices=("names", "labels"),
        default="names",
        help="select answers: choice names (default) or labels in --lang",
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="fr", help="language of labels")
    parser.add_argument(
        "--no-bom",
        action="store_true",
        help="CSV in plain UTF-8 (default: UTF-8 with a byte-order mark, for Excel)",
    )


def options_from(args: argparse.Namespace | dict[str, Any]) -> ExportOptions:
    values = vars(args) if isinstance(args, argparse.Namespace) else args
    return ExportOptions(
        headers=values.get("headers") or "names",
        choices=values.get("choices") or "names",
        lang=values.get("lang") or "fr",
        bom=not values.get("no_bom", False),
    )


def check_target(out: Path) -> None:
    """Refuse an output path whose folder does not exist: a typo on the command line must not
    create folders (the commands call it; the app's dialogs only offer existing folders)."""
    parent = Path(out).parent
    if not parent.is_dir():
        raise ExportError(f"the folder {parent} does not exist (create it first)")
    if Path(out).is_dir():
        raise ExportError(f"{out} is a folder: give a file name")


def load_export_form(path: Path) -> Form:
    """A form definition for `--form FILE`, or an ExportError of one line."""
    from fieldapp.forms import FormError, load_form

    try:
        return load_form(Path(path))
    except FormError as exc:
        problems = exc.problems
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise ExportError(f"cannot use the form {path}: {problems[0]}{more}") from exc
    except OSError as exc:
        raise ExportError(f"cannot read the form {path}: {exc.strerror or exc}") from exc


def repeat_paths(out: Path, repeats: Iterable[str]) -> dict[str, Path]:
    """Where a CSV export writes each repeat table: `<stem>-<repeat><suffix>`."""
    return {name: out.with_name(f"{out.stem}-{name}{out.suffix or '.csv'}") for name in repeats}


# A page of survey rows as both exports read them: the META_COLUMNS, then the survey's cached
# main CSV text and repeats JSON (fieldapp.store.export_cache) or None, None and its answers
# (JSON text or a dict) to flatten.
Page = list[tuple[Any, ...]]
_META = len(META_COLUMNS)

_SURVEY_SQL = (
    "SELECT s.id, e.code, e.name_fr, e.name_ar, e.region, e.province, e.commune, s.form_id, "
    "s.form_version, s.status, s.revision, s.author, s.created_at, s.updated_at, s.answers "
    "FROM surveys s JOIN establishments e ON e.id = s.establishment_id "
    "WHERE s.form_id = ? AND s.id > ? ORDER BY s.id LIMIT ?"
)
# The export: the meta columns, then the cached CSV text of the answers when the store has it
# for this form (fieldapp.store.export_cache), else the answers JSON to flatten.
_CSV_SQL = (
    "SELECT s.id, e.code, e.name_fr, e.name_ar, e.region, e.province, e.commune, s.form_id, "
    "s.form_version, s.status, s.revision, s.author, s.created_at, s.updated_at, x.main, "
    "x.repeats, CASE WHEN x.main IS NULL THEN s.answers END "
    "FROM surveys s JOIN establishments e ON e.id = s.establishment_id "
    "LEFT JOIN survey_exports x ON x.survey_id = s.id AND x.form_key = ? "
    "WHERE s.form_id = ? AND s.id > ? ORDER BY s.id LIMIT ?"
)
_STALE_SQL = (
    "SELECT count(*) FROM surveys s LEFT JOIN survey_exports x "
    "ON x.survey_id = s.id AND x.form_key = ? WHERE s.form_id = ? AND x.survey_id IS NULL"
)


def _survey_pages(
    store: Store,
    form_id: str,
    batch: int = 2000,
    *,
    sql: str = _SURVEY_SQL,
    params: tuple[Any, ...] = (),
) -> Iterator[list[tuple[Any, ...]]]:
    """Keyset-paged survey rows (meta columns, then the answers JSON), in survey id order."""
    after = ""
    while True:
        rows = store.conn.execute(sql, (*params, form_id, after, batch)).fetchall()
        if not rows:
            return
        yield rows
        after = rows[-1][0]


PAGE_SIZE = 2000  # surveys read per query, and flattened per task in a worker
# Below this many surveys, starting worker processes costs more than it saves.
PARALLEL_MIN_SURVEYS = 20_000


def export_surveys(
    store: Store,
    fmt: str,
    out: Path,
    *,
    form: Form | None = None,
    options: ExportOptions | None = None,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 500,
    workers: int | None = None,
) -> list[Path]:
    """Write surveys (csv, xlsx) or establishments (geojson). Returns the files written.

    `progress(count)` is called every `progress_every` surveys; raising from it cancels the
    export and leaves any previous file at `out` as it was. `workers`: processes that
    flatten surveys for a CSV export (None: one per core, up to 4, for large exports when
    not running from a frozen build); the files are the same whatever the number.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if fmt == "geojson":
        return [_export_geojson(store, out)]
    from fieldapp.forms import baseline_form
    from fieldapp.store import export_cache

    form = form or baseline_form()
    options = options or ExportOptions()
    # Cached rows hold names, not labels: a labelled export flattens every survey.
    key = _form_key(form) if fmt == "csv" and options.choices == "names" else ""
    if workers is None:
        workers = _auto_workers(store, form, key) if fmt == "csv" else 1
    # Before the first answers are read: whether anything was written while they are flattened.
    since: export_cache.Snapshot | None = export_cache.snapshot(store)
    pages = _survey_pages(store, form.id, PAGE_SIZE, sql=_CSV_SQL, params=(key,))
    written, fresh = write_survey_tables(
        fmt,
        out,
        form,
        pages,
        options=options,
        progress=progress,
        progress_every=progress_every,
        workers=workers,
        keep_computed=bool(key),
    )
    # The files are in place: keep what was flattened, so the next export only copies it.
    rows = [(sid, answers, key, main, reps) for sid, answers, main, reps in fresh]
    for i in range(0, len(rows), PAGE_SIZE):
        since = export_cache.write_back(store, rows[i : i + PAGE_SIZE], since)
    return written


def _auto_workers(store: Store, form: Form, key: str) -> int:
    # A frozen desktop build would start the whole app again in each spawned process.
    if getattr(sys, "frozen", False):
        return 1
    cores = min(os.cpu_count() or 1, 4)
    if cores < 2:
        return 1
    # Surveys whose CSV text the store keeps are only copied: only the others need flattening.
    (stale,) = store.conn.execute(_STALE_SQL, (key, form.id)).fetchone()
    return cores if stale >= PARALLEL_MIN_SURVEYS else 1


def _form_key(form: Form) -> str:
    from fieldapp.forms.flatten import export_key

    # A form whose rows depend on today() is never cached: match no cached row at all.
    return export_key(form) or ""


def write_survey_tables(
    fmt: str,
    out: Path,
    form: Form,
    pages: Iterable[Page],
    *,
    options: ExportOptions | None = None,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 500,
    workers: int = 1,
    keep_computed: bool = False,
) -> tuple[list[Path], list[tuple[str, str, str, str]]]:
    """Write the survey tables of `pages` (see `Page`) as CSV or XLSX at `out`: the one
    writer of the app's and the server's exports. Returns the files written and, with
    `keep_computed`, the CSV texts flattened here as (survey id, answers JSON, main text,
    repeats JSON) for the app's export cache."""
    options = options or ExportOptions()
    out = Path(out)
    if fmt == "csv":
        return _export_csv(
            form, out, pages, options, progress, progress_every, workers, keep_computed
        )
    if fmt == "xlsx":
        return [_export_xlsx(form, out, pages, options, progress, progress_every)], []
    raise ExportError(f"unknown export format {fmt!r}: choose csv or xlsx")


# -- headers and labels ------------------------------------------------------------------------


def _text(label: dict[str, str], lang: str, form: Form, fallback: str) -> str:
    return label.get(lang) or label.get(form.default_language) or fallback


def header_row(form: Form, names: list[str], options: ExportOptions) -> list[str]:
    """The header of a table with these column names: the names, or their labels in
    options.lang, made unique (a repeated label gets its column name in brackets)."""
    if options.headers == "names":
        return list(names)
    questions = {q.name: q for q in form.questions}
    labels: list[str] = []
    for name in names:
        if name in META_LABELS:
            labels.append(META_LABELS[name][options.lang])
            continue
        base, _, part = name.partition("/")
        q = questions.get(base)
        if q is None:
            labels.append(name)
            continue
        text = _text(q.label, options.lang, form, q.name)
        if part:
            choice = q.choice(part)
            part_text = _text(choice.label, options.lang, form, part) if choice else part
            text = f"{text} / {part_text}"
        labels.append(text)
    seen: set[str] = set()
    unique: list[str] = []
    for label, name in zip(labels, names, strict=True):
        if label in seen:
            label = f"{label} [{name}]"
        seen.add(label)
        unique.append(label)
    return unique


# Column position -> choice name -> its label, per table (None: the main table).
_ChoiceLabels = dict[str | None, list[tuple[int, bool, dict[str, str]]]]


def _choice_labels(form: Form, options: ExportOptions) -> _ChoiceLabels:
    from fieldapp.forms import flatten

    tables: dict[str | None, list[str]] = {None: flatten.columns(form)}
    tables.update(flatten.repeat_tables(form))
    found: _ChoiceLabels = {}
    for q in form.questions:
        if q.type not in ("select_one", "select_multiple", "rank") or not q.choices:
            continue
        cols = tables.get(q.repeat)
        if cols is None or q.name not in cols:
            continue
        labels = {c.name: _text(c.label, options.lang, form, c.name) for c in q.choices}
        found.setdefault(q.repeat, []).append((cols.index(q.name), q.type != "select_one", labels))
    return found


def _relabel(row: list[object], specs: list[tuple[int, bool, dict[str, str]]]) -> None:
    for pos, many, labels in specs:
        value = row[pos]
        if type(value) is not str:
            continue
        if many:
            row[pos] = " ; ".join(labels.get(v, v) for v in value.split())
        else:
            row[pos] = labels.get(value, value)


# -- CSV -----------------------------------------------------------------------------------


def _export_csv(
    form: Form,
    out: Path,
    pages: Iterable[Page],
    options: ExportOptions,
    progress: Callable[[int], None] | None,
    every: int,
    workers: int,
    keep_computed: bool,
) -> tuple[list[Path], list[tuple[str, str, str, str]]]:
    from fieldapp.forms import flatten

    repeats = flatten.repeat_tables(form)
    paths = repeat_paths(out, repeats)
    header = [*META_COLUMNS, *flatten.columns(form)]
    with ExitStack() as stack:
        main_file = stack.enter_context(atomic_open(out))
        repeat_files = {name: stack.enter_context(atomic_open(p)) for name, p in paths.items()}
        bom = "\ufeff" if options.bom else ""
        main_file.write(bom + flatten.csv_line(header_row(form, header, options)))
        for name, fh in repeat_files.items():
            names = [*REPEAT_KEY_COLUMNS, *repeats[name]]
            fh.write(bom + flatten.csv_line(header_row(form, names, options)))
        today = datetime.now(UTC).date()
        setup = (form, today, options, keep_computed)
        chunks: Iterator[_Chunk]
        if workers > 1:
            # "spawn", never "fork": the desktop app exports from a Qt process, and a forked
            # copy of a Qt process (threads, X11/Wayland connections) is unsafe.
            pool = stack.enter_context(
                multiprocessing.get_context("spawn").Pool(
                    workers, _init_worker, (form.to_json(), *setup[1:])
                )
            )
            stack.callback(pool.terminate)  # a cancelled export stops the workers at once
            chunks = pool.imap(_csv_chunk, pages)
        else:
            _init_worker(*setup)
            chunks = map(_csv_chunk, pages)
        count = 0
        fresh: list[tuple[str, str, str, str]] = []
        for n, main_text, repeat_texts, computed in chunks:
            main_file.write(main_text)
            for name, text in repeat_texts.items():
                repeat_files[name].write(text)
            fresh.extend(computed)
            if progress:
                # The same calls as one survey at a time: every `every` surveys.
                for k in range(count // every + 1, (count + n) // every + 1):
                    progress(k * every)
            count += n
    return [out, *paths.values()], fresh


# One form per process, set by `_init_worker` (in a worker process, or in this one).
_chunk_form: Form | None = None
_chunk_today: date | None = None
_chunk_width = 0  # the form's main-table columns (after the meta columns)
_chunk_keep = False
_chunk_labels: _ChoiceLabels | None = None
# Surveys in a page, the main table's text, each repeat table's text, and the surveys that
# were flattened here: (survey id, answers JSON, main text, repeats JSON).
_Chunk = tuple[int, str, dict[str, str], list[tuple[str, str, str, str]]]


def _init_worker(
    form: Form | dict[str, Any], today: date, options: ExportOptions, keep: bool
) -> None:
    global _chunk_form, _chunk_today, _chunk_width, _chunk_keep, _chunk_labels
    from fieldapp.forms.flatten import columns

    if isinstance(form, dict):
        from fieldapp.forms import load_form

        form = load_form(form)
    _chunk_form = form
    _chunk_today = today
    _chunk_width = len(columns(form))
    _chunk_keep = keep
    _chunk_labels = _choice_labels(form, options) if options.choices == "labels" else None


def _csv_chunk(rows: list[tuple[Any, ...]]) -> _Chunk:
    """A page of surveys as CSV text: the main table's lines and each repeat table's.

    A row is the meta columns, then either the cached main text and repeats JSON (answers
    None), or None, None and the answers (JSON text or dict), which are flattened here."""
    from fieldapp.forms.flatten import csv_line, csv_texts, flatten_survey, survey_csv

    form = _chunk_form
    assert form is not None
    lines: list[str] = []
    add = lines.append
    parts: dict[str, list[str]] = {}
    computed: list[tuple[str, str, str, str]] = []
    loads = json.loads
    dumps = json.dumps
    labels = _chunk_labels
    for row in rows:
        meta = csv_line(list(row[:_META]))
        main, repeats_json, answers_json = row[_META:]
        if answers_json is None:
            repeats: dict[str, str] = loads(repeats_json) if repeats_json != "{}" else {}
        else:
            text = isinstance(answers_json, str)
            answers = loads(answers_json) if text else answers_json
            if labels is None:
                main, repeats = survey_csv(form, row[0], answers, today=_chunk_today)
            else:
                values, tables = flatten_survey(form, answers, today=_chunk_today)
                _relabel(values, labels.get(None, []))
                for name, table_rows in tables.items():
                    for r in table_rows:
                        _relabel(r, labels.get(name, []))
                main, repeats = csv_texts(row[0], values, tables)
            if _chunk_keep and text:
                computed.append((row[0], answers_json, main, dumps(repeats, ensure_ascii=False)))
        if _chunk_width:
            add(meta[:-2])
            add(",")
            add(main)
            add("\r\n")
        else:  # a form with only repeats: the main table is the meta columns
            add(meta)
        for name, text_ in repeats.items():
            found = parts.get(name)
            if found is None:
                parts[name] = [text_]
            else:
                found.append(text_)
    texts = {name: "".join(chunks) for name, chunks in parts.items()}
    return len(rows), "".join(lines), texts, computed


# -- XLSX ------------------------------------------------------------------------------------


def _converters(form: Form, names: list[str]) -> list[tuple[int, Callable[[Any], Any]]]:
    """Per column position, how a cell becomes a typed XLSX value: dates as dates."""
    questions: dict[str, Question] = {q.name: q for q in form.questions}
    found: list[tuple[int, Callable[[Any], Any]]] = []
    for pos, name in enumerate(names):
        if name in _TIMESTAMP_COLUMNS:
            found.append((pos, _as_datetime))
            continue
        q = questions.get(name)
        if q is None:
            continue
        if q.type == "date":
            found.append((pos, _as_date))
        elif q.type in ("datetime", "dateTime"):
            found.append((pos, _as_datetime))
    return found


def _as_date(value: Any) -> Any:
    if type(value) is str:
        try:
            return date.fromisoformat(value[:10]) if len(value) >= 10 else value
        except ValueError:
            return value
    return value


def _as_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        moment = value
    elif type(value) is str and value:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    else:
        return value
    # Excel has no time zones: UTC, written without one (the header says which).
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


class _XlsxRow:
    """Turns a row of cells into what openpyxl writes: texts as string cells (openpyxl would
    write a text starting with '=' as a formula), dates as dates, numbers as they are."""

    def __init__(self, sheet: Any, converters: list[tuple[int, Callable[[Any], Any]]]) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.sheet = sheet
        self.cell = WriteOnlyCell
        self.converters = converters

    def __call__(self, row: list[Any]) -> list[Any]:
        for pos, convert in self.converters:
            row[pos] = convert(row[pos])
        for i, value in enumerate(row):
            if type(value) is str and value and value[0] == "=":
                cell = self.cell(self.sheet, value)
                cell.data_type = "s"
                row[i] = cell
            elif isinstance(value, list | dict):
                row[i] = json.dumps(value, ensure_ascii=False)
        return row


def _export_xlsx(
    form: Form,
    out: Path,
    pages: Iterable[Page],
    options: ExportOptions,
    progress: Callable[[int], None] | None,
    every: int,
) -> Path:
    from openpyxl import Workbook

    from fieldapp.forms import flatten

    today = datetime.now(UTC).date()
    labels = _choice_labels(form, options) if options.choices == "labels" else {}
    header = [*META_COLUMNS, *flatten.columns(form)]
    book = Workbook(write_only=True)
    main = book.create_sheet("surveys")
    typed_main = _XlsxRow(main, _converters(form, header))
    main.append(typed_main(header_row(form, header, options)))
    sheets = {}
    for name, cols in flatten.repeat_tables(form).items():
        names = [*REPEAT_KEY_COLUMNS, *cols]
        sheet = book.create_sheet(name[:31])
        typed = _XlsxRow(sheet, _converters(form, names))
        sheet.append(typed(header_row(form, names, options)))
        sheets[name] = (sheet, typed)
    loads = json.loads
    count = 0
    for page in pages:
        for row in page:
            answers = row[-1]
            if answers is None:
                continue  # a cached row: the XLSX export is given answers (no cache key)
            if isinstance(answers, str):
                answers = loads(answers)
            values, tables = flatten.flatten_survey(form, answers, today=today)
            if labels:
                _relabel(values, labels.get(None, []))
            main.append(typed_main([*row[:_META], *values]))
            for name, table_rows in tables.items():
                sheet, typed = sheets[name]
                for r in table_rows:
                    if labels:
                        _relabel(r, labels.get(name, []))
                    sheet.append(typed([row[0], *r]))
            count += 1
            if progress and count % every == 0:
                progress(count)
    with atomic_open(out, "wb") as fh:
        book.save(fh)
    return out


def _export_geojson(store: Store, out: Path) -> Path:
    features = []
    for row in store.conn.execute(
        "SELECT id, code, name_fr, name_ar, type, capacity, region, province, commune, site, "
        "latitude, longitude, survey_status FROM establishments ORDER BY code"
    ):
        (
            eid,
            code,
            name_fr,
            name_ar,
            kind,
            capacity,
            region,
            province,
            commune,
            site,
            lat,
            lon,
            status,
        ) = row
        features.append(
            {
                "type": "Feature",
                "id": eid,
                "geometry": None
                if lat is None or lon is None
                else {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "code": code,
                    "name_fr": name_fr,
                    "name_ar": name_ar,
                    "type": kind,
                    "capacity": capacity,
                    "region": region,
                    "province": province,
                    "commune": commune,
                    "site": site,
                    "status": status,
                },
            }
        )
    with atomic_open(out) as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
    return out
