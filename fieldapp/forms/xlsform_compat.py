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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from fieldapp.forms.definition import FORMAT, FORMAT_VERSION
from fieldapp.forms.model import NAME_RE, SELECT_TYPES
from fieldapp.forms.xlsform import FALSE_TEXTS, TRUE_TEXTS
from fieldapp.forms.xlsform_external import (
    EXTERNAL_FILE_RE,
    SEARCH_RE,
    ExternalData,
    file_list_name,
)
from fieldapp.forms.xlsform_paths import PathResolver, read_expression, reads_bare_names
from fieldapp.forms.xlsform_texts import DECLARATIONS, META, TYPES, by_bind, cell


@dataclass(slots=True)
class Converted:
    """A definition made from pyxform's dict, with what was adjusted (one line each)."""

    definition: dict[str, Any]
    warnings: list[str]
    rows: dict[str, int] = field(default_factory=dict)  # question name -> survey row
    missing: list[str] = field(default_factory=list)  # media files named, not given
    # what FieldApp cannot run although pyxform converts it: (question, column, message)
    problems: list[tuple[str, str, str]] = field(default_factory=list)


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


class _Converter(ExternalData):
    def __init__(
        self,
        data: dict[str, Any],
        path: Path,
        media: dict[str, Path] | None = None,
        rows: dict[str, int] | None = None,
    ) -> None:
        super().__init__(data, path, media)
        self.rows = rows or {}  # question name -> survey row, for warnings
        self.names: set[str] = set()
        self.list_keys: dict[str, str] = {}  # XLSForm list name -> FieldApp list name

    def convert(self) -> dict[str, Any]:
        data = self.data
        form_id = str(data.get("id_string") or data.get("name") or self.path.stem)
        if not NAME_RE.match(form_id):
            clean = re.sub(r"[^A-Za-z0-9_.\-]", "_", form_id)
            form_id = clean if NAME_RE.match(clean) else f"form_{clean}"
            self.warn(f"settings: form_id made a name: {form_id!r}")
        version = cell(data.get("version"))
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
                self.warn(f"settings: {key!r} kept for display only ({cell(value)[:40]!r})")
        for list_name, entries in (data.get("choices") or {}).items():
            key = self.list_key(str(list_name))
            self.choice_lists[key] = self.choices(key, entries)
        children = self.children(data.get("children") or [], None, {})
        PathResolver(children, str(data.get("name") or "data"), self.warn, self.rows).run()
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

    def choices(self, list_name: str, entries: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        columns: set[str] = set()
        for entry in entries if isinstance(entries, list) else []:
            columns.update(k for k in entry if k not in ("name", "label", "media"))
        for entry in entries if isinstance(entries, list) else []:
            name = cell(entry.get("name"))
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
            extra = {c: cell(entry.get(c)) for c in sorted(columns)}
            if extra:
                choice["columns"] = extra
            media = entry.get("media")  # image / media::image(::lang), audio, video
            if isinstance(media, dict):
                kept = {str(k): self.text(v) for k, v in media.items() if self.text(v)}
                if kept:
                    choice["media"] = kept
            out.append(choice)
        return out

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
        name = cell(raw.get("name"))
        if subst:
            raw = _substitute(raw, subst)
        if kind == "loop":
            for column in raw.get("columns") or []:
                col = cell(column.get("name"))
                label = column.get("label")
                texts = label if isinstance(label, dict) else {"default": label}
                values = {"name": col, "label": cell(next(iter(texts.values()), col))}
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
        if kind in DECLARATIONS:
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
            group["relevant"] = read_expression(bind["relevant"])
        count = control.get("jr:count") or raw.get("repeat_count")
        if kind == "repeat" and count:
            group["repeat_count"] = read_expression(str(count))
        if control.get("appearance"):
            group["appearance"] = cell(control["appearance"])
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
        ftype = TYPES.get(kind)
        if ftype is None:
            known = QUESTION_TYPE_DICT.get(kind) or {}
            ftype = by_bind(known)
            self.warn(f"survey: type {kind!r} of {name!r} read as {ftype!r}")
        qname = self.unique(name, parent)
        item: dict[str, Any] = {"type": ftype, "name": qname}
        extra: dict[str, str] = {}
        if ftype in SELECT_TYPES:
            itemset = cell(raw.get("itemset") or raw.get("list_name"))
            external = kind == "select one external" or EXTERNAL_FILE_RE.match(itemset)
            if not external:
                itemset = self.list_key(itemset)
            rows = self.external_rows(kind, itemset, qname) if external else None
            if rows is not None:
                list_name = file_list_name(itemset)
                if list_name not in self.choice_lists:
                    self.choice_lists[list_name] = self.choices(list_name, rows)
                item["choices"] = list_name
            elif external:
                extra["choices_file"] = itemset if "." in itemset else "itemsets.csv"
                extra["choices_list"] = itemset
                # Choices come from a file published with the form (docs/forms.md); its
                # filter is kept to run on the file's rows.
                if raw.get("choice_filter"):
                    extra["choice_filter"] = read_expression(cell(raw.pop("choice_filter")))
            else:
                if itemset not in self.choice_lists:
                    # pyxform copied the list onto the question ('choices'): keep it.
                    self.choice_lists[itemset] = self.choices(itemset, raw.get("choices") or [])
                item["choices"] = itemset
                appearance = cell(control.get("appearance", ""))
                if SEARCH_RE.search(appearance):
                    self.search(item, appearance, itemset)
        label = self.text(raw.get("label"))
        if label:
            item["label"] = label
        elif ftype not in META | {"calculate", "hidden"}:
            hint_only = self.text(raw.get("hint"))
            item["label"] = hint_only or {lang: name for lang in self.languages}
            self.warn(f"survey: {name!r} has no label; its {'hint' if hint_only else 'name'} shows")
        hint = self.text(raw.get("hint"))
        if hint:
            item["hint"] = hint
        if ftype in META:
            # audit's settings ride on the bind (odk:track-changes, odk:location-…).
            kept = {f"bind::{k}": cell(v) for k, v in bind.items() if k.startswith("odk:")}
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
            text = cell(value)
            if target in ("required", "readonly"):
                if computed:
                    continue
                flag = text.lower()
                item[target] = (
                    True
                    if flag in TRUE_TEXTS
                    else False
                    if flag in FALSE_TEXTS
                    else read_expression(text)
                )
                continue
            if computed and target == "constraint":
                self.warn(f"survey: the constraint of {ftype} {name!r} is ignored")
                continue
            item[target] = read_expression(text)
        if (
            name == "instanceName"
            and parent == "meta"
            and reads_bare_names(item.get("calculation", ""))
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
            extra[f"bind::{key}"] = cell(val)
        appearance = cell(control.pop("appearance", ""))
        if appearance:
            item["appearance"] = appearance
        control.pop("bodyless", None)
        for key, val in control.items():
            extra[f"body::{key}"] = cell(val)
        if raw.get("choice_filter") and ftype in SELECT_TYPES and "choices" in item:
            item["choice_filter"] = self.filter(read_expression(cell(raw["choice_filter"])), item)
        parameters = raw.get("parameters") or {}
        if isinstance(parameters, dict) and parameters:
            item["parameters"] = {str(k): cell(v) for k, v in parameters.items()}
        media = raw.get("media") or {}
        if isinstance(media, dict) and media:
            item["media"] = {str(k): self.text(v) for k, v in media.items() if self.text(v)}
        trigger = raw.get("trigger")
        if trigger:
            # pyxform gives the names it found in `${a} ${b}` as a tuple of bare names
            refs = [cell(r) for r in (trigger if isinstance(trigger, list | tuple) else [trigger])]
            item["trigger"] = " ".join(r if "${" in r else f"${{{r}}}" for r in refs if r)
        default = raw.get("default")
        if default not in (None, "") and not computed:
            text = cell(default)
            if text.startswith("/"):
                extra["dynamic_default"] = read_expression(text)  # an XPath path: not run
            elif "${" in text or "(" in text:
                item["default"] = read_expression(text)  # evaluated once (docs/forms.md)
            elif ftype == "date" and re.match(r"\d{4}-\d{2}-\d{2}[ T]", text):
                item["default"] = text[:10]  # a spreadsheet date cell read with its time
            else:
                value = self.default_value(text, ftype, item)
                if value is not None:
                    item["default"] = value
        for key, val in raw.items():
            if key in _QUESTION_USED or val in (None, "", {}, []):
                continue
            extra[str(key)] = cell(val) if not isinstance(val, dict | list) else repr(val)
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
    out["name"] = f"{cell(raw.get('name'))}_{column}"
    return out


def convert(
    path: Path, media: dict[str, Path] | None = None, rows: dict[str, int] | None = None
) -> tuple[Converted | None, str]:
    """The FieldApp definition of a workbook pyxform accepts, or None and pyxform's reason.
    `media`: file name -> path of the files published with the form (choices files);
    `rows`: question name -> its survey row, named by warnings."""
    data, reason = pyxform_dict(path)
    if data is None:
        return None, reason
    converter = _Converter(data, path, media, rows)
    definition = converter.convert()
    return (
        Converted(
            definition,
            converter.warnings,
            missing=converter.missing,
            problems=converter.problems,
        ),
        "",
    )
