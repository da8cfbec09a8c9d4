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
from fieldapp.forms.expressions import Context
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


# The same property for what issue 16 added: settling (once(), seeded random(), trigger,
# dynamic defaults) and lookups in lists must leave nothing on the Form either.
FEATURES = {
    "format": "fieldapp-form", "format_version": 1, "id": "features", "version": "1",
    "title": {"en": "Features"}, "default_language": "en", "languages": ["en"],
    "choice_lists": {"crops": [
        {"name": "beans", "label": {"en": "Beans"}, "columns": {"price": "30"}},
        {"name": "rice", "label": {"en": "Rice"}, "columns": {"price": "12"}},
    ]},
    "children": [
        {"type": "select_one", "name": "crop", "label": {"en": "Crop"}, "choices": "crops"},
        {"type": "integer", "name": "n", "label": {"en": "N"}, "default": "1 + 1"},
        {"type": "calculate", "name": "price",
         "calculation": "pulldata('crops', 'price', 'name', ${crop})"},
        {"type": "calculate", "name": "label",
         "calculation": "instance('crops')/root/item[name = ${crop}]/label"},
        {"type": "calculate", "name": "first", "calculation": "once(${n} * 10)"},
        {"type": "calculate", "name": "draw", "calculation": "random()"},
        {"type": "calculate", "name": "on_n", "calculation": "${n} + 100", "trigger": "${n}"},
        {"type": "repeat", "name": "r", "label": {"en": "R"}, "children": [
            {"type": "integer", "name": "pos", "label": {"en": "Pos"}, "default": "position(..)"},
        ]},
    ],
}  # fmt: skip
FEATURE_CALLS = ("settle", "evaluate", "validate", "flatten", "initial", "new_instance")
SURVEY = Context(instance_id="survey-7", now="2025-03-01T10:00:00.000+00:00")


def feature_call(form: Form, name: str, answers: dict[str, Any]) -> Any:
    if name == "settle":
        return form.settle(answers, today=TODAY, context=SURVEY)
    if name == "evaluate":
        ev = form.evaluate(answers, today=TODAY, context=SURVEY)
        return ev.relevant, ev.calculated, ev.failures
    if name == "validate":
        return form.validate(answers, today=TODAY)
    if name == "flatten":
        return flatten(form, answers, today=TODAY)
    if name == "initial":
        return form.initial_answers(today=TODAY, context=SURVEY)
    return form.new_instance("r", answers=answers, today=TODAY, context=SURVEY)


FEATURE_ANSWERS = [
    {"crop": "beans", "n": 3, "r": [{"pos": 1}]},
    {"crop": "rice", "n": 5, "first": 20, "_trigger": {"on_n": "4"}, "r": []},
    {},
]
FEATURE_REFERENCE = {
    (k, name): feature_call(load_form(FEATURES), name, answers)
    for k, answers in enumerate(FEATURE_ANSWERS)
    for name in FEATURE_CALLS
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.lists(st.sampled_from(FEATURE_CALLS), min_size=1, max_size=8),
    which=st.integers(min_value=0, max_value=len(FEATURE_ANSWERS) - 1),
)
def test_settling_and_lookups_leave_nothing_on_the_form(order: list[str], which: int) -> None:
    form = load_form(FEATURES)
    answers = FEATURE_ANSWERS[which]
    before = repr(answers)
    for name in order:
        got = feature_call(form, name, answers)
        assert got == FEATURE_REFERENCE[(which, name)], (order, name)
    assert repr(answers) == before  # the caller's answers are never modified
    settled = FEATURE_REFERENCE[(which, "settle")]
    if which == 1:
        assert settled["first"] == 20 and settled["on_n"] == 105  # kept; trigger changed
