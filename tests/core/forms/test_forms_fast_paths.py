"""The bulk paths (validation, export flattening) skip work the interactive `evaluate` does:
relevance of unanswered questions, required/read-only when not needed, a shared relevance
evaluated once. These compare them with the full evaluation on scrambled answers."""

from __future__ import annotations

import copy
import math
import random
from datetime import UTC, datetime
from typing import Any

import pytest

from fieldapp.forms import baseline_form, demo_answers
from fieldapp.forms.definition import Form
from fieldapp.forms.evaluation import Evaluation
from fieldapp.forms.flatten import flatten_survey
from fieldapp.forms.validation import validate
from tests.core.forms.formkit import choices, form_of, group, q

TODAY = datetime.now(UTC).date()  # what the demo answers are made for
JUNK: list[Any] = [
    None, "", [], {}, "yes", "no", "other", "never", "none", "digital", "mixed", "high",
    "0", "12", "abc", 0, 1, -3, 7.5, 10**6, True, ["a"], ["gas", "none"], {"lat": 1},
    "2024-01-31", "MA-07", " yes", "no ", "a b", "1.0", 2.0, float("inf"),
]  # fmt: skip


def scramble(form: Form, rng: random.Random, answers: dict[str, Any], pool: list[Any]) -> None:
    """Drop, swap in other surveys' values, or put junk into about a third of the answers."""

    def mess(data: dict[str, Any], names: list[str]) -> None:
        for name in names:
            roll = rng.random()
            if roll < 0.12:
                data.pop(name, None)
            elif roll < 0.24:
                other = rng.choice(pool)
                if name in other:
                    data[name] = copy.deepcopy(other[name])
            elif roll < 0.34:
                data[name] = rng.choice(JUNK)

    top = [i.name for i in form.items if not i.repeats and not _is_repeat(i)]
    mess(answers, top)
    for repeat in form.repeats:
        entries = answers.get(repeat.name)
        if isinstance(entries, list) and not repeat.repeats[:-1]:
            names = [i.name for i in form.items if i.repeats == repeat.repeats]
            for entry in entries:
                if isinstance(entry, dict):
                    mess(entry, names)


def _is_repeat(item: Any) -> bool:
    return getattr(item, "type", "") == "repeat"


