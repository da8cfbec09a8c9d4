"""Compiled forms: every expression compiled once, and a fixed evaluation order.

At load time each relevant/calculation/constraint/required/read-only/choice_filter/
repeat_count expression is parsed and compiled to a closure, and the questions, groups and
repeats are sorted so that everything an item's relevance or value reads comes before it
(a cycle is a load error). `Plan.evaluate` then makes one pass over that order per keystroke:
no parsing, no name resolution, no recursion over the form tree.

Storage while evaluating (see `expressions.Env`): an item outside repeats lives in `top`
under its name; an item inside repeats in `rep[name][idx]`, idx being the 0-based instance
positions from the outermost repeat in. A repeat itself is relevant per instance of its
*enclosing* context (it decides whether instances exist at all), and has one empty node per
instance in `rep`, which is what `count(${repeat})` counts.

The pieces: `run` (one pass's state and its readers), `steps` (the per-item closures of a
pass), `evaluation` (what a pass gives its readers); this module compiles the form into a
`Plan` and settles the values ODK sets once.
"""

from __future__ import annotations

import copy
import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, Final

from fieldapp.forms.answers import CONVERTERS, AnswerError, normalize
from fieldapp.forms.evaluation import Evaluation
from fieldapp.forms.expressions import (
    Binary,
    Call,
    Compiled,
    ExpressionError,
    Field,
    InstancePath,
    Node,
    Ref,
    Target,
    Value,
    compile_expression,
    parse,
    references,
    to_bool,
    to_number,
    to_string,
)
from fieldapp.forms.expressions.compiler import Lists
from fieldapp.forms.expressions.syntax import walk
from fieldapp.forms.expressions.values import NO_CONTEXT, Context
from fieldapp.forms.model import INPUT_TYPES, Group, Question
from fieldapp.forms.run import (
    Index,
    Step,
    _Compiled,
    _containers,
    _instances,
    _is_relevant,
    _is_repeat,
    _plain,
    _Run,
)
from fieldapp.forms.steps import (
    _calculated,
    _is_answered,
    _memoized,
    _repeat_step,
    _repeated_step,
    _sparse_repeated_step,
    _sparse_top_step,
    _static_step,
    _top_step,
    _value_of,
)

Report = Callable[[str, str, str], None]

_EXPRESSION_FIELDS: Final = (
    "dynamic_default",
    "relevant",
    "calculation",
    "constraint",
    "required",
    "readonly",
    "choice_filter",
    "repeat_count",
)


def _ctx_of(item: Question | Group) -> tuple[str, ...]:
    return item.repeats[:-1] if isinstance(item, Group) and item.type == "repeat" else item.repeats


