"""XLSForm import: an Excel workbook (sheets survey, choices, settings) to a form definition.

We read the workbook with openpyxl ourselves instead of going through pyxform: pyxform stops
at the first error and reports most of them without a cell, while coordinators need every
problem of a workbook at once with its sheet, row and column; and pyxform's output is shaped
for XForms (translations keyed by language name, `${}` rewritten to XPath paths), not for our
definition. The tests still run pyxform over the shipped baseline workbook, so the form we
author stays a valid XLSForm for ODK and KoboToolbox too.

Every column, type, sheet and setting we do not support is an error naming where it is:
nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from openpyxl.utils import get_column_letter

from fieldapp import workbook
from fieldapp.forms import label_media
from fieldapp.forms.definition import FORMAT, FORMAT_VERSION, Form, read_definition
from fieldapp.forms.model import NAME_RE, FormError, FormReadError, Problem
from fieldapp.workbook import Workbook, WorkbookError, cell_text

DEFAULT_LANGUAGE: Final = "fr"

# XLSForm column -> definition key. Translatable columns may carry '::language'.
_SURVEY_COLUMNS: Final[dict[str, str]] = {
    "type": "type",
    "name": "name",
    "label": "label",
    "hint": "hint",
    "required": "required",
    "required_message": "required_message",
    "relevant": "relevant",
    "constraint": "constraint",
    "constraint_message": "constraint_message",
    "calculation": "calculation",
    "default": "default",
    "read_only": "readonly",
    "choice_filter": "choice_filter",
    "appearance": "appearance",
    "repeat_count": "repeat_count",
}
_COLUMN_ALIASES: Final[dict[str, str]] = {
    "readonly": "read_only",
    "relevance": "relevant",
    "calculate": "calculation",
    "requiredmsg": "required_message",
    "jr:count": "repeat_count",
    "count": "repeat_count",
    "list name": "list_name",
}
_TRANSLATED: Final = frozenset({"label", "hint", "required_message", "constraint_message"})
_SETTINGS_COLUMNS: Final = frozenset({"form_title", "form_id", "version", "default_language"})
_UNSUPPORTED_SHEETS: Final = frozenset({"external_choices", "entities", "osm"})
_CHOICE_MEDIA: Final = frozenset({"image", "audio", "video", "big-image"})
_TYPE_ALIASES: Final[dict[str, str]] = {
    "int": "integer",
    "begin group": "begin_group",
    "end group": "end_group",
    "begin repeat": "begin_repeat",
    "end repeat": "end_repeat",
}
_PLAIN_TYPES: Final = frozenset(
    {"text", "integer", "decimal", "date", "geopoint", "image", "note", "calculate"}
)
_LIST_TYPES: Final = frozenset({"select_one", "select_multiple", "rank"})
_KNOWN_LANGUAGES: Final[dict[str, str]] = {
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "arabic": "ar",
    "العربية": "ar",
    "english": "en",
    "anglais": "en",
    "spanish": "es",
    "español": "es",
    "portuguese": "pt",
    "português": "pt",
    "swahili": "sw",
    "kiswahili": "sw",
    "chinese": "zh",
    "hindi": "hi",
    "bengali": "bn",
    "bangla": "bn",
    "amharic": "am",
    "hausa": "ha",
    "somali": "so",
    "russian": "ru",
    "ukrainian": "uk",
    "indonesian": "id",
    "tetun": "tet",
    "tamazight": "zgh",
    "darija": "ary",
}
_CODE_RE: Final = re.compile(r"[a-z]{2,3}\Z")
_LANGUAGE_SUFFIX_RE: Final = re.compile(r".*\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*\Z")
TRUE_TEXTS: Final = frozenset({"yes", "true", "1", "true()"})
FALSE_TEXTS: Final = frozenset({"no", "false", "0", "false()", ""})


@dataclass(slots=True)
class _Column:
    index: int  # 1-based
    header: str
    base: str
    language: str | None

    @property
    def letter(self) -> str:
        return str(get_column_letter(self.index))


@dataclass(slots=True)
class _Row:
    number: int
    values: dict[str, str]  # key ('label::fr', 'type', ...) -> cell text
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Sheet:
    name: str
    columns: list[_Column]
    rows: list[_Row]
    by_key: dict[str, _Column]


class _WorkbookOrigin:
    """Maps definition pointers back to the sheet, row and column they came from."""

    def __init__(self) -> None:
        self.places: dict[str, tuple[str, int | None, dict[str, _Column]]] = {}

    def add(self, pointer: str, sheet: str, row: int | None, columns: dict[str, _Column]) -> None:
        self.places[pointer] = (sheet, row, columns)

    def locate(
        self, pointer: str, key: str | None
    ) -> tuple[str | None, int | None, str | None, str | None]:
        place = self.places.get(pointer)
        if place is None:
            return None, None, key, None
        sheet, row, columns = place
        if key is None:
            return sheet, row, None, None
        if pointer == "" and key == "children":
            return "survey", None, None, None
        column = columns.get(key) or columns.get(key.split("::")[0])
        if column is None:
            return sheet, row, _xlsform_name(key), None
        cell = f"{column.letter}{row}" if row is not None else None
        return sheet, row, column.header, cell


def _xlsform_name(key: str) -> str:
    base, _, lang = key.partition("::")
    base = {"title": "form_title", "id": "form_id"}.get(base, base)
    for column, k in _SURVEY_COLUMNS.items():
        if k == base:
            base = column
            break
    return f"{base}::{lang}" if lang else base


class _Importer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.origin = _WorkbookOrigin()
        self.languages: list[str] = []
        self.default_language = DEFAULT_LANGUAGE
        self.rows: dict[str, int] = {}  # question name -> its survey row

    def problem(
        self,
        sheet: str,
        row: int | None,
        column: _Column | str | None,
        message: str,
        question: str | None = None,
    ) -> None:
        if isinstance(column, _Column):
            cell = f"{column.letter}{row}" if row is not None else f"{column.letter}1"
            self.problems.append(Problem(sheet, row, column.header, question, message, cell))
        else:
            self.problems.append(Problem(sheet, row, column, question, message))

    # -- workbook --------------------------------------------------------------------------

    def read(self) -> dict[str, Any]:
        workbook = open_workbook(self.path)
        try:
            sheets = {name.strip().lower(): workbook[name] for name in workbook.sheetnames}
            for name in sorted(sheets.keys() & _UNSUPPORTED_SHEETS):
                self.problem(name, None, None, f"the {name!r} sheet is not supported")
            if "survey" not in sheets:
                raise _fatal(f"{self.path.name} has no 'survey' sheet")
            # The settings sheet is read first: it says what plain 'label' columns mean.
            settings = self.sheet("settings", sheets.get("settings"))
            if self.read_default_language(settings):
                settings = self.sheet("settings", sheets.get("settings"), report=False)
            survey = self.sheet("survey", sheets["survey"])
            choices = self.sheet("choices", sheets.get("choices"))
        finally:
            workbook.close()
        for sheet in (settings, survey, choices):
            for column in sheet.columns:
                if column.language and column.language not in self.languages:
                    self.languages.append(column.language)
        if not self.languages:
            self.languages.append(self.default_language)
        if self.default_language not in self.languages:
            self.languages.insert(0, self.default_language)
        definition: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
        }
        definition.update(self.read_settings(settings))
        definition["default_language"] = self.default_language
        definition["languages"] = self.languages
        definition["choice_lists"] = self.read_choices(choices)
        definition["children"] = self.read_survey(survey)
        return definition

    def sheet(self, name: str, worksheet: Any, *, report: bool = True) -> _Sheet:
        if worksheet is None:
            return _Sheet(name, [], [], {})
        if hasattr(worksheet, "reset_dimensions"):
            # read-only sheets pad up to their declared size (A1:Z1048576): read what is there
            worksheet.reset_dimensions()
        rows_iter = worksheet.iter_rows(values_only=True)
        header_cells = next(rows_iter, ())
        columns: list[_Column] = []
        by_key: dict[str, _Column] = {}
        seen = len(self.problems)
        for i, value in enumerate(header_cells, start=1):
            if value is None or not str(value).strip():
                continue
            column = self.header(name, i, str(value).strip())
            if column is None:
                continue
            key = f"{column.base}::{column.language}" if column.language else column.base
            if key in by_key:
                self.problem(name, 1, column, f"column {key!r} appears twice")
                continue
            by_key[key] = column
            columns.append(column)
        rows: list[_Row] = []
        for number, cells in enumerate(rows_iter, start=2):
            values: dict[str, str] = {}
            raw: dict[str, Any] = {}
            for column in columns:
                if column.index - 1 >= len(cells):
                    continue
                value = cells[column.index - 1]
                text = cell_text(value)
                if text:
                    key = f"{column.base}::{column.language}" if column.language else column.base
                    values[key] = text
                    raw[key] = value
            if values:
                rows.append(_Row(number, values, raw))
        if not report:  # a second reading of the same headers: keep the first's problems
            del self.problems[seen:]
        return _Sheet(name, columns, rows, by_key)

    def header(self, sheet: str, index: int, text: str) -> _Column | None:
        base, sep, language_text = text.partition("::")
        written = base.strip()
        base = written.lower()
        if sheet == "survey":
            base = _COLUMN_ALIASES.get(base, base)
        elif sheet == "choices":
            base = {"list name": "list_name"}.get(base, base)
            if base not in ("list_name", "name", "label"):
                base = written  # a filter column: `Gov` is read by `Gov = ${x}`
        column = _Column(index, text, base, None)
        if sheet == "survey":
            known = base in _SURVEY_COLUMNS
        elif sheet == "settings":
            known = base in _SETTINGS_COLUMNS
        else:
            known = base.lower() not in _CHOICE_MEDIA and base.lower() != "media"
        if not known:
            self.problem(sheet, 1, column, f"unsupported column {text!r}")
            return None
        translatable = base in _TRANSLATED or (sheet == "settings" and base == "form_title")
        if sheet == "choices" and base == "label":
            translatable = True
        if sep:
            if not translatable:
                self.problem(sheet, 1, column, f"column {base!r} cannot be translated")
                return None
            language = known_language_code(language_text)
            if language is None:
                self.problem(
                    sheet,
                    1,
                    column,
                    f"cannot tell the language of {text!r}: write it as "
                    f"'{base}::Name (code)', e.g. '{base}::Français (fr)'",
                )
                return None
            column.language = language
        elif translatable:
            column.language = self.default_language
        return column

    def read_default_language(self, settings: _Sheet) -> bool:
        """Take the settings' default language; True if it changed what plain columns mean."""
        if not settings.rows:
            return False
        row = settings.rows[0]
        text = row.values.get("default_language")
        if text is None:
            return False
        code = known_language_code(text)
        if code is None:
            self.problem(
                "settings",
                row.number,
                settings.by_key.get("default_language"),
                f"unknown default language {text!r}",
            )
            return False
        changed = code != self.default_language
        self.default_language = code
        return changed

    # -- settings --------------------------------------------------------------------------

    def read_settings(self, settings: _Sheet) -> dict[str, Any]:
        if len(settings.rows) > 1:
            for extra in settings.rows[1:]:
                self.problem("settings", extra.number, None, "settings take one row only")
        row = settings.rows[0] if settings.rows else _Row(2, {})
        columns = {
            "id": settings.by_key.get("form_id"),
            "version": settings.by_key.get("version"),
            "default_language": settings.by_key.get("default_language"),
        }
        for column in settings.columns:
            if column.base == "form_title" and column.language:
                columns[f"title::{column.language}"] = column
        self.origin.add("", "settings", row.number, {k: v for k, v in columns.items() if v})
        form_id = row.values.get("form_id") or _stem_id(self.path)
        out: dict[str, Any] = {"id": form_id, "version": row.values.get("version", "")}
        title = {
            lang: row.values[key]
            for lang in self.languages
            if (key := f"form_title::{lang}") in row.values
        }
        out["title"] = title or {self.default_language: form_id}
        return out

    # -- choices ---------------------------------------------------------------------------

    def read_choices(self, sheet: _Sheet) -> dict[str, list[dict[str, Any]]]:
        lists: dict[str, list[dict[str, Any]]] = {}
        if sheet.rows and "list_name" not in sheet.by_key:
            self.problem("choices", 1, "list_name", "the choices sheet has no 'list_name' column")
            return lists
        extra = [c for c in sheet.columns if c.base not in ("list_name", "name", "label")]
        for row in sheet.rows:
            list_name = row.values.get("list_name", "")
            if not list_name:
                self.problem("choices", row.number, sheet.by_key.get("list_name"), "no list_name")
                continue
            entries = lists.setdefault(list_name, [])
            pointer = f"/choice_lists/{list_name}/{len(entries)}"
            columns = dict(sheet.by_key)
            columns["columns"] = extra[0] if extra else sheet.by_key["list_name"]
            self.origin.add(pointer, "choices", row.number, columns)
            if len(entries) == 0:
                self.origin.add(f"/choice_lists/{list_name}", "choices", row.number, columns)
            entry: dict[str, Any] = {
                "name": row.values.get("name", ""),
                "label": {
                    c.language: row.values[f"label::{c.language}"]
                    for c in sheet.columns
                    if c.base == "label" and c.language and f"label::{c.language}" in row.values
                },
            }
            filters = {c.base: row.values[c.base] for c in extra if c.base in row.values}
            if filters:
                entry["columns"] = filters
            entries.append(entry)
        return lists

    # -- survey ----------------------------------------------------------------------------

    def read_survey(self, sheet: _Sheet) -> list[dict[str, Any]]:
        root: list[dict[str, Any]] = []
        # (kind, row, the group's dict, its children list, its pointer)
        stack: list[tuple[str, int, dict[str, Any], list[dict[str, Any]], str]] = []
        if "type" not in sheet.by_key:
            self.problem("survey", 1, "type", "the survey sheet has no 'type' column")
            return root
        for row in sheet.rows:
            siblings = stack[-1][3] if stack else root
            parent_pointer = stack[-1][4] + "/children" if stack else "/children"
            type_text = _type_text(row.values.get("type", ""))
            name = row.values.get("name")
            if name:
                self.rows.setdefault(name, row.number)
            type_column = sheet.by_key["type"]
            if not type_text:
                self.problem("survey", row.number, type_column, "the row has no type", name)
                continue
            type_text = _TYPE_ALIASES.get(type_text, type_text)
            if type_text in ("end_group", "end_repeat"):
                kind = type_text[4:]
                if not stack:
                    self.problem("survey", row.number, type_column, f"'end {kind}' without begin")
                    continue
                open_kind, open_row, _, _, _ = stack[-1]
                if open_kind != kind:
                    self.problem(
                        "survey",
                        row.number,
                        type_column,
                        f"'end {kind}' closes the {open_kind} begun on row {open_row}",
                    )
                stack.pop()
                for key in row.values:
                    if key not in ("type", "name"):
                        self.problem(
                            "survey",
                            row.number,
                            sheet.by_key[key],
                            f"an 'end {kind}' row takes no {key!r}",
                        )
                continue
            pointer = f"{parent_pointer}/{len(siblings)}"
            columns = {
                _SURVEY_COLUMNS[c.base] + (f"::{c.language}" if c.language else ""): c
                for c in sheet.columns
            }
            columns["choices"] = type_column
            self.origin.add(pointer, "survey", row.number, columns)
            item = self.item(row, sheet, type_text, type_column)
            if item is None:
                continue
            siblings.append(item)
            if type_text in ("begin_group", "begin_repeat"):
                item["children"] = []
                stack.append((item["type"], row.number, item, item["children"], pointer))
        for kind, number, item, _, _ in stack:
            self.problem(
                "survey",
                number,
                sheet.by_key["type"],
                f"the {kind} begun here is never closed with 'end {kind}'",
                item.get("name"),
            )
        return root

    def item(
        self, row: _Row, sheet: _Sheet, type_text: str, type_column: _Column
    ) -> dict[str, Any] | None:
        name = row.values.get("name")
        for spaced in ("select one ", "select multiple "):
            if type_text.startswith(spaced):
                type_text = spaced.strip().replace(" ", "_") + " " + type_text[len(spaced) :]
        parts = type_text.split()
        item: dict[str, Any] = {}
        if type_text in ("begin_group", "begin_repeat"):
            item["type"] = type_text[6:]
        elif parts[0] in _LIST_TYPES:
            if len(parts) != 2:
                detail = " ".join(parts[2:])
                message = (
                    f"'{detail}' is not supported" if len(parts) > 2 else "no choice list named"
                )
                self.problem("survey", row.number, type_column, f"{type_text!r}: {message}", name)
                return None
            item["type"] = parts[0]
            item["choices"] = parts[1]
        elif type_text in _PLAIN_TYPES:
            item["type"] = type_text
        else:
            self.problem("survey", row.number, type_column, f"unsupported type {type_text!r}", name)
            return None
        item["name"] = name
        for key, text in row.values.items():
            base, _, lang = key.partition("::")
            if base in ("type", "name"):
                continue
            target = _SURVEY_COLUMNS[base]
            if lang:
                item.setdefault(target, {})[lang] = text
            elif target in ("required", "readonly"):
                item[target] = _flag(text)
            elif target == "default":
                item[target] = _default_text(row.raw[key], text)
            else:
                item[target] = text
        return item


