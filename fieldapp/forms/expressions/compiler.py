"""Compilation of an expression AST into nested Python closures over `Env`.

Evaluating a whole form on every keystroke must stay far below the 2 ms budget, so names are
resolved here, once: the hot path never walks the AST or looks anything up by name.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from fieldapp.forms.expressions.functions import _AGGREGATES, _FUNCTION_BUILDERS, FUNCTIONS
from fieldapp.forms.expressions.syntax import (
    Binary,
    Call,
    Current,
    ExpressionError,
    Field,
    Neg,
    Node,
    Num,
    Parent,
    Ref,
    Str,
)
from fieldapp.forms.expressions.values import (
    NAN,
    Compiled,
    Env,
    NodeSet,
    Value,
    divide,
    modulo,
    to_bool,
    to_number,
    to_string,
    xpath_compare,
    xpath_equal,
)


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
        # Fast paths for the common cases (two strings, two numbers): what xpath_equal and
        # xpath_compare would return for them, without their type dispatch.
        if op in ("=", "!=") and isinstance(node.right, Str):
            negate = op == "!="
            text = node.right.value

            def equal_text(env: Env) -> Value:
                a = left(env)
                if type(a) is str:
                    return (a == text) is not negate
                return xpath_equal(a, text) is not negate

            return equal_text
        if op in ("<", "<=", ">", ">=") and isinstance(node.right, Num):
            fast = _ORDER[op]
            number = node.right.value
            if type(number) is float:

                def compare_number(env: Env) -> Value:
                    a = left(env)
                    if type(a) is float:
                        return fast(a, number)
                    return xpath_compare(op, a, number)

                return compare_number
        if op in ("=", "!="):
            negate = op == "!="

            def equal(env: Env) -> Value:
                a = left(env)
                b = right(env)
                if type(a) is str and type(b) is str:
                    return (a == b) is not negate
                return xpath_equal(a, b) is not negate

            return equal
        if op in ("<", "<=", ">", ">="):
            fast = _ORDER[op]

            def compare(env: Env) -> Value:
                a = left(env)
                b = right(env)
                if type(a) is float and type(b) is float:
                    return fast(a, b)
                return xpath_compare(op, a, b)

            return compare
        if op == "+":
            return lambda env: to_number(left(env)) + to_number(right(env))
        if op == "-":
            return lambda env: to_number(left(env)) - to_number(right(env))
        if op == "*":
            return lambda env: to_number(left(env)) * to_number(right(env))
        if op == "div":
            return lambda env: divide(to_number(left(env)), to_number(right(env)))
        return lambda env: modulo(to_number(left(env)), to_number(right(env)))

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
