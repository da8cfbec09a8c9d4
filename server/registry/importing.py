"""Reading the ministry's registry files: what `fieldapp-server import-establishments` accepts.

The lists come out of Excel: the workbook itself (.xlsx, or .xls from an older Office), or its
"CSV" (`;`-separated, Windows-1252 on a French Windows, Windows-1256 on an Arabic one), with
French column names and labels ("Personnes âgées", "Marrakech-Safi", "32,23"), sometimes
Arabic, sometimes a title line above the header, a total line below, or a region named as
before 2015. This module turns such a file into checked Establishment fields, one reason per
refused line, and writes nothing; `server.registry.actions.import_establishments` writes what
it returns.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fieldapp.geo import (
    ISO_REGIONS,
    MOROCCO_BBOX,
    province_region,
    region_before_2015,
    region_code,
)
from fieldapp.text import fold
from fieldapp.workbook import WorkbookError, cell_text, is_workbook, open_workbook

IMPORT_COLUMNS = [
    "code", "name_fr", "name_ar", "type", "capacity", "region", "province", "commune",
    "site", "latitude", "longitude",
]  # fmt: skip
REQUIRED_COLUMNS = ["code", "name_fr", "region"]  # the region, or a province that tells it
OPTIONAL_COLUMNS = ["manager"]

# Column headers as the ministry's files spell them (folded) -> our column.
HEADER_ALIASES: dict[str, str] = {
    "code etablissement": "code",
    "code officiel": "code",
    "code eps": "code",
    "nom": "name_fr",
    "nom fr": "name_fr",
    "nom (fr)": "name_fr",
    "nom francais": "name_fr",
    "nom de l etablissement": "name_fr",
    "nom ar": "name_ar",
    "nom (ar)": "name_ar",
    "nom arabe": "name_ar",
    "الاسم": "name_ar",
    "categorie": "type",
    "type d etablissement": "type",
    "capacite": "capacity",
    "region": "region",
    "الجهه": "region",
    "site ocp": "site",
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
    "responsable": "manager",
}

# Establishment type: the code, its French and Arabic labels, and words the lists use.
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "elderly": ("Personnes âgées", "الأشخاص المسنون"),
    "children": ("Enfants", "الأطفال"),
    "disability": ("Personnes en situation de handicap", "الأشخاص في وضعية إعاقة"),
    "women": ("Femmes en difficulté", "النساء في وضعية صعبة"),
    "multipurpose": ("Centre social polyvalent", "مركز اجتماعي متعدد الاختصاصات"),
}
# Words that name one type wherever they appear in the label (folded).
TYPE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "elderly": ("agee", "vieillesse", "retraite", "troisieme age", "مسن", "عجزه"),
    "children": ("enfan", "orphel", "jeunes", "طفل", "اطفال", "طفوله", "ايتام"),
    "disability": ("handicap", "infirm", "اعاقه", "معاق"),
    "women": ("femme", "feminin", "نساء", "مراه"),
    "multipurpose": ("polyvalent", "multifonction", "pluridisciplinaire", "متعدد"),
}


@dataclass
class ParsedFile:
    """The checked rows of a registry file: (line number, fields) and (line, reason)."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    delimiter: str = ","
    encoding: str = "utf-8"


_ARABIC_RUN = re.compile("[\u0600-\u06ff]{2,}")


