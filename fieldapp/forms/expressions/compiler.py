"""Compilation of an expression AST into nested Python closures over `Env`.

Evaluating a whole form on every keystroke must stay far below the 2 ms budget, so names are
resolved here, once: the hot path never walks the AST or looks anything up by name.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from fieldapp.forms.expressions.functions import (
    _AGGREGATES,
    _FUNCTION_BUILDERS,
    FUNCTIONS,
    seeded_random,
    seeded_uuid,
    stored_value,
    unknown_to_odk,
)
from fieldapp.forms.expressions.syntax import (
    LAST_SAVED,
    Binary,
    Call,
    Current,
    ExpressionError,
    Field,
    InstancePath,
    Neg,
    Node,
    Num,
    Parent,
    Ref,
    Str,
    walk,
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
    # A select's choice labels, name -> {language: label} (what jr:choice-name() reads).
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


Lookup = Callable[[str], Target | None]
# The rows instance('name') and pulldata('name', ...) read: a choice list (name, label,
# label::<language>, its other columns) or a CSV/XML file published with the form.
Lists = Mapping[str, Sequence[Mapping[str, str]]]


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
    lists: Lists | None = None,
) -> Compiled:
    """Turn an AST into a closure over `Env`.

    `owner` is the question the expression belongs to (what `.` means), `chain` the repeats
    it sits in (what `${name}` and `position(..)` resolve against). `choice_columns` is given
    only for a choice_filter, the one place where bare names (choice columns) are allowed.
    `lists` are the rows instance() and pulldata() look up.
    Raises ExpressionError for unknown names and misuse, at the offending position.
    """
    compiler = _Compiler(lookup, owner, chain, allow_current, choice_columns)
    compiler.lists = lists or {}
    return compiler.compile(node)


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
        self.lists: Lists = {}
        self.draws = 0  # random()/uuid() calls compiled so far: each gets its own stream

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
        if isinstance(node, InstancePath):
            return self.instance_path(node)
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
        if name.startswith(LAST_SAVED):
            return self.last_saved(name[len(LAST_SAVED) :], pos)
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
            raise ExpressionError(
                f"unsupported function {name}()", node.pos, odk=unknown_to_odk(name)
            )
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
        special = self.SPECIAL.get(name)
        if special is not None:
            return special(self, node)
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
                pattern = java_regex(pattern_node.value)
            except re.error as err:
                raise ExpressionError(
                    f"invalid regular expression: {err}", pattern_node.pos
                ) from err
            return lambda env: pattern.search(to_string(subject(env))) is not None
        dynamic = self.compile(pattern_node)

        def regex(env: Env) -> Value:
            try:
                return (
                    java_regex(to_string(dynamic(env))).search(to_string(subject(env))) is not None
                )
            except re.error:
                return False

        return regex

    def aggregate(self, node: Call) -> Compiled:
        name = node.name
        if name in ("sum", "count"):
            arg = node.args[0]
            if not isinstance(arg, Ref | InstancePath):
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

    # -- what needs the form: its lists, choice labels, the survey's context ----------------

    def last_saved(self, name: str, pos: int) -> Compiled:
        """${last-saved#q}: q's answer in the last saved survey of this form ('' if none)."""
        target = self.lookup(name)
        if target is None:
            raise ExpressionError(f"unknown question ${{{name}}} in last-saved", pos)
        if target.kind != "value" or target.chain:
            raise ExpressionError(
                f"${{last-saved#{name}}}: only a question outside repeats has a last saved answer",
                pos,
            )
        return lambda env: stored_value(env.last_saved.get(name))

    def rows(self, name: str, pos: int) -> Sequence[Mapping[str, str]]:
        """The rows of instance('name'): a choice list, or a file published with the form
        (its list is named after the file, with or without its extension)."""
        slug = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_")
        for key in (name, f"file_{slug}", f"file_{slug}_csv", f"file_{slug}_xml"):
            found = self.lists.get(key)
            if found is not None:
                return found
        raise ExpressionError(
            f"no list or media file {name!r}: instance() and pulldata() read a choice list "
            "or a CSV/XML file given with the form",
            pos,
        )

    def instance_path(self, node: InstancePath) -> Compiled:
        rows = self.rows(node.instance, node.pos)
        columns = frozenset({"name", "label"}.union(*(r.keys() for r in rows)))
        if node.column and rows and node.column not in columns:
            raise ExpressionError(
                f"{node.column!r} is not a column of {node.instance!r} "
                f"(columns: {', '.join(sorted(columns))})",
                node.pos,
            )
        column = node.column or "name"
        pick = self.row_filter(node.predicate, rows, columns)

        def lookup(env: Env) -> Value:
            return NodeSet(r.get(column, "") for r in pick(env))

        return lookup

    def row_filter(
        self, predicate: Node | None, rows: Sequence[Mapping[str, str]], columns: frozenset[str]
    ) -> Callable[[Env], Sequence[Mapping[str, str]]]:
        """The rows a predicate keeps. `column = expression` (what forms write) is a
        dictionary lookup built once; anything else runs per row with bare names as columns."""
        if predicate is None or not rows:
            return lambda env: rows  # (no rows: a media file not given yet)
        if (
            isinstance(predicate, Binary)
            and predicate.op == "="
            and isinstance(predicate.left, Field)
            and not _reads_fields(predicate.right)
        ):
            if predicate.left.name not in columns:
                raise ExpressionError(
                    f"{predicate.left.name!r} is not a column (columns: "
                    f"{', '.join(sorted(columns))})",
                    predicate.left.pos,
                )
            index: dict[str, list[Mapping[str, str]]] = {}
            for r in rows:
                index.setdefault(r.get(predicate.left.name, ""), []).append(r)
            key = self.compile(predicate.right)

            def by_key(env: Env) -> Sequence[Mapping[str, str]]:
                return index.get(to_string(key(env)), ())

            return by_key
        inner = _Compiler(self.lookup, self.owner, self.chain, self.allow_current, columns)
        inner.lists = self.lists
        keep = inner.compile(predicate)

        def scan(env: Env) -> Sequence[Mapping[str, str]]:
            saved = env.row
            try:
                out = []
                for r in rows:
                    env.row = r  # type: ignore[assignment]
                    if to_bool(keep(env)):
                        out.append(r)
                return out
            finally:
                env.row = saved

        return scan

    def pulldata(self, node: Call) -> Compiled:
        """pulldata('file', 'column', 'key column', key): the column of the first row whose
        key column is the key; '' when none (ODK's documented behaviour)."""
        source, column, key_column, key = node.args
        for arg in (source, column, key_column):
            if not isinstance(arg, Str):
                raise ExpressionError(
                    "pulldata() takes the file, column and key column in quotes", arg.pos
                )
        assert isinstance(source, Str) and isinstance(column, Str) and isinstance(key_column, Str)
        name = source.value.removesuffix(".csv")
        rows = self.rows(name, source.pos)
        index: dict[str, str] = {}
        for r in rows:
            index.setdefault(r.get(key_column.value, ""), r.get(column.value, ""))
        known = set().union(*(r.keys() for r in rows)) if rows else set()
        for arg in (column, key_column):
            if rows and arg.value not in known:
                raise ExpressionError(f"{arg.value!r} is not a column of {name!r}", arg.pos)
        find = self.compile(key)
        return lambda env: index.get(to_string(find(env)), "")

    def choice_name(self, node: Call) -> Compiled:
        """jr:choice-name(value, '${q}'): the label of choice `value` of select q in the
        survey's language ('' for a value that is no choice)."""
        value, question = node.args
        if not isinstance(question, Str) or not question.value.strip().startswith("${"):
            raise ExpressionError(
                "jr:choice-name() takes a value and a select question as '${name}'", node.pos
            )
        name = question.value.strip()[2:-1].strip()
        target = self.lookup(name)
        if target is None or not target.labels:
            raise ExpressionError(f"jr:choice-name(): ${{{name}}} is no select", question.pos)
        labels = target.labels
        fn = self.compile(value)

        def label(env: Env) -> Value:
            text = labels.get(to_string(fn(env)).strip())
            if not text:
                return ""
            return text.get(env.lang) or next(iter(text.values()), "")

        return label

    def once(self, node: Call) -> Compiled:
        """once(x): x while the question has no value; the engine keeps the first non-empty
        value it stored (Plan: stored calculations), so here it is x itself."""
        return self.compile(node.args[0])

    def draw(self, node: Call) -> Compiled:
        """random() and uuid(): seeded by the survey instance, the question, its repeat
        instance and which call this is, so one survey always draws the same values."""
        stream = f"{self.owner or ''}#{self.draws}"
        self.draws += 1
        if node.name == "random":
            return lambda env: seeded_random(env.instance, stream, env.idx)
        if not node.args:
            return lambda env: seeded_uuid(env.instance, stream, env.idx, 0)
        length = self.compile(node.args[0])
        return lambda env: seeded_uuid(env.instance, stream, env.idx, to_number(length(env)))

    def bare_instance(self, node: Call) -> Compiled:
        raise ExpressionError(
            "instance('list') must be followed by /root/item[...]/column", node.pos
        )

    def search(self, node: Call) -> Compiled:
        raise ExpressionError(
            "search() is an appearance of ODK's external-app lookups, not a function: use "
            "select_one_from_file with a choice_filter, or instance('file')/root/item[...]",
            node.pos,
        )

    SPECIAL: Final[dict[str, Callable[[_Compiler, Call], Compiled]]] = {
        "pulldata": pulldata,
        "jr:choice-name": choice_name,
        "once": once,
        "random": draw,
        "uuid": draw,
        "instance": bare_instance,
        "search": search,
    }


def _reads_fields(node: Node) -> bool:
    """Whether an expression reads a bare name (a row's column) anywhere."""
    return any(isinstance(n, Field) for n in walk(node))


_CLASS_ESCAPES = frozenset("wWdDsS")


def java_regex(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled as Java (JavaRosa's regex()) reads it: inside a character class a
    '-' next to a class escape is a plain hyphen there ('[\\w-\\.]', the usual e-mail
    pattern of real forms), where Python's `re` refuses the range. Anything else that `re`
    refuses stays an error."""
    try:
        return re.compile(pattern)
    except re.error:
        fixed = _hyphens_beside_class_escapes(pattern)
        if fixed == pattern:
            raise
        return re.compile(fixed)


def _hyphens_beside_class_escapes(pattern: str) -> str:
    out: list[str] = []
    in_class = after_escape = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            after_escape = in_class and pattern[i + 1] in _CLASS_ESCAPES
            i += 2
            continue
        if in_class and c == "-":
            before_escape = (
                pattern[i + 1 : i + 2] == "\\" and pattern[i + 2 : i + 3] in _CLASS_ESCAPES
            )
            out.append("\\-" if after_escape or before_escape else c)
        elif in_class and c == "]":
            in_class = False
            out.append(c)
        elif not in_class and c == "[":
            in_class = True
            out.append(c)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
        else:
            out.append(c)
        after_escape = False
        i += 1
    return "".join(out)