def _type_text(text: str) -> str:
    """The type cell with its keywords lower-cased and the list name as written
    (`select_one YesNo` names the list `YesNo`)."""
    words = text.split()
    lowered = [w.lower() for w in words]
    for n in (2, 1):  # 'select one YesNo', 'select_one YesNo'
        head = " ".join(lowered[:n])
        if head in ("select one", "select multiple") or (n == 1 and head in _LIST_TYPES):
            return " ".join([*lowered[:n], *words[n:]])
    return " ".join(lowered)


def _default_text(raw: Any, text: str) -> Any:
    # Keep numbers typed so a decimal default of 2.5 does not go through text and back.
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return raw
    return text


def _flag(text: str) -> bool | str:
    lowered = text.strip().lower()
    if lowered in TRUE_TEXTS:
        return True
    if lowered in FALSE_TEXTS:
        return False
    return text


def known_language_code(text: str) -> str | None:
    """The code of an XLSForm language: 'Français (fr)', 'fr', or a known name ('English')."""
    text = text.strip()
    m = _LANGUAGE_SUFFIX_RE.match(text)
    if m:
        return m.group(1).lower()
    if _CODE_RE.match(text.lower()):
        return text.lower()
    return _KNOWN_LANGUAGES.get(text.lower())


def open_workbook(path: Path) -> Workbook:
    """The workbook at `path` (`fieldapp.workbook.open_workbook`); FormReadError when it
    cannot be read."""
    try:
        return workbook.open_workbook(path)
    except WorkbookError as err:
        raise FormReadError(str(err)) from err


