"""The steps of an evaluation pass: one closure per item, in the plan's order.

Each step reads and writes one `_Run`: an item's relevance and, for calculations and
answered questions, its value, outside repeats or per repeat instance. Built once per form
by `engine.Plan`; they hold no state of their own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from fieldapp.forms.answers import CONVERTERS
from fieldapp.forms.expressions import (
    Compiled,
    NodeSet,
    Value,
    to_bool,
)
from fieldapp.forms.expressions.functions import stored_value
from fieldapp.forms.model import Question
from fieldapp.forms.run import (
    Index,
    Step,
    _Compiled,
    _Run,
)


def _is_answered(entry: _Compiled) -> bool:
    """Whether the item's value is what is stored in the answers (typed in, or set by a
    trigger), not computed on every evaluation."""
    return entry.calculation is None or bool(entry.triggers)


def _value_of(entry: _Compiled) -> Callable[[_Run, dict[str, Any]], Value]:
    item = entry.item
    assert isinstance(item, Question)
    name = item.name
    if _is_answered(entry):
        # A calculate set by its trigger keeps what was stored: its type is what was computed.
        convert = stored_value if item.type == "calculate" else CONVERTERS[item.base]
        return _answered(name, convert)
    assert entry.calculation is not None
    if entry.kept:
        return _kept(name, _calculated(entry.calculation))
    return _calculated(entry.calculation)


def _kept(
    name: str, compute: Callable[[_Run, dict[str, Any]], Value]
) -> Callable[[_Run, dict[str, Any]], Value]:
    def value(run: _Run, data: dict[str, Any]) -> Value:
        stored = data.get(name)
        if stored is None or stored == "":
            return compute(run, data)
        return stored_value(stored)

    return value


def _calculated(fn: Compiled) -> Callable[[_Run, dict[str, Any]], Value]:
    def value(run: _Run, data: dict[str, Any]) -> Value:
        v = fn(run)
        if type(v) is float and (v != v or math.isinf(v)):
            return ""  # NaN/Infinity would leak 'NaN' into exports; empty is honest
        if type(v) is NodeSet:
            return v[0] if v else ""
        return v

    return value


def _answered(
    name: str, convert: Callable[[Any], Value]
) -> Callable[[_Run, dict[str, Any]], Value]:
    return lambda run, data: convert(data.get(name))


def _static_step(name: str, value_fn: Callable[[_Run, dict[str, Any]], Value]) -> Step:
    def step(run: _Run) -> None:
        run.idx = ()
        run.top[name] = value_fn(run, run.answers)

    return step


def _memoized(key: int, relevant: Compiled) -> Callable[[_Run], bool]:
    def check(run: _Run) -> bool:
        memo = run.memo
        ok = memo.get(key)
        if ok is None:
            ok = memo[key] = to_bool(relevant(run))
        return ok

    return check


def _top_step(
    name: str,
    cond: Callable[[_Run], bool] | None,
    value_fn: Callable[[_Run, dict[str, Any]], Value] | None,
) -> Step:
    def step(run: _Run) -> None:
        run.idx = ()
        ok = cond is None or cond(run)
        run.rel_top[name] = ok
        if value_fn is not None:
            run.top[name] = value_fn(run, run.answers) if ok else ""

    return step


def _sparse_top_step(
    name: str,
    cond: Callable[[_Run], bool] | None,
    convert: Callable[[Any], Value],
    keep_value: bool,
) -> Step:
    def step(run: _Run) -> None:
        raw = run.answers.get(name)
        if not raw and (raw is None or raw == "" or raw == [] or raw == {}):
            if keep_value:
                run.top[name] = ""  # what every converter makes of an empty answer
            return
        run.idx = ()
        ok = cond is None or cond(run)
        run.rel_top[name] = ok
        if keep_value:
            run.top[name] = convert(raw) if ok else ""

    return step


def _repeated_step(
    name: str,
    repeat: str,
    cond: Callable[[_Run], bool] | None,
    value_fn: Callable[[_Run, dict[str, Any]], Value] | None,
) -> Step:
    def step(run: _Run) -> None:
        rels = run.rel_rep[name]
        vals = run.rep[name]
        for idx, data in run.inst.get(repeat, ()):
            run.idx = idx
            ok = cond is None or cond(run)
            rels[idx] = ok
            if value_fn is not None:
                vals[idx] = value_fn(run, data) if ok else ""

    return step


def _sparse_repeated_step(
    name: str,
    repeat: str,
    cond: Callable[[_Run], bool] | None,
    convert: Callable[[Any], Value],
    keep_value: bool,
) -> Step:
    def step(run: _Run) -> None:
        rels = run.rel_rep[name]
        vals = run.rep[name]
        for idx, data in run.inst.get(repeat, ()):
            raw = data.get(name)
            if not raw and (raw is None or raw == "" or raw == [] or raw == {}):
                if keep_value:
                    vals[idx] = ""
                continue
            if cond is None:
                ok = True
            else:
                run.idx = idx
                ok = cond(run)
            rels[idx] = ok
            if keep_value:
                vals[idx] = convert(raw) if ok else ""

    return step


def _repeat_step(
    name: str,
    ctx: tuple[str, ...],
    cond: Callable[[_Run], bool] | None,
) -> Step:
    def step(run: _Run) -> None:
        outer: Iterable[tuple[Index, dict[str, Any]]]
        outer = run.inst.get(ctx[-1], ()) if ctx else (((), run.answers),)
        found: list[tuple[Index, dict[str, Any]]] = []
        nodes = run.rep[name]
        for idx, data in outer:
            run.idx = idx
            ok = cond is None or cond(run)
            if ctx:
                run.rel_rep[name][idx] = ok
            else:
                run.rel_top[name] = ok
            entries = data.get(name)
            if not ok or not isinstance(entries, list):
                continue
            for j, entry in enumerate(entries):
                child = (*idx, j)
                found.append((child, entry if isinstance(entry, dict) else {}))
                nodes[child] = ""
        run.inst[name] = found

    return step
