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

    def search(self, item: dict[str, Any], found: re.Match[str], itemset: str) -> None:
        """appearance search('file'[, 'mode', 'column', value]): ODK Collect's choices from a
        CSV given with the form, the list's first choice naming the value and label columns;
        the same data as select_one_from_file, with the mode as a choice_filter."""
        source, mode, column, value = found.group(1), found.group(2), found.group(3), found[4]
        base = source.removesuffix(".csv")
        path = self.media.get(f"{base}.csv".lower())
        template = (self.choice_lists.get(itemset) or [{}])[0]
        if path is None:
            if f"{base}.csv" not in self.missing:
                self.missing.append(f"{base}.csv")
            self.warn(
                f"media file {base + '.csv'!r} is missing (search() of {item['name']!r}): "
                "the choices sheet's list is offered until it is given with the form"
            )
            return
        value_column = cell(template.get("name")) or "name"
        labels = template.get("label") or {}
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for row in read_choice_file(path):
            name = re.sub(r"\s+", "_", cell(row.get(value_column)))
            if not name or name in seen:
                continue
            seen.add(name)
            label = {lang: cell(row.get(col)) or name for lang, col in labels.items()}
            columns = {
                str(k): cell(v)
                for k, v in row.items()
                if NAME_RE.match(str(k)) and k != "name" and not str(k).startswith("label")
            }
            out.append({"name": name, "label": label or {lg: name for lg in self.languages}}
                       | ({"columns": columns} if columns else {}))  # fmt: skip
        list_name = file_list_name(f"search_{item['name']}")
        self.choice_lists[list_name] = out
        item["choices"] = list_name
        if mode and column and value:
            test = {"matches": "{c} = {v}", "contains": "contains({c}, {v})"} | {
                "startswith": "starts-with({c}, {v})",
                "endswith": "ends-with({c}, {v})",
            }
            pattern = test.get(mode.lower())
            if pattern is None or not NAME_RE.match(column):
                self.warn(f"search() of {item['name']!r}: mode {mode!r} not run, all rows")
            else:
                item["choice_filter"] = pattern.format(c=column, v=value.strip())

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


SEARCH_RE: Final = re.compile(
    r"""search\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"](\w+)['"]\s*,\s*['"]([^'"]+)['"]\s*,\s*(.+?))?\)"""
)
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


def read_choice_file(path: Path) -> list[dict[str, Any]]:
    """The rows of a select_one_from_file media file, as choices-sheet rows: `name`, `label`
    (or `label::Language`) and any other column (usable by a choice_filter).

    CSV: a header row. XML: the children of the root element, each child element a column
    (`<root><item><name>..</name><label>..</label></item></root>`). GeoJSON: one choice per
    feature, named by its `id` (or property `id`/`name`), labelled by its `title`/`label`/
    `name` property; its other properties are columns, its geometry the `geometry` column."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        import csv
        import io

        text = path.read_text(encoding="utf-8-sig")
        return [
            {str(k).strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(io.StringIO(text))
        ]
    if suffix == ".xml":
        from defusedxml import ElementTree  # pyxform depends on it: no entity bombs

        root = ElementTree.parse(path).getroot()
        items = list(root)
        if len(items) == 1 and len(items[0]) and all(len(c) for c in items[0]):
            items = list(items[0])  # <root><list><item>…</item></list></root>
        return [{c.tag: (c.text or "").strip() for c in item} for item in items]
    if suffix == ".geojson":
        import json

        data = json.loads(path.read_text(encoding="utf-8"))
        rows = []
        for feature in data.get("features") or []:
            props = {str(k): cell(v) for k, v in (feature.get("properties") or {}).items()}
            name = cell(feature.get("id")) or props.get("id") or props.get("name", "")
            label = props.get("title") or props.get("label") or props.get("name") or name
            row = {**props, "name": name, "label": label}
            row["geometry"] = json.dumps(feature.get("geometry"), separators=(",", ":"))
            rows.append(row)
        return rows
    raise ValueError(f"{path.name}: a choices file is .csv, .xml or .geojson")
