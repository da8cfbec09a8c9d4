"""What pyxform accepts, FieldApp loads: pyxform's normalised workbook as our definition.

`read_xlsform` first runs FieldApp's own strict reader (every problem with its sheet, row and
column). When that finds problems, the workbook is handed to pyxform's `parse_file_to_json`,
the normalisation ODK and KoboToolbox run: column and type aliases (`bind:relevant`, `photo`,
`select all that apply from`, `label:English`), `or_other`, `begin loop over`, translations,
settings. If pyxform accepts the workbook, its dict is converted here; whatever XLSForm allows
and we adjust (a missing translation, the default version, a duplicate name, an unknown
column) becomes a warning, never a refusal. Only what FieldApp truly cannot run (an
expression outside the supported language) stays an error, located by the question's row.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import re
import warnings as pywarnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from fieldapp.forms.definition import FORMAT, FORMAT_VERSION
from fieldapp.forms.model import NAME_RE, SELECT_TYPES
from fieldapp.forms.xlsform import FALSE_TEXTS, TRUE_TEXTS, known_language_code

DEFAULT_LANGUAGE: Final = "fr"

# pyxform type (after its aliases) -> FieldApp type, where the name alone decides.
_TYPES: Final[dict[str, str]] = {
    "text": "text",
    "string": "text",
    "add text prompt": "text",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "date": "date",
    "time": "time",
    "datetime": "datetime",
    "dateTime": "datetime",
    "geopoint": "geopoint",
    "gps": "geopoint",
    "geotrace": "geotrace",
    "geoshape": "geoshape",
    "image": "image",
    "photo": "image",
    "audio": "audio",
    "video": "video",
    "file": "file",
    "osm": "file",
    "barcode": "barcode",
    "range": "range",
    "note": "note",
    "calculate": "calculate",
    "acknowledge": "acknowledge",
    "trigger": "acknowledge",
    "hidden": "hidden",
    "phone number": "text",
    "start": "start",
    "end": "end",
    "today": "today",
    "deviceid": "deviceid",
    "imei": "deviceid",
    "uri:deviceid": "deviceid",
    "username": "username",
    "uri:username": "username",
    "phonenumber": "phonenumber",
    "email": "email",
    "uri:email": "email",
    "simserial": "simserial",
    "subscriberid": "subscriberid",
    "audit": "audit",
    "start-geopoint": "start-geopoint",
    "select one": "select_one",
    "select_one": "select_one",
    "select one external": "select_one",
    "select all that apply": "select_multiple",
    "select_multiple": "select_multiple",
    "rank": "rank",
}
# Rows that declare something rather than ask: no question of their own.
_DECLARATIONS: Final = frozenset(
    {"xml-external", "csv-external", "background-audio", "background-geopoint"}
    | {"attribute", "entity", "label", "osm"}
)
_META: Final = frozenset(
    {"start", "end", "today", "deviceid", "username", "phonenumber", "email", "simserial"}
    | {"subscriberid", "audit", "start-geopoint"}
)
_EXTERNAL_FILE_RE: Final = re.compile(r".*\.(csv|xml|geojson)\Z", re.IGNORECASE)
_SMART_QUOTES: Final = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_RELATIVE_RE: Final = re.compile(r"(?<![\w}])\.\./([A-Za-z_][A-Za-z0-9_.\-]*)")
_EXPRESSIONS: Final = ("relevant", "constraint", "calculation", "choice_filter")


@dataclass(slots=True)
class Converted:
    """A definition made from pyxform's dict, with what was adjusted (one line each)."""

    definition: dict[str, Any]
    warnings: list[str]
    rows: dict[str, int] = field(default_factory=dict)  # question name -> survey row
    missing: list[str] = field(default_factory=list)  # media files named, not given


