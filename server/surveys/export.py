"""Streamed exports of surveys, flattened exactly as the desktop app flattens them
(`fieldapp.forms.flatten`).

Rows are read with `.iterator(chunk_size=…)` (a server-side cursor on PostgreSQL) and written
as they come, CSV with the csv module and XLSX with openpyxl's write-only mode, so memory stays
flat whatever the number of surveys. Repeat groups go to one extra table each (an extra CSV
file `<out>.<table>.csv`, or an extra sheet).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .formengine import form_for
from .models import FormVersion, Survey

CHUNK = 2000
META_COLUMNS = [
    "survey_id", "establishment_code", "establishment_name", "region", "province", "commune",
    "status", "revision", "author", "updated_at",
]  # fmt: skip


class ExportError(Exception):
    pass


def pick_form(form_ref: str | None) -> FormVersion:
    """`form_id@version`, `form_id` (its latest version) or None (the baseline form's latest)."""
    if form_ref is None:
        from fieldapp.forms import baseline_form

        form_ref = baseline_form().id
    form_id, _, version = form_ref.partition("@")
    versions = FormVersion.objects.filter(form_id=form_id)
    if version:
        versions = versions.filter(version=version)
    found = versions.order_by("-published_at", "-id").first()
    if found is None:
        raise ExportError(f"no published form {form_ref}")
    return found


def _rows(version: FormVersion) -> Iterator[tuple[Survey, dict[str, Any], dict[str, Any]]]:
    from fieldapp.forms.flatten import flatten, flatten_repeats

    form = form_for(version)
    surveys = (
        Survey.objects.filter(form=version)
        .select_related("establishment")
        .order_by("id")
        .iterator(chunk_size=CHUNK)
    )
    for survey in surveys:
        est = survey.establishment
        meta = {
            "survey_id": survey.id,
            "establishment_code": est.code,
            "establishment_name": est.name_fr,
            "region": est.region,
            "province": est.province,
            "commune": est.commune,
            "status": survey.status,
            "revision": survey.revision,
            "author": survey.author,
            "updated_at": survey.updated_at,
        }
        yield (
            survey,
            {**meta, **flatten(form, survey.answers)},
            flatten_repeats(form, survey.answers),
        )


def _repeat_layout(version: FormVersion) -> dict[str, list[str]]:
    from fieldapp.forms.flatten import repeat_tables

    tables = repeat_tables(form_for(version))
    if isinstance(tables, dict):
        return {str(name): ["survey_id", *list(cols)] for name, cols in tables.items()}
    return {
        str(getattr(t, "name", t)): ["survey_id", *list(getattr(t, "columns", []))] for t in tables
    }


def _repeat_rows(repeats: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(repeats, dict):
        for table, rows in repeats.items():
            for row in rows:
                yield str(table), row
    else:
        for table, row in repeats:
            yield str(table), row


def export(version: FormVersion, fmt: str, out: Path) -> int:
    """Write every survey of `version` to `out`; returns the number of surveys. The file
    appears complete or not at all (written beside, then renamed)."""
    from fieldapp.forms.flatten import columns

    header = META_COLUMNS + [c for c in columns(form_for(version)) if c not in META_COLUMNS]
    repeats = _repeat_layout(version)
    tmp = out.with_name(out.name + ".partial")
    if fmt == "csv":
        count = _export_csv(version, header, repeats, out, tmp)
    elif fmt == "xlsx":
        count = _export_xlsx(version, header, repeats, tmp)
    else:
        raise ExportError(f"unknown format {fmt}; use csv or xlsx")
    os.replace(tmp, out)
    return count


def _export_csv(
    version: FormVersion, header: list[str], repeats: dict[str, list[str]], out: Path, tmp: Path
) -> int:
    count = 0
    extra_files = {name: out.with_name(f"{out.stem}.{name}.csv") for name in repeats}
    handles = {
        name: path.with_name(path.name + ".partial").open("w", newline="", encoding="utf-8-sig")
        for name, path in extra_files.items()
    }
    try:
        writers = {
            name: csv.DictWriter(handles[name], fieldnames=cols, extrasaction="ignore")
            for name, cols in repeats.items()
        }
        for w in writers.values():
            w.writeheader()
        with tmp.open("w", newline="", encoding="utf-8-sig") as f:
            main = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
            main.writeheader()
            for survey, row, repeat_rows in _rows(version):
                main.writerow(row)
                for table, rrow in _repeat_rows(repeat_rows):
                    if table in writers:
                        writers[table].writerow({"survey_id": survey.id, **rrow})
                count += 1
    finally:
        for h in handles.values():
            h.close()
    for path in extra_files.values():
        os.replace(path.with_name(path.name + ".partial"), path)
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return str(value)
    return value


def _export_xlsx(
    version: FormVersion, header: list[str], repeats: dict[str, list[str]], tmp: Path
) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    main = book.create_sheet("surveys")
    main.append(header)
    sheets = {}
    for name, cols in repeats.items():
        sheets[name] = (book.create_sheet(name[:31]), cols)
        sheets[name][0].append(cols)
    count = 0
    for survey, row, repeat_rows in _rows(version):
        main.append([_cell(row.get(c)) for c in header])
        for table, rrow in _repeat_rows(repeat_rows):
            if table in sheets:
                sheet, cols = sheets[table]
                full = {"survey_id": survey.id, **rrow}
                sheet.append([_cell(full.get(c)) for c in cols])
        count += 1
    with tmp.open("wb") as f:
        book.save(f)
    return count
