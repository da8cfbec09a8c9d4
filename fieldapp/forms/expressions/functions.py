"""The function library: what each XLSForm function computes, and how many arguments it takes.

Each builder takes the compiled arguments and returns one closure, so calling a function
costs no name lookup. Functions that need compile-time knowledge of the form (position(),
indexed-repeat(), sum()/count()/min()/max(), regex() with a fixed pattern) are compiled by
`compiler._Compiler`; their arity is still declared here.
"""

from __future__ import annotations

import math
import random as _random
import re
import uuid as _uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Final

from fieldapp.forms.expressions.values import (
    NAN,
    Compiled,
    Env,
    NodeSet,
    Value,
    to_bool,
    to_date,
    to_number,
    to_string,
)

_AGGREGATES: Final = frozenset({"sum", "count", "min", "max"})

# name -> (minimum arguments, maximum arguments or None for any number)
# Functions ODK Collect runs that FieldApp does not (JavaRosa's XPathFuncExpr and Collect's
# handlers): a form calling one is refused here but not by ODK Validate.
JAVAROSA_ONLY: Final = frozenset(
    {"decimal-time", "is-selected", "count-non-empty", "join", "substring-before"}
    | {"substring-after", "checklist", "weighted-checklist", "depend", "area", "distance"}
    | {"base64-decode", "jr:itext", "current", "property", "version", "sort", "sort-by"}
)


def unknown_to_odk(name: str) -> str:
    """Why ODK Collect cannot run a function FieldApp does not know ('' if Collect can)."""
    if name in JAVAROSA_ONLY:
        return ""
    prefix = name.split(":", 1)[0] if ":" in name else ""
    if prefix == "cht":
        return "a CHT extension its own web forms add; ODK Collect has no such function either"
    return "no such function in ODK Collect either"


FUNCTIONS: Final[dict[str, tuple[int, int | None]]] = {
    "if": (3, 3),
    "not": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "boolean": (1, 1),
    "selected": (2, 2),
    "count-selected": (1, 1),
    "selected-at": (2, 2),
    "string-length": (0, 1),
    "regex": (2, 2),
    "coalesce": (2, 2),
    "concat": (1, None),
    "string": (0, 1),
    "contains": (2, 2),
    "starts-with": (2, 2),
    "ends-with": (2, 2),
    "substr": (2, 3),
    "today": (0, 0),
    "date": (1, 1),
    "number": (0, 1),
    "int": (1, 1),
    "round": (1, 2),
    "floor": (1, 1),
    "ceiling": (1, 1),
    "abs": (1, 1),
    "pow": (2, 2),
    "sqrt": (1, 1),
    "exp": (1, 1),
    "exp10": (1, 1),
    "log": (1, 1),
    "log10": (1, 1),
    "sin": (1, 1),
    "cos": (1, 1),
    "tan": (1, 1),
    "asin": (1, 1),
    "acos": (1, 1),
    "atan": (1, 1),
    "atan2": (2, 2),
    "pi": (0, 0),
    "normalize-space": (1, 1),
    "boolean-from-string": (1, 1),
    "translate": (3, 3),
    "uuid": (0, 1),
    "once": (1, 1),
    "jr:choice-name": (2, 2),
    "pulldata": (4, 4),
    "instance": (1, 1),
    "search": (1, 4),
    "digest": (2, 3),
    "now": (0, 0),
    "random": (0, 0),
    "decimal-date-time": (1, 1),
    "date-time": (1, 1),
    "format-date-time": (2, 2),
    "format-date": (2, 2),
    "indexed-repeat": (3, 3),
    "position": (1, 1),
    "sum": (1, 1),
    "count": (1, 1),
    "min": (1, None),
    "max": (1, None),
}


