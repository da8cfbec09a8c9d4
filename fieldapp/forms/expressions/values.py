"""What expressions compute on: typed values, their conversions and comparisons.

Values follow JavaRosa (the ODK engine): a question's value is typed (numbers are floats,
dates are `datetime.date`), an unanswered or non-relevant question is the empty string, and a
reference to a question inside a repeat from outside that repeat is a `NodeSet`. `Env` is what
a compiled expression reads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Final


class NodeSet(tuple["Value", ...]):
    """The values of one question across repeat instances (what `${q}` is outside its repeat)."""

    __slots__ = ()


Value = str | float | bool | date | NodeSet


# Conversions (XPath 1.0 section 4, with JavaRosa's typed dates)


_EPOCH: Final = date(1970, 1, 1)
_XPATH_NUMBER_RE: Final = re.compile(r"\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*\Z")
_ISO_DATE_RE: Final = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*\Z")
NAN: Final = math.nan
EQUALITY_TOLERANCE: Final = 1e-12  # JavaRosa's, for `=`/`!=` of numbers and to_bool()


def to_number(value: Value) -> float:
    # `type(x) is T` rather than isinstance: this runs thousands of times per keystroke.
    if type(value) is float:
        return value
    if type(value) is str:
        return float(value) if _XPATH_NUMBER_RE.match(value) else NAN
    if type(value) is bool:
        return 1.0 if value else 0.0
    if type(value) is NodeSet:
        return to_number(value[0]) if value else NAN
    if type(value) is date:
        return float((value - _EPOCH).days)
    if isinstance(value, int):  # a stray int from a caller is still a number
        return float(value)
    return NAN


def format_number(value: float) -> str:
    """XPath's string() of a number: integers without '.0', NaN and Infinity spelled out."""
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


def to_string(value: Value) -> str:
    if type(value) is str:
        return value
    if type(value) is float:
        return format_number(value)
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is NodeSet:
        return to_string(value[0]) if value else ""
    if type(value) is date:
        return value.isoformat()
    return str(value)


def to_bool(value: Value) -> bool:
    if type(value) is bool:
        return value
    if type(value) is str:
        return value != ""
    if type(value) is float:
        return abs(value) > EQUALITY_TOLERANCE  # False for NaN too
    if type(value) is NodeSet:
        return len(value) > 0
    return True


def to_date(value: Value) -> date | None:
    if type(value) is date:
        return value
    if type(value) is str:
        m = _ISO_DATE_RE.match(value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
        return None
    if type(value) is float:
        if value != value or math.isinf(value):
            return None
        try:
            return _EPOCH + timedelta(days=math.floor(value))
        except OverflowError:
            return None
    if type(value) is NodeSet:
        return to_date(value[0]) if value else None
    return None


def xpath_equal(a: Value, b: Value) -> bool:
    if type(a) is bool or type(b) is bool:
        return to_bool(a) == to_bool(b)
    if type(a) is NodeSet:
        return any(xpath_equal(x, b) for x in a)
    if type(b) is NodeSet:
        return any(xpath_equal(a, y) for y in b)
    if type(a) is float or type(b) is float:
        # JavaRosa (XPathEqExpr): numbers are equal within 1e-12, so 0.7 + 0.2 + 0.1 = 1
        return abs(to_number(a) - to_number(b)) < EQUALITY_TOLERANCE
    if type(a) is date or type(b) is date:
        da = to_date(a)
        return da is not None and da == to_date(b)
    return to_string(a) == to_string(b)


def xpath_compare(op: str, a: Value, b: Value) -> bool:
    if type(a) is NodeSet:
        return any(xpath_compare(op, x, b) for x in a)
    if type(b) is NodeSet:
        return any(xpath_compare(op, a, y) for y in b)
    if (type(a) is date and type(b) is str) or (type(a) is str and type(b) is date):
        # Sensible rather than strict XPath: '2024-01-31' against a date compares as dates.
        da = to_date(a)
        db = to_date(b)
        if da is None or db is None:
            return False
        x = float((da - _EPOCH).days)
        y = float((db - _EPOCH).days)
    else:
        x = to_number(a)
        y = to_number(b)
    if op == "<":
        return x < y
    if op == "<=":
        return x <= y
    if op == ">":
        return x > y
    return x >= y


def divide(a: float, b: float) -> float:
    if b == 0:
        if a == 0 or a != a:
            return NAN
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def modulo(a: float, b: float) -> float:
    # XPath mod truncates like C's fmod: the result has the sign of the dividend.
    if b == 0 or math.isinf(a) or a != a or b != b:
        return NAN
    return math.fmod(a, b)


class Env:
    """What compiled expressions read: effective values of every question, by repeat instance.

    `top` holds questions outside any repeat; `rep[name][idx]` questions inside repeats, where
    `idx` is the tuple of 0-based instance positions from the outermost repeat in. `idx` is the
    instance being evaluated; `row` the choice being filtered by a choice_filter.

    The survey's context: `instance` its id (what random() and uuid() are seeded with, so
    the same survey gives the same values), `lang` the language labels are shown in
    (jr:choice-name(); '' for the form's default), `last_saved` the answers of the last
    saved survey of the same form (`${last-saved#name}`), `moment` now() as ISO text ('' for
    the clock).
    """

    __slots__ = ("idx", "instance", "lang", "last_saved", "moment", "rep", "row", "today", "top")

    def __init__(self, today: date, context: Context | None = None) -> None:
        self.top: dict[str, Value] = {}
        self.rep: dict[str, dict[tuple[int, ...], Value]] = {}
        self.idx: tuple[int, ...] = ()
        self.row: dict[str, str] = {}
        self.today = today
        context = context or NO_CONTEXT
        self.instance = context.instance_id
        self.lang = context.language
        self.last_saved = context.last_saved
        self.moment = context.now


@dataclass(frozen=True, slots=True)
class Context:
    """What an evaluation knows of the survey beyond its answers (see `Env`)."""

    instance_id: str = ""
    language: str = ""
    last_saved: Mapping[str, Any] = field(default_factory=dict)
    now: str = ""


NO_CONTEXT: Final = Context()


Compiled = Callable[[Env], Value]
