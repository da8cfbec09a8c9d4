"""Spreadsheets as people hand them over: .xlsx (openpyxl) and legacy .xls (xlrd).

One reader for every workbook the project takes in (XLSForms, the ministry's registry), so
both see cells the same way: `cell_text` gives the text a person sees in the cell.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final, Protocol

XLSX_MAGIC: Final = b"PK\x03\x04"
XLS_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the OLE2 container of Excel 97-2003
# What an .xlsx may unpack to. The largest of 217 public XLSForms unpacks to 6.2 MB (ratio 24:1
# at most); a ministry registry of 5,000 lines to about 4 MB. A 1 MB file unpacking to 300 MB
# of rows took `form check` two minutes and 440 MB of memory before this cap.
MAX_UNPACKED_BYTES: Final = 64 * 1024 * 1024


class WorkbookError(ValueError):
    """The file cannot be read as a workbook; the message says which file and why."""


class Sheet(Protocol):
    def iter_rows(self, *, values_only: bool = True) -> Iterator[tuple[Any, ...]]: ...


class Workbook(Protocol):
    sheetnames: list[str]

    def __getitem__(self, name: str) -> Any: ...

    def close(self) -> None: ...


def is_workbook(data: bytes) -> bool:
    """Whether these bytes start as an .xlsx or a legacy .xls workbook."""
    return data.startswith((XLSX_MAGIC, XLS_MAGIC))


def cell_text(value: Any) -> str:
    """A cell's value as the text a person sees: 40.0 is '40', a date its ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


class _XlsSheet:
    """A sheet of a legacy .xls workbook, offering what we read of openpyxl's: its rows as
    tuples of values."""

    def __init__(self, sheet: Any, datemode: int) -> None:
        self._sheet = sheet
        self._datemode = datemode

    def iter_rows(self, *, values_only: bool = True) -> Iterator[tuple[Any, ...]]:
        import xlrd

        for r in range(self._sheet.nrows):
            values: list[Any] = []
            for cell in self._sheet.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        values.append(xlrd.xldate_as_datetime(cell.value, self._datemode))
                    except (ValueError, OverflowError):
                        values.append(cell.value)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    values.append(bool(cell.value))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    values.append(None)
                else:
                    values.append(cell.value)
            yield tuple(values)


class _XlsWorkbook:
    def __init__(self, book: Any) -> None:
        self._book = book
        self.sheetnames: list[str] = list(book.sheet_names())

    def __getitem__(self, name: str) -> _XlsSheet:
        return _XlsSheet(self._book.sheet_by_name(name), self._book.datemode)

    def close(self) -> None:
        self._book.release_resources()


def _check_unpacked_size(data: Path | io.BytesIO, name: str) -> None:
    """Refuse an .xlsx whose parts unpack past MAX_UNPACKED_BYTES, before any is read: the sizes
    its directory declares are what Python's zipfile will inflate at most."""
    with zipfile.ZipFile(data) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if isinstance(data, io.BytesIO):
        data.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            f"{name} unpacks to {unpacked // (1024 * 1024)} MB, more than the "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB a workbook written by people comes to: "
            "it is not read"
        )


def open_workbook(source: Path | bytes, name: str = "") -> Workbook:
    """The workbook in a file (by its suffix) or in bytes (by their first bytes): an object
    with `sheetnames`, `[name]` giving sheets with `iter_rows(values_only=True)`, and
    `close()`. WorkbookError when it cannot be read."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if isinstance(source, Path):
        name = name or source.name
        legacy = source.suffix.lower() == ".xls"
        kind = source.suffix.lower()
    else:
        legacy = source.startswith(XLS_MAGIC)
        kind = ".xls" if legacy else ".xlsx"
    try:
        if legacy:
            import xlrd

            try:
                if isinstance(source, Path):
                    return _XlsWorkbook(xlrd.open_workbook(str(source), on_demand=False))
                return _XlsWorkbook(xlrd.open_workbook(file_contents=source, on_demand=False))
            except Exception as err:  # xlrd's own, and struct/index errors on damaged files
                raise WorkbookError(f"{name} is not a readable .xls workbook ({err})") from err
        data = source if isinstance(source, Path) else io.BytesIO(source)
        _check_unpacked_size(data, name)
        workbook: Workbook = load_workbook(data, read_only=True, data_only=True)
        return workbook
    except FileNotFoundError as err:
        where = source if isinstance(source, Path) else name
        raise WorkbookError(f"cannot read {where}: no such file") from err
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        if isinstance(err, WorkbookError):
            raise
        raise WorkbookError(f"{name} is not a readable {kind} workbook ({err})") from err
