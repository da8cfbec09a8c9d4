"""Validation of one survey's answers against its form version.

Checks, for every relevant question (and every instance of a repeat): the answer's type and
range, that select answers are among the choices the choice_filter offers now, the
constraints, the repeat_count, and, when finalizing, that required questions are answered.
Answers to questions that are not relevant are kept by the store but ignored here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from fieldapp.forms.answers import AnswerError, normalize
from fieldapp.forms.evaluation import Evaluation
from fieldapp.forms.messages import constraint_message, message, required_message
from fieldapp.forms.model import INPUT_TYPES, Group, Question, Text
from fieldapp.forms.run import Index, path_of

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem with a survey's answers.

    `path` locates the answer: 'visit_date', or 'bills[3]/amount_mad' inside a repeat
    (1-based instance). `code` is one of 'required', 'type', 'range', 'choice', 'constraint',
    'count' (repeat instances vs repeat_count) and 'unknown' (no such question).
    """

    question: str
    path: str
    code: str
    message: Text

    def __str__(self) -> str:
        return f"{self.path}: [{self.code}] {self.message.get('en', '')}"

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "path": self.path,
            "code": self.code,
            "message": dict(self.message),
        }


def validate(
    form: Form,
    answers: Any,
    *,
    finalize: bool = True,
    today: date | None = None,
    evaluation: Evaluation | None = None,
) -> list[Issue]:
    """Every Issue with `answers`; `evaluation`, when the caller has one, must be
    `form.evaluate(answers, today=today)` of these very answers (it saves evaluating twice)."""
    if not isinstance(answers, dict):
        return [Issue("", "", "type", message("type.answers"))]
    issues: list[Issue] = []
    if evaluation is not None:
        ev = evaluation
    else:
        # Only what validation reads: see Plan.for_validation.
        ev = form._plan.for_validation(
            answers, today or datetime.now(UTC).date(), finalize=finalize
        )
    layout = _layout(form)
    _unknown_keys(answers, layout.top_names, "", issues)
    instances = _instances_by_repeat(form, ev, answers)
    failed = frozenset(ev.failures)
    rel_top = ev._run.rel_top
    rel_rep = ev._run.rel_rep
    for item, ctx, names in layout.checked:
        if isinstance(item, Group):
            known = layout.known[item.name]
            for idx, data in _contexts(ctx, instances, answers):
                _check_repeat(ev, item, idx, data, finalize, issues, known)
            continue
        name = item.name
        if not ctx:
            if rel_top.get(name, False):
                raw = answers.get(name)
                # Unanswered: only finalizing has something to say (inlined: most are).
                if not raw and (raw is None or raw == "" or raw == [] or raw == {}):
                    if finalize:
                        _check_missing(ev, item, (), issues)
                    continue
                _check_question(ev, item, (), raw, finalize, issues, names, failed)
            continue
        relevant = rel_rep[name]
        for idx, data in instances.get(ctx[-1], ()):
            if relevant.get(idx, False):
                _check_question(ev, item, idx, data.get(name), finalize, issues, names, failed)
    return issues


@dataclass(frozen=True, slots=True)
class _Layout:
    """What validation walks, worked out once per form: the items to check, in order."""

    top_names: frozenset[str]
    known: dict[str, frozenset[str]]  # repeat -> the names its instances may hold
    repeats: list[Group]
    # (question or repeat, its context, the choice names when they are never filtered)
    checked: list[tuple[Question | Group, tuple[str, ...], frozenset[str] | None]]


def _layout(form: Form) -> _Layout:
    cached: _Layout | None = getattr(form, "_validation_layout", None)
    if cached is None:
        checked: list[tuple[Question | Group, tuple[str, ...], frozenset[str] | None]] = []
        for item in form.items:
            if isinstance(item, Group):
                if item.type == "repeat":
                    checked.append((item, _context(item), None))
            elif item.type in INPUT_TYPES:
                fixed = None if item.choice_filter else frozenset(c.name for c in item.choices)
                checked.append((item, _context(item), fixed))
        top = frozenset(i.name for i in form.items if not _context(i))
        known = {
            r.name: frozenset(i.name for i in r.walk() if _context(i) == r.repeats)
            for r in form.repeats
        }
        cached = _Layout(top, known, form.repeats, checked)
        form._validation_layout = cached  # type: ignore[attr-defined]
    return cached


def _is_repeat_root(item: Question | Group) -> bool:
    return isinstance(item, Group) and item.type == "repeat"


def _context(item: Question | Group) -> tuple[str, ...]:
    """The repeats whose instances hold the item's answer (a repeat lives in its parent's)."""
    return item.repeats[:-1] if _is_repeat_root(item) else item.repeats


def _contexts(
    ctx: tuple[str, ...],
    instances: dict[str, list[tuple[Index, dict[str, Any]]]],
    answers: dict[str, Any],
) -> Iterable[tuple[Index, dict[str, Any]]]:
    if not ctx:
        return (((), answers),)
    return instances.get(ctx[-1], [])


