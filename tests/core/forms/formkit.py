"""Helpers for the form engine tests: small definitions as dicts, small XLSForm workbooks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from fieldapp.forms import Form, load_form


def definition(
    children: list[dict[str, Any]],
    choice_lists: dict[str, list[dict[str, Any]]] | None = None,
    **top: Any,
) -> dict[str, Any]:
    """A one-language (en) definition around `children`."""
    data: dict[str, Any] = {
        "format": "fieldapp-form",
        "format_version": 1,
        "id": "test",
        "version": "1",
        "title": {"en": "Test"},
        "default_language": "en",
        "languages": ["en"],
        "choice_lists": choice_lists or {},
        "children": children,
    }
    data.update(top)
    return data


def q(name: str, type_: str = "integer", **fields: Any) -> dict[str, Any]:
    """A question dict with an English label."""
    item: dict[str, Any] = {"type": type_, "name": name}
    if type_ != "calculate":
        item["label"] = {"en": name.title()}
    item.update(fields)
    return item


def group(name: str, children: list[dict[str, Any]], type_: str = "group", **fields: Any):
    return {
        "type": type_,
        "name": name,
        "label": {"en": name.title()},
        "children": children,
        **fields,
    }


def choices(*names: str, **columns: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for n in names:
        entry: dict[str, Any] = {"name": n, "label": {"en": n.upper()}}
        if n in columns:
            entry["columns"] = columns[n]
        out.append(entry)
    return out


def form_of(children: list[dict[str, Any]], choice_lists=None, **top: Any) -> Form:
    return load_form(definition(children, choice_lists, **top))


SETTINGS: list[list[Any]] = [["form_id", "version", "form_title"], ["small", "3", "Small"]]


def workbook(
    path: Path,
    survey: list[list[Any]],
    choices_rows: list[list[Any]] | None = None,
    settings: list[list[Any]] | None = None,
    extra_sheets: dict[str, list[list[Any]]] | None = None,
) -> Path:
    """Write an XLSForm: each sheet is a header row then data rows (.xls: the legacy format)."""
    if path.suffix == ".xls":
        sheets = {"survey": survey, **({"choices": choices_rows} if choices_rows else {})}
        sheets["settings"] = settings or SETTINGS
        return _legacy_workbook(path, {**sheets, **(extra_sheets or {})})
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in survey:
        ws.append(row)
    if choices_rows is not None:
        sheet = wb.create_sheet("choices")
        for row in choices_rows:
            sheet.append(row)
    if settings is None:
        settings = SETTINGS
    sheet = wb.create_sheet("settings")
    for row in settings:
        sheet.append(row)
    for name, rows in (extra_sheets or {}).items():
        sheet = wb.create_sheet(name)
        for row in rows:
            sheet.append(row)
    wb.save(path)
    return path


def _legacy_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    import xlwt  # type: ignore[import-untyped]

    book = xlwt.Workbook()
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write(r, c, value, dates)
                elif value is not None:
                    sheet.write(r, c, value)
    book.save(str(path))
    return path