def surveys(form: Form, seed: int, n: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    plain = [demo_answers(form, rng, complete=rng.random() < 0.5) for _ in range(n)]
    out = []
    for answers in plain:
        scrambled = copy.deepcopy(answers)
        if rng.random() < 0.8:
            scramble(form, rng, scrambled, plain)
        out.append(scrambled)
    return out


def reference_validate(form: Form, answers: dict[str, Any], finalize: bool) -> list[Any]:
    """Validation over the full interactive evaluation (the caller-evaluation path)."""
    ev = form.evaluate(answers, today=TODAY)
    return validate(form, answers, finalize=finalize, today=TODAY, evaluation=ev)


def reference_flatten(form: Form, answers: dict[str, Any]) -> Any:
    plan = form._plan
    lean = plan.relevance_and_values
    plan.relevance_and_values = lambda answers, today: plan._run(plan.steps, answers, today)  # type: ignore[method-assign]
    try:
        return flatten_survey(form, answers, today=TODAY)
    finally:
        plan.relevance_and_values = lean  # type: ignore[method-assign]


def unshared(form: Form) -> Form:
    """The same form with every relevance evaluated on its own (no shared results)."""
    plain = copy.copy(form)
    plan = copy.copy(form._plan)
    plan._shared = {}
    plan._check_steps = {}
    plan._export_steps = None
    plan.steps = plan._lean_steps(None)
    plain._plan = plan
    return plain


def evaluation_view(ev: Evaluation) -> tuple[Any, ...]:
    return (ev.relevant, ev.calculated, ev.required, ev.constraint_failures, ev.failures)


@pytest.fixture(scope="module")
def baseline() -> Form:
    return baseline_form()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bulk_paths_match_the_full_evaluation_on_the_baseline(baseline: Form, seed: int) -> None:
    plain = unshared(baseline)
    for answers in surveys(baseline, seed, 120):
        for finalize in (False, True):
            expected = reference_validate(baseline, answers, finalize)
            assert validate(baseline, answers, finalize=finalize, today=TODAY) == expected
        assert flatten_survey(baseline, answers, today=TODAY) == reference_flatten(
            baseline, answers
        )
        assert evaluation_view(baseline.evaluate(answers, today=TODAY)) == evaluation_view(
            plain.evaluate(answers, today=TODAY)
        )


def nested_form() -> Form:
    """Shared relevances at every level, groups in repeats, a repeat in a repeat, a required
    that depends on answers, calculations reading unanswered questions."""
    return form_of(
        [
            q("a", "select_one", choices="yn"),
            q("b", relevant="${a} = 'y'", constraint=". < 10"),
            q("c", "text", relevant="${a} = 'y'", required="${b} > 2"),
            group(
                "g",
                [
                    q("d", relevant="${a} = 'y'"),
                    q("e", "select_multiple", choices="yn", relevant="${b} > 1"),
                ],
                relevant="${a} = 'y'",
            ),
            q("tot", "calculate", calculation="${b} + ${d}", relevant="${a} = 'y'"),
            group(
                "r",
                [
                    q("x", relevant="${a} = 'y'", constraint=". > ${b}"),
                    q("y", "text", relevant="${x} > 1", required=True),
                    group("gi", [q("z", relevant="${x} > 1")], relevant="${x} > 1"),
                    group(
                        "inner",
                        [q("w", relevant="${x} > 1", required="${z} = 3")],
                        "repeat",
                        relevant="${a} = 'y'",
                    ),
                    q("rowsum", "calculate", calculation="sum(${w}) + ${x}"),
                ],
                "repeat",
                relevant="${c} != 'skip'",
            ),
            q("total", "calculate", calculation="sum(${rowsum})"),
        ],
        {"yn": choices("y", "n")},
    )


def random_nested(rng: random.Random) -> dict[str, Any]:
    def pick(*values: Any) -> Any:
        return rng.choice([None, "", *values])

    def answers_of(names: dict[str, tuple[Any, ...]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, values in names.items():
            v = pick(*values)
            if v is not None:
                out[name] = v
        return out

    nums = (0, 1, 2, 3, 5, 11, "x", 2.5)
    top = answers_of(
        {"a": ("y", "n", "q"), "b": nums, "c": ("skip", "ok", 3), "d": nums, "e": (["y"], "n")}
    )
    top["r"] = []
    for _ in range(rng.randrange(4)):
        entry = answers_of({"x": nums, "y": ("t", 1), "z": nums})
        entry["inner"] = [answers_of({"w": nums}) for _ in range(rng.randrange(3))]
        top["r"].append(entry)
    return top


def test_bulk_paths_match_the_full_evaluation_on_nested_repeats() -> None:
    form = nested_form()
    plain = unshared(form)
    rng = random.Random(5)
    for _ in range(600):
        answers = random_nested(rng)
        for finalize in (False, True):
            expected = reference_validate(form, answers, finalize)
            assert validate(form, answers, finalize=finalize, today=TODAY) == expected
        assert flatten_survey(form, answers, today=TODAY) == reference_flatten(form, answers)
        assert evaluation_view(form.evaluate(answers, today=TODAY)) == evaluation_view(
            plain.evaluate(answers, today=TODAY)
        )


def test_offers_agrees_with_the_filtered_choices(baseline: Form) -> None:
    filtered = [x for x in baseline.questions if x.choice_filter and not x.repeats]
    assert filtered
    for answers in surveys(baseline, 4, 60):
        for question in filtered:
            names = [c.name for c in question.choices]
            ev = baseline.evaluate(answers, today=TODAY)
            probe = [*names[:: max(1, len(names) // 15)], "nope", ""]
            expected = {n: n in {c.name for c in ev.choices(question.name)} for n in probe}
            fresh = baseline.evaluate(answers, today=TODAY)
            assert {n: fresh.offers(question.name, n) for n in probe} == expected
            # ... and from the cache once choices() has been asked
            assert {n: ev.offers(question.name, n) for n in probe} == expected


def test_round_matches_decimal_half_up() -> None:
    """JavaRosa's round(x, n): BigDecimal of the shortest text, HALF_UP for x >= 0 and
    HALF_DOWN below (a half goes towards +infinity)."""
    from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

    from fieldapp.forms.expressions.functions import _round

    def reference(x: float, digits: float) -> float:
        try:
            quantum = Decimal(1).scaleb(-int(digits))
            mode = ROUND_HALF_DOWN if x < 0 else ROUND_HALF_UP
            return float(Decimal(repr(x)).quantize(quantum, rounding=mode))
        except (InvalidOperation, OverflowError, ValueError):
            return x

    rng = random.Random(11)
    special = [0.0, -0.0, 0.5, -0.5, 1.005, 2.675, 0.125, -2.5, 1e-7, 9.995, -0.004, 1e15 + 0.3]
    for _ in range(100_000):
        roll = rng.random()
        if roll < 0.3:
            x = rng.uniform(-1e6, 1e6)
        elif roll < 0.5:
            x = rng.randrange(-(10**6), 10**6) / rng.choice([2, 3, 7, 8, 100, 1000])
        elif roll < 0.6:
            x = rng.choice(special)
        elif roll < 0.75:  # on or just off a half at some number of places
            x = (rng.randrange(10**6) + 0.5) / 10 ** rng.randrange(6)
            x += rng.choice([0.0, 1e-12, -1e-12, 1e-9, 5e-7])
        else:
            x = rng.uniform(-10, 10) * 10 ** rng.randrange(-8, 17)
        digits = rng.choice([1, 2, 3, 1.7, 5, 6, 14, 15])
        got, want = _round(x, digits), reference(x, digits)
        assert (got, math.copysign(1, got)) == (want, math.copysign(1, want)), (x, digits)


def test_export_cells_match_normalize(baseline: Form) -> None:
    from fieldapp.forms.answers import AnswerError, normalize
    from fieldapp.forms.flatten import _as_typed, _cells

    values = [v for v in JUNK if v not in (None, "", [], {})]
    values += [2**63, -(2**63) + 1, 2**70, 3.0, -0.0, float("nan"), "\tyes", "yes\n", "x y"]
    for question in baseline.questions:
        if question.type not in ("integer", "decimal", "select_one"):
            continue
        cells = _cells(question)
        for raw in values:
            try:
                want: object = normalize(question.type, raw)
            except AnswerError:
                want = _as_typed(raw)
            row: list[object] = [None]
            cells(row, 0, raw)
            assert repr(row[0]) == repr(want), (question.name, raw)