def _arabic_share(text: str) -> float:
    """The share of the text's non-ASCII characters that stand in runs of Arabic letters:
    Arabic words. (A French capital read in Windows-1256 is one Arabic letter between Latin
    ones: 'CATÉGORIE' is 'CATةGORIE', no run.)"""
    wide = sum(ord(ch) > 127 for ch in text)
    return sum(len(run) for run in _ARABIC_RUN.findall(text)) / wide if wide else 0.0


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """The file's text, the encoding read and warnings: UTF-8 (with or without a byte-order
    mark), else Windows-1256 (Excel's "CSV" on an Arabic Windows: French accents and Arabic
    letters) when the bytes read as Arabic words there, else Windows-1252 (French Excel's
    "CSV"), else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    # French text reads the same in both code pages (Windows-1256 kept the French letters);
    # Arabic text read as Windows-1252 is "ÇáÃØÝÇá": mostly Arabic letters in 1256 decides.
    arabic = data.decode("cp1256", errors="replace")
    candidates = (
        ("cp1256", "cp1252", "latin-1") if _arabic_share(arabic) >= 0.5 else ("cp1252", "latin-1")
    )
    names = {"cp1256": "Windows-1256 (Arabic)", "cp1252": "Windows-1252", "latin-1": "Latin-1"}
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return (
            text,
            encoding,
            [
                f"the file is not UTF-8: read as {names[encoding]} (as Excel writes its 'CSV'); "
                "check that accented and Arabic names look right, or save it as 'CSV UTF-8'"
            ],
        )
    raise ValueError("the file is not text")  # latin-1 decodes any bytes: not reached


def sniff_delimiter(text: str) -> str:
    """`,`, `;` or tab: the one the header line splits on most (French Excel writes `;`)."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: header.count(d) for d in (",", ";", "\t")}
        return max(counts, key=lambda d: counts[d])


def column_name(header: str) -> str:
    key = fold(header.strip().lstrip("\ufeff")).replace("_", " ")
    if key.replace(" ", "_") in IMPORT_COLUMNS + OPTIONAL_COLUMNS:
        return key.replace(" ", "_")
    return HEADER_ALIASES.get(key, key.replace(" ", "_"))


def establishment_type(text: str) -> str:
    """The type code of a type given as code, French or Arabic label or common word."""
    if not text:
        return ""
    key = fold(text)
    for code, (fr, ar) in TYPE_LABELS.items():
        if key in (code, fold(fr), fold(ar)):
            return code
    found = {code for code, words in TYPE_KEYWORDS.items() if any(w in key for w in words)}
    if len(found) == 1:
        return found.pop()
    accepted = "; ".join(f"{code} ({fr})" for code, (fr, _) in TYPE_LABELS.items())
    if found:
        raise ValueError(f"type '{text}' could be {' or '.join(sorted(found))}: give the code")
    raise ValueError(f"type '{text}' is unknown: use a code or label among {accepted}")


def _number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def _coordinates(lat_text: str, lon_text: str) -> tuple[float | None, float | None]:
    if not lat_text and not lon_text:
        return None, None
    if not lat_text or not lon_text:
        raise ValueError("give both latitude and longitude, or neither")
    try:
        lat, lon = _number(lat_text), _number(lon_text)
    except ValueError:
        raise ValueError(f"coordinates '{lat_text}', '{lon_text}' are not numbers") from None
    box = MOROCCO_BBOX
    inside = lambda a, o: (  # noqa: E731
        box["lat_min"] <= a <= box["lat_max"] and box["lon_min"] <= o <= box["lon_max"]
    )
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError("coordinates are not finite numbers")
    if inside(lat, lon):
        return lat, lon
    if inside(lon, lat):
        raise ValueError(f"latitude {lat_text} and longitude {lon_text} look swapped")
    if inside(lat, -lon):
        raise ValueError(f"longitude {lon_text} is east of Greenwich: Morocco's is negative")
    raise ValueError(
        f"coordinates {lat_text}, {lon_text} are outside Morocco "
        f"(latitude {box['lat_min']} to {box['lat_max']}, "
        f"longitude {box['lon_min']} to {box['lon_max']})"
    )


def _named(code: str) -> str:
    return f"{ISO_REGIONS[code][0]} ({code})"