def _instances_by_repeat(
    form: Form, ev: Evaluation, answers: dict[str, Any]
) -> dict[str, list[tuple[Index, dict[str, Any]]]]:
    """Every relevant repeat instance with its answers, outer repeats first."""
    out: dict[str, list[tuple[Index, dict[str, Any]]]] = {}
    for repeat in _layout(form).repeats:
        outer = repeat.repeats[:-1]
        found: list[tuple[Index, dict[str, Any]]] = []
        for idx, data in _contexts(outer, out, answers):
            if not ev.is_relevant(repeat.name, idx):
                continue
            entries = data.get(repeat.name)
            if isinstance(entries, list):
                found.extend(((*idx, j), e) for j, e in enumerate(entries) if isinstance(e, dict))
        out[repeat.name] = found
    return out


def _unknown_keys(
    data: dict[str, Any], known: set[str] | frozenset[str], prefix: str, issues: list[Issue]
) -> None:
    # Keys starting with '_' are reserved for metadata kept alongside answers.
    for key in data:
        if key not in known and not (isinstance(key, str) and key.startswith("_")):
            issues.append(Issue(str(key), f"{prefix}{key}", "unknown", message("unknown")))


def _check_repeat(
    ev: Evaluation,
    repeat: Group,
    idx: Index,
    data: dict[str, Any],
    finalize: bool,
    issues: list[Issue],
    known: frozenset[str],
) -> None:
    if not ev.is_relevant(repeat.name, idx):
        return
    path = path_of(repeat.name, repeat.repeats[:-1], idx)
    entries = data.get(repeat.name)
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        issues.append(Issue(repeat.name, path, "type", message("type.repeat")))
        return
    for j, entry in enumerate(entries):
        ipath = f"{path}[{j + 1}]"
        if not isinstance(entry, dict):
            issues.append(Issue(repeat.name, ipath, "type", message("type.instance")))
            continue
        _unknown_keys(entry, known, f"{ipath}/", issues)
    expected = ev.repeat_count(repeat.name, idx)
    if expected is not None:
        count = len(entries)
        if count > expected or (finalize and count != expected):
            key = "count.exact" if finalize else "count.max"
            issues.append(
                Issue(repeat.name, path, "count", message(key, expected=expected, count=count))
            )


def _on_a_step(q: Question, value: Any) -> bool:
    """Whether a range answer is between start and end and on one of the steps from start
    (within a millionth of a step: 0.1 steps are not exact in binary)."""
    if not isinstance(value, int | float):
        return False
    start, end, step = q.range_parameters
    if not min(start, end) - 1e-9 <= value <= max(start, end) + 1e-9:
        return False
    steps = abs(value - start) / step
    return abs(steps - round(steps)) < 1e-6


def _check_missing(ev: Evaluation, q: Question, idx: Index, issues: list[Issue]) -> None:
    if ev.is_required(q.name, idx):
        path = path_of(q.name, q.repeats, idx)
        issues.append(Issue(q.name, path, "required", required_message(q)))


def _check_question(
    ev: Evaluation,
    q: Question,
    idx: Index,
    raw: Any,
    finalize: bool,
    issues: list[Issue],
    choice_names: frozenset[str] | None,
    failed: frozenset[tuple[str, Index]],
) -> None:
    # The path is only spelled out when there is an issue: most answers have none.
    if not raw and (raw is None or raw == "" or raw == [] or raw == {}):
        if finalize:
            _check_missing(ev, q, idx, issues)
        return
    try:
        value = normalize(q.type, raw)
    except AnswerError as err:
        path = path_of(q.name, q.repeats, idx)
        issues.append(Issue(q.name, path, err.code, message(err.key)))
        return
    if q.type == "range" and not _on_a_step(q, value):
        path = path_of(q.name, q.repeats, idx)
        issues.append(Issue(q.name, path, "range", message("range.range")))
        return
    if choice_names is not None and type(value) is str and value in choice_names:
        pass  # a select_one among its fixed choices (the common case)
    elif q.type in ("select_one", "select_multiple", "rank") and (
        q.choices or not q.extra.get("choices_file")
    ):
        picked = [value] if isinstance(value, str) else value
        if choice_names is None and q.type != "rank":
            # A filtered list: the filter is evaluated for the picked choices only.
            bad = [v for v in picked if not ev.offers(q.name, v, idx)]
            names: frozenset[str] = frozenset()
        else:
            names = (
                choice_names
                if choice_names is not None
                else frozenset(c.name for c in ev.choices(q.name, idx))
            )
            bad = [v for v in picked if v not in names]
        if bad:
            path = path_of(q.name, q.repeats, idx)
            issues.append(Issue(q.name, path, "choice", message("choice.unknown", value=bad[0])))
            return
        if q.type == "rank" and len(picked) != len(names):
            path = path_of(q.name, q.repeats, idx)
            issues.append(Issue(q.name, path, "choice", message("choice.rank")))
            return
    if failed and (q.name, idx) in failed:
        path = path_of(q.name, q.repeats, idx)
        issues.append(Issue(q.name, path, "constraint", constraint_message(q)))
