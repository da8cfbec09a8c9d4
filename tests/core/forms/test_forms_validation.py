"""Validation of answers: every question type, required vs draft, choices, repeats, demo data."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.forms import Issue, baseline_form, demo_answers
from fieldapp.forms.messages import MESSAGES
from tests.core.forms.formkit import choices, form_of, group, q

SHA = "a" * 64


def all_types_form():
    return form_of(
        [
            q("t", "text", required=True),
            q("i", "integer"),
            q("d", "decimal"),
            q("s1", "select_one", choices="abc"),
            q("sm", "select_multiple", choices="abc"),
            q("rk", "rank", choices="abc"),
            q("dt", "date"),
            q("gp", "geopoint"),
            q("im", "image"),
            q("nt", "note"),
            q("ca", "calculate", calculation="${i} * 2"),
            group("r", [q("x", "decimal", required=True)], "repeat", repeat_count="2"),
        ],
        {"abc": choices("a", "b", "c")},
    )


def codes(issues: list[Issue]) -> dict[str, str]:
    return {i.path: i.code for i in issues}


VALID = {
    "t": "hello",
    "i": 3,
    "d": 2.5,
    "s1": "a",
    "sm": ["a", "c"],
    "rk": ["c", "a", "b"],
    "dt": "2024-02-29",
    "gp": {"lat": 32.2, "lon": -7.9, "accuracy": 5.0},
    "im": {"sha256": SHA, "filename": "meter.jpg"},
    "r": [{"x": 1.0}, {"x": 2}],
}


def test_valid_answers_of_every_type():
    form = all_types_form()
    assert form.validate(VALID) == []
    accepted_variants = {
        "i": 4.0,
        "d": 7,
        "sm": "a  b",
        "rk": "b a c",
        "gp": "32.2 -7.9 120 4.5",
        "im": SHA,
        "dt": "2024-01-01",
    }
    for name, value in accepted_variants.items():
        assert form.validate({**VALID, name: value}) == [], name


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("t", 5, "type"),
        ("i", "3", "type"),
        ("i", 2.5, "type"),
        ("i", True, "type"),
        ("i", 2**70, "range"),
        ("d", "2.5", "type"),
        ("d", float("nan"), "type"),
        ("d", False, "type"),
        ("s1", "z", "choice"),
        ("s1", "a b", "type"),
        ("s1", 1, "type"),
        ("sm", ["a", "z"], "choice"),
        ("sm", ["a", "a"], "choice"),
        ("sm", [1], "type"),
        ("sm", {"a": 1}, "type"),
        ("rk", ["a", "b"], "choice"),
        ("rk", ["a", "b", "z"], "choice"),
        ("dt", "2024-02-30", "type"),
        ("dt", "31/01/2024", "type"),
        ("dt", "1850-01-01", "range"),
        ("dt", 20240101, "type"),
        ("gp", {"lat": 95, "lon": 0}, "range"),
        ("gp", {"lat": "x", "lon": 0}, "type"),
        ("gp", {"lat": 1, "lon": 2, "accuracy": -1}, "type"),
        ("gp", {"lat": 1, "lon": 2, "altitude": "high"}, "type"),
        ("gp", {"lat": 1, "lon": 2, "speed": 3}, "type"),
        ("gp", "north", "type"),
        ("gp", "1 2 3 4 5", "type"),
        ("gp", 32.1, "type"),
        ("im", "not-a-hash", "type"),
        ("im", {"sha256": SHA, "filename": 3}, "type"),
        ("im", {"sha256": SHA, "size": 3}, "type"),
        ("im", 5, "type"),
    ],
)
def test_wrong_answers(name, value, code):
    form = all_types_form()
    issues = form.validate({**VALID, name: value})
    assert codes(issues) == {name: code}
    (issue,) = issues
    assert set(issue.message) == {"fr", "ar", "en"} and all(issue.message.values())
    assert str(issue).startswith(f"{name}: [{code}] ")
    assert issue.to_json()["code"] == code


def test_required_only_when_finalizing_and_relevant():
    form = form_of([q("a", required=True), q("b", required=True, relevant="${a} > 1")])
    assert codes(form.validate({})) == {"a": "required"}
    assert form.validate({}, finalize=False) == []
    assert codes(form.validate({"a": 2})) == {"b": "required"}
    assert codes(form.validate({"a": 2, "b": ""})) == {"b": "required"}
    assert form.validate({"a": 1}) == []
    # Type errors are errors in drafts too.
    assert codes(form.validate({"a": "x"}, finalize=False)) == {"a": "type"}


def test_custom_messages_and_defaults_in_three_languages():
    form = form_of(
        [
            q("a", required=True, required_message={"en": "Give a"}),
            q("b", constraint=". > 0", constraint_message={"en": "b > 0"}),
        ]
    )
    issues = {i.question: i for i in form.validate({"b": -1})}
    assert issues["a"].message["en"] == "Give a"
    assert issues["a"].message["fr"] == MESSAGES["required"]["fr"]
    assert issues["b"].message["en"] == "b > 0"
    assert issues["b"].code == "constraint"


def test_non_relevant_answers_are_kept_but_not_checked():
    form = form_of([q("a"), q("b", relevant="${a} > 1", constraint=". < 0")])
    answers = {"a": 0, "b": "garbage"}
    assert form.validate(answers) == []
    assert answers == {"a": 0, "b": "garbage"}


def test_choice_filter_limits_valid_answers():
    form = form_of(
        [
            q("region", "select_one", choices="regions"),
            q("province", "select_one", choices="provinces", choice_filter="region=${region}"),
            q("ranked", "rank", choices="provinces", choice_filter="region=${region}"),
        ],
        {
            "regions": choices("n", "s"),
            "provinces": choices("p1", "p2", "p3", p1={"region": "n"}, p2={"region": "n"},
                                 p3={"region": "s"}),
        },
    )  # fmt: skip
    assert form.validate({"region": "n", "province": "p2", "ranked": ["p2", "p1"]}) == []
    issues = form.validate({"region": "s", "province": "p2", "ranked": ["p3"]})
    assert codes(issues) == {"province": "choice"}
    assert "'p2'" in issues[0].message["en"]


def test_repeats_count_types_and_unknown_keys():
    form = all_types_form()
    assert codes(form.validate({**VALID, "r": [{"x": 1}]})) == {"r": "count"}
    assert form.validate({**VALID, "r": [{"x": 1}]}, finalize=False) == []
    assert codes(form.validate({**VALID, "r": [{"x": 1}] * 3}, finalize=False)) == {"r": "count"}
    assert codes(form.validate({**VALID, "r": "x"})) == {"r": "type"}
    assert codes(form.validate({**VALID, "r": [{"x": 1}, 5]}))["r[2]"] == "type"
    issues = form.validate({**VALID, "r": [{"x": 1}, {"x": "a", "zz": 1}], "extra": 1, "_meta": 2})
    assert codes(issues) == {"extra": "unknown", "r[2]/zz": "unknown", "r[2]/x": "type"}
    assert codes(form.validate({**VALID, "r": [{"x": 1}, {}]})) == {"r[2]/x": "required"}
    assert codes(form.validate("nope")) == {"": "type"}  # type: ignore[arg-type]


def test_issues_come_in_form_order():
    form = all_types_form()
    issues = form.validate({"i": "x", "d": "y", "r": [{"x": "z"}, {"x": "w"}]})
    assert [i.path for i in issues] == ["t", "i", "d", "r[1]/x", "r[2]/x"]


def test_today_makes_future_dates_invalid():
    form = form_of([q("v", "date", constraint=". <= today()")])
    assert form.validate({"v": "2024-06-16"}, today=date(2024, 6, 15))[0].code == "constraint"
    assert form.validate({"v": "2024-06-15"}, today=date(2024, 6, 15)) == []


# -- the baseline and its demo answers ----------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_demo_answers_validate(seed):
    form = baseline_form()
    complete = demo_answers(form, random.Random(seed), complete=True)
    assert form.validate(complete) == []
    draft = demo_answers(form, random.Random(seed), complete=False)
    assert form.validate(draft, finalize=False) == []


def test_demo_answers_are_realistic():
    form = baseline_form()
    for seed in range(20):
        a = demo_answers(form, random.Random(seed), complete=True)
        assert a["residents_women"] <= a["residents_total"]
        assert 20.5 <= a["gps"]["lat"] <= 36 and -17.5 <= a["gps"]["lon"] <= -0.9
        assert a["province"] in {c.name for c in form.evaluate(a).choices("province")}
        if a["grid_connected"] == "yes":
            assert len(a["bills"]) == 12
            assert all(300 <= b["amount_mad"] <= 15000 for b in a["bills"])
            assert all(0.5 <= b["amount_mad"] / b["kwh"] <= 5 for b in a["bills"])
        if a["connection_type"] == "none":
            assert "download_mbps" not in a and a["priority_needs"][0] == "connectivity"
        assert sorted(a["priority_needs"]) == sorted(
            c.name for c in form.question("priority_needs").choices
        )
        assert date.fromisoformat(a["visit_date"]) <= date.today()
    assert demo_answers(form, random.Random(5), complete=True) == demo_answers(
        form, random.Random(5), complete=True
    )


def test_demo_answers_for_a_small_generic_form():
    form = all_types_form()
    for seed in range(10):
        assert form.validate(demo_answers(form, random.Random(seed), complete=True)) == []
        draft = demo_answers(form, random.Random(seed), complete=False)
        assert form.validate(draft, finalize=False) == []


def test_demo_answers_give_up_clearly_on_impossible_forms():
    form = form_of([q("a", required=True, constraint=". < 0 and . > 0")])
    with pytest.raises(ValueError, match="cannot make valid demo answers"):
        demo_answers(form, random.Random(1), complete=True)


def test_validate_with_the_callers_evaluation_gives_the_same_issues():
    from fieldapp.forms.validation import validate

    form = baseline_form()
    day = date(2025, 6, 1)
    for seed in range(10):
        answers = demo_answers(form, random.Random(seed), complete=seed % 2 == 0)
        answers["capacity"] = -1 if seed % 3 == 0 else answers.get("capacity")
        ev = form.evaluate(answers, today=day)
        for finalize in (True, False):
            assert validate(
                form, answers, finalize=finalize, today=day, evaluation=ev
            ) == form.validate(answers, finalize=finalize, today=day)


def test_demo_provinces_are_the_ones_the_choice_filter_offers():
    from fieldapp.forms.demo import _constant_counts, _Maker, _province

    form = baseline_form()
    maker = _Maker(form, random.Random(3))
    for region in ("MA-07", "MA-06", "MA-09", "none"):
        offered = {c.name for c in form.evaluate({"region": region}).choices("province")}
        picked = {_province(maker, {"region": region}) for _ in range(60)}
        assert picked <= offered | {None}
        assert (None in picked) == (not offered)
    assert _constant_counts(form) == {"bills": 12}


@pytest.mark.parametrize(
    ("value", "ok"),
    [(0, True), (2.5, True), (10, True), (0.3, False), (12.5, False), (-2.5, False), (7.5, True)],
)
def test_a_range_answer_must_be_on_one_of_its_steps(value: float, ok: bool) -> None:
    # ODK's range: start, end and step from `parameters` (docs.getodk.org/form-question-types
    # "Range"); the slider only offers start + k * step up to end.
    form = form_of([q("r", "range", parameters={"start": "0", "end": "10", "step": "2.5"})])
    issues = form.validate({"r": value})
    assert (issues == []) is ok
    if not ok:
        assert [i.code for i in issues] == ["range"]
        assert "steps" in issues[0].message["en"]


def test_a_range_with_decimal_steps_and_a_descending_scale() -> None:
    form = form_of([q("r", "range", parameters={"start": "1", "end": "0", "step": "0.1"})])
    assert form.validate({"r": 0.3}) == []  # 0.1 steps are not exact in binary
    assert [i.code for i in form.validate({"r": 0.35})] == ["range"]