def _region(text: str, province: str, notes: set[str] | None) -> str:
    """The ISO code of the line's region. Read from the region column; from the province
    when the region is missing, or was split in 2015 (a region before 2015 whose provinces
    all went to one of today's is read as it). A province of another region is noted."""
    note = notes.add if notes is not None else (lambda _: None)
    located = province_region(province) if province else None
    if not text:
        if located is None:
            raise ValueError(
                f"region is empty and the province '{province}' is not one of Morocco's 75"
                if province
                else "region is empty"
            )
        note(f"region read from the province ({located[0]}: {_named(located[1])})")
        return located[1]
    region = region_code(text)
    if region is None:
        before = region_before_2015(text)
        if before is None:
            raise ValueError(
                f"region '{text}' is unknown: give its ISO code (MA-01 … MA-12) "
                "or its French or Arabic name"
            )
        old, codes = before
        if len(codes) == 1:
            region = codes[0]
            note(f"region '{old}' (before 2015) read as today's {_named(region)}")
        elif located is not None and located[1] in codes:
            region = located[1]
            note(f"region '{old}' (before 2015) read as today's {_named(region)} from the province")
        else:
            raise ValueError(
                f"region '{text}' is a region before 2015, now split between "
                f"{' and '.join(_named(c) for c in codes)}: give today's region"
            )
    if located is not None and located[1] != region:
        note(
            f"the province {located[0]} is in {_named(located[1])}, the region given is "
            f"{_named(region)}: check it (kept {region})"
        )
    return region


def parse_row(row: dict[str, str], notes: set[str] | None = None) -> dict[str, Any]:
    """One row (column -> text) as Establishment fields; raises ValueError with the reason.
    What was read with a second look (a region named as before 2015) is added to `notes`."""
    clean = {column_name(k): (v or "").strip() for k, v in row.items() if k}
    empty = [name for name in ("code", "name_fr") if not clean.get(name)]
    if not clean.get("region") and not clean.get("province"):
        empty.append("region")
    if empty:
        raise ValueError(f"{', '.join(empty)} {'is' if len(empty) == 1 else 'are'} empty")
    fields: dict[str, Any] = {
        name: clean.get(name, "") for name in ("name_fr", "name_ar", "province", "commune", "site")
    }
    fields["manager"] = clean.get("manager", "")
    code = clean["code"]
    if len(code) > 50:
        raise ValueError("code is longer than 50 characters")
    fields["code"] = code
    fields["region"] = _region(clean.get("region", ""), clean.get("province", ""), notes)
    fields["type"] = establishment_type(clean.get("type", ""))
    capacity = clean.get("capacity", "").replace("\u00a0", "").replace(" ", "")
    if capacity.endswith((".0", ",0")):
        capacity = capacity[:-2]
    if capacity and not capacity.isdigit():
        raise ValueError(f"capacity '{clean['capacity']}' is not a whole number")
    fields["capacity"] = int(capacity) if capacity else None
    fields["latitude"], fields["longitude"] = _coordinates(
        clean.get("latitude", ""), clean.get("longitude", "")
    )
    return fields


# A title (and blank lines) may stand above the header: it is looked for in the first lines.
HEADER_SEARCH_LINES = 10


def _csv_lines(data: bytes, parsed: ParsedFile) -> Iterator[tuple[int, list[str]]]:
    text, parsed.encoding, parsed.warnings = decode(data)
    parsed.delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=parsed.delimiter)
    for values in reader:
        yield reader.line_num, values