class Plan:
    """A form's compiled expressions and evaluation order (built by `Plan.build`)."""

    def __init__(self, items: list[Question | Group], compiled: dict[str, _Compiled]) -> None:
        self.items = items
        self.compiled = compiled
        self.order: list[str] = []
        self.repeats = [i.name for i in items if isinstance(i, Group) and i.type == "repeat"]
        self.repeated = [c.item.name for c in compiled.values() if c.ctx or _is_repeat(c.item)]
        self.constraints = [c for c in compiled.values() if c.constraint is not None]
        self.dynamic_required = [c for c in compiled.values() if callable(c.required)]
        self.dynamic_readonly = [c for c in compiled.values() if callable(c.readonly)]
        # Step lists for the bulk paths, built on first use. Each is immutable once built
        # and carries its own always-relevant map, so building one never changes what
        # another returns; two threads building the same one make equal lists and the last
        # assignment wins (an atomic store), so no lock is needed.
        self.steps: _Steps = _Steps((), {})
        self._export_steps: _Steps | None = None
        self._check_steps: dict[bool, _Steps] = {}
        self.reads: frozenset[str] = frozenset()  # items whose value some expression reads
        self._shared: dict[str, int] = {}  # relevance source shared outside repeats -> key

    # -- building --------------------------------------------------------------------------

    @classmethod
    def build(
        cls, items: list[Question | Group], report: Report, *, lists: Lists | None = None
    ) -> Plan | None:
        """Compile every expression and order the items; None if anything was reported.
        `lists`: the rows instance() and pulldata() read (choice lists, media files)."""
        targets: dict[str, Target] = {}
        lists = lists or {}
        kinds = {i.name: i.type for i in items}
        parent_of = {i.name: i.parent for i in items}

        def ancestors(item: Question | Group) -> tuple[str, ...]:
            out: list[str] = []
            up = item.parent
            # (bounded: a definition with a name used twice, reported elsewhere, can loop)
            while up is not None and len(out) < len(items):
                out.append(up if kinds.get(up) == "repeat" else "")
                up = parent_of.get(up)
            return tuple(out)

        for item in items:
            up = ancestors(item)
            if isinstance(item, Group):
                if item.type == "repeat":
                    targets[item.name] = Target(item.name, item.repeats, "repeat", up)
                else:
                    targets[item.name] = Target(item.name, item.repeats, "none", up)
            else:
                if item.has_value:
                    labels = {c.name: c.label for c in item.choices}
                    targets[item.name] = Target(item.name, item.repeats, "value", up, labels)
                else:
                    targets[item.name] = Target(item.name, item.repeats, "none", up)
        failed = False
        reads: set[str] = set()  # every item some expression reads the value of
        compiled: dict[str, _Compiled] = {}
        parents = {i.name: i.parent for i in items}
        by_name = {i.name: i for i in items}
        for item in items:
            entry = _Compiled(item, _ctx_of(item))
            stored: list[str] = []
            if item.parent is not None:
                entry.deps[item.parent] = "parent"
            for name in _EXPRESSION_FIELDS:
                source = getattr(item, name, "")
                if not isinstance(source, str) or not source:
                    continue
                try:
                    fn, refs = _compile_field(item, name, source, targets.get, entry.ctx, lists)
                except ExpressionError as err:
                    report(item.name, "default" if name == "dynamic_default" else name,
                           err.describe(source))  # fmt: skip
                    failed = True
                    continue
                setattr(entry, name, fn)
                if name == "choice_filter" and isinstance(item, Question):
                    entry.filter_labels = label_columns(item, parse(source))
                if name == "dynamic_default":
                    continue  # run when the question is created, not in the order
                reads.update(refs)
                if name in ("constraint", "required", "readonly"):
                    reads.add(item.name)  # `.`
                if name in ("relevant", "calculation"):
                    for ref in refs:
                        if name == "relevant" and _reads_stored(item, ref, by_name):
                            stored.append(ref)
                            continue
                        entry.deps.setdefault(ref, name)
            if stored:
                entry.stored_reads = tuple(
                    (ref, CONVERTERS[by_name[ref].base])  # type: ignore[union-attr]
                    for ref in dict.fromkeys(stored)
                )
            if isinstance(item, Question) and item.trigger:
                try:
                    entry.triggers = _compile_triggers(item, targets.get, lists)
                except ExpressionError as err:
                    report(item.name, "trigger", err.describe(item.trigger))
                    failed = True
            if isinstance(item, Question) and item.calculation and entry.calculation:
                entry.kept = _keeps_its_value(parse(item.calculation))  # it compiled
            if isinstance(item, Question) and item.required is True:
                entry.required = True
            if isinstance(item, Question) and item.readonly is True:
                entry.readonly = True
            compiled[item.name] = entry
        # Cycles are looked for even when some expression failed: every problem at once.
        order = _topological_order(items, compiled, parents, report)
        if order is None or failed:
            return None
        plan = cls(items, compiled)
        plan.order = order
        plan.reads = frozenset(reads)
        seen: dict[str, int] = {}
        for item in items:
            text = getattr(item, "relevant", "")
            if isinstance(text, str) and text.strip() and not compiled[item.name].ctx:
                seen[text.strip()] = seen.get(text.strip(), 0) + 1
        plan._shared = {text: k for k, text in enumerate(t for t, n in seen.items() if n > 1)}
        plan.steps = plan._lean_steps(None)
        return plan

    def _step(
        self,
        entry: _Compiled,
        always: dict[str, bool],
        keep_value: bool = True,
        sparse: bool = False,
    ) -> Step:
        """`sparse`: an unanswered question gets its value ('') but no relevance (it stays
        absent, i.e. False): for callers that only look at answered questions' relevance."""
        item = entry.item
        name = item.name
        ctx = entry.ctx
        depth = len(ctx)
        cond = self._condition(entry, always)
        if isinstance(item, Group) and item.type == "repeat":
            return _repeat_step(name, ctx, cond)
        if isinstance(item, Group) or (not keep_value and entry.calculation is None):
            value_fn: Callable[[_Run, dict[str, Any]], Value] | None = None
        else:
            value_fn = _value_of(entry)
        if sparse and isinstance(item, Question) and _is_answered(entry):
            convert = CONVERTERS[item.base]
            if depth == 0:
                return _sparse_top_step(name, cond, convert, keep_value)
            return _sparse_repeated_step(name, ctx[-1], cond, convert, keep_value)
        if depth == 0:
            return _top_step(name, cond, value_fn)
        return _repeated_step(name, ctx[-1], cond, value_fn)

    def _condition(
        self, entry: _Compiled, always: dict[str, bool]
    ) -> Callable[[_Run], bool] | None:
        """The item's relevance given its group's (None: always, where it is evaluated).

        A relevance expression several items outside repeats share is evaluated once per
        run. An item directly inside a repeat needs no parent check: instances exist only
        where the repeat is relevant."""
        item = entry.item
        relevant = entry.relevant
        own: Callable[[_Run], bool] | None = None
        if relevant is not None and entry.stored_reads:
            own = _reading_stored(relevant, entry.stored_reads)
        elif relevant is not None:
            text = getattr(item, "relevant", "")
            key = self._shared.get(text.strip()) if isinstance(text, str) else None
            if key is not None and not entry.ctx:
                own = _memoized(key, relevant)
            else:
                fn = relevant
                own = lambda run: to_bool(fn(run))  # noqa: E731
        parent = item.parent
        if parent is None or (entry.ctx and parent == entry.ctx[-1]) or parent in always:
            return own
        pctx = self.compiled[parent].ctx
        if not pctx:
            if own is None:
                return lambda run: run.rel_top[parent]
            check = own
            return lambda run: run.rel_top[parent] and check(run)
        k = len(pctx)
        if own is None:
            return lambda run: run.rel_rep[parent].get(run.idx[:k], False)
        check = own
        return lambda run: run.rel_rep[parent].get(run.idx[:k], False) and check(run)

    # -- evaluating ------------------------------------------------------------------------

    def relevance_and_values(
        self, answers: dict[str, Any], today: date, context: Context = NO_CONTEXT
    ) -> _Run:
        """What an export needs, and nothing else: the relevance of every group, repeat,
        calculation and *answered* question (an unanswered one has no cell whatever its
        relevance, so it is left out: absent means not relevant), the calculations, and the
        values some relevance or calculation reads. No constraint, required or read-only
        checks (`evaluate` keeps doing those for the interactive path).
        """
        if self._export_steps is None:
            self._export_steps = self._build_export_steps()
        return self._run(self._export_steps, answers, today, context)

    def _run(
        self, steps: _Steps, answers: dict[str, Any], today: date, context: Context = NO_CONTEXT
    ) -> _Run:
        run = _Run(today, answers, context)
        run.rel_top.update(steps.always)
        for name in self.repeated:
            run.rep[name] = {}
            run.rel_rep[name] = {}
        for step in steps.steps:
            step(run)
        return run

    def _build_export_steps(self) -> _Steps:
        read: set[str] | None = {
            ref
            for entry in self.compiled.values()
            for ref, why in entry.deps.items()
            if why in ("relevant", "calculation")
        }
        return self._lean_steps(read, sparse=frozenset())

    def _lean_steps(
        self,
        read: set[str] | frozenset[str] | None,
        sparse: frozenset[str] | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> _Steps:
        """Steps that skip what never changes: items outside repeats with no relevance in
        their chain of groups are relevant whatever the answers (`_Steps.always`, set
        once per run), so they only get a value step. `read`: the items whose values are
        needed (None: all of them). `sparse`, when given: the questions whose relevance is
        needed even when unanswered; every other unanswered question gets no relevance.
        `skip`: questions that get no step at all (no relevance, no value)."""
        always: dict[str, bool] = {}  # filled in order: parents come before children
        steps: list[Step] = []
        for name in self.order:
            entry = self.compiled[name]
            item = entry.item
            parent = item.parent
            keep = read is None or name in read
            if name in skip:
                continue
            if (
                not entry.ctx
                and not _is_repeat(item)
                and entry.relevant is None
                and (parent is None or parent in always)
            ):
                always[name] = True
                if isinstance(item, Group):
                    continue
                if entry.calculation is not None or keep:
                    steps.append(_static_step(name, _value_of(entry)))
                continue
            lean = sparse is not None and name not in sparse
            steps.append(self._step(entry, always, keep_value=keep, sparse=lean))
        return _Steps(tuple(steps), always)

    def evaluate(
        self, answers: dict[str, Any], today: date, context: Context = NO_CONTEXT
    ) -> Evaluation:
        run = self._run(self.steps, answers, today, context)
        return self._checked(run, required=True, readonly=True)

    def for_validation(self, answers: dict[str, Any], today: date, *, finalize: bool) -> Evaluation:
        """What `validate` reads, and nothing else: relevance of answered questions (and,
        when finalizing, of the required ones), the values expressions read, the
        constraints, required-ness when finalizing. Its `relevant`/`is_relevant` are False
        for an unanswered question validation does not need, and `value` is '' for values
        no expression reads: this Evaluation is for validation only."""
        steps = self._check_steps.get(finalize)
        if steps is None:
            keep = frozenset(
                name
                for name, entry in self.compiled.items()
                if finalize and entry.required is not False
            )
            # Notes and calculations nothing reads: validation never looks at them.
            unread = frozenset(
                name
                for name, entry in self.compiled.items()
                if isinstance(entry.item, Question)
                and entry.item.type not in INPUT_TYPES
                and name not in self.reads
            )
            steps = self._lean_steps(self.reads, sparse=keep, skip=unread)
            self._check_steps[finalize] = steps
        return self._checked(self._run(steps, answers, today), required=finalize, readonly=False)

    # -- values set once: dynamic defaults, kept and triggered calculations ---------------

    @cached_property
    def _settled(self) -> tuple[list[_Compiled], list[_Compiled], list[_Compiled]]:
        """(dynamic defaults, kept calculations, triggered questions), in evaluation order.
        Worked out once; never changed afterwards (so no state is shared between calls)."""
        entries = [self.compiled[n] for n in self.order]
        return (
            [e for e in entries if e.dynamic_default is not None],
            [e for e in entries if e.kept and not e.triggers],
            [e for e in entries if e.triggers],
        )

    def defaults(
        self, answers: dict[str, Any], today: date, context: Context, repeat: str | None, idx: Index
    ) -> dict[str, Any]:
        """The dynamic defaults of the questions directly in `repeat` (None: outside repeats)
        at instance `idx`, evaluated on `answers` (which hold that instance already)."""
        wanted = [
            e for e in self._settled[0] if isinstance(e.item, Question) and e.item.repeat == repeat
        ]
        if not wanted:
            return {}
        run = self._run(self.steps, answers, today, context)
        out: dict[str, Any] = {}
        for entry in wanted:
            fn = entry.dynamic_default
            assert fn is not None
            run.idx = idx
            value = _plain(_calculated(fn)(run, {}))
            if value != "":
                out[entry.item.name] = _typed(entry.item, value)
        return out

    @cached_property
    def _carried(self) -> dict[str | None, tuple[frozenset[str], frozenset[str], tuple[str, ...]]]:
        """Per context (None: outside repeats; else a repeat): the names whose settled values
        a caller's copy may lack (kept and triggered calculates), the dynamic-default
        questions, and the repeats directly inside."""
        _, kept, triggered = self._settled
        carried: dict[str | None, set[str]] = {}
        for entry in [*kept, *triggered]:
            item = entry.item
            if isinstance(item, Question) and (entry.kept or item.type == "calculate"):
                carried.setdefault(item.repeat, set()).add(item.name)
        out: dict[str | None, tuple[frozenset[str], frozenset[str], tuple[str, ...]]] = {}
        for ctx in [None, *self.repeats]:
            defaulted = frozenset(
                e.item.name
                for e in self._settled[0]
                if isinstance(e.item, Question) and e.item.repeat == ctx
            )
            inner = tuple(
                r
                for r in self.repeats
                if (self.compiled[r].ctx[-1] if self.compiled[r].ctx else None) == ctx
            )
            out[ctx] = (frozenset(carried.get(ctx, ())), defaulted, inner)
        return out

    @cached_property
    def _keyed(self) -> frozenset[str]:
        """Repeats whose instances `settle` gives an identity ('_key'): those holding, in them
        or in a repeat inside them, what settle stores once (kept or triggered values), which
        must follow its instance when an earlier one is removed."""
        _, kept, triggered = self._settled
        return frozenset(r for entry in [*kept, *triggered] for r in entry.ctx)

    def carry(self, answers: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
        """`answers` (a caller's copy, such as the form on screen) with what an earlier
        `settle` stored in `previous`: kept and triggered calculations and the trigger values
        seen (the stored ones win: only settle writes them), and dynamic defaults already
        applied where the copy has none (its '_new' dropped). Repeat instances are matched by
        their identity ('_key', see `_matched`), so removing one leaves the others' values
        where they were. A copy when anything is carried."""
        if not previous or not (self._settled[0] or self._settled[1] or self._settled[2]):
            return answers
        out = copy.deepcopy(answers)
        self._carry_into(out, previous, None)
        return out

    def carry_into(self, answers: dict[str, Any], previous: dict[str, Any]) -> bool:
        """`carry`, in place (the form on screen adopting what a save settled); whether
        anything changed."""
        if not previous or not (self._settled[0] or self._settled[1] or self._settled[2]):
            return False
        return self._carry_into(answers, previous, None)

    def _carry_into(self, data: dict[str, Any], previous: dict[str, Any], ctx: str | None) -> bool:
        names, defaulted, inner = self._carried[ctx]
        changed = False
        # Only settle writes these (kept and triggered calculates): the stored value wins.
        for name in names:
            stored = previous.get(name)
            if stored not in (None, "") and data.get(name) != stored:
                data[name] = stored
                changed = True
        stored_marks = previous.get("_trigger")
        if isinstance(stored_marks, dict) and data.get("_trigger") != stored_marks:
            marks = data.get("_trigger")
            data["_trigger"] = {**(marks if isinstance(marks, dict) else {}), **stored_marks}
            changed = True
        if "_new" in data and "_new" not in previous:
            del data["_new"]
            changed = True
            for name in defaulted:
                if name not in data and previous.get(name) not in (None, "", []):
                    data[name] = previous[name]
        for repeat in inner:
            mine, theirs = data.get(repeat), previous.get(repeat)
            if isinstance(mine, list) and isinstance(theirs, list):
                for entry, before in _matched(mine, theirs):
                    if "_key" not in entry and "_key" in before:
                        entry["_key"] = before["_key"]
                        changed = True
                    changed = self._carry_into(entry, before, repeat) or changed
        return changed

    def settle(self, answers: dict[str, Any], today: date, context: Context) -> dict[str, Any]:
        """The answers with what ODK sets once stored in them: the dynamic defaults of a survey
        or repeat instances created without them (marked '_new' by `initial_answers` and
        `new_instance`), the first non-empty
        value of kept calculations (once(), now(), random(), uuid()), and the calculation of
        a question with a `trigger` when a trigger's value changed since the last settle
        (the values seen are kept under '_trigger'). `answers` itself is returned when
        nothing changes; otherwise a copy (the caller's dict is never modified)."""
        defaults, kept, triggered = self._settled
        if not (kept or triggered or (defaults and _has_new(answers))):
            return answers
        out = copy.deepcopy(answers)
        changed = self._key_instances(out, None)
        if defaults and out.pop("_new", None) is not None:
            changed = True  # a survey started without its context (initial_answers)
            for name, value in self.defaults(out, today, context, None, ()).items():
                if out.get(name) in (None, "", []):
                    out[name] = value
        if defaults:
            run = self._run(self.steps, out, today, context)
            for repeat in self.repeats:
                for idx, data in run.inst.get(repeat, ()):
                    if data.pop("_new", None) is None:
                        continue
                    changed = True
                    for name, value in self.defaults(out, today, context, repeat, idx).items():
                        if data.get(name) in (None, "", []):
                            data[name] = value
        if kept or triggered:
            run = self._run(self.steps, out, today, context)
            for entry in kept:
                name = entry.item.name
                for idx, data in _containers(run, entry.ctx):
                    if data.get(name) not in (None, ""):
                        continue
                    if not _is_relevant(run, name, idx):
                        continue
                    value = _plain(run.rep[name].get(idx, "") if idx else run.top.get(name, ""))
                    if value != "":
                        data[name] = value
                        changed = True
            for entry in triggered:
                name = entry.item.name
                for idx, data in _containers(run, entry.ctx):
                    run.idx = idx
                    seen = "|".join(to_string(t(run)) for t in entry.triggers)
                    marks = data.get("_trigger")
                    before = marks.get(name) if isinstance(marks, dict) else None
                    if before == seen or (before is None and seen.strip("|") == ""):
                        continue
                    if not isinstance(marks, dict):
                        marks = data["_trigger"] = {}
                    marks[name] = seen
                    changed = True
                    if before is None and entry.calculation is None:
                        continue
                    value = (
                        _plain(_calculated(entry.calculation)(run, data))
                        if (entry.calculation is not None)
                        else ""
                    )
                    if value == "":
                        data.pop(name, None)
                    else:
                        data[name] = value
        return out if changed else answers

    def _key_instances(self, data: dict[str, Any], ctx: str | None) -> bool:
        """Give each instance of a keyed repeat without one its identity: 1 + the largest
        key of its list (unique in the list, the same whoever settles the same answers)."""
        changed = False
        for repeat in self._carried[ctx][2]:
            if repeat not in self._keyed:
                continue
            entries = [e for e in data.get(repeat) or () if isinstance(e, dict)]
            keys = [e["_key"] for e in entries if isinstance(e.get("_key"), int)]
            last = max(keys, default=0)
            for entry in entries:
                if not isinstance(entry.get("_key"), int):
                    last += 1
                    entry["_key"] = last
                    changed = True
                changed = self._key_instances(entry, repeat) or changed
        return changed

    def _checked(self, run: _Run, *, required: bool, readonly: bool) -> Evaluation:
        failures: list[tuple[str, Index]] = []
        top = run.top
        rel_top = run.rel_top
        for entry in self.constraints:
            cname = entry.item.name
            check = entry.constraint
            assert check is not None
            if not entry.ctx:
                # Checked when relevant and answered ('' is unanswered, whatever its type).
                if rel_top.get(cname, False):
                    run.idx = ()
                    v = top.get(cname, "")
                    # (a number's string is never empty: the common case skips to_string)
                    if (
                        type(v) is float or (v != "" if type(v) is str else to_string(v) != "")
                    ) and not to_bool(check(run)):
                        failures.append((cname, ()))
                continue
            rels = run.rel_rep[cname]
            values = run.rep[cname]
            for idx, _ in run.inst.get(entry.ctx[-1], ()):
                if not rels.get(idx, False):
                    continue
                v = values.get(idx, "")
                if type(v) is not float and (v == "" if type(v) is str else to_string(v) == ""):
                    continue
                run.idx = idx
                if not to_bool(check(run)):
                    failures.append((cname, idx))
        required_now: dict[tuple[str, Index], bool] = {}
        for entry in self.dynamic_required if required else ():
            rname = entry.item.name
            fn = entry.required
            assert callable(fn)
            for idx in _instances(run, entry.ctx):
                if _is_relevant(run, rname, idx):
                    run.idx = idx
                    required_now[(rname, idx)] = to_bool(fn(run))
        readonly_now: dict[tuple[str, Index], bool] = {}
        for entry in self.dynamic_readonly if readonly else ():
            rname = entry.item.name
            fn = entry.readonly
            assert callable(fn)
            for idx in _instances(run, entry.ctx):
                if _is_relevant(run, rname, idx):
                    run.idx = idx
                    readonly_now[(rname, idx)] = to_bool(fn(run))
        return Evaluation(self, run, failures, required_now, readonly_now)


@dataclass(frozen=True, slots=True)
class _Steps:
    """One evaluation path: its steps, and the items relevant whatever the answers (every run
    starts from a copy of that map). Never changed once built."""

    steps: tuple[Step, ...]
    always: dict[str, bool]


def _typed(item: Question | Group, value: Any) -> Any:
    """A computed default as the question's stored answer ('13' for an integer is 13); left
    as computed when it does not fit, so validation names the problem."""
    assert isinstance(item, Question)
    if item.base in ("integer", "decimal") and isinstance(value, str):
        number = to_number(value)
        if number == number and math.isfinite(number):
            value = int(number) if item.base == "integer" and number.is_integer() else number
    try:
        return normalize(item.type, value)
    except AnswerError:
        return value


def _reads_stored(group: Question | Group, name: str, by_name: dict[str, Question | Group]) -> bool:
    """Whether a group's relevance reads `name` as its stored answer: an answered question
    inside the group (outside repeats, no relevance of its own or of a group between).

    CHT forms write `inputs` relevant `./source = 'user'`. JavaRosa reads a node's value
    unless the node is non-relevant (XPathPathExpr.getRefValue), and a group's children
    inherit its relevance only once it is computed: the group's relevance reads what the
    child holds, no cycle. A child that is computed, or relevant on its own, stays a cycle."""
    if not isinstance(group, Group) or group.type != "group" or group.repeats:
        return False
    target = by_name.get(name)
    if not isinstance(target, Question) or not target.has_value or target.repeats:
        return False
    if target.calculation or target.relevant:
        return False
    up = target.parent
    while up is not None and up != group.name:
        between = by_name.get(up)
        if between is None or between.relevant:
            return False
        up = between.parent
    return up == group.name


def _reading_stored(
    relevant: Compiled, loads: tuple[tuple[str, Callable[[Any], Value]], ...]
) -> Callable[[_Run], bool]:
    """A group's relevance that first puts the stored answers of the questions it reads
    inside it where expressions read them (their own steps, later, settle their values)."""

    def check(run: _Run) -> bool:
        for name, convert in loads:
            run.top[name] = convert(run.answers.get(name))
        return to_bool(relevant(run))

    return check


def _matched(mine: list[Any], theirs: list[Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The caller's repeat instances paired with the stored ones they are: by '_key' (what
    `settle` gave them); an instance without one (created since, or stored before keys) by
    position while both lists still have the same length, else left alone (nothing to
    carry into an instance the store has not seen)."""
    stored = [b for b in theirs if isinstance(b, dict)]
    by_key = {b["_key"]: b for b in stored if "_key" in b}
    claimed = {e["_key"] for e in mine if isinstance(e, dict) and "_key" in e}
    same_length = len(mine) == len(theirs)
    out: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for i, entry in enumerate(mine):
        if not isinstance(entry, dict):
            continue
        if "_key" in entry:
            before = by_key.get(entry["_key"])
        elif same_length and isinstance(theirs[i], dict) and theirs[i].get("_key") not in claimed:
            before = theirs[i]
        else:
            before = None
        if before is not None:
            out.append((entry, before))
    return out


def _has_new(answers: dict[str, Any]) -> bool:
    """Whether a repeat instance somewhere still waits for its dynamic defaults."""
    stack: list[Any] = [answers]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if "_new" in value:
                return True
            stack.extend(v for v in value.values() if isinstance(v, list))
        elif isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, dict))
    return False


def _compile_field(
    item: Question | Group,
    name: str,
    source: str,
    lookup: Callable[[str], Target | None],
    ctx: tuple[str, ...],
    lists: Lists,
) -> tuple[Compiled, set[str]]:
    node = parse(source)
    # `.` in a relevance or calculation would read the value being decided: a cycle.
    allow_current = name in ("constraint", "required", "readonly") and isinstance(item, Question)
    columns: frozenset[str] | None = None
    if name == "choice_filter" and isinstance(item, Question):
        names: set[str] = {"name"}
        for choice in item.choices:
            names.update(choice.columns)
        names.update(label_columns(item, node))
        columns = frozenset(names)
    # A repeat's own relevant/repeat_count are evaluated in the enclosing context.
    chain = ctx if isinstance(item, Group) else item.repeats
    fn = compile_expression(
        node,
        lookup=lookup,
        owner=item.name,
        chain=chain,
        allow_current=allow_current,
        choice_columns=columns,
        lists=lists,
    )
    return fn, references(node)


def label_columns(item: Question, node: Node) -> dict[str, str]:
    """The label columns a choice_filter reads (`label`, `label::English`, `label::fr`),
    each with the language code whose label it is: XLSForm lets a filter read them."""
    from fieldapp.forms.xlsform import known_language_code

    languages = {lang for choice in item.choices for lang in choice.label}
    found: dict[str, str] = {}
    for n in walk(node):
        if isinstance(n, Field) and (n.name == "label" or n.name.startswith("label::")):
            if n.name == "label":
                lang = next(iter(item.choices[0].label), "") if item.choices else ""
            else:
                written = n.name.split("::", 1)[1]
                lang = written if written in languages else known_language_code(written) or ""
            if lang in languages:
                found[n.name] = lang
    return found


def _topological_order(
    items: list[Question | Group],
    compiled: dict[str, _Compiled],
    parents: dict[str, str | None],
    report: Report,
) -> list[str] | None:
    """Items ordered so dependencies come first, document order otherwise; cycles reported."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []
    reported: set[frozenset[str]] = set()
    ok = True

    def visit(name: str) -> None:
        nonlocal ok
        stack: list[tuple[str, Iterable[str]]] = [(name, iter(compiled[name].deps))]
        state[name] = 1
        path.append(name)
        while stack:
            current, deps = stack[-1]
            advanced = False
            for dep in deps:
                if dep not in compiled:
                    continue
                mark = state.get(dep)
                if mark == 2:
                    continue
                if mark == 1:
                    cycle = [*path[path.index(dep) :], dep]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        ok = False
                        fields = [compiled[a].deps[b] for a, b in itertools.pairwise(cycle)]
                        text = " -> ".join(f"${{{n}}}" for n in cycle)
                        used = "/".join(sorted(set(fields)))
                        report(
                            cycle[0],
                            fields[0] if fields[0] != "parent" else "relevant",
                            f"circular reference among {used}: {text}",
                        )
                    continue
                state[dep] = 1
                path.append(dep)
                stack.append((dep, iter(compiled[dep].deps)))
                advanced = True
                break
            if not advanced:
                stack.pop()
                path.pop()
                state[current] = 2
                order.append(current)

    for item in items:
        if item.name not in state:
            visit(item.name)
    del parents
    return order if ok else None


_TRIGGER_RE: Final = re.compile(r"\$\{([^}]*)\}")
# Calls whose value must not change once stored (ODK keeps what the instance holds).
_KEPT_CALLS: Final = frozenset({"once", "now", "random", "uuid"})
_DYNAMIC_MATH: Final = frozenset({"+", "-", "*", "div", "mod"})
_DATE_LIKE: Final = frozenset({"date", "datetime", "dateTime", "geopoint", "geotrace", "geoshape"})


def is_dynamic_default(text: str, qtype: str) -> bool:
    """pyxform's rule for a default that is an expression: it calls a function, reads a
    ${question}, an instance(), or does arithmetic (a '-' in a date or geopoint default is
    part of the value). Anything that is no expression, or that reads bare words (which
    XPath would read as absent nodes), is a plain value."""
    try:
        node = parse(text)
    except ExpressionError:
        return False
    if any(isinstance(n, Field) for n in walk(node)):
        return False  # 'Yes - maybe': words, not questions (${...}): the text itself
    return any(
        isinstance(n, Call | Ref | InstancePath)
        or (
            isinstance(n, Binary)
            and n.op in _DYNAMIC_MATH
            and not (n.op == "-" and qtype in _DATE_LIKE)
        )
        for n in walk(node)
    )


def _keeps_its_value(node: Node) -> bool:
    return any(isinstance(n, Call) and n.name in _KEPT_CALLS for n in walk(node))


def _compile_triggers(
    item: Question, lookup: Callable[[str], Target | None], lists: Lists
) -> tuple[Compiled, ...]:
    names = [m.strip() for m in _TRIGGER_RE.findall(item.trigger)]
    if not names:
        raise ExpressionError("trigger must name questions as ${name}", 0)
    out = []
    for name in names:
        node = Ref(name, item.trigger.find(name) - 2)
        out.append(
            compile_expression(
                node, lookup=lookup, owner=item.name, chain=item.repeats, lists=lists
            )
        )
    return tuple(out)
