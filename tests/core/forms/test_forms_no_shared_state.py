"""A Form gives the same answers whatever was called on it before, and from several threads.

Issue 16: `validate()` used to overwrite a plan state that `evaluate()` and `flatten()` then
read, so calculations and notes no expression reads came out non-relevant (empty in every
export of a survey finalized in the app, whose export row is written after validation).
"""

from __future__ import annotations

import csv
import random
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.export import export_surveys
from fieldapp.forms import Form, baseline_form, demo_answers, load_form
from fieldapp.forms.flatten import flatten, flatten_survey
from fieldapp.store import Store
from tests.core.conftest import make_establishment

TODAY = datetime.now(UTC).date()
# Calculations of the baseline no other expression reads: the ones that exported empty.
UNREAD_CALCULATIONS = (
    "residents_men",
    "occupancy_rate",
    "staff_women_total",
    "staff_roles",
    "processes_digital",
)

CALLS = ("validate", "validate_draft", "evaluate", "flatten", "flatten_survey")


def fresh() -> Form:
    """A new Form object of the baseline, sharing nothing with `baseline_form()`."""
    return load_form(baseline_form().to_json())


def call(form: Form, name: str, answers: dict[str, Any]) -> Any:
    if name == "validate":
        return form.validate(answers, today=TODAY)
    if name == "validate_draft":
        return form.validate(answers, finalize=False, today=TODAY)
    if name == "evaluate":
        ev = form.evaluate(answers, today=TODAY)
        return ev.relevant, ev.calculated, ev.required, ev.failures
    if name == "flatten":
        return flatten(form, answers, today=TODAY)
    return flatten_survey(form, answers, today=TODAY)


ANSWERS = [demo_answers(baseline_form(), random.Random(seed), complete=True) for seed in range(4)]
REFERENCE = {
    (k, name): call(fresh(), name, answers) for k, answers in enumerate(ANSWERS) for name in CALLS
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.lists(st.sampled_from(CALLS), min_size=1, max_size=8),
    which=st.integers(min_value=0, max_value=len(ANSWERS) - 1),
)
def test_any_call_order_gives_what_a_fresh_form_gives(order: list[str], which: int) -> None:
    form = fresh()
    answers = ANSWERS[which]
    for name in order:
        assert call(form, name, answers) == REFERENCE[(which, name)], (order, name)
    # whatever came before, flatten is what a fresh form flattens
    assert call(form, "flatten", answers) == REFERENCE[(which, "flatten")]


def test_unread_calculations_are_relevant_and_filled_after_validation() -> None:
    form = fresh()
    answers = ANSWERS[0]
    assert form.validate(answers, today=TODAY) == []
    row = flatten(form, answers, today=TODAY)
    ev = form.evaluate(answers, today=TODAY)
    for name in UNREAD_CALCULATIONS:
        assert ev.is_relevant(name), name
        assert row[name] not in (None, ""), name


def test_several_threads_get_the_same_answers() -> None:
    form = fresh()
    jobs = [(k, name) for _ in range(6) for k in range(len(ANSWERS)) for name in CALLS]
    random.Random(7).shuffle(jobs)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda job: call(form, job[1], ANSWERS[job[0]]), jobs))
    for job, result in zip(jobs, results, strict=True):
        assert result == REFERENCE[job], job


def test_a_survey_finalized_in_the_app_exports_every_calculated_column(
    data_dir: Path, tmp_path: Path
) -> None:
    """The store's finalize path as the desktop app runs it: validate, then the export row."""
    form = baseline_form()
    answers = ANSWERS[1]
    with Store.open(data_dir, actor="agent.test") as store:
        est = make_establishment()
        store.upsert_establishments([est])
        survey = store.start_survey(est.id, form.id, form.version, answers={})
        store.finalize(
            survey.id, answers, validate=lambda s: form.validate(s.answers, finalize=True)
        )
        main, *_ = export_surveys(store, "csv", tmp_path / "out.csv", form=form, workers=1)
    with main.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 1
    calculated = [q.name for q in form.questions if q.type == "calculate" and not q.repeats]
    expected = flatten(fresh(), answers)
    assert set(UNREAD_CALCULATIONS) <= set(calculated)
    for name in calculated:
        want = expected[name]
        assert rows[0][name] == ("" if want is None else str(want)), name
    for name in UNREAD_CALCULATIONS:
        assert rows[0][name] != "", name
