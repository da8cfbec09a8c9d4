"""The syntax of XLSForm expressions: tokenizer, Pratt parser, AST and printer.

Forms write the XPath 1.0 subset that ODK and KoboToolbox accept, with `${name}` for a
question. `parse` turns the text into an AST once, when a form is loaded; `to_source` prints
an AST back (parse(to_source(ast)) == ast); `references` lists the questions it reads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal

# Said of what ODK Collect cannot run either (not XPath, no function of JavaRosa's), so a
# coordinator knows the form itself must change, not FieldApp (bench/forms.py counts them).
ODK_REFUSES: Final = "ODK Validate refuses it too"


class ExpressionError(Exception):
    """A malformed or unsupported expression; `offset` is the 0-based character position.
    `odk`: why ODK Collect (JavaRosa) cannot run it either, when it cannot ('' otherwise)."""

    def __init__(self, message: str, offset: int, *, odk: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.odk = odk

    def describe(self, source: str) -> str:
        """The message with the 1-based column and the expression, as shown to form authors."""
        text = f"{self.message} at column {self.offset + 1} in {source!r}"
        return f"{text}: {self.odk}, {ODK_REFUSES}" if self.odk else text


_NOT_XPATH: Final = "not valid XPath"


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


@dataclass(frozen=True, slots=True)
class InstancePath:
    """`instance('list')/root/item[predicate]/column`: the rows of a choice list or of a
    CSV/XML file published with the form, filtered, and one column of them (the rows
    themselves, for count(), when `column` is '')."""

    instance: str
    predicate: Node | None
    column: str
    pos: int = field(default=0, compare=False)


Node = Num | Str | Ref | Current | Parent | Field | Call | Neg | Binary | InstancePath

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

TokenKind = Literal[
    "num", "str", "ref", "name", "op", "(", ")", ",", ".", "..", "/", "[", "]", "end"
]


@dataclass(frozen=True, slots=True)
class _Token:
    kind: TokenKind
    text: str
    pos: int


# (`jr:choice-name`, and `label::English`: a choice list's label column in a choice_filter)
_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*(?:::?[A-Za-z_][A-Za-z0-9_.\-]*)?")
LAST_SAVED: Final = "last-saved#"
_REF_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
_NUMBER_RE: Final = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_OPERAND_END: Final = frozenset({"num", "str", "ref", "name", ")", ".", ".."})


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    n = len(source)
    # Paths exist only after instance('list'): `instance('l')/root/item[pred]/column`.
    calls: list[bool] = []  # per open '(': whether it is instance()'s
    closed_instance = False  # the last token is the ')' of instance(...)
    in_path = False  # inside such a path, outside its predicate
    predicates: list[int] = []  # open '[': the number of '(' open when it opened
    while i < n:
        c = source[i]
        if c in " \t\r\n":
            i += 1
            continue
        if c == "/" and (closed_instance or in_path):
            tokens.append(_Token("/", "/", i))
            in_path = True
            closed_instance = False
            i += 1
            continue
        if c == "[" and in_path and tokens[-1].kind == "name":
            tokens.append(_Token("[", "[", i))
            predicates.append(len(calls))
            in_path = False
            i += 1
            continue
        if c == "]" and predicates and predicates[-1] == len(calls):
            tokens.append(_Token("]", "]", i))
            predicates.pop()
            in_path = True
            i += 1
            continue
        if in_path and not (c.isalpha() or c == "_"):
            in_path = False
        if c == "(":
            calls.append(
                bool(tokens) and tokens[-1].kind == "name" and tokens[-1].text == "instance"
            )
        closed_instance = c == ")" and bool(calls) and calls.pop()
        # XPath 1.0 3.7: after an operand, `*` and the names and/or/div/mod are operators.
        after_operand = bool(tokens) and tokens[-1].kind in _OPERAND_END
        if c == "$":
            if i + 1 < n and source[i + 1] == "{":
                close = source.find("}", i + 2)
                if close < 0:
                    raise ExpressionError("'${' without a closing '}'", i, odk=_NOT_XPATH)
                name = source[i + 2 : close].strip()
                if name.startswith(LAST_SAVED):
                    # ${last-saved#q}: q's answer in the last saved survey of this form
                    if not _REF_NAME_RE.match(name[len(LAST_SAVED) :]):
                        raise ExpressionError(f"invalid question name {name!r} in ${{...}}", i)
                    tokens.append(_Token("ref", name, i))
                    i = close + 1
                    continue
                if not _REF_NAME_RE.match(name):
                    raise ExpressionError(f"invalid question name {name!r} in ${{...}}", i)
                tokens.append(_Token("ref", name, i))
                i = close + 1
                continue
            raise ExpressionError("'$' must start a ${name} reference", i, odk=_NOT_XPATH)
        if c in "'\"":
            close = source.find(c, i + 1)
            if close < 0:
                raise ExpressionError("unterminated string", i, odk=_NOT_XPATH)
            tokens.append(_Token("str", source[i + 1 : close], i))
            i = close + 1
            continue
        if c.isdigit() or (c == "." and i + 1 < n and source[i + 1].isdigit()):
            m = _NUMBER_RE.match(source, i)
            assert m is not None  # the first character is a digit or '.' then a digit
            tokens.append(_Token("num", m.group(), i))
            i = m.end()
            if i < n and (source[i].isalpha() or source[i] == "_"):
                raise ExpressionError(
                    "a number must not be followed by a letter", i, odk=_NOT_XPATH
                )
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
            raise ExpressionError(f"unexpected character {c!r}", i, odk=_NOT_XPATH)
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
            raise ExpressionError(
                f"expected {what}, found {_describe(token)}", token.pos, odk=_NOT_XPATH
            )
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
                call = Call(token.text, tuple(args), token.pos)
                if self.peek().kind == "/":
                    return self.instance_path(call)
                return call
            return Field(token.text, token.pos)
        if kind == "end":
            raise ExpressionError("unexpected end of expression", token.pos, odk=_NOT_XPATH)
        raise ExpressionError(f"unexpected {_describe(token)}", token.pos, odk=_NOT_XPATH)

    def instance_path(self, call: Call) -> InstancePath:
        """After instance('list'): /root/item, an optional [predicate], an optional /column
        (the shape pyxform gives every secondary instance)."""
        if len(call.args) != 1 or not isinstance(call.args[0], Str):
            raise ExpressionError("instance() takes the name of a list, in quotes", call.pos)
        steps: list[str] = []
        predicate: Node | None = None
        while self.peek().kind == "/":
            self.take()
            step = self.expect("name", "a name after '/'")
            steps.append(step.text)
            if self.peek().kind == "[":
                if steps != ["root", "item"] or predicate is not None:
                    raise ExpressionError("only item[...] takes a predicate", self.peek().pos)
                self.take()
                predicate = self.expression()
                self.expect("]", "']'")
        if steps[:2] != ["root", "item"] or len(steps) > 3:
            raise ExpressionError(
                "only instance('list')/root/item[...]/column is supported", call.pos
            )
        column = steps[2] if len(steps) == 3 else ""
        return InstancePath(call.args[0].value, predicate, column, call.pos)


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
        raise ExpressionError(f"unexpected {_describe(token)}", token.pos, odk=_NOT_XPATH)
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
    if isinstance(node, InstancePath):
        predicate = f"[{to_source(node.predicate)}]" if node.predicate is not None else ""
        column = f"/{node.column}" if node.column else ""
        return f"instance({_string_literal(node.instance)})/root/item{predicate}{column}"
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


def walk(node: Node, *, predicates: bool = True) -> Iterator[Node]:
    """Every node of an expression, this one first (depth first; instance() predicates,
    whose bare names are the list's columns, left out when `predicates` is False)."""
    stack: list[Node] = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, Call):
            stack.extend(n.args)
        elif isinstance(n, Neg):
            stack.append(n.operand)
        elif isinstance(n, Binary):
            stack.append(n.left)
            stack.append(n.right)
        elif isinstance(n, InstancePath) and n.predicate is not None and predicates:
            stack.append(n.predicate)


def references(node: Node) -> set[str]:
    """Every `${name}` an expression reads."""
    return {n.name for n in walk(node) if isinstance(n, Ref)}
