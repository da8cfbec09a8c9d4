"""Exports for Excel and QGIS: one row per survey, one column per question (CSV, XLSX), and
establishments with their latest survey status (GeoJSON).

Files are written next to the target and renamed into place, so a failed export never leaves
a half-written file where the previous good one was.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

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


@contextmanager
def _atomic(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        fh: IO[Any]
        if "b" in mode:
            fh = os.fdopen(fd, mode)
        else:
            fh = os.fdopen(fd, mode, newline="", encoding="utf-8")
        with fh:
            yield fh
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _survey_rows(store: Store, form_id: str, batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    after = ""
    while True:
        rows = store.conn.execute(_SURVEY_SQL, (form_id, after, batch)).fetchall()
        if not rows:
            return
        yield from rows
        after = rows[-1][0]


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


def export_surveys(
    store: Store,
    fmt: str,
    out: Path,
    *,
    form: Form | None = None,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 500,
) -> list[Path]:
    """Write surveys (csv, xlsx) or establishments (geojson). Returns the files written.

    `progress(count)` is called every `progress_every` surveys; raising from it cancels the
    export and leaves any previous file at `out` as it was.
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
        return _export_csv(store, form, out, header, repeats, progress, progress_every)
    return [_export_xlsx(store, form, out, header, repeats, progress, progress_every)]


def _export_csv(
    store: Store,
    form: Form,
    out: Path,
    header: list[str],
    repeats: dict[str, list[str]],
    progress: Callable[[int], None] | None,
    every: int,
) -> list[Path]:
    repeat_paths = {
        name: out.with_name(f"{out.stem}-{name}{out.suffix or '.csv'}") for name in repeats
    }
    with ExitStack() as stack:
        writer = csv.writer(stack.enter_context(_atomic(out)))
        writer.writerow(header)
        repeat_writers = {
            name: csv.writer(stack.enter_context(_atomic(path)))
            for name, path in repeat_paths.items()
        }
        for name, w in repeat_writers.items():
            w.writerow([*REPEAT_KEY_COLUMNS, *repeats[name]])
        for count, (row, repeat_rows) in enumerate(_flattened(store, form), start=1):
            writer.writerow(row)
            for name, items in repeat_rows.items():
                write = repeat_writers[name].writerow
                for index, item in enumerate(items, start=1):
                    write([row[0], index, *item])
            if progress and count % every == 0:
                progress(count)
    return [out, *repeat_paths.values()]


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
    with _atomic(out, "wb") as fh:
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
    with _atomic(out) as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
    return out