def _round(x: float, digits: float = 0.0) -> float:
    if x != x or math.isinf(x):
        return x
    if digits != digits:
        return NAN
    if digits == 0:
        # XPath 1.0: the closest integer, halves rounded towards positive infinity.
        return float(math.floor(x + 0.5))
    places = int(digits)
    if 0 < places <= 15:
        # Far from a half (x * 10**places under 1e9: its error and repr's are < 1e-6),
        # half-up on repr's digits and round()'s correctly rounded nearest agree.
        y = abs(x) * 10.0**places
        if y < 1e9 and abs(y - math.floor(y) - 0.5) > 1e-6:
            return round(x, places)
        # Half-up rounding of the shortest repr, done on its digits: n / 10**places with
        # both exact floats is the correctly rounded value, as float(Decimal(...)) is.
        text = repr(x)
        if "e" not in text:
            whole, _, frac = text.partition(".")
            if len(frac) <= places:
                return x
            n = int(whole.lstrip("-") + frac[:places])
            rest = frac[places:]
            if rest[0] > "5" or (rest[0] == "5" and (text[0] != "-" or rest.strip("0") != "5")):
                n += 1
            if n < 2**53:
                y = n / 10.0**places
                return -y if text[0] == "-" else y
    try:
        quantum = Decimal(1).scaleb(-places)
        mode = ROUND_HALF_DOWN if x < 0 else ROUND_HALF_UP
        return float(Decimal(repr(x)).quantize(quantum, rounding=mode))
    except (InvalidOperation, OverflowError, ValueError):
        return x


def _int(x: float) -> float:
    if x != x or math.isinf(x):
        return NAN
    return float(math.trunc(x))


def _split(value: Value) -> list[str]:
    return to_string(value).split()


def _fn_if(fns: Sequence[Compiled]) -> Compiled:
    cond, then, other = fns
    return lambda env: then(env) if to_bool(cond(env)) else other(env)


def _fn_coalesce(fns: Sequence[Compiled]) -> Compiled:
    first, second = fns

    def coalesce(env: Env) -> Value:
        v = first(env)
        return v if to_string(v) != "" else second(env)

    return coalesce


def _fn_concat(fns: Sequence[Compiled]) -> Compiled:
    return lambda env: "".join(to_string(f(env)) for f in fns)


def _fn_substr(fns: Sequence[Compiled]) -> Compiled:
    # ODK's substr(s, start[, end]): 0-based, end exclusive.
    def substr(env: Env) -> Value:
        text = to_string(fns[0](env))
        start = to_number(fns[1](env))
        end = to_number(fns[2](env)) if len(fns) == 3 else float(len(text))
        if start != start or end != end:
            return ""
        lo = max(0, int(start))
        hi = min(len(text), int(end)) if not math.isinf(end) else len(text)
        return text[lo:hi] if hi > lo else ""

    return substr


def _fn_selected_at(fns: Sequence[Compiled]) -> Compiled:
    values, index = fns

    def selected_at(env: Env) -> Value:
        items = _split(values(env))
        i = to_number(index(env))
        if i != i or math.isinf(i) or not 0 <= int(i) < len(items):
            return ""
        return items[int(i)]

    return selected_at


def _fn_pow(fns: Sequence[Compiled]) -> Compiled:
    base, exponent = fns

    def power(env: Env) -> Value:
        try:
            result = math.pow(to_number(base(env)), to_number(exponent(env)))
        except (OverflowError, ValueError):
            return NAN
        return result

    return power


def _unary(op: Callable[[Value], Value]) -> Callable[[Sequence[Compiled]], Compiled]:
    def build(fns: Sequence[Compiled]) -> Compiled:
        (f,) = fns
        return lambda env: op(f(env))

    return build


def _binary(op: Callable[[Value, Value], Value]) -> Callable[[Sequence[Compiled]], Compiled]:
    def build(fns: Sequence[Compiled]) -> Compiled:
        f, g = fns
        return lambda env: op(f(env), g(env))

    return build


def _constant(value: Value) -> Callable[[Sequence[Compiled]], Compiled]:
    return lambda fns: lambda env: value


def _fn_round(fns: Sequence[Compiled]) -> Compiled:
    if len(fns) == 1:
        (f,) = fns
        return lambda env: _round(to_number(f(env)))
    f, g = fns
    return lambda env: _round(to_number(f(env)), to_number(g(env)))


def _fn_date(v: Value) -> Value:
    found = to_date(v)
    return found if found is not None else ""


