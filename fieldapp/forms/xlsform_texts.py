"""XLSForm cells, type names and translated texts as FieldApp reads them.

pyxform's dict spells types its own way (`photo`, `select all that apply`, `imei`), gives cells
as numbers or booleans and texts as `{language name: text}`; this module maps each onto
FieldApp's type names, plain strings and `{language code: text}` with ODK's fallbacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from fieldapp.forms.xlsform import known_language_code
from fieldapp.workbook import cell_text

DEFAULT_LANGUAGE: Final = "fr"

# pyxform type (after its aliases) -> FieldApp type, where the name alone decides.
TYPES: Final[dict[str, str]] = {
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
DECLARATIONS: Final = frozenset(
    {"xml-external", "csv-external", "background-audio", "background-geopoint"}
    | {"attribute", "entity", "label", "osm"}
)
META: Final = frozenset(
    {"start", "end", "today", "deviceid", "username", "phonenumber", "email", "simserial"}
    | {"subscriberid", "audit", "start-geopoint"}
)


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


class Texts:
    """The form's languages (codes, the default first) and its texts in each of them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.fallbacks = 0
        names = sorted(
            {lang for lang in languages_in(data) if lang != "default"},
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

    def text(self, value: Any, fill: bool = True) -> dict[str, str]:
        """A translated text in every form language: a missing translation falls back to the
        plain column, then the default language, then any language (as ODK shows it)."""
        if value is None or value == "":
            return {}
        if isinstance(value, dict):
            found: dict[str, str] = {}
            plain = ""
            for name, text in value.items():
                text = cell(text)
                if not text:
                    continue
                if name == "default":
                    plain = text
                else:
                    found.setdefault(self.codes.get(name, language_code(name)), text)
        else:
            found = {}
            plain = cell(value)
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


def by_bind(known: dict[str, Any]) -> str:
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


def cell(value: Any) -> str:
    """A value of pyxform's dict as text: a translated one ({language: text}) by its first
    language, any other as a workbook cell reads (`fieldapp.workbook.cell_text`)."""
    if isinstance(value, dict):
        return cell(next(iter(value.values()), ""))
    return cell_text(value)


def languages_in(node: Any) -> Iterator[str]:
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
                yield from languages_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from languages_in(value)