def _sheet_lines(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, [cell_text(v) for v in row]


def _workbook_lines(data: bytes, parsed: ParsedFile) -> Iterator[tuple[int, list[str]]]:
    """The lines of the workbook's first sheet that has the header (else its first sheet),
    numbered as Excel numbers its rows."""
    workbook = open_workbook(data, "the file")
    try:
        names = list(workbook.sheetnames)
        if not names:
            return
        chosen = names[0]
        for name in names:
            first = itertools.islice(_sheet_lines(workbook[name]), HEADER_SEARCH_LINES)
            if _find_header(first) is not None:
                chosen = name
                break
        parsed.encoding, parsed.delimiter = "workbook", ""
        if len(names) > 1:
            parsed.warnings.append(
                f"read the sheet '{chosen}' of {len(names)}; line numbers are its row numbers"
            )
        yield from _sheet_lines(workbook[chosen])
    finally:
        workbook.close()


def _missing_columns(header: list[str]) -> list[str]:
    columns = {column_name(h) for h in header}
    if "province" in columns:
        columns.add("region")
    return [c for c in REQUIRED_COLUMNS if c not in columns]


def _find_header(lines: Iterable[tuple[int, list[str]]]) -> tuple[int, list[str]] | None:
    """The first of the first lines that names every required column."""
    for count, (line, values) in enumerate(lines):
        if count >= HEADER_SEARCH_LINES:
            break
        if not _missing_columns(values):
            return line, values
    return None


def _is_total(values: list[str]) -> bool:
    first = next((v for v in values if v.strip()), "")
    return fold(first).startswith(("total", "المجموع"))


def read_registry(data: bytes) -> ParsedFile:
    """Every line of a registry file (CSV or workbook) checked: good rows, bad lines with their
    reasons."""
    parsed = ParsedFile()
    try:
        lines = list(
            _workbook_lines(data, parsed) if is_workbook(data) else _csv_lines(data, parsed)
        )
    except WorkbookError as err:
        parsed.errors.append((1, f"{err}; save it again from Excel, or as CSV"))
        return parsed
    filled = [(line, values) for line, values in lines if any(v.strip() for v in values)]
    if not filled:
        parsed.errors.append((1, "the file is empty"))
        return parsed
    found = _find_header(filled)
    if found is None:
        line, header = filled[0]
        shown = {",": "comma", ";": "semicolon", "\t": "tab", "": "workbook's"}[parsed.delimiter]
        what = "columns" if not parsed.delimiter else f"{shown} separator"
        parsed.errors.append(
            (
                line,
                f"missing column(s) "
                f"{', '.join(_missing_columns(header))}"
                f"; the header read with the {what} has: "
                f"{', '.join(h.strip() for h in header if h.strip()) or 'nothing'} "
                f"(expected columns: {', '.join(IMPORT_COLUMNS + OPTIONAL_COLUMNS)})",
            )
        )
        return parsed
    header_line, header = found
    if header_line > filled[0][0]:
        parsed.warnings.append(
            f"the header is on line {header_line}: the {header_line - 1} line(s) above it "
            "(a title) are not read"
        )
    columns = [column_name(h) for h in header]
    notes: dict[str, list[int]] = {}
    seen: dict[str, int] = {}
    for line, values in filled:
        if line <= header_line:
            continue
        if not parsed.delimiter:  # a workbook: every row has the sheet's width
            extra = [v for v in values[len(columns) :] if v.strip()]
            values = (values + [""] * len(columns))[: len(columns)] if not extra else values
        if len(values) != len(columns):
            sep = parsed.delimiter if parsed.delimiter != "\t" else "tab"
            parsed.errors.append(
                (
                    line,
                    f"{len(values)} values for {len(columns)} columns"
                    + (
                        f" (a missing or extra '{sep}'?)"
                        if sep
                        else " (a cell right of the table?)"
                    ),
                )
            )
            continue
        row = dict(zip(columns, values, strict=True))
        if _is_total(values) and not (
            row.get("code", "").strip() and row.get("name_fr", "").strip()
        ):
            parsed.warnings.append(f"line {line} is a total line: not read")
            continue
        said: set[str] = set()
        try:
            fields = parse_row(row, said)
        except ValueError as exc:
            parsed.errors.append((line, str(exc)))
            continue
        if fields["code"] in seen:
            parsed.errors.append(
                (line, f"code {fields['code']} repeats line {seen[fields['code']]}")
            )
            continue
        seen[fields["code"]] = line
        parsed.rows.append((line, fields))
        for note in said:
            notes.setdefault(note, []).append(line)
    for note, where in notes.items():
        shown = ", ".join(map(str, where[:10])) + (" …" if len(where) > 10 else "")
        parsed.warnings.append(f"{note} (line{'s' if len(where) > 1 else ''} {shown})")
    return parsed


def accepted_values() -> str:
    """The accepted types and regions, for the command's help."""
    types = ", ".join(f"{c} ({fr} / {ar})" for c, (fr, ar) in TYPE_LABELS.items())
    regions = ", ".join(f"{c} ({fr})" for c, (fr, _) in ISO_REGIONS.items())
    return f"types: {types}. Regions: {regions}."
