"""Answers as stored (JSON-friendly Python values) and as expressions see them.

The store keeps answers the way the agent gave them: an int for an integer, a list of choice
names for a select_multiple, a dict for a geopoint. Expressions see XPath values (numbers are
floats, a select_multiple is a space-separated string, a geopoint 'lat lon alt accuracy').
`to_value` is the cheap, total conversion used on every keystroke; `normalize` is the strict
one validation uses, which says what is wrong with an answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any, Final, TypeGuard

from fieldapp.forms.expressions import Value, format_number, to_date
from fieldapp.forms.model import STORAGE

_SHA256_RE: Final = re.compile(r"[0-9a-f]{64}\Z")
_DATE_RE: Final = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME_RE: Final = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\Z")
_MAX_INTEGER: Final = 2**63 - 1
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2100


def is_empty(raw: Any) -> bool:
    """Unanswered: nothing, an empty string, an empty list or dict."""
    return raw is None or raw == "" or raw == [] or raw == {}


def _text(raw: Any) -> Value:
    if isinstance(raw, str):
        return raw
    if raw is None or isinstance(raw, bool):
        return ""
    if isinstance(raw, int | float):
        return format_number(float(raw))
    return ""


def _number(raw: Any) -> Value:
    if isinstance(raw, bool) or raw is None:
        return ""
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        return raw
    return ""


def _multiple(raw: Any) -> Value:
    if isinstance(raw, list):
        return " ".join(str(x) for x in raw)
    if isinstance(raw, str):
        return " ".join(raw.split())
    return ""


def _date(raw: Any) -> Value:
    if isinstance(raw, str):
        found = to_date(raw)
        return found if found is not None else raw
    return ""


def _geopoint(raw: Any) -> Value:
    if isinstance(raw, dict):
        lat = raw.get("lat")
        lon = raw.get("lon")
        if not _is_number(lat) or not _is_number(lon):
            return ""
        acc = raw.get("accuracy")
        alt = raw.get("altitude")
        parts: list[float] = [
            float(lat),
            float(lon),
            float(alt) if _is_number(alt) else 0.0,
            float(acc) if _is_number(acc) else 0.0,
        ]
        return " ".join(format_number(p) for p in parts)
    if isinstance(raw, str):
        return " ".join(raw.split())
    return ""


def _image(raw: Any) -> Value:
    if isinstance(raw, dict):
        name = raw.get("filename") or raw.get("sha256") or ""
        return name if isinstance(name, str) else ""
    if isinstance(raw, str):
        return raw
    return ""


def _nothing(raw: Any) -> Value:
    return ""


def _points(raw: Any) -> Value:
    """A geotrace/geoshape as XPath sees it: 'lat lon alt acc;lat lon alt acc;...'."""
    if isinstance(raw, list):
        return ";".join(t for t in (_geopoint(p) for p in raw) if isinstance(t, str) and t)
    if isinstance(raw, str):
        return ";".join(" ".join(p.split()) for p in raw.split(";") if p.strip())
    return ""


CONVERTERS: Final[dict[str, Callable[[Any], Value]]] = {
    "time": _text,
    "datetime": _text,
    "geotrace": _points,
    "text": _text,
    "select_one": _text,
    "integer": _number,
    "decimal": _number,
    "select_multiple": _multiple,
    "rank": _multiple,
    "date": _date,
    "geopoint": _geopoint,
    "image": _image,
    "note": _nothing,
    "calculate": _nothing,
}
CONVERTERS.update({t: CONVERTERS[base] for t, base in STORAGE.items()})


def _is_number(x: Any) -> TypeGuard[int | float]:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


class AnswerError(Exception):
    """Why a raw answer does not fit its question type.

    `code` is the Issue code ('type', 'range' or 'choice'), `key` the message in `messages`.
    """

    def __init__(self, code: str, key: str) -> None:
        super().__init__(key)
        self.code = code
        self.key = key


def normalize(qtype: str, raw: Any) -> Any:
    """The canonical stored form of a non-empty answer, or AnswerError.

    integer -> int, decimal -> float, select_multiple/rank -> list[str], date -> 'YYYY-MM-DD',
    geopoint -> {'lat', 'lon', 'altitude', 'accuracy'}, image -> {'sha256', 'filename'}.
    Choice membership is checked elsewhere: it depends on the choice filter.
    """
    # Fast path for answers already in canonical form, by far the common case (exports and
    # server validation call this for every answer of every survey).
    qtype = STORAGE.get(qtype, qtype)
    kind = type(raw)
    if kind is str:
        if qtype == "text":
            return raw
        if (
            qtype == "select_one"
            and raw
            and " " not in raw
            and not raw[0].isspace()
            and not raw[-1].isspace()
        ):
            return raw
    elif kind is int:
        if qtype == "integer" and -_MAX_INTEGER <= raw <= _MAX_INTEGER:
            return raw
    elif kind is float and qtype == "decimal" and math.isfinite(raw):
        return raw
    if qtype in ("text", "select_one"):
        if not isinstance(raw, str):
            raise AnswerError("type", "type.text")
        if qtype == "select_one" and (not raw.strip() or " " in raw.strip()):
            raise AnswerError("type", "type.choice_name")
        return raw.strip() if qtype == "select_one" else raw
    if qtype == "integer":
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise AnswerError("type", "type.integer")
        if abs(raw) > _MAX_INTEGER:
            raise AnswerError("range", "range.integer")
        return raw
    if qtype == "decimal":
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise AnswerError("type", "type.decimal")
        if not math.isfinite(raw):
            raise AnswerError("type", "type.decimal")
        return float(raw)
    if qtype in ("select_multiple", "rank"):
        if isinstance(raw, str):
            items: list[Any] = raw.split()
        elif isinstance(raw, list):
            items = raw
        else:
            raise AnswerError("type", "type.choices")
        if not all(isinstance(x, str) and x and " " not in x for x in items):
            raise AnswerError("type", "type.choices")
        if len(set(items)) != len(items):
            raise AnswerError("choice", "choice.duplicate")
        return list(items)
    if qtype == "date":
        if not isinstance(raw, str) or not _DATE_RE.match(raw):
            raise AnswerError("type", "type.date")
        try:
            day = date.fromisoformat(raw)
        except ValueError as err:
            raise AnswerError("type", "type.date") from err
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise AnswerError("range", "range.date")
        return raw
    if qtype == "geopoint":
        return _normalize_geopoint(raw)
    if qtype == "time":
        if not isinstance(raw, str) or not _TIME_RE.match(raw.strip()):
            raise AnswerError("type", "type.time")
        return raw.strip()
    if qtype == "datetime":
        if not isinstance(raw, str):
            raise AnswerError("type", "type.datetime")
        text = raw.strip()
        day_text, _, clock = text.partition("T")
        if not _DATE_RE.match(day_text) or (clock and not _TIME_RE.match(clock)):
            raise AnswerError("type", "type.datetime")
        try:
            date.fromisoformat(day_text)
        except ValueError as err:
            raise AnswerError("type", "type.datetime") from err
        return text
    if qtype == "geotrace":
        points = raw.split(";") if isinstance(raw, str) else raw
        if not isinstance(points, list):
            raise AnswerError("type", "type.geotrace")
        out = [_normalize_geopoint(p) for p in points if not (isinstance(p, str) and not p.strip())]
        if not out:
            raise AnswerError("type", "type.geotrace")
        return out
    if qtype == "image":
        if isinstance(raw, str):
            raw = {"sha256": raw}
        if not isinstance(raw, dict) or set(raw) - {"sha256", "filename"}:
            raise AnswerError("type", "type.image")
        sha = raw.get("sha256")
        filename = raw.get("filename", "")
        if not isinstance(sha, str) or not _SHA256_RE.match(sha):
            raise AnswerError("type", "type.image")
        if not isinstance(filename, str):
            raise AnswerError("type", "type.image")
        return {"sha256": sha, "filename": filename}
    return raw


def _normalize_geopoint(raw: Any) -> dict[str, float | None]:
    if isinstance(raw, str):
        parts = raw.replace(",", " ").split()
        if len(parts) not in (2, 3, 4):
            raise AnswerError("type", "type.geopoint")
        try:
            numbers = [float(p) for p in parts]
        except ValueError as err:
            raise AnswerError("type", "type.geopoint") from err
        raw = {
            "lat": numbers[0],
            "lon": numbers[1],
            "altitude": numbers[2] if len(numbers) > 2 else None,
            "accuracy": numbers[3] if len(numbers) > 3 else None,
        }
    if not isinstance(raw, dict) or set(raw) - {"lat", "lon", "altitude", "accuracy"}:
        raise AnswerError("type", "type.geopoint")
    lat = raw.get("lat")
    lon = raw.get("lon")
    if not _is_number(lat) or not _is_number(lon):
        raise AnswerError("type", "type.geopoint")
    accuracy = raw.get("accuracy")
    altitude = raw.get("altitude")
    if accuracy is not None and (not _is_number(accuracy) or accuracy < 0):
        raise AnswerError("type", "type.geopoint")
    if altitude is not None and not _is_number(altitude):
        raise AnswerError("type", "type.geopoint")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise AnswerError("range", "range.geopoint")
    return {
        "lat": float(lat),
        "lon": float(lon),
        "altitude": None if altitude is None else float(altitude),
        "accuracy": None if accuracy is None else float(accuracy),
    }
