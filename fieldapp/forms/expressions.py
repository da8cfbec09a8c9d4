"""The expression language of XLSForm: tokenizer, Pratt parser, printer and compiler.

Forms say when a question is shown (`relevant`), what is allowed (`constraint`), what is
computed (`calculation`) and which choices are offered (`choice_filter`) with the XPath 1.0
subset that ODK and KoboToolbox accept. Expressions are parsed once, when a form is loaded,
into an AST and then compiled to nested Python closures: evaluating a whole form on every
keystroke must stay far below the 2 ms budget, so the hot path never walks the AST or looks
anything up by name.

Values follow JavaRosa (the ODK engine): a question's value is typed (numbers are floats,
dates are `datetime.date`), an unanswered or non-relevant question is the empty string, and a
reference to a question inside a repeat from outside that repeat is a `NodeSet`.
"""

from __future__ import annotations

import math
import operator
import random as _random
import re
import uuid as _uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final, Literal

__all__ = [
    "BINARY_OPERATORS",
    "FUNCTIONS",
    "Binary",
    "Call",
    "Compiled",
    "Current",
    "Env",
    "ExpressionError",
    "Field",
    "Neg",
    "Node",
    "NodeSet",
    "Num",
    "Parent",
    "Ref",
    "Str",
    "Target",
    "Value",
    "compile_expression",
    "format_number",
    "parse",
    "references",
    "to_bool",
    "to_number",
    "to_source",
    "to_string",
]


