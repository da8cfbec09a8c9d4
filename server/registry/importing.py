"""Reading the ministry's registry files: what `fieldapp-server import-establishments` accepts.

The lists come out of French Excel: `;`-separated, Windows-1252, French column names and
labels ("Personnes âgées", "Marrakech-Safi", "32,23"), sometimes Arabic. This module turns
such a file into checked Establishment fields, one reason per refused line, and writes
nothing; `server.registry.actions.import_establishments` writes what it returns.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from typing import Any

from fieldapp.geo import ISO_REGIONS, MOROCCO_BBOX, region_code
from fieldapp.text import fold

IMPORT_COLUMNS = [
    "code", "name_fr", "name_ar", "type", "capacity", "region", "province", "commune",
    "site", "latitude", "longitude",
]  # fmt: skip
REQUIRED_COLUMNS = ["code", "name_fr", "region"]
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


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """The file's text, the encoding read and warnings: UTF-8 (with or without a byte-order
    mark), else Windows-1252 (French Excel's "CSV"), else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        name = "Windows-1252" if encoding == "cp1252" else "Latin-1"
        return (
            text,
            encoding,
            [
                f"the file is not UTF-8: read as {name} (as French Excel writes it); check "
                "that accented names look right, or save it as 'CSV UTF-8'"
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


def parse_row(row: dict[str, str]) -> dict[str, Any]:
    """One row (column -> text) as Establishment fields; raises ValueError with the reason."""
    clean = {column_name(k): (v or "").strip() for k, v in row.items() if k}
    empty = [name for name in REQUIRED_COLUMNS if not clean.get(name)]
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
    region = region_code(clean["region"])
    if region is None:
        raise ValueError(
            f"region '{clean['region']}' is unknown: give its ISO code (MA-01 … MA-12) "
            "or its French or Arabic name"
        )
    fields["region"] = region
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


def read_registry(data: bytes) -> ParsedFile:
    """Every line of a registry file checked: good rows, bad lines with their reasons."""
    parsed = ParsedFile()
    text, parsed.encoding, parsed.warnings = decode(data)
    parsed.delimiter = delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        parsed.errors.append((1, "the file is empty"))
        return parsed
    columns = [column_name(h) for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        shown = {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]
        parsed.errors.append(
            (
                1,
                f"missing column(s) {', '.join(missing)}; the header read with the {shown} "
                f"separator has: {', '.join(h.strip() for h in header) or 'nothing'} "
                f"(expected columns: {', '.join(IMPORT_COLUMNS + OPTIONAL_COLUMNS)})",
            )
        )
        return parsed
    seen: dict[str, int] = {}
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue  # Excel leaves empty lines (;;;;) at the end
        if len(values) != len(columns):
            parsed.errors.append(
                (
                    line,
                    f"{len(values)} values for {len(columns)} columns "
                    f"(a missing or extra '{delimiter if delimiter != chr(9) else 'tab'}'?)",
                )
            )
            continue
        try:
            fields = parse_row(dict(zip(columns, values, strict=True)))
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
    return parsed


def accepted_values() -> str:
    """The accepted types and regions, for the command's help."""
    types = ", ".join(f"{c} ({fr} / {ar})" for c, (fr, ar) in TYPE_LABELS.items())
    regions = ", ".join(f"{c} ({fr})" for c, (fr, _) in ISO_REGIONS.items())
    return f"types: {types}. Regions: {regions}."