_DATETIME_RE: Final = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?\s*\Z"
)
_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct")
_MONTHS_END: Final = ("Nov", "Dec")
_EPOCH_MOMENT: Final = datetime(1970, 1, 1, tzinfo=UTC)
_DAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _moment(v: Value) -> datetime | None:
    """A date or dateTime value as a wall-clock datetime (kept in UTC so that no offset is
    applied: forms mean the time as typed); numbers are days since 1970."""
    if type(v) is NodeSet:
        return _moment(v[0]) if v else None
    if type(v) is date:
        return datetime(v.year, v.month, v.day, tzinfo=UTC)
    if type(v) is float:
        if not math.isfinite(v):
            return None
        try:
            return _EPOCH_MOMENT + timedelta(days=v)
        except OverflowError:
            return None
    if type(v) is str:
        m = _DATETIME_RE.match(v)
        if m is None:
            return None
        try:
            return datetime(
                int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0),
                int((m[7] or "0")[:6].ljust(6, "0")), tzinfo=UTC,
            )  # fmt: skip
        except ValueError:
            return None
    return None


def _days(v: Value) -> float:
    """decimal-date-time(): days since 1970-01-01 with the time as a fraction."""
    moment = _moment(v)
    if moment is None:
        return NAN
    return (moment - _EPOCH_MOMENT).total_seconds() / 86400.0


def _from_days(x: float) -> Value:
    moment = _moment(x)
    if moment is None:
        return ""
    return moment.replace(tzinfo=None).isoformat(timespec="milliseconds")


def _format_date_time(v: Value, pattern: str) -> str:
    """ODK's format-date-time(): %Y %y %m %n %b %d %e %H %h %M %S %3 %a; '' for no date."""
    moment = _moment(v)
    if moment is None:
        return ""
    month = (*_MONTHS, *_MONTHS_END)[moment.month - 1]
    codes = {
        "Y": f"{moment.year:04d}",
        "y": f"{moment.year % 100:02d}",
        "m": f"{moment.month:02d}",
        "n": str(moment.month),
        "b": month,
        "d": f"{moment.day:02d}",
        "e": str(moment.day),
        "H": f"{moment.hour:02d}",
        "h": str(moment.hour),
        "M": f"{moment.minute:02d}",
        "S": f"{moment.second:02d}",
        "3": f"{moment.microsecond // 1000:03d}",
        "a": _DAYS[moment.weekday()],
    }
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "%" and i + 1 < len(pattern) and pattern[i + 1] in codes:
            out.append(codes[pattern[i + 1]])
            i += 2
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


def _math(fn: Callable[[float], float], v: Value) -> float:
    """A math function as JavaRosa has it: NaN outside its domain, never an exception."""
    try:
        return fn(to_number(v))
    except (ValueError, OverflowError):
        return NAN


def _fn_translate(fns: Sequence[Compiled]) -> Compiled:
    text, source, target = fns

    def translate(env: Env) -> Value:
        frm, to = to_string(source(env)), to_string(target(env))
        table = {
            ord(c): (to[i] if i < len(to) else None) for i, c in reversed(list(enumerate(frm)))
        }
        return to_string(text(env)).translate(table)

    return translate


def _fn_floor(v: Value) -> Value:
    x = to_number(v)
    return float(math.floor(x)) if math.isfinite(x) else x


def _fn_ceiling(v: Value) -> Value:
    x = to_number(v)
    return float(math.ceil(x)) if math.isfinite(x) else x


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="milliseconds")


def _seed(instance: str, stream: str, idx: tuple[int, ...]) -> _random.Random:
    # A str seed is hashed with SHA-512: the same in every process and Python version.
    return _random.Random(f"{instance}|{stream}|{'.'.join(map(str, idx))}")


def seeded_random(instance: str, stream: str, idx: tuple[int, ...]) -> float:
    """random() for one survey: the same instance id, question, call and repeat instance
    give the same number in [0, 1). Without an id ('': answers never settled by the app)
    too, so exports of the same answers never differ."""
    return _seed(instance, stream, idx).random()


_UUID_ALPHABET: Final = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def seeded_uuid(instance: str, stream: str, idx: tuple[int, ...], length: float) -> str:
    """uuid(): a version-4 UUID; uuid(n): n random letters and digits (ODK). Seeded as
    `seeded_random` is when the survey has an id."""
    # Without an id, a fresh one: an identifier shared by every unsettled survey is worse
    # than one that changes until the answers are settled.
    rng = _seed(instance, stream, idx) if instance else _random.SystemRandom()
    if length != length or length < 1:
        return str(_uuid.UUID(int=rng.getrandbits(128), version=4))
    return "".join(rng.choice(_UUID_ALPHABET) for _ in range(min(int(length), 1024)))


