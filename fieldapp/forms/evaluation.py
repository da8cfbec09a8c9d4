"""`Evaluation`: the state of one survey under its form, as the app, validation and
reports read it (built by `engine.Plan` from one pass)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from fieldapp.forms.expressions import (
    to_bool,
    to_number,
    to_string,
)
from fieldapp.forms.messages import constraint_message
from fieldapp.forms.model import INPUT_TYPES, Choice, Question, Text

if TYPE_CHECKING:
    from fieldapp.forms.engine import Plan

from fieldapp.forms.run import (
    _LABEL_REF_RE,
    Index,
    _choice_row,
    _Compiled,
    _instances,
    _is_relevant,
    _plain,
    _Run,
    path_of,
)


class Evaluation:
    """The state of one survey under its form: relevance, values, calculations, checks.

    Lookups by name take `index`, the 0-based instance positions of the enclosing repeats
    (an int for one level). The dict properties are keyed by display path, as in
    'bills[3]/amount_mad' (1-based, like XPath), and built on first use.
    """

    def __init__(
        self,
        plan: Plan,
        run: _Run,
        failures: list[tuple[str, Index]],
        required: dict[tuple[str, Index], bool],
        readonly: dict[tuple[str, Index], bool],
    ) -> None:
        self._plan = plan
        self._run = run
        self._failures = failures
        self._required = required
        self._readonly = readonly
        self._choice_cache: dict[tuple[str, Index], list[Choice]] = {}
        self.today = run.today

    # -- by name ---------------------------------------------------------------------------

    def is_relevant(self, name: str, index: Index | int = ()) -> bool:
        idx = (index,) if isinstance(index, int) else index
        return _is_relevant(self._run, name, idx)

    def value(self, name: str, index: Index | int = ()) -> Any:
        """The effective value as JSON-friendly Python ('' when unanswered or not relevant)."""
        idx = (index,) if isinstance(index, int) else index
        if not idx:
            return _plain(self._run.top.get(name, ""))
        return _plain(self._run.rep.get(name, {}).get(idx, ""))

    def instances(self, repeat: str, index: Index | int = ()) -> int:
        """How many instances of a repeat exist (0 when the repeat is not relevant)."""
        idx = (index,) if isinstance(index, int) else index
        return sum(1 for i, _ in self._run.inst.get(repeat, ()) if i[:-1] == idx)

    def is_required(self, name: str, index: Index | int = ()) -> bool:
        idx = (index,) if isinstance(index, int) else index
        entry = self._plan.compiled[name]
        if not self.is_relevant(name, idx):
            return False
        if entry.required is True:
            return True
        return self._required.get((name, idx), False)

    def is_readonly(self, name: str, index: Index | int = ()) -> bool:
        idx = (index,) if isinstance(index, int) else index
        entry = self._plan.compiled[name]
        if entry.readonly is True or entry.calculation is not None:
            return True
        return self._readonly.get((name, idx), False)

    def constraint_ok(self, name: str, index: Index | int = ()) -> bool:
        idx = (index,) if isinstance(index, int) else index
        return (name, idx) not in self._failures

    def choices(self, name: str, index: Index | int = ()) -> list[Choice]:
        """The choices offered now: the question's list, through its choice_filter."""
        idx = (index,) if isinstance(index, int) else index
        entry = self._plan.compiled[name]
        question = entry.item
        assert isinstance(question, Question)
        filt = entry.choice_filter
        if filt is None:
            return question.choices
        key = (name, idx)
        cached = self._choice_cache.get(key)
        if cached is None:
            run = self._run
            run.idx = idx
            cached = []
            for choice in question.choices:
                run.row = _choice_row(entry, choice)
                if to_bool(filt(run)):
                    cached.append(choice)
            run.row = {}
            self._choice_cache[key] = cached
        return cached

    def offers(self, name: str, value: str, index: Index | int = ()) -> bool:
        """Whether `value` is among `choices(name, index)`, evaluating the choice_filter only
        for the choices of that name (validation asks this of each picked value)."""
        idx = (index,) if isinstance(index, int) else index
        entry = self._plan.compiled[name]
        question = entry.item
        assert isinstance(question, Question)
        filt = entry.choice_filter
        cached = self._choice_cache.get((name, idx))
        if cached is not None:
            return any(c.name == value for c in cached)
        if filt is None:
            return any(c.name == value for c in question.choices)
        run = self._run
        run.idx = idx
        try:
            for choice in question.choices:
                if choice.name == value:
                    run.row = _choice_row(entry, choice)
                    if to_bool(filt(run)):
                        return True
            return False
        finally:
            run.row = {}

    def repeat_count(self, repeat: str, index: Index | int = ()) -> int | None:
        """The number of instances the repeat_count asks for, if the repeat has one."""
        idx = (index,) if isinstance(index, int) else index
        fn = self._plan.compiled[repeat].repeat_count
        if fn is None:
            return None
        self._run.idx = idx
        n = to_number(fn(self._run))
        return int(n) if math.isfinite(n) and n >= 0 else 0

    def render(self, text: str, index: Index | int = ()) -> str:
        """A label with its `${name}` placeholders replaced by current values."""
        idx = (index,) if isinstance(index, int) else index

        def value(m: re.Match[str]) -> str:
            entry = self._plan.compiled.get(m.group(1))
            if entry is None:
                return ""
            depth = len(entry.ctx)
            if depth > len(idx):
                return ""
            store = self._run.top if depth == 0 else self._run.rep.get(entry.item.name, {})
            key: Any = entry.item.name if depth == 0 else idx[:depth]
            return to_string(store.get(key, ""))

        return _LABEL_REF_RE.sub(value, text)

    # -- by path ---------------------------------------------------------------------------

    def _instance_keys(self) -> Iterable[tuple[_Compiled, Index]]:
        for item in self._plan.items:
            entry = self._plan.compiled[item.name]
            if not entry.ctx:
                yield entry, ()
            else:
                yield from ((entry, idx) for idx in _instances(self._run, entry.ctx))

    @cached_property
    def relevant(self) -> dict[str, bool]:
        """Every question, group and repeat (per repeat instance) -> relevant now."""
        out: dict[str, bool] = {}
        for entry, idx in self._instance_keys():
            item = entry.item
            out[path_of(item.name, entry.ctx, idx)] = _is_relevant(self._run, item.name, idx)
        return out

    @cached_property
    def calculated(self) -> dict[str, Any]:
        """Every calculation's current value (relevant ones; '' when it cannot be computed)."""
        out: dict[str, Any] = {}
        for entry, idx in self._instance_keys():
            if entry.calculation is None or not _is_relevant(self._run, entry.item.name, idx):
                continue
            out[path_of(entry.item.name, entry.ctx, idx)] = self.value(entry.item.name, idx)
        return out

    @cached_property
    def required(self) -> dict[str, bool]:
        """Every relevant input question -> whether it must be answered now."""
        out: dict[str, bool] = {}
        for entry, idx in self._instance_keys():
            item = entry.item
            if (
                isinstance(item, Question)
                and item.type in INPUT_TYPES
                and _is_relevant(self._run, item.name, idx)
            ):
                out[path_of(item.name, entry.ctx, idx)] = self.is_required(item.name, idx)
        return out

    @cached_property
    def constraint_failures(self) -> dict[str, Text]:
        """Path -> the constraint message (fr/ar/en) of every failing, answered question."""
        out: dict[str, Text] = {}
        for name, idx in self._failures:
            entry = self._plan.compiled[name]
            item = entry.item
            assert isinstance(item, Question)
            out[path_of(name, entry.ctx, idx)] = constraint_message(item)
        return out

    @property
    def failures(self) -> list[tuple[str, Index]]:
        """(question name, instance index) of every failing constraint, in form order."""
        return list(self._failures)