def pyxform_dict(path: Path) -> tuple[dict[str, Any] | None, str]:
    """pyxform's normalised dict of a workbook, or None and pyxform's own message.

    pyxform takes seconds on a large workbook: the last few answers are kept, keyed by the
    file's path, size and modification time (a changed file is converted again), and each
    caller gets its own copy to adjust."""
    try:
        stat = path.stat()
    except OSError as err:
        return None, str(err)
    found, reason = _pyxform_dict(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    return (copy.deepcopy(found) if found is not None else None), reason


@functools.lru_cache(maxsize=8)
def _pyxform_dict(path: str, mtime_ns: int, size: int) -> tuple[dict[str, Any] | None, str]:
    from pyxform.xls2json import parse_file_to_json
    from pyxform.xls2xform import convert as to_xform

    found: list[str] = []
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            # The whole conversion decides (types and references are checked after the
            # dict step); the dict is what we read.
            to_xform(xlsform=path, validate=False, pretty_print=False)
            return parse_file_to_json(path, warnings=found), ""
    except Exception as err:  # pyxform raises PyXFormError, but also ValueError, KeyError...
        text = " ".join(str(err).split()) or type(err).__name__
        return None, text


def language_code(name: str) -> str:
    """A form language code for an XLSForm language name ('English (en)', 'Swahili'); a
    name we cannot map keeps its lower-cased slug ('tetun')."""
    known = known_language_code(name)
    if known is not None:
        return known
    slug = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"lang_{slug}"
    return (slug + "____")[: max(4, len(slug))][:31]


class _Converter:
    def __init__(
        self, data: dict[str, Any], path: Path, media: dict[str, Path] | None = None
    ) -> None:
        self.data = data
        self.path = path
        self.media = {k.lower(): v for k, v in (media or {}).items()}
        self.missing: list[str] = []  # media files the form names and nobody gave
        self.warnings: list[str] = []
        self.names: set[str] = set()
        self.fallbacks = 0
        self.list_keys: dict[str, str] = {}  # XLSForm list name -> FieldApp list name
        names = sorted(
            {lang for lang in _languages_in(data) if lang != "default"},
            key=lambda n: (language_code(n), n),
        )
        self.codes: dict[str, str] = {}
        for name in names:
            self.codes.setdefault(name, language_code(name))
        settings_default = str(data.get("default_language") or "default")
        if self.codes:
            if settings_default in self.codes:
                self.default = self.codes[settings_default]
            elif settings_default != "default":
                self.default = language_code(settings_default)
            else:
                self.default = next(iter(self.codes.values()))
        else:
            self.default = (
                language_code(settings_default)
                if settings_default != "default"
                else DEFAULT_LANGUAGE
            )
        others = sorted({c for c in self.codes.values() if c != self.default})
        self.languages = [self.default, *others]
        self.choice_lists: dict[str, list[dict[str, Any]]] = {}

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    # -- texts -----------------------------------------------------------------------------

    def text(self, value: Any, fill: bool = True) -> dict[str, str]:
        """A translated text in every form language: a missing translation falls back to the
        plain column, then the default language, then any language (as ODK shows it)."""
        if value is None or value == "":
            return {}
        if isinstance(value, dict):
            found: dict[str, str] = {}
            plain = ""
            for name, text in value.items():
                text = _cell(text)
                if not text:
                    continue
                if name == "default":
                    plain = text
                else:
                    found.setdefault(self.codes.get(name, language_code(name)), text)
        else:
            found = {}
            plain = _cell(value)
        if not found and not plain:
            return {}
        if not fill:
            return found or {self.default: plain}
        out: dict[str, str] = {}
        for lang in self.languages:
            text = found.get(lang) or plain or found.get(self.default) or next(iter(found.values()))
            if lang not in found and not (plain and not found):
                self.fallbacks += 1
            out[lang] = text
        return out

    # -- the form --------------------------------------------------------------------------

    def convert(self) -> dict[str, Any]:
        data = self.data
        form_id = str(data.get("id_string") or data.get("name") or self.path.stem)
        if not NAME_RE.match(form_id):
            clean = re.sub(r"[^A-Za-z0-9_.\-]", "_", form_id)
            form_id = clean if NAME_RE.match(clean) else f"form_{clean}"
            self.warn(f"settings: form_id made a name: {form_id!r}")
        version = _cell(data.get("version"))
        if not version:
            digest = hashlib.sha256(self.path.read_bytes()).hexdigest()[:12]
            version = f"sha-{digest}"
            self.warn(
                f"settings: no version (XLSForm makes it optional): {version!r}, from the "
                "workbook's content, so each changed workbook is a new version"
            )
        title = self.text(data.get("title")) or {lang: form_id for lang in self.languages}
        for key, value in data.items():
            if key not in _TOP_USED and key != "choices":
                self.warn(f"settings: {key!r} kept for display only ({_cell(value)[:40]!r})")
        for list_name, entries in (data.get("choices") or {}).items():
            key = self.list_key(str(list_name))
            self.choice_lists[key] = self.choices(key, entries)
        children = self.children(data.get("children") or [], None, {})
        _PathResolver(children, str(data.get("name") or "data"), self.warn).run()
        self.lookup_files(children)
        if self.fallbacks:
            self.warn(
                f"{self.fallbacks} text(s) missing in a language show the "
                f"{self.default!r} text, as ODK Collect does"
            )
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": form_id,
            "version": version,
            "title": title,
            "default_language": self.default,
            "languages": self.languages,
            "choice_lists": self.choice_lists,
            "children": children,
        }

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
                wanted.update(_LOOKUP_RE.findall(item))
        for name in sorted(wanted - set(self.choice_lists)):
            base = name.removesuffix(".csv")
            for suffix in (".csv", ".xml"):
                found = self.media.get(f"{base}{suffix}".lower())
                if found is not None:
                    list_name = _file_list_name(f"{base}{suffix}")
                    self.choice_lists[list_name] = self.lookup_rows(read_choice_file(found))
                    break
            else:
                self.choice_lists.setdefault(_file_list_name(f"{base}.csv"), [])
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
        value_column = _cell(template.get("name")) or "name"
        labels = template.get("label") or {}
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for row in read_choice_file(path):
            name = re.sub(r"\s+", "_", _cell(row.get(value_column)))
            if not name or name in seen:
                continue
            seen.add(name)
            label = {lang: _cell(row.get(col)) or name for lang, col in labels.items()}
            columns = {
                str(k): _cell(v)
                for k, v in row.items()
                if NAME_RE.match(str(k)) and k != "name" and not str(k).startswith("label")
            }
            out.append({"name": name, "label": label or {lg: name for lg in self.languages}}
                       | ({"columns": columns} if columns else {}))  # fmt: skip
        list_name = _file_list_name(f"search_{item['name']}")
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
            name = re.sub(r"\s+", "_", _cell(row.get("name")))
            if not name or name in seen:
                name = str(i)
            seen.add(name)
            label = self.text(_as_choice(row)["label"]) or {lang: name for lang in self.languages}
            columns = {
                str(k): _cell(v) for k, v in row.items() if not str(k).lower().startswith("label")
            }
            columns.pop("name", None)
            entry: dict[str, Any] = {"name": name, "label": label}
            if columns:
                entry["columns"] = columns
            out.append(entry)
        return out

    def choices(self, list_name: str, entries: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        columns: set[str] = set()
        for entry in entries if isinstance(entries, list) else []:
            columns.update(k for k in entry if k not in ("name", "label", "media"))
        for entry in entries if isinstance(entries, list) else []:
            name = _cell(entry.get("name"))
            if not name:
                continue
            if re.search(r"\s", name):
                fixed = re.sub(r"\s+", "_", name)
                self.warn(f"choices {list_name!r}: spaces in choice name {name!r} -> {fixed!r}")
                name = fixed
            if name in seen:
                self.warn(f"choices {list_name!r}: choice {name!r} appears twice; first kept")
                continue
            seen.add(name)
            label = self.text(entry.get("label")) or {lang: name for lang in self.languages}
            choice: dict[str, Any] = {"name": name, "label": label}
            extra = {c: _cell(entry.get(c)) for c in sorted(columns)}
            if extra:
                choice["columns"] = extra
            out.append(choice)
        return out

    def external_rows(self, kind: str, itemset: str, question: str) -> list[dict[str, Any]] | None:
        """The choices of a select_one_from_file (a media file given with the form) or of a
        select_one_external (the workbook's external_choices sheet); None when missing."""
        if kind == "select one external":
            rows = _sheet_rows(self.path, "external_choices")
            if rows is None:
                self.missing.append("external_choices")
                return None
            found_rows = [
                _as_choice({k: v for k, v in r.items() if k != "list_name"})
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
        return [_as_choice(row) for row in read_choice_file(found)]

    def filter(self, text: str, item: dict[str, Any]) -> str:
        """A choice_filter whose bare names that are no column of the list read as empty,
        as XPath reads a missing child element: pyxform accepts them."""
        from fieldapp.forms.expressions import ExpressionError, Field, parse, walk

        try:
            node = parse(text)
        except ExpressionError:
            return text  # reported by the definition reader with its place
        entries = self.choice_lists.get(item["choices"], [])
        have = {"name"} | {c for e in entries for c in e.get("columns", {})}
        read = {n.name for n in walk(node) if isinstance(n, Field)}
        # label, label::English: the choices' labels, which the engine gives the filter
        missing = sorted({n for n in read if n != "label" and not n.startswith("label::")} - have)
        if missing:
            self.warn(
                f"survey: the choice_filter of {item['name']!r} reads {', '.join(missing)}, "
                "no column of its list: empty"
            )
            for entry in entries:
                entry.setdefault("columns", {}).update({m: "" for m in missing})
        return text

    def list_key(self, name: str) -> str:
        """A list name as FieldApp names things: XLSForm lists may hold ':' or spaces
        (`building:material` in OSM mapping forms); those become '_', told once."""
        if NAME_RE.match(name):
            return name
        fixed = self.list_keys.get(name)
        if fixed is None:
            fixed = re.sub(r"[^A-Za-z0-9_.\-]", "_", name)
            fixed = fixed if NAME_RE.match(fixed) else f"list_{fixed}"
            while fixed in self.list_keys.values() or fixed in (self.data.get("choices") or {}):
                fixed += "_"
            self.list_keys[name] = fixed
            self.warn(f"choices: list name {name!r} read as {fixed!r}")
        return fixed

    def default_value(self, text: str, ftype: str, item: dict[str, Any]) -> Any:
        """A default as XLSForm writes it, typed for the question; None (with a warning)
        when it names no choice of a select's list, which ODK Collect leaves unselected."""
        if ftype in ("integer", "decimal", "range"):
            try:
                number = float(text)
            except ValueError:
                return text  # reported by the definition reader with its place
            return int(number) if number.is_integer() and ftype != "decimal" else number
        if ftype in SELECT_TYPES and item.get("choices") in self.choice_lists:
            names = {str(c["name"]) for c in self.choice_lists[item["choices"]]}
            unknown = [v for v in text.split() if v not in names]
            if unknown and not (ftype == "select_one" and text in names):
                self.warn(
                    f"survey: the default {text!r} of {item['name']!r} is no choice of its "
                    "list: nothing is selected, as in ODK Collect"
                )
                return None
        return text

    def unique(self, name: str, parent: str | None) -> str:
        if name not in self.names:
            self.names.add(name)
            return name
        base = f"{parent}_{name}" if parent else f"{name}_2"
        candidate, n = base, 2
        while candidate in self.names:
            n += 1
            candidate = f"{base}_{n}"
        self.warn(f"survey: the name {name!r} is used again; the later one is {candidate!r}")
        self.names.add(candidate)
        return candidate

    def children(
        self, items: list[dict[str, Any]], parent: str | None, subst: dict[str, str]
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for raw in items:
            out.extend(self.item(raw, parent, subst))
        return out

    def item(
        self, raw: dict[str, Any], parent: str | None, subst: dict[str, str]
    ) -> Iterator[dict[str, Any]]:
        kind = str(raw.get("type", ""))
        name = _cell(raw.get("name"))
        if subst:
            raw = _substitute(raw, subst)
        if kind == "loop":
            for column in raw.get("columns") or []:
                col = _cell(column.get("name"))
                label = column.get("label")
                texts = label if isinstance(label, dict) else {"default": label}
                values = {"name": col, "label": _cell(next(iter(texts.values()), col))}
                group_name = self.unique(f"{name}_{col}", parent)
                yield {
                    "type": "group",
                    "name": group_name,
                    "label": self.text(texts) or {lang: col for lang in self.languages},
                    "children": self.children(
                        [_suffixed(c, col) for c in raw.get("children") or []],
                        group_name,
                        {**subst, **values},
                    ),
                }
            return
        if kind in ("group", "repeat"):
            yield from self.group(raw, kind, name, parent, subst)
            return
        if kind in _DECLARATIONS:
            self.warn(f"survey: {kind!r} row {name!r} kept as a declaration (no question)")
            return
        yield from self.question(raw, kind, name, parent)

    def group(
        self,
        raw: dict[str, Any],
        kind: str,
        name: str,
        parent: str | None,
        subst: dict[str, str],
    ) -> Iterator[dict[str, Any]]:
        gname = self.unique(name, parent)
        children = self.children(raw.get("children") or [], gname, subst)
        if not children:
            self.warn(f"survey: the {kind} {name!r} has no questions and is left out")
            return
        bind = dict(raw.get("bind") or {})
        control = dict(raw.get("control") or {})
        group: dict[str, Any] = {"type": kind, "name": gname}
        label = self.text(raw.get("label"))
        group["label"] = label or {lang: "" for lang in self.languages}
        if not label:
            group.pop("label")
        hint = self.text(raw.get("hint"))
        if hint:
            group["hint"] = hint
        if bind.get("relevant"):
            group["relevant"] = _expression(bind["relevant"])
        count = control.get("jr:count") or raw.get("repeat_count")
        if kind == "repeat" and count:
            group["repeat_count"] = _expression(str(count))
        if control.get("appearance"):
            group["appearance"] = _cell(control["appearance"])
        ignored = sorted(
            {f"bind::{k}" for k in bind if k != "relevant"}
            | {f"body::{k}" for k in control if k not in ("appearance", "jr:count", "bodyless")}
        )
        if ignored:
            self.warn(f"survey: {', '.join(ignored)} on the {kind} {name!r} ignored")
        group["children"] = children
        yield group

    def question(
        self, raw: dict[str, Any], kind: str, name: str, parent: str | None
    ) -> Iterator[dict[str, Any]]:
        from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

        bind = dict(raw.get("bind") or {})
        control = dict(raw.get("control") or {})
        if bind.get("jr:preload") == "uid":
            return  # pyxform's meta/instanceID: a FieldApp survey has its own id
        ftype = _TYPES.get(kind)
        if ftype is None:
            known = QUESTION_TYPE_DICT.get(kind) or {}
            ftype = _by_bind(known)
            self.warn(f"survey: type {kind!r} of {name!r} read as {ftype!r}")
        qname = self.unique(name, parent)
        item: dict[str, Any] = {"type": ftype, "name": qname}
        extra: dict[str, str] = {}
        if ftype in SELECT_TYPES:
            itemset = _cell(raw.get("itemset") or raw.get("list_name"))
            external = kind == "select one external" or _EXTERNAL_FILE_RE.match(itemset)
            if not external:
                itemset = self.list_key(itemset)
            rows = self.external_rows(kind, itemset, qname) if external else None
            if rows is not None:
                list_name = _file_list_name(itemset)
                if list_name not in self.choice_lists:
                    self.choice_lists[list_name] = self.choices(list_name, rows)
                item["choices"] = list_name
            elif external:
                extra["choices_file"] = itemset if "." in itemset else "itemsets.csv"
                extra["choices_list"] = itemset
                # Choices come from a file published with the form (docs/forms.md); its
                # filter is kept to run on the file's rows.
                if raw.get("choice_filter"):
                    extra["choice_filter"] = _expression(_cell(raw.pop("choice_filter")))
            else:
                if itemset not in self.choice_lists:
                    # pyxform copied the list onto the question ('choices'): keep it.
                    self.choice_lists[itemset] = self.choices(itemset, raw.get("choices") or [])
                item["choices"] = itemset
                searched = _SEARCH_RE.search(_cell(control.get("appearance", "")))
                if searched is not None:
                    self.search(item, searched, itemset)
        label = self.text(raw.get("label"))
        if label:
            item["label"] = label
        elif ftype not in _META | {"calculate", "hidden"}:
            hint_only = self.text(raw.get("hint"))
            item["label"] = hint_only or {lang: name for lang in self.languages}
            self.warn(f"survey: {name!r} has no label; its {'hint' if hint_only else 'name'} shows")
        hint = self.text(raw.get("hint"))
        if hint:
            item["hint"] = hint
        if ftype in _META:
            # audit's settings ride on the bind (odk:track-changes, odk:location-…).
            kept = {f"bind::{k}": _cell(v) for k, v in bind.items() if k.startswith("odk:")}
            if kept:
                item["extra"] = kept
            yield item
            return
        computed = ftype in ("calculate", "note")
        for key, target in (
            ("relevant", "relevant"),
            ("calculate", "calculation"),
            ("constraint", "constraint"),
            ("required", "required"),
            ("readonly", "readonly"),
        ):
            value = bind.pop(key, None)
            if value in (None, ""):
                continue
            text = _cell(value)
            if target in ("required", "readonly"):
                if computed:
                    continue
                flag = text.lower()
                item[target] = (
                    True
                    if flag in TRUE_TEXTS
                    else False
                    if flag in FALSE_TEXTS
                    else _expression(text)
                )
                continue
            if computed and target == "constraint":
                self.warn(f"survey: the constraint of {ftype} {name!r} is ignored")
                continue
            item[target] = _expression(text)
        if (
            name == "instanceName"
            and parent == "meta"
            and _reads_bare_names(item.get("calculation", ""))
        ):
            # settings instance_name read as XPath: a bare name is a child of the node, which
            # has none, so Collect shows ''. Kept for display, not run.
            self.warn(f"settings: instance_name {item['calculation']!r} names no question: ''")
            extra["instance_name"] = item.pop("calculation")
        if item.get("calculation", "").strip() == ".":
            # JavaRosa's `calculate = .` keeps whatever the host app put there (CHT fills
            # such fields from the contact); nothing does here: an empty value
            self.warn(f"survey: the calculation '.' of {name!r} reads its own value: empty")
            item["calculation"] = "''"
        if ftype == "calculate" and not item.get("calculation"):
            item["calculation"] = "''"
        if "calculation" in item and ftype in SELECT_TYPES | {"image", "geopoint"}:
            self.warn(f"survey: the calculation of {name!r} is read as its default")
            raw = {**raw, "default": raw.get("default") or ""}
            item.pop("calculation")
        for key, target in (("jr:constraintMsg", "constraint_message"),):
            value = bind.pop(key, None)
            if value and item.get("constraint"):
                item[target] = self.text(value)
            elif value:
                self.warn(f"survey: {name!r} has a constraint message without a constraint")
        value = bind.pop("jr:requiredMsg", None)
        if value and not computed:
            item["required_message"] = self.text(value)
        bind.pop("type", None)
        bind.pop("jr:preload", None)
        bind.pop("jr:preloadParams", None)
        for key, val in bind.items():
            extra[f"bind::{key}"] = _cell(val)
        appearance = _cell(control.pop("appearance", ""))
        if appearance:
            item["appearance"] = appearance
        control.pop("bodyless", None)
        for key, val in control.items():
            extra[f"body::{key}"] = _cell(val)
        if raw.get("choice_filter") and ftype in SELECT_TYPES and "choices" in item:
            item["choice_filter"] = self.filter(_expression(_cell(raw["choice_filter"])), item)
        parameters = raw.get("parameters") or {}
        if isinstance(parameters, dict) and parameters:
            item["parameters"] = {str(k): _cell(v) for k, v in parameters.items()}
        media = raw.get("media") or {}
        if isinstance(media, dict) and media:
            item["media"] = {str(k): self.text(v) for k, v in media.items() if self.text(v)}
        trigger = raw.get("trigger")
        if trigger:
            # pyxform gives the names it found in `${a} ${b}` as a tuple of bare names
            refs = [_cell(r) for r in (trigger if isinstance(trigger, list | tuple) else [trigger])]
            item["trigger"] = " ".join(r if "${" in r else f"${{{r}}}" for r in refs if r)
        default = raw.get("default")
        if default not in (None, "") and not computed:
            text = _cell(default)
            if text.startswith("/"):
                extra["dynamic_default"] = _expression(text)  # an XPath path: not run
            elif "${" in text or "(" in text:
                item["default"] = _expression(text)  # evaluated once (docs/forms.md)
            elif ftype == "date" and re.match(r"\d{4}-\d{2}-\d{2}[ T]", text):
                item["default"] = text[:10]  # a spreadsheet date cell read with its time
            else:
                value = self.default_value(text, ftype, item)
                if value is not None:
                    item["default"] = value
        for key, val in raw.items():
            if key in _QUESTION_USED or val in (None, "", {}, []):
                continue
            extra[str(key)] = _cell(val) if not isinstance(val, dict | list) else repr(val)
        if extra:
            item["extra"] = extra
        if ftype in ("note",):
            for key in ("required", "readonly", "default"):
                item.pop(key, None)
        yield item


_TOP_USED: Final = frozenset(
    {"type", "name", "title", "id_string", "version", "default_language", "children"}
    | {"sms_keyword"}
)
_QUESTION_USED: Final = frozenset(
    {"type", "name", "label", "hint", "bind", "control", "itemset", "list_name", "choices"}
    | {"choice_filter", "parameters", "media", "trigger", "default", "query", "__row_number"}
)


def _as_choice(row: dict[str, Any]) -> dict[str, Any]:
    """A file's row as pyxform's choice entry: translated labels gathered under 'label'."""
    labels = {k.split("::", 1)[1]: v for k, v in row.items() if k.lower().startswith("label::")}
    if row.get("label"):
        labels["default"] = row["label"]
    out = {k: v for k, v in row.items() if not k.lower().startswith("label")}
    out["label"] = labels or row.get("name", "")
    return out


_SEARCH_RE: Final = re.compile(
    r"""search\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"](\w+)['"]\s*,\s*['"]([^'"]+)['"]\s*,\s*(.+?))?\)"""
)
_LOOKUP_RE: Final = re.compile(r"""(?:pulldata|instance)\(\s*['"]([^'"]+)['"]""")


def _file_list_name(itemset: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_]+", "_", itemset).strip("_") or "list"
    return f"file_{slug}"


def _sheet_rows(path: Path, sheet: str) -> list[dict[str, Any]] | None:
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
        header = [_cell(h) for h in next(rows, ())]
        out = []
        for cells in rows:
            row = {h: _cell(v) for h, v in zip(header, cells, strict=False) if h}
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
            props = {str(k): _cell(v) for k, v in (feature.get("properties") or {}).items()}
            name = _cell(feature.get("id")) or props.get("id") or props.get("name", "")
            label = props.get("title") or props.get("label") or props.get("name") or name
            row = {**props, "name": name, "label": label}
            row["geometry"] = json.dumps(feature.get("geometry"), separators=(",", ":"))
            rows.append(row)
        return rows
    raise ValueError(f"{path.name}: a choices file is .csv, .xml or .geojson")


def _reads_bare_names(text: str) -> bool:
    from fieldapp.forms.expressions import ExpressionError, Field, parse, walk

    try:
        return any(isinstance(n, Field) for n in walk(parse(text)))
    except ExpressionError:
        return False


def _by_bind(known: dict[str, Any]) -> str:
    bind_type = (known.get("bind") or {}).get("type", "string")
    control = known.get("control") or {}
    if bind_type == "binary":
        media = str(control.get("mediatype", ""))
        return "image" if media.startswith("image") else "file"
    return {
        "int": "integer",
        "decimal": "decimal",
        "date": "date",
        "time": "time",
        "dateTime": "datetime",
        "geopoint": "geopoint",
        "geotrace": "geotrace",
        "geoshape": "geoshape",
        "barcode": "barcode",
    }.get(str(bind_type), "text")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return _cell(next(iter(value.values()), ""))
    return str(value).strip()


class _PathResolver:
    """XPath location paths pyxform passes through, read as the `${name}` they point at:
    `./source` (a child of the group whose relevance it is), `../${inputs}/user/contact_id`,
    `/data/group/q` (CHT and hand-written forms). A path that leads to no question of the
    form is left as written, for the reader to report with its cell."""

    _KEYS: Final = ("relevant", "calculation", "constraint", "required", "readonly")

    def __init__(self, children: list[dict[str, Any]], root: str, warn: Any) -> None:
        self.children = children
        self.root = root
        self.warn = warn
        self.paths: dict[str, tuple[str, ...]] = {}  # question or group name -> its path
        self.names: dict[tuple[str, ...], str] = {}
        self.read: list[str] = []

        def index(items: list[dict[str, Any]], prefix: tuple[str, ...]) -> None:
            for item in items:
                path = (*prefix, str(item.get("name", "")))
                self.paths[path[-1]] = path
                self.names[path] = path[-1]
                index(item.get("children") or [], path)

        index(children, ())

    def run(self) -> None:
        self.fix(self.children, ())
        if self.read:
            self.warn(
                f"survey: {len(self.read)} XPath path(s) read as the question they point at "
                f"(first: {self.read[0]})"
            )

    def fix(self, items: list[dict[str, Any]], prefix: tuple[str, ...]) -> None:
        for item in items:
            path = (*prefix, str(item.get("name", "")))
            for key in (*self._KEYS, "repeat_count"):
                if isinstance(item.get(key), str) and "/" in item[key]:
                    context = prefix if key == "repeat_count" else path
                    item[key] = self.rewrite(item[key], context)
            extra = item.get("extra") or {}
            if "/" in extra.get("dynamic_default", ""):
                extra["dynamic_default"] = self.rewrite(extra["dynamic_default"], path)
            self.fix(item.get("children") or [], path)

    def rewrite(self, text: str, context: tuple[str, ...]) -> str:
        return _outside_strings(
            text, lambda part: _PATH_RE.sub(lambda m: self.resolve(m, context), part)
        )

    def resolve(self, match: re.Match[str], context: tuple[str, ...]) -> str:
        written = match.group()
        steps = written.split("/")
        path: tuple[str, ...] | None
        if steps[0] == "":  # absolute: /data/...
            steps = steps[1:]
            if not steps or steps[0] != self.root:
                return written
            path, steps = (), steps[1:]
        else:
            path = context
        for step in steps:
            if step == ".":
                continue
            if step == "..":
                path = path[:-1]
            elif step.startswith("${"):
                path = self.paths.get(step[2:-1])
                if path is None:
                    return written
            else:
                path = (*path, step)
        name = self.names.get(path)
        if name is None:
            return written
        self.read.append(f"{written!r} -> ${{{name}}}")
        return f"${{{name}}}"


_STEP: Final = r"(?:\.\.|\.|[A-Za-z_][\w.\-]*|\$\{[A-Za-z_][\w.\-]*\})"
# a location path (two steps or more), not one that continues a call or a predicate
# (`instance('x')/root/item[...]/id` is the engine's)
_PATH_RE: Final = re.compile(
    rf"(?<![\w)\]}}/.])(?:/[A-Za-z_][\w.\-]*|\.\.|\.|\$\{{[A-Za-z_][\w.\-]*\}})(?:/{_STEP})+"
)


def _expression(text: str) -> str:
    """An XLSForm expression as our parser reads it: straight quotes (pyxform straightens
    them too) and `../name` (pyxform's own or_other relevance) as `${name}`."""
    return _outside_strings(
        text.translate(_SMART_QUOTES), lambda part: _RELATIVE_RE.sub(r"${\1}", part)
    )


def _outside_strings(text: str, change: Callable[[str], str]) -> str:
    """`text` with `change` applied to what lies outside its string literals."""
    out: list[str] = []
    quote = ""
    start = 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
                out.append(text[start : i + 1])
                start = i + 1
        elif ch in "'\"":
            out.append(change(text[start:i]))
            quote = ch
            start = i
    tail = text[start:]
    out.append(tail if quote else change(tail))
    return "".join(out)


def _languages_in(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("label", "hint", "title", "jr:constraintMsg", "jr:requiredMsg") and (
                isinstance(value, dict)
            ):
                yield from (str(k) for k in value)
            elif key == "media" and isinstance(value, dict):
                for v in value.values():
                    if isinstance(v, dict):
                        yield from (str(k) for k in v)
            else:
                yield from _languages_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from _languages_in(value)


def _substitute(raw: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """A loop's row with `%(name)s` / `%(label)s` replaced by the current column's."""

    def sub(value: Any) -> Any:
        if isinstance(value, str):
            for key, text in values.items():
                value = value.replace(f"%({key})s", text)
            return value
        if isinstance(value, dict):
            return {k: sub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [sub(v) for v in value]
        return value

    return {k: (sub(v) if k != "children" else v) for k, v in raw.items()}


def _suffixed(raw: dict[str, Any], column: str) -> dict[str, Any]:
    """A loop child named per column, so names stay unique across the loop's groups."""
    out = dict(raw)
    out["name"] = f"{_cell(raw.get('name'))}_{column}"
    return out


def convert(path: Path, media: dict[str, Path] | None = None) -> tuple[Converted | None, str]:
    """The FieldApp definition of a workbook pyxform accepts, or None and pyxform's reason.
    `media`: file name -> path of the files published with the form (choices files)."""
    data, reason = pyxform_dict(path)
    if data is None:
        return None, reason
    converter = _Converter(data, path, media)
    definition = converter.convert()
    return Converted(definition, converter.warnings, missing=converter.missing), ""