def stored_value(raw: Any) -> Value:
    """A JSON answer as an expression value: numbers as floats, lists space-separated (a
    select_multiple), a geopoint as 'lat lon altitude accuracy'."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        return raw
    if isinstance(raw, list):
        return " ".join(str(x) for x in raw)
    if isinstance(raw, dict) and "lat" in raw:
        return " ".join(str(raw.get(k, 0)) for k in ("lat", "lon", "altitude", "accuracy"))
    return ""


def _fn_digest(fns: Sequence[Compiled]) -> Compiled:
    """digest(text, 'MD5'|'SHA-1'|'SHA-256'|'SHA-384'|'SHA-512'[, 'hex'|'base64'])."""
    import base64
    import hashlib

    algorithms = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256"} | {
        "SHA-384": "sha384",
        "SHA-512": "sha512",
    }

    def digest(env: Env) -> Value:
        algorithm = algorithms.get(to_string(fns[1](env)).strip().upper())
        if algorithm is None:
            return ""
        raw = hashlib.new(algorithm, to_string(fns[0](env)).encode()).digest()
        encoding = to_string(fns[2](env)).strip().lower() if len(fns) == 3 else "base64"
        return raw.hex() if encoding == "hex" else base64.b64encode(raw).decode()

    return digest


_FUNCTION_BUILDERS: Final[dict[str, Callable[[Sequence[Compiled]], Compiled]]] = {
    "if": _fn_if,
    "not": _unary(lambda v: not to_bool(v)),
    "true": _constant(True),
    "false": _constant(False),
    "boolean": _unary(to_bool),
    "selected": _binary(lambda v, c: to_string(c).strip() in _split(v)),
    "count-selected": _unary(lambda v: float(len(_split(v)))),
    "selected-at": _fn_selected_at,
    "string-length": _unary(lambda v: float(len(to_string(v)))),
    "coalesce": _fn_coalesce,
    "concat": _fn_concat,
    "string": _unary(to_string),
    "contains": _binary(lambda a, b: to_string(b) in to_string(a)),
    "starts-with": _binary(lambda a, b: to_string(a).startswith(to_string(b))),
    "ends-with": _binary(lambda a, b: to_string(a).endswith(to_string(b))),
    "substr": _fn_substr,
    "today": lambda fns: lambda env: env.today,
    "date": _unary(_fn_date),
    "number": _unary(to_number),
    "int": _unary(lambda v: _int(to_number(v))),
    "round": _fn_round,
    "floor": _unary(_fn_floor),
    "ceiling": _unary(_fn_ceiling),
    "abs": _unary(lambda v: abs(to_number(v))),
    "pow": _fn_pow,
    "sqrt": _unary(lambda v: _math(math.sqrt, v)),
    "exp": _unary(lambda v: _math(math.exp, v)),
    "exp10": _unary(lambda v: _math(lambda x: math.pow(10.0, x), v)),
    "log": _unary(lambda v: _math(math.log, v)),
    "log10": _unary(lambda v: _math(math.log10, v)),
    "sin": _unary(lambda v: _math(math.sin, v)),
    "cos": _unary(lambda v: _math(math.cos, v)),
    "tan": _unary(lambda v: _math(math.tan, v)),
    "asin": _unary(lambda v: _math(math.asin, v)),
    "acos": _unary(lambda v: _math(math.acos, v)),
    "atan": _unary(lambda v: _math(math.atan, v)),
    "atan2": _binary(lambda y, x: math.atan2(to_number(y), to_number(x))),
    "pi": _constant(math.pi),
    "normalize-space": _unary(lambda v: " ".join(to_string(v).split())),
    "boolean-from-string": _unary(lambda v: to_string(v).strip() in ("true", "1")),
    "translate": _fn_translate,
    "now": lambda fns: lambda env: env.moment or _now(),
    "digest": _fn_digest,
    "decimal-date-time": _unary(lambda v: _days(v)),
    "date-time": _unary(lambda v: _from_days(to_number(v))),
    "format-date-time": _binary(lambda v, f: _format_date_time(v, to_string(f))),
    "format-date": _binary(lambda v, f: _format_date_time(v, to_string(f))),
}
