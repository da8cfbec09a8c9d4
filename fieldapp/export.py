"""Exports for Excel and QGIS: one row per survey, one column per question (CSV, XLSX), and
establishments with their latest survey status (GeoJSON).

Files are written next to the target and renamed into place, so a failed export never leaves
a half-written file where the previous good one was.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.files import atomic_open
from fieldapp.store.store import Store

if TYPE_CHECKING:
    from fieldapp.forms import Form

FORMATS = ("csv", "xlsx", "geojson")
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
REPEAT_KEY_COLUMNS = ("_survey_id", "_index")

_SURVEY_SQL = (
    "SELECT s.id, e.code, e.name_fr, e.name_ar, e.region, e.province, e.commune, s.form_id, "
    "s.form_version, s.status, s.revision, s.author, s.created_at, s.updated_at, s.answers "
    "FROM surveys s JOIN establishments e ON e.id = s.establishment_id "
    "WHERE s.form_id = ? AND s.id > ? ORDER BY s.id LIMIT ?"
)
# The CSV export: the meta columns, then the cached CSV text of the answers when the store
# has it for this form (fieldapp.store.export_cache), else the answers JSON to flatten.
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
_META = len(META_COLUMNS)


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


def _survey_rows(store: Store, form_id: str, batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    for page in _survey_pages(store, form_id, batch):
        yield from page


def _flattened(
    store: Store, form: Form
) -> Iterator[tuple[list[Any], dict[str, list[list[object]]]]]:
    """Each survey's main row (meta columns first) and its repeat rows, in survey id order."""
    from fieldapp.forms.flatten import flatten_survey

    today = datetime.now(UTC).date()
    loads = json.loads
    for row in _survey_rows(store, form.id):
        values, repeat_rows = flatten_survey(form, loads(row[-1]), today=today)
        yield [*row[:-1], *values], repeat_rows


PAGE_SIZE = 2000  # surveys read per query, and flattened per task in a worker
# Below this many surveys, starting worker processes costs more than it saves.
PARALLEL_MIN_SURVEYS = 20_000