def _stem_id(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.\-]", "_", path.stem) or "form"
    return stem if NAME_RE.match(stem) else f"form_{stem}"


def _searches(definition: dict[str, Any]) -> bool:
    """Whether a question's appearance is search('file'...): its choices come from a media
    file, which the pyxform-based reader (xlsform_compat) maps."""
    stack: list[Any] = list(definition.get("children") or [])
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "search(" in str(item.get("appearance", "")):
                return True
            stack.extend(item.get("children") or [])
    return False


def _fatal(message: str) -> FormError:
    return FormError([Problem(None, None, None, None, message)])


def read_xlsform(path: Path, media: list[Path] | None = None) -> Form:
    """A Form from an XLSForm workbook; FormError with every problem located otherwise.

    Sheet-level problems (columns, types, begin/end) and definition-level ones (names,
    translations, expressions, cycles) are both collected. A workbook our strict reader
    refuses but pyxform accepts is read from pyxform's normalised dict instead
    (`xlsform_compat`): what XLSForm allows loads, with warnings (`Form.warnings`).
    """
    importer = _Importer(path)
    try:
        definition = importer.read()
    except FormReadError:
        raise
    except FormError as err:  # no 'survey' sheet by that name: pyxform may still find it
        problems = err.problems
    else:
        problems = importer.problems
        images = label_media.embed(definition, {m.name: m for m in media or []})
        try:
            form = read_definition(definition, importer.origin)
        except FormError as err:
            problems = importer.problems + [p for p in err.problems if p not in problems]
        else:
            if not problems and not _searches(definition):
                form.warnings = [*form.warnings, *images]
                return form
    from fieldapp.forms.xlsform_compat import convert

    try:
        converted, reason = convert(path, {m.name: m for m in media or []}, importer.rows)
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise FormError([Problem(None, None, None, None, f"a media file: {err}")]) from None
    if converted is None:
        note = Problem(None, None, None, None, f"pyxform refuses this workbook too: {reason}")
        # what XLSForm allows (a column or setting we only keep, no version) is not why:
        # listing it would send the coordinator to fix what needs no fixing
        why = [p for p in problems if not p.message.startswith(_XLSFORM_ALLOWS)]
        raise FormError([*_sorted(why), note]) from None
    images = label_media.embed(converted.definition, {m.name: m for m in media or []})
    origin = _RowOrigin(converted.definition, importer.rows)
    if converted.problems:
        raise FormError(
            [
                Problem("survey", importer.rows.get(name), column, name, message)
                for name, column, message in converted.problems
            ]
        )
    form = read_definition(converted.definition, origin)
    form.warnings = [*converted.warnings, *images]
    form.missing_media = converted.missing
    return form


_XLSFORM_ALLOWS: Final = ("unsupported column ", "the form version is required")


class _RowOrigin:
    """Locates problems of a definition made from pyxform's dict: by the question's row."""

    def __init__(self, definition: dict[str, Any], rows: dict[str, int]) -> None:
        self.rows = rows
        self.names: dict[str, str] = {}

        def walk(items: list[dict[str, Any]], pointer: str) -> None:
            for i, item in enumerate(items):
                here = f"{pointer}/{i}"
                self.names[here] = str(item.get("name", ""))
                walk(item.get("children") or [], f"{here}/children")

        walk(definition.get("children") or [], "/children")

    def locate(
        self, pointer: str, key: str | None
    ) -> tuple[str | None, int | None, str | None, str | None]:
        name = self.names.get(pointer)
        if name is None:
            return ("settings" if pointer == "" else "choices"), None, key, None
        return "survey", self.rows.get(name), _xlsform_name(key) if key else None, None


_SHEET_ORDER: Final = {"settings": 0, "survey": 1, "choices": 2}


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(
        problems,
        key=lambda p: (_SHEET_ORDER.get(p.sheet or "", 3), p.row or 0),
    )
