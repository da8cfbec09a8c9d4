"""External data of an XLSForm: choices files, lookup files and the search() appearance.

`select_one_from_file`, `select_one_external`, `pulldata()`, `instance('file')` and
`search('file')` read rows of CSV/XML/GeoJSON media published with the form (or of the
workbook's external_choices sheet); they become choice lists of the definition, delivered
with it. A file the form names and nobody gave is listed in `missing` and warned about.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

from fieldapp.forms.model import NAME_RE
from fieldapp.forms.xlsform_texts import Texts, cell

EXTERNAL_FILE_RE: Final = re.compile(r".*\.(csv|xml|geojson)\Z", re.IGNORECASE)


class ExternalData(Texts):
    """The converter's media: the files given with the form and the lists read from them."""

    def __init__(self, data: dict[str, Any], path: Path, media: dict[str, Path] | None) -> None:
        super().__init__(data)
        self.data = data
        self.path = path
        self.media = {k.lower(): v for k, v in (media or {}).items()}
        self.missing: list[str] = []  # media files the form names and nobody gave
        self.warnings: list[str] = []
        self.choice_lists: dict[str, list[dict[str, Any]]] = {}
        # what cannot run: (question, column, message), raised with the question's row
        self.problems: list[tuple[str, str, str]] = []

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def lookup_files(self, children: list[dict[str, Any]]) -> None:
        """The media files pulldata('f', ...) and instance('f') read that are no choice list:
        their rows become the list `file_f_csv` (or _xml) of the definition, delivered with
        it; a file not given is an empty list (lookups give '') named in `missing`."""
        wanted: set[str] = set()
        stack: list[Any] = list(children)
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, str) and ("pulldata" in item or "instance" in item):
                wanted.update(LOOKUP_RE.findall(item))
        for name in sorted(wanted - set(self.choice_lists)):
            base = name.removesuffix(".csv")
            for suffix in (".csv", ".xml"):
                found = self.media.get(f"{base}{suffix}".lower())
                if found is not None:
                    list_name = file_list_name(f"{base}{suffix}")
                    self.choice_lists[list_name] = self.lookup_rows(read_choice_file(found))
                    break
            else:
                self.choice_lists.setdefault(file_list_name(f"{base}.csv"), [])
                if f"{base}.csv" not in self.missing:
                    self.missing.append(f"{base}.csv")
                self.warn(
                    f"media file {base + '.csv'!r} is missing (read by pulldata()/instance()): "
                    "lookups give '' until it is given with the form (form check FORM "
                    "MEDIA..., publish-form FORM MEDIA...)"
                )

    def search(self, item: dict[str, Any], appearance: str, itemset: str) -> None:
        """appearance search('file'[, 'mode', 'column(s)', value[, 'filter column', value]]):
        ODK Collect's choices from a CSV given with the form (its ExternalDataHandlerSearch):
        the list's first choice names the value column (`name`) and the label column(s)
        (`label`, several separated by commas: 'v1 (col2: v2) (col3: v3)'); a row is offered
        when one of the searched columns contains / matches / starts with / ends with the
        value, ASCII case ignored (SQLite's LIKE), and its filter column equals the filter
        value. The same data as select_one_from_file, the search as a choice_filter. What
        cannot run is refused with the question's row (`problems`)."""
        name = item["name"]
        call = _search_call(appearance)
        if isinstance(call, str):
            self.refuse(name, "appearance", f"{call}, in {appearance!r}")
            return
        source, mode, columns, value, filter_pair = call
        base = source.removesuffix(".csv")
        path = self.media.get(f"{base}.csv".lower())
        template = (self.choice_lists.get(itemset) or [{}])[0]
        if path is None:
            if f"{base}.csv" not in self.missing:
                self.missing.append(f"{base}.csv")
            self.warn(
                f"media file {base + '.csv'!r} is missing (search() of {name!r}): "
                "the choices sheet's list is offered until it is given with the form"
            )
            return
        rows = read_choice_file(path)
        header = list(rows[0]) if rows else []
        value_column = cell(template.get("name")) or "name"
        labels = {
            lang: [c.strip() for c in str(text).split(",") if c.strip()]
            for lang, text in (template.get("label") or {}).items()
        }
        wanted = {value_column} | {c for cols in labels.values() for c in cols} | set(columns)
        if filter_pair:
            wanted.add(filter_pair[0])
        unknown = sorted(c for c in wanted if header and c not in header)
        if unknown:
            self.refuse(
                name,
                "appearance",
                f"search() reads {', '.join(repr(c) for c in unknown)}, no column of "
                f"{path.name} (its columns: {', '.join(header)})",
            )
            return
        read = [*columns, *(filter_pair[:1] if filter_pair else [])]
        bad = [c for c in read if not NAME_RE.match(c) or (c == "name" != value_column)]
        if bad:
            self.refuse(
                name,
                "appearance",
                f"search() cannot filter on column {bad[0]!r} of {path.name} (FieldApp reads "
                "filters by column name: letters, digits, _ . -; 'name' only as the value)",
            )
            return
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for row in rows:
            choice = re.sub(r"\s+", "_", cell(row.get(value_column)))
            if not choice or choice in seen:
                continue
            seen.add(choice)
            label = {lang: _search_label(row, cols) or choice for lang, cols in labels.items()}
            kept = {
                str(k): cell(v)
                for k, v in row.items()
                if NAME_RE.match(str(k)) and k != "name" and not str(k).startswith("label")
            }
            kept.update({c: cell(row.get(c)) for c in read if c != "name"})
            out.append({"name": choice, "label": label or {lg: choice for lg in self.languages}}
                       | ({"columns": kept} if kept else {}))  # fmt: skip
        list_name = file_list_name(f"search_{name}")
        self.choice_lists[list_name] = out
        item["choices"] = list_name
        tests = []
        if columns:
            test = _SEARCH_MODES.get(mode.lower())
            if test is None:
                self.warn(
                    f"search() of {name!r}: {mode!r} is no mode of ODK's search() (contains, "
                    "matches, startsWith, endsWith): 'contains', as ODK Collect does"
                )
                test = _SEARCH_MODES["contains"]
            either = " or ".join(test.format(c=_lower(c), v=_lower(value)) for c in columns)
            tests.append(f"({either})" if len(columns) > 1 and filter_pair else either)
        if filter_pair:
            tests.append(f"{filter_pair[0]} = {filter_pair[1]}")
        if tests:
            item["choice_filter"] = " and ".join(tests)

    def refuse(self, question: str, column: str, message: str) -> None:
        """What FieldApp cannot run, located by the question's row when read."""
        self.problems.append((question, column, message))

    def lookup_rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A lookup file's rows as choices, every row kept: a row without a name, or with one
        an earlier row has, is named by its 1-based row number (choice names are unique)."""
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for i, row in enumerate(rows, 1):
            name = re.sub(r"\s+", "_", cell(row.get("name")))
            if not name or name in seen:
                name = str(i)
            seen.add(name)
            label = self.text(as_choice(row)["label"]) or {lang: name for lang in self.languages}
            columns = {
                str(k): cell(v) for k, v in row.items() if not str(k).lower().startswith("label")
            }
            columns.pop("name", None)
            entry: dict[str, Any] = {"name": name, "label": label}
            if columns:
                entry["columns"] = columns
            out.append(entry)
        return out

    def external_rows(self, kind: str, itemset: str, question: str) -> list[dict[str, Any]] | None:
        """The choices of a select_one_from_file (a media file given with the form) or of a
        select_one_external (the workbook's external_choices sheet); None when missing."""
        if kind == "select one external":
            rows = sheet_rows(self.path, "external_choices")
            if rows is None:
                self.missing.append("external_choices")
                return None
            found_rows = [
                as_choice({k: v for k, v in r.items() if k != "list_name"})
                for r in rows
                if r.get("list_name") == itemset
            ]
            if not found_rows:
                self.warn(f"external_choices has no rows for {itemset!r}: any answer accepted")
                return None
            return found_rows
        found = self.media.get(itemset.lower())
        if found is None:
            if itemset not in self.missing:
                self.missing.append(itemset)
            self.warn(
                f"media file {itemset!r} is missing (choices of {question!r}): give it "
                "with the form (form check FORM MEDIA..., publish-form FORM MEDIA...)"
            )
            return None
        return [as_choice(row) for row in read_choice_file(found)]


def as_choice(row: dict[str, Any]) -> dict[str, Any]:
    """A file's row as pyxform's choice entry: translated labels gathered under 'label'."""
    labels = {k.split("::", 1)[1]: v for k, v in row.items() if k.lower().startswith("label::")}
    if row.get("label"):
        labels["default"] = row["label"]
    out = {k: v for k, v in row.items() if not k.lower().startswith("label")}
    out["label"] = labels or row.get("name", "")
    return out


SEARCH_RE: Final = re.compile(r"\bsearch\s*\(")
# Collect's ExternalDataSearchType: SQL LIKE patterns as XPath over the lower-cased texts
_SEARCH_MODES: Final = {
    "contains": "contains({c}, {v})",
    "matches": "{c} = {v}",
    "startswith": "starts-with({c}, {v})",
    "endswith": "ends-with({c}, {v})",
}
_ASCII: Final = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'"


def _lower(text: str) -> str:
    """An XPath expression for `text` with ASCII letters lower-cased (SQLite's LIKE ignores
    their case, and only theirs)."""
    return f"translate({text}, {_ASCII})"


def _search_label(row: dict[str, Any], columns: list[str]) -> str:
    """Collect's label of a searched row: the first label column's value, then
    '(column: value)' for each other one."""
    if not columns:
        return ""
    first = cell(row.get(columns[0]))
    rest = [f"({c}: {cell(row.get(c))})" for c in columns[1:]]
    return " ".join([first, *rest]) if rest else first


def _search_call(
    appearance: str,
) -> tuple[str, str, list[str], str, tuple[str, str] | None] | str:
    """(file, mode, searched columns, value expression, (filter column, value expression))
    of the search(...) in an appearance, or why it cannot be run."""
    from fieldapp.forms.expressions import Call, ExpressionError, Str, parse, to_source

    found = SEARCH_RE.search(appearance)
    assert found is not None
    depth, quote, end = 0, "", -1
    for i in range(found.end() - 1, len(appearance)):
        ch = appearance[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                end = i + 1
                break
    try:
        node = parse(appearance[found.start() : end] if end > 0 else appearance[found.start() :])
    except ExpressionError as err:
        return f"search() is not an expression ({err.message})"
    assert isinstance(node, Call)
    args = node.args
    if len(args) not in (1, 4, 6):
        return (
            f"search() takes 1, 4 or 6 arguments ('file'; 'mode', 'column(s)', value; "
            f"'filter column', value), not {len(args)}: ODK Collect refuses it too"
        )
    words = [args[0], *args[1:3], *args[4:5]]
    if not all(isinstance(a, Str) for a in words):
        return "search()'s file, mode and column names must be quoted texts"
    texts = [a.value for a in words if isinstance(a, Str)]
    if len(args) == 1:
        return texts[0], "", [], "", None
    columns = [c.strip() for c in texts[2].split(",") if c.strip()]
    pair = (texts[3], to_source(args[5])) if len(args) == 6 else None
    return texts[0], texts[1], columns, to_source(args[3]), pair


LOOKUP_RE: Final = re.compile(r"""(?:pulldata|instance)\(\s*['"]([^'"]+)['"]""")


def file_list_name(itemset: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_]+", "_", itemset).strip("_") or "list"
    return f"file_{slug}"


def sheet_rows(path: Path, sheet: str) -> list[dict[str, Any]] | None:
    """A workbook sheet's rows as dicts keyed by its header (None when there is no sheet)."""
    from fieldapp.forms.xlsform import open_workbook

    workbook = open_workbook(path)
    try:
        found = next((workbook[n] for n in workbook.sheetnames if n.strip().lower() == sheet), None)
        if found is None:
            return None
        if hasattr(found, "reset_dimensions"):
            found.reset_dimensions()
        rows = found.iter_rows(values_only=True)
        header = [cell(h) for h in next(rows, ())]
        out = []
        for cells in rows:
            row = {h: cell(v) for h, v in zip(header, cells, strict=False) if h}
            if any(row.values()):
                out.append(row)
        return out
    finally:
        workbook.close()


# A choices or lookup file travels inside the form definition to every laptop. The largest
# of the public corpus's is far below; a list of every douar of Morocco (~33,000 rows) as CSV
# is about 3 MB.
MAX_CHOICE_FILE_BYTES: Final = 16 * 1024 * 1024


class ChoiceFileError(ValueError):
    """A media file of choices that cannot be read; the message names the file and why."""


def read_choice_file(path: Path) -> list[dict[str, Any]]:
    """The rows of a select_one_from_file media file, as choices-sheet rows: `name`, `label`
    (or `label::Language`) and any other column (usable by a choice_filter).

    CSV: a header row. XML: the children of the root element, each child element a column
    (`<root><item><name>..</name><label>..</label></item></root>`). GeoJSON: one choice per
    feature, named by its `id` (or property `id`/`name`), labelled by its `title`/`label`/
    `name` property; its other properties are columns, its geometry the `geometry` column.
    ChoiceFileError, in one sentence naming the file, for what cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xml", ".geojson"):
        raise ChoiceFileError(f"{path.name}: a choices file is .csv, .xml or .geojson")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ChoiceFileError(f"{path.name} cannot be read ({err.strerror})") from None
    if size > MAX_CHOICE_FILE_BYTES:
        raise ChoiceFileError(
            f"{path.name} is {size // (1024 * 1024)} MB: a choices file travels inside the form "
            f"to every laptop, {MAX_CHOICE_FILE_BYTES // (1024 * 1024)} MB at most"
        )
    data = path.read_bytes()
    if suffix == ".xml":
        return _xml_rows(path.name, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ChoiceFileError(
            f"{path.name} is not UTF-8 text (line {line}): ODK reads choices files as UTF-8; "
            "save it from Excel as 'CSV UTF-8'"
        ) from None
    if suffix == ".csv":
        import csv
        import io

        try:
            return [
                {str(k).strip(): (v or "").strip() for k, v in row.items() if k}
                for row in csv.DictReader(io.StringIO(text, newline=""))
            ]
        except csv.Error as err:
            raise ChoiceFileError(f"{path.name} is not a readable CSV ({err})") from None
    return _geojson_rows(path.name, text)


def _xml_rows(name: str, data: bytes) -> list[dict[str, Any]]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException, ElementTree  # no entity bombs

    try:
        root = ElementTree.fromstring(data)
    except ParseError as err:
        raise ChoiceFileError(f"{name} is not well-formed XML ({err})") from None
    except DefusedXmlException:
        raise ChoiceFileError(
            f"{name} declares entities or a DTD, which a choices file has no use for: refused"
        ) from None
    items = list(root)
    if len(items) == 1 and len(items[0]) and all(len(c) for c in items[0]):
        items = list(items[0])  # <root><list><item>…</item></list></root>
    return [{c.tag: (c.text or "").strip() for c in item} for item in items]


def _geojson_rows(name: str, text: str) -> list[dict[str, Any]]:
    import json

    try:
        data = json.loads(text)
    except ValueError as err:
        raise ChoiceFileError(f"{name} is not valid JSON ({err})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not all(isinstance(f, dict) for f in features):
        raise ChoiceFileError(f"{name} is not a GeoJSON FeatureCollection (no list of features)")
    rows = []
    for feature in features:
        raw = feature.get("properties") or {}
        props = {str(k): cell(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
        ident = cell(feature.get("id")) or props.get("id") or props.get("name", "")
        label = props.get("title") or props.get("label") or props.get("name") or ident
        row = {**props, "name": ident, "label": label}
        row["geometry"] = json.dumps(feature.get("geometry"), separators=(",", ":"))
        rows.append(row)
    return rows