def export_surveys(
    store: Store,
    fmt: str,
    out: Path,
    *,
    form: Form | None = None,
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
        raise ValueError(f"Unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    if fmt == "geojson":
        return [_export_geojson(store, out)]
    from fieldapp.forms import baseline_form, flatten

    form = form or baseline_form()
    header = [*META_COLUMNS, *flatten.columns(form)]
    repeats = flatten.repeat_tables(form)
    if fmt == "csv":
        if workers is None:
            workers = _auto_workers(store, form)
        return _export_csv(store, form, out, header, repeats, progress, progress_every, workers)
    return [_export_xlsx(store, form, out, header, repeats, progress, progress_every)]


def _auto_workers(store: Store, form: Form) -> int:
    # A frozen desktop build would start the whole app again in each spawned process.
    if getattr(sys, "frozen", False):
        return 1
    cores = min(os.cpu_count() or 1, 4)
    if cores < 2:
        return 1
    # Surveys whose CSV text the store keeps are only copied: only the others need flattening.
    (stale,) = store.conn.execute(_STALE_SQL, (_form_key(form), form.id)).fetchone()
    return cores if stale >= PARALLEL_MIN_SURVEYS else 1


def _form_key(form: Form) -> str:
    from fieldapp.forms.flatten import export_key

    # A form whose rows depend on today() is never cached: match no cached row at all.
    return export_key(form) or ""


def _export_csv(
    store: Store,
    form: Form,
    out: Path,
    header: list[str],
    repeats: dict[str, list[str]],
    progress: Callable[[int], None] | None,
    every: int,
    workers: int = 1,
) -> list[Path]:
    from fieldapp.store import export_cache

    repeat_paths = {
        name: out.with_name(f"{out.stem}-{name}{out.suffix or '.csv'}") for name in repeats
    }
    key = _form_key(form)
    with ExitStack() as stack:
        main_file = stack.enter_context(atomic_open(out))
        csv.writer(main_file).writerow(header)
        repeat_files = {
            name: stack.enter_context(atomic_open(p)) for name, p in repeat_paths.items()
        }
        for name, fh in repeat_files.items():
            csv.writer(fh).writerow([*REPEAT_KEY_COLUMNS, *repeats[name]])
        today = datetime.now(UTC).date()
        pages = _survey_pages(store, form.id, PAGE_SIZE, sql=_CSV_SQL, params=(key,))
        chunks: Iterator[_Chunk]
        if workers > 1:
            # "spawn", never "fork": the desktop app exports from a Qt process, and a forked
            # copy of a Qt process (threads, X11/Wayland connections) is unsafe.
            pool = stack.enter_context(
                multiprocessing.get_context("spawn").Pool(
                    workers, _init_worker, (form.to_json(), today)
                )
            )
            stack.callback(pool.terminate)  # a cancelled export stops the workers at once
            chunks = pool.imap(_csv_chunk, pages)
        else:
            _init_worker(form, today)
            chunks = map(_csv_chunk, pages)
        count = 0
        fresh: list[tuple[str, str, str, str, str]] = []
        for n, main_text, repeat_texts, computed in chunks:
            main_file.write(main_text)
            for name, text in repeat_texts.items():
                repeat_files[name].write(text)
            if key:
                fresh.extend((sid, answers, key, m, r) for sid, answers, m, r in computed)
            if progress:
                # The same calls as one survey at a time: every `every` surveys.
                for k in range(count // every + 1, (count + n) // every + 1):
                    progress(k * every)
            count += n
    # The files are in place: keep what was flattened, so the next export only copies it.
    for i in range(0, len(fresh), PAGE_SIZE):
        export_cache.write_back(store, fresh[i : i + PAGE_SIZE])
    return [out, *repeat_paths.values()]


# One form per process, set by `_init_worker` (in a worker process, or in this one).
_chunk_form: Form | None = None
_chunk_today: date | None = None
_chunk_width = 0  # the form's main-table columns (after the meta columns)
# Surveys in a page, the main table's text, each repeat table's text, and the surveys that
# were flattened here: (survey id, answers JSON, main text, repeats JSON).
_Chunk = tuple[int, str, dict[str, str], list[tuple[str, str, str, str]]]


def _init_worker(form: Form | dict[str, Any], today: date) -> None:
    global _chunk_form, _chunk_today, _chunk_width
    from fieldapp.forms.flatten import columns

    if isinstance(form, dict):
        from fieldapp.forms import load_form

        form = load_form(form)
    _chunk_form = form
    _chunk_today = today
    _chunk_width = len(columns(form))


def _csv_chunk(rows: list[tuple[Any, ...]]) -> _Chunk:
    """A page of surveys as CSV text: the main table's lines and each repeat table's.

    A row is the meta columns, then either the cached main text and repeats JSON (answers
    None), or None, None and the answers JSON, which is flattened here."""
    from fieldapp.forms.flatten import csv_line, survey_csv

    form = _chunk_form
    assert form is not None
    lines: list[str] = []
    add = lines.append
    parts: dict[str, list[str]] = {}
    computed: list[tuple[str, str, str, str]] = []
    loads = json.loads
    dumps = json.dumps
    for row in rows:
        meta = csv_line(list(row[:_META]))
        main, repeats_json, answers_json = row[_META:]
        if answers_json is None:
            repeats: dict[str, str] = loads(repeats_json) if repeats_json != "{}" else {}
        else:
            answers = loads(answers_json)
            main, repeats = survey_csv(form, row[0], answers, today=_chunk_today)
            computed.append((row[0], answers_json, main, dumps(repeats, ensure_ascii=False)))
        if _chunk_width:
            add(meta[:-2])
            add(",")
            add(main)
            add("\r\n")
        else:  # a form with only repeats: the main table is the meta columns
            add(meta)
        for name, text in repeats.items():
            found = parts.get(name)
            if found is None:
                parts[name] = [text]
            else:
                found.append(text)
    texts = {name: "".join(chunks) for name, chunks in parts.items()}
    return len(rows), "".join(lines), texts, computed


def _export_xlsx(
    store: Store,
    form: Form,
    out: Path,
    header: list[str],
    repeats: dict[str, list[str]],
    progress: Callable[[int], None] | None,
    every: int,
) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    main = book.create_sheet("surveys")
    main.append(header)
    sheets = {}
    for name, cols in repeats.items():
        sheets[name] = book.create_sheet(name[:31])
        sheets[name].append([*REPEAT_KEY_COLUMNS, *cols])
    for count, (row, repeat_rows) in enumerate(_flattened(store, form), start=1):
        main.append(row)
        for name, items in repeat_rows.items():
            for index, item in enumerate(items, start=1):
                sheets[name].append([row[0], index, *item])
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