class ExpressionError(Exception):
    """A malformed or unsupported expression; `offset` is the 0-based character position."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset

    def describe(self, source: str) -> str:
        """The message with the 1-based column and the expression, as shown to form authors."""
        return f"{self.message} at column {self.offset + 1} in {source!r}"


class NodeSet(tuple["Value", ...]):
    """The values of one question across repeat instances (what `${q}` is outside its repeat)."""

    __slots__ = ()


Value = str | float | bool | date | NodeSet

# ---------------------------------------------------------------------------------------------
# AST. Positions do not take part in equality, so parse(print(ast)) == ast holds.


@dataclass(frozen=True, slots=True)
class Num:
    value: float
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Str:
    value: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Ref:
    """`${name}`."""

    name: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Current:
    """`.`: the value of the question the expression belongs to."""

    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Parent:
    """`..` (or `../..`, `levels` deep): only meaningful as the argument of `position()`."""

    pos: int = field(default=0, compare=False)
    levels: int = 1


@dataclass(frozen=True, slots=True)
class Field:
    """A bare name: a column of the choices sheet, only meaningful in a `choice_filter`."""

    name: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Node
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Node
    right: Node
    pos: int = field(default=0, compare=False)


Node = Num | Str | Ref | Current | Parent | Field | Call | Neg | Binary

# Binding powers, loosest first, as in XPath 1.0 section 3.
BINARY_OPERATORS: Final[dict[str, int]] = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}
_UNARY_POWER: Final = 7
_WORD_OPERATORS: Final = frozenset({"and", "or", "div", "mod"})

# ---------------------------------------------------------------------------------------------
# Tokenizer

TokenKind = Literal["num", "str", "ref", "name", "op", "(", ")", ",", ".", "..", "end"]


@dataclass(frozen=True, slots=True)
class _Token:
    kind: TokenKind
    text: str
    pos: int


_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*(?::[A-Za-z_][A-Za-z0-9_.\-]*)?")
_REF_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
_NUMBER_RE: Final = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_OPERAND_END: Final = frozenset({"num", "str", "ref", "name", ")", ".", ".."})


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    n = len(source)
    while i < n:
        c = source[i]
        if c in " \t\r\n":
            i += 1
            continue
        # XPath 1.0 3.7: after an operand, `*` and the names and/or/div/mod are operators.
        after_operand = bool(tokens) and tokens[-1].kind in _OPERAND_END
        if c == "$":
            if i + 1 < n and source[i + 1] == "{":
                close = source.find("}", i + 2)
                if close < 0:
                    raise ExpressionError("'${' without a closing '}'", i)
                name = source[i + 2 : close].strip()
                if not _REF_NAME_RE.match(name):
                    raise ExpressionError(f"invalid question name {name!r} in ${{...}}", i)
                tokens.append(_Token("ref", name, i))
                i = close + 1
                continue
            raise ExpressionError("'$' must start a ${name} reference", i)
        if c in "'\"":
            close = source.find(c, i + 1)
            if close < 0:
                raise ExpressionError("unterminated string", i)
            tokens.append(_Token("str", source[i + 1 : close], i))
            i = close + 1
            continue
        if c.isdigit() or (c == "." and i + 1 < n and source[i + 1].isdigit()):
            m = _NUMBER_RE.match(source, i)
            assert m is not None  # the first character is a digit or '.' then a digit
            tokens.append(_Token("num", m.group(), i))
            i = m.end()
            if i < n and (source[i].isalpha() or source[i] == "_"):
                raise ExpressionError("a number must not be followed by a letter", i)
            continue
        if c == ".":
            if source.startswith("..", i):
                end = i + 2
                while source.startswith("/..", end):  # `../..`: the grandparent
                    end += 3
                tokens.append(_Token("..", source[i:end], i))
                i = end
            else:
                tokens.append(_Token(".", ".", i))
                i += 1
            continue
        if c in "(),":
            tokens.append(_Token(c, c, i))  # type: ignore[arg-type]
            i += 1
            continue
        two = source[i : i + 2]
        if two in ("!=", "<=", ">="):
            tokens.append(_Token("op", two, i))
            i += 2
            continue
        if c in "=<>+-":
            tokens.append(_Token("op", c, i))
            i += 1
            continue
        if c == "*":
            if not after_operand:
                raise ExpressionError("'*' as a name test is not supported", i)
            tokens.append(_Token("op", "*", i))
            i += 1
            continue
        if c in "/|[]@":
            what = {
                "/": "paths are not supported; refer to questions as ${name}",
                "|": "the union operator '|' is not supported",
                "[": "predicates '[...]' are not supported",
                "]": "predicates '[...]' are not supported",
                "@": "attributes '@' are not supported",
            }[c]
            raise ExpressionError(what, i)
        m = _NAME_RE.match(source, i)
        if m is None:
            raise ExpressionError(f"unexpected character {c!r}", i)
        word = m.group()
        tokens.append(
            _Token("op" if after_operand and word in _WORD_OPERATORS else "name", word, i)
        )
        i = m.end()
    tokens.append(_Token("end", "", n))
    return tokens


# ---------------------------------------------------------------------------------------------
# Parser (Pratt)


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokenize(source)
        self.i = 0

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect(self, kind: TokenKind, what: str) -> _Token:
        token = self.take()
        if token.kind != kind:
            raise ExpressionError(f"expected {what}, found {_describe(token)}", token.pos)
        return token

    def expression(self, min_power: int = 0) -> Node:
        left = self.prefix()
        while True:
            token = self.peek()
            if token.kind != "op":
                return left
            power = BINARY_OPERATORS[token.text]
            if power <= min_power:
                return left
            self.take()
            right = self.expression(power)
            left = Binary(token.text, left, right, token.pos)

    def prefix(self) -> Node:
        token = self.take()
        kind = token.kind
        if kind == "num":
            return Num(float(token.text), token.pos)
        if kind == "str":
            return Str(token.text, token.pos)
        if kind == "ref":
            return Ref(token.text, token.pos)
        if kind == ".":
            return Current(token.pos)
        if kind == "..":
            return Parent(token.pos, token.text.count(".."))
        if kind == "(":
            inner = self.expression()
            self.expect(")", "')'")
            return inner
        if kind == "op" and token.text == "-":
            return Neg(self.expression(_UNARY_POWER - 1), token.pos)
        if kind == "name":
            if self.peek().kind == "(":
                self.take()
                args: list[Node] = []
                if self.peek().kind != ")":
                    args.append(self.expression())
                    while self.peek().kind == ",":
                        self.take()
                        args.append(self.expression())
                self.expect(")", "',' or ')'")
                return Call(token.text, tuple(args), token.pos)
            return Field(token.text, token.pos)
        if kind == "end":
            raise ExpressionError("unexpected end of expression", token.pos)
        raise ExpressionError(f"unexpected {_describe(token)}", token.pos)


def _describe(token: _Token) -> str:
    if token.kind == "end":
        return "end of expression"
    if token.kind == "str":
        return "a string"
    if token.kind == "ref":
        return f"${{{token.text}}}"
    return repr(token.text)


def parse(source: str) -> Node:
    """Parse one expression; raises ExpressionError with the offending character offset."""
    if not source.strip():
        raise ExpressionError("empty expression", 0)
    parser = _Parser(source)
    node = parser.expression()
    token = parser.peek()
    if token.kind != "end":
        raise ExpressionError(f"unexpected {_describe(token)}", token.pos)
    return node


# ---------------------------------------------------------------------------------------------
# Printer


def to_source(node: Node, min_power: int = 0) -> str:
    """The canonical text of an AST, with only the parentheses precedence needs."""
    if isinstance(node, Num):
        return _number_literal(node.value)
    if isinstance(node, Str):
        return _string_literal(node.value)
    if isinstance(node, Ref):
        return f"${{{node.name}}}"
    if isinstance(node, Current):
        return "."
    if isinstance(node, Parent):
        return "/".join([".."] * node.levels)
    if isinstance(node, Field):
        return node.name
    if isinstance(node, Call):
        return f"{node.name}({', '.join(to_source(a) for a in node.args)})"
    if isinstance(node, Neg):
        text = "-" + to_source(node.operand, _UNARY_POWER - 1)
        return f"({text})" if min_power >= _UNARY_POWER else text
    power = BINARY_OPERATORS[node.op]
    # Left-associative: an equal-power operand on the right keeps its parentheses.
    text = f"{to_source(node.left, power - 1)} {node.op} {to_source(node.right, power)}"
    return f"({text})" if power <= min_power else text


def _number_literal(value: float) -> str:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{value!r} has no XPath literal")
    if value.is_integer() and value < 1e16:
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _string_literal(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ValueError("a string with both quote kinds has no XPath literal")


# ---------------------------------------------------------------------------------------------
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


def _equal(a: Value, b: Value) -> bool:
    if type(a) is bool or type(b) is bool:
        return to_bool(a) == to_bool(b)
    if type(a) is NodeSet:
        return any(_equal(x, b) for x in a)
    if type(b) is NodeSet:
        return any(_equal(a, y) for y in b)
    if type(a) is float or type(b) is float:
        # JavaRosa (XPathEqExpr): numbers are equal within 1e-12, so 0.7 + 0.2 + 0.1 = 1
        return abs(to_number(a) - to_number(b)) < EQUALITY_TOLERANCE
    if type(a) is date or type(b) is date:
        da = to_date(a)
        return da is not None and da == to_date(b)
    return to_string(a) == to_string(b)


def _gives_bool(node: Node) -> bool:
    """Whether the compiled node always returns a bool (comparisons, and, or)."""
    return isinstance(node, Binary) and node.op in _BOOLEAN_OPS


_BOOLEAN_OPS: Final = frozenset({"and", "or", "=", "!=", "<", "<=", ">", ">="})

_ORDER: Final[dict[str, Callable[[float, float], bool]]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _compare(op: str, a: Value, b: Value) -> bool:
    if type(a) is NodeSet:
        return any(_compare(op, x, b) for x in a)
    if type(b) is NodeSet:
        return any(_compare(op, a, y) for y in b)
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


def _divide(a: float, b: float) -> float:
    if b == 0:
        if a == 0 or a != a:
            return NAN
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def _modulo(a: float, b: float) -> float:
    # XPath mod truncates like C's fmod: the result has the sign of the dividend.
    if b == 0 or math.isinf(a) or a != a or b != b:
        return NAN
    return math.fmod(a, b)


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


# ---------------------------------------------------------------------------------------------
# Compilation


class Env:
    """What compiled expressions read: effective values of every question, by repeat instance.

    `top` holds questions outside any repeat; `rep[name][idx]` questions inside repeats, where
    `idx` is the tuple of 0-based instance positions from the outermost repeat in. `idx` is the
    instance being evaluated; `row` the choice being filtered by a choice_filter.
    """

    __slots__ = ("idx", "rep", "row", "today", "top")

    def __init__(self, today: date) -> None:
        self.top: dict[str, Value] = {}
        self.rep: dict[str, dict[tuple[int, ...], Value]] = {}
        self.idx: tuple[int, ...] = ()
        self.row: dict[str, str] = {}
        self.today = today


Compiled = Callable[[Env], Value]


@dataclass(frozen=True, slots=True)
class Target:
    """What a `${name}` can point at: its chain of repeats, outermost first.

    `kind` is 'value' for a question, 'repeat' for a repeat (its chain ends with itself: its
    instances are the nodes `count()` counts) and 'none' for what has no value (a group, a
    note).
    """

    name: str
    chain: tuple[str, ...]
    kind: Literal["value", "repeat", "none"] = "value"
    # The item's ancestors, nearest first: a repeat's name, or '' for a group (what
    # `position(..)`, `position(../..)` count: a group is always at position 1).
    parents: tuple[str, ...] = ()


Lookup = Callable[[str], Target | None]

_AGGREGATES: Final = frozenset({"sum", "count", "min", "max"})

# name -> (minimum arguments, maximum arguments or None for any number)
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


def references(node: Node) -> set[str]:
    """Every `${name}` an expression reads."""
    found: set[str] = set()
    stack: list[Node] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Ref):
            found.add(n.name)
        elif isinstance(n, Call):
            stack.extend(n.args)
        elif isinstance(n, Neg):
            stack.append(n.operand)
        elif isinstance(n, Binary):
            stack.append(n.left)
            stack.append(n.right)
    return found


def compile_expression(
    node: Node,
    *,
    lookup: Lookup,
    owner: str | None,
    chain: tuple[str, ...],
    allow_current: bool = True,
    choice_columns: frozenset[str] | None = None,
) -> Compiled:
    """Turn an AST into a closure over `Env`.

    `owner` is the question the expression belongs to (what `.` means), `chain` the repeats
    it sits in (what `${name}` and `position(..)` resolve against). `choice_columns` is given
    only for a choice_filter, the one place where bare names (choice columns) are allowed.
    Raises ExpressionError for unknown names and misuse, at the offending position.
    """
    return _Compiler(lookup, owner, chain, allow_current, choice_columns).compile(node)


class _Compiler:
    def __init__(
        self,
        lookup: Lookup,
        owner: str | None,
        chain: tuple[str, ...],
        allow_current: bool,
        choice_columns: frozenset[str] | None,
    ) -> None:
        self.lookup = lookup
        self.owner = owner
        self.chain = chain
        self.allow_current = allow_current
        self.choice_columns = choice_columns

    def compile(self, node: Node, nodeset_ok: bool = False) -> Compiled:
        if isinstance(node, Num):
            num = node.value
            return lambda env: num
        if isinstance(node, Str):
            text = node.value
            return lambda env: text
        if isinstance(node, Ref):
            return self.ref(node.name, node.pos, nodeset_ok)
        if isinstance(node, Current):
            if not self.allow_current or self.owner is None:
                raise ExpressionError(
                    "'.' (this question's own value) cannot be used here", node.pos
                )
            return self.ref(self.owner, node.pos, nodeset_ok)
        if isinstance(node, Parent):
            raise ExpressionError("'..' is only supported as position(..)", node.pos)
        if isinstance(node, Field):
            return self.field(node)
        if isinstance(node, Neg):
            operand = self.compile(node.operand)
            return lambda env: -to_number(operand(env))
        if isinstance(node, Binary):
            return self.binary(node)
        return self.call(node)

    def field(self, node: Field) -> Compiled:
        if self.choice_columns is None:
            raise ExpressionError(
                f"unknown name {node.name!r}: refer to questions as ${{{node.name}}}", node.pos
            )
        if node.name not in self.choice_columns:
            known = ", ".join(sorted(self.choice_columns))
            raise ExpressionError(
                f"{node.name!r} is not a column of the choice list (columns: {known})", node.pos
            )
        column = node.name
        return lambda env: env.row.get(column, "")

    def ref(self, name: str, pos: int, nodeset_ok: bool) -> Compiled:
        target = self.lookup(name)
        if target is None:
            raise ExpressionError(f"unknown question ${{{name}}}", pos)
        if target.kind == "none":
            raise ExpressionError(f"${{{name}}} is a group or a note and has no value", pos)
        if target.kind == "repeat" and not nodeset_ok:
            raise ExpressionError(
                f"${{{name}}} is a repeat: count its instances with count(${{{name}}})", pos
            )
        common = 0
        for mine, theirs in zip(self.chain, target.chain, strict=False):
            if mine != theirs:
                break
            common += 1
        depth = len(target.chain)
        if depth == 0:
            return lambda env: env.top.get(name, "")
        if depth == common:
            if depth == len(self.chain):
                return lambda env: env.rep[name].get(env.idx, "")
            return lambda env: env.rep[name].get(env.idx[:depth], "")
        if not nodeset_ok:
            raise ExpressionError(
                f"${{{name}}} is inside repeat {target.chain[-1]!r}: from here use it in "
                "sum(), count(), min() or max()",
                pos,
            )
        if common == 0:
            return lambda env: NodeSet(env.rep[name].values())

        def nodeset(env: Env) -> Value:
            prefix = env.idx[:common]
            return NodeSet(v for k, v in env.rep[name].items() if k[:common] == prefix)

        return nodeset

    def binary(self, node: Binary) -> Compiled:
        left = self.compile(node.left)
        right = self.compile(node.right)
        op = node.op
        if op in ("and", "or"):
            # A comparison, and/or already gives a bool: no to_bool() around it.
            lb = _gives_bool(node.left)
            rb = _gives_bool(node.right)
            if op == "and":
                if lb and rb:
                    return lambda env: left(env) and right(env)
                return lambda env: to_bool(left(env)) and to_bool(right(env))
            if lb and rb:
                return lambda env: left(env) or right(env)
            return lambda env: to_bool(left(env)) or to_bool(right(env))
        # Fast paths for the common cases (two strings, two numbers): what _equal and
        # _compare would return for them, without their type dispatch.
        if op in ("=", "!=") and isinstance(node.right, Str):
            negate = op == "!="
            text = node.right.value

            def equal_text(env: Env) -> Value:
                a = left(env)
                if type(a) is str:
                    return (a == text) is not negate
                return _equal(a, text) is not negate

            return equal_text
        if op in ("<", "<=", ">", ">=") and isinstance(node.right, Num):
            fast = _ORDER[op]
            number = node.right.value
            if type(number) is float:

                def compare_number(env: Env) -> Value:
                    a = left(env)
                    if type(a) is float:
                        return fast(a, number)
                    return _compare(op, a, number)

                return compare_number
        if op in ("=", "!="):
            negate = op == "!="

            def equal(env: Env) -> Value:
                a = left(env)
                b = right(env)
                if type(a) is str and type(b) is str:
                    return (a == b) is not negate
                return _equal(a, b) is not negate

            return equal
        if op in ("<", "<=", ">", ">="):
            fast = _ORDER[op]

            def compare(env: Env) -> Value:
                a = left(env)
                b = right(env)
                if type(a) is float and type(b) is float:
                    return fast(a, b)
                return _compare(op, a, b)

            return compare
        if op == "+":
            return lambda env: to_number(left(env)) + to_number(right(env))
        if op == "-":
            return lambda env: to_number(left(env)) - to_number(right(env))
        if op == "*":
            return lambda env: to_number(left(env)) * to_number(right(env))
        if op == "div":
            return lambda env: _divide(to_number(left(env)), to_number(right(env)))
        return lambda env: _modulo(to_number(left(env)), to_number(right(env)))

    def call(self, node: Call) -> Compiled:
        name = node.name
        arity = FUNCTIONS.get(name)
        if arity is None:
            raise ExpressionError(f"unsupported function {name}()", node.pos)
        low, high = arity
        count = len(node.args)
        if count < low or (high is not None and count > high):
            if high is None:
                expected = f"at least {low}"
            elif low == high:
                expected = str(low)
            else:
                expected = f"{low} to {high}"
            raise ExpressionError(
                f"{name}() takes {expected} argument{'s' if expected != '1' else ''}, not {count}",
                node.pos,
            )
        if name == "position":
            return self.position(node)
        if name == "regex":
            return self.regex(node)
        if name == "indexed-repeat":
            return self.indexed_repeat(node)
        if name in _AGGREGATES:
            return self.aggregate(node)
        if not node.args and name in ("string", "string-length", "number"):
            if not self.allow_current or self.owner is None:
                raise ExpressionError(f"{name}() without argument needs a question", node.pos)
            node = Call(name, (Current(node.pos),), node.pos)
        fns = [self.compile(a) for a in node.args]
        return _FUNCTION_BUILDERS[name](fns)

    def position(self, node: Call) -> Compiled:
        """JavaRosa's position(): of the node `..` (`../..`) reaches from this question. A
        repeat instance is at its 1-based index; a group, never repeated, at 1 (so inside a
        group of a repeat ODK forms write position(../..))."""
        arg = node.args[0]
        if not isinstance(arg, Parent):
            raise ExpressionError("only position(..) is supported", node.pos)
        if not self.chain:
            raise ExpressionError("position(..) is only meaningful inside a repeat", node.pos)
        target = self.lookup(self.owner) if self.owner is not None else None
        parents = target.parents if target is not None else ()
        if not parents:  # an owner we know nothing of: its innermost repeat
            return lambda env: float(env.idx[-1] + 1)
        if arg.levels > len(parents):
            raise ExpressionError("'..' goes above the form", arg.pos)
        reached = parents[arg.levels - 1]
        if not reached:
            return lambda env: 1.0
        if reached not in self.chain:
            raise ExpressionError("position(..) of a repeat this question is not in", arg.pos)
        k = self.chain.index(reached)
        return lambda env: float(env.idx[k] + 1)

    def indexed_repeat(self, node: Call) -> Compiled:
        """indexed-repeat(${q}, ${repeat}, n): q in the n-th instance (1-based) of its
        repeat; '' when there is no such instance."""
        value, repeat, position = node.args
        if not isinstance(value, Ref) or not isinstance(repeat, Ref):
            raise ExpressionError(
                "indexed-repeat() takes a ${question}, its ${repeat} and a position", node.pos
            )
        values = self.compile(value, nodeset_ok=True)
        self.compile(repeat, nodeset_ok=True)  # checks the name
        nth = self.compile(position)

        def pick(env: Env) -> Value:
            found = values(env)
            n = to_number(nth(env))
            if type(found) is not NodeSet:
                return found if n == 1 else ""
            if not math.isfinite(n) or n < 1 or n > len(found):
                return ""
            return found[int(n) - 1]

        return pick

    def regex(self, node: Call) -> Compiled:
        subject = self.compile(node.args[0])
        pattern_node = node.args[1]
        if isinstance(pattern_node, Str):
            try:
                pattern = re.compile(pattern_node.value)
            except re.error as err:
                raise ExpressionError(
                    f"invalid regular expression: {err}", pattern_node.pos
                ) from err
            return lambda env: pattern.search(to_string(subject(env))) is not None
        dynamic = self.compile(pattern_node)

        def regex(env: Env) -> Value:
            try:
                return re.search(to_string(dynamic(env)), to_string(subject(env))) is not None
            except re.error:
                return False

        return regex

    def aggregate(self, node: Call) -> Compiled:
        name = node.name
        if name in ("sum", "count"):
            arg = node.args[0]
            if not isinstance(arg, Ref):
                raise ExpressionError(
                    f"{name}() needs a ${{question}} or ${{repeat}} reference", arg.pos
                )
            fn = self.compile(arg, nodeset_ok=True)
            if name == "count":

                def count(env: Env) -> Value:
                    v = fn(env)
                    return float(len(v)) if type(v) is NodeSet else 1.0

                return count

            def total(env: Env) -> Value:
                # JavaRosa: a blank (or non-relevant, hence blank) value is skipped, so the
                # sum is that of the others; no value at all sums to 0.
                v = fn(env)
                values = v if type(v) is NodeSet else (v,)
                return math.fsum(x for x in map(to_number, values) if x == x)

            return total
        fns = [self.compile(a, nodeset_ok=True) for a in node.args]
        pick = min if name == "min" else max

        def extreme(env: Env) -> Value:
            numbers: list[float] = []
            for f in fns:
                v = f(env)
                if type(v) is NodeSet:
                    numbers.extend(to_number(x) for x in v)
                else:
                    numbers.append(to_number(v))
            numbers = [x for x in numbers if x == x]  # JavaRosa skips blanks
            if not numbers:
                return NAN
            return pick(numbers)

        return extreme


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
    "uuid": lambda fns: lambda env: str(_uuid.uuid4()),
    "now": lambda fns: lambda env: datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
    "random": lambda fns: lambda env: _random.random(),
    "decimal-date-time": _unary(lambda v: _days(v)),
    "date-time": _unary(lambda v: _from_days(to_number(v))),
    "format-date-time": _binary(lambda v, f: _format_date_time(v, to_string(f))),
    "format-date": _binary(lambda v, f: _format_date_time(v, to_string(f))),
}
