"""One evaluation's state, and where an item's state lives (see `engine` for the plan).

`_Run` is the expression environment of one pass over a survey: answers, relevance (outside
repeats in `rel_top`, inside in `rel_rep[name][idx]`) and repeat instances. `_Compiled` is an
item's compiled expressions. The small readers here are shared by the plan's steps
(`steps`), the evaluation it returns (`evaluation`) and the export (`flatten`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from fieldapp.forms.expressions import (
    Compiled,
    Env,
    Value,
)
from fieldapp.forms.expressions.values import Context
from fieldapp.forms.model import Choice, Group, Question

Index = tuple[int, ...]
_LABEL_REF_RE: Final = re.compile(r"\$\{([^}]*)\}")
Step = Callable[["_Run"], None]


class _Run(Env):
    """One evaluation: the expression environment plus relevance and repeat instances."""

    __slots__ = ("answers", "inst", "memo", "rel_rep", "rel_top")

    def __init__(self, today: date, answers: dict[str, Any], context: Context) -> None:
        super().__init__(today, context)
        self.answers = answers
        # relevance expression shared by several items outside repeats -> its result
        self.memo: dict[int, bool] = {}
        self.rel_top: dict[str, bool] = {}
        self.rel_rep: dict[str, dict[Index, bool]] = {}
        # repeat name -> its instances: (idx, the instance's answers)
        self.inst: dict[str, list[tuple[Index, dict[str, Any]]]] = {}


@dataclass(slots=True)
class _Compiled:
    """An item's compiled expressions and where its state lives."""

    item: Question | Group
    ctx: tuple[str, ...]  # repeats whose instances hold this item's state
    relevant: Compiled | None = None
    calculation: Compiled | None = None
    constraint: Compiled | None = None
    required: bool | Compiled = False
    readonly: bool | Compiled = False
    choice_filter: Compiled | None = None
    repeat_count: Compiled | None = None
    dynamic_default: Compiled | None = None
    deps: dict[str, str] = field(default_factory=dict)  # name -> field that reads it
    # The values of the questions in `trigger`: the calculation runs when they change.
    triggers: tuple[Compiled, ...] = ()
    # A calculation whose value is kept once stored: once(), now(), random(), uuid().
    kept: bool = False
    # The label columns the choice_filter reads, with their language (see label_columns).
    filter_labels: dict[str, str] = field(default_factory=dict)
    # A group's relevance reading its own questions: their stored answers, as JavaRosa
    # reads the instance before the group's relevance is known (see Plan.build).
    stored_reads: tuple[tuple[str, Callable[[Any], Value]], ...] = ()


def _containers(run: _Run, ctx: tuple[str, ...]) -> Iterable[tuple[Index, dict[str, Any]]]:
    """Where an item's answers live: the survey's answers, or each instance of its repeat."""
    if not ctx:
        return (((), run.answers),)
    return run.inst.get(ctx[-1], ())


def _is_repeat(item: Question | Group) -> bool:
    return isinstance(item, Group) and item.type == "repeat"


def _instances(run: _Run, ctx: tuple[str, ...]) -> Iterable[Index]:
    if not ctx:
        return ((),)
    return (idx for idx, _ in run.inst.get(ctx[-1], ()))


def _is_relevant(run: _Run, name: str, idx: Index) -> bool:
    if not idx:
        return run.rel_top.get(name, False)
    return run.rel_rep[name].get(idx, False)


def _choice_row(entry: _Compiled, choice: Choice) -> dict[str, str]:
    """What a choice_filter's bare names read: the choice's columns, name and labels."""
    row = {**choice.columns, "name": choice.name}
    for key, lang in entry.filter_labels.items():
        row[key] = choice.label.get(lang, "")
    return row


def _plain(value: Value) -> Any:
    """An expression value as JSON-friendly Python: whole floats become ints."""
    if type(value) is float:
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if type(value) is date:
        return value.isoformat()
    return value


def path_of(name: str, chain: tuple[str, ...], idx: Index) -> str:
    """The display path of an item instance: 'bills[3]/amount_mad' (1-based positions)."""
    if not idx:
        return name
    prefix = "".join(f"{r}[{i + 1}]/" for r, i in zip(chain, idx, strict=False))
    return prefix + name
