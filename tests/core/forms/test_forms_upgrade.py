"""fit_answers: what of a draft's answers carries over to a newer version of its form."""

from __future__ import annotations

import copy
import random
from typing import Any

from fieldapp.forms import Form, baseline_form, demo_answers, fit_answers, load_form, version_key
from tests.core.forms.formkit import choices, definition, group, q

V1_CHILDREN = [
    q("name", "text"),
    q("age", "integer", constraint=". < 120"),
    q("phone", "text"),
    q("colour", "select_one", choices="colours"),
    q("tools", "select_multiple", choices="tools"),
    group(
        "staff",
        [q("role", "text"), q("count", "integer"), q("note_text", "text")],
        type_="repeat",
    ),
]
V2_CHILDREN = [
    q("name", "text"),
    q("age", "text"),  # type change: integer -> text
    q("telephone", "text"),  # renamed from phone
    q("colour", "select_one", choices="colours"),
    q("tools", "select_multiple", choices="tools"),
    q("email", "text", required=True),  # a new required question
    group("staff", [q("role", "text"), q("count", "integer", constraint=". > 0")], type_="repeat"),
]


def v1() -> Form:
    lists = {"colours": choices("red", "green", "blue"), "tools": choices("saw", "drill", "axe")}
    return load_form(definition(V1_CHILDREN, lists, version="1"))


def v2() -> Form:
    # 'blue' and 'axe' are no longer offered.
    lists = {"colours": choices("red", "green"), "tools": choices("saw", "drill")}
    return load_form(definition(V2_CHILDREN, lists, version="2"))


def answers_v1() -> dict[str, Any]:
    return {
        "name": "Dar Al Amal",
        "age": 12,
        "phone": "0612345678",
        "colour": "blue",
        "tools": ["saw", "axe"],
        "staff": [
            {"role": "cook", "count": 2, "note_text": "part time"},
            {"role": "guard", "count": 0},
        ],
        "_meta": {"device": "x"},
    }


def test_the_answers_are_valid_in_the_first_version() -> None:
    assert v1().validate(answers_v1(), finalize=False) == []


def test_what_no_longer_fits_is_dropped_and_said_per_field_and_instance() -> None:
    answers = answers_v1()
    before = copy.deepcopy(answers)
    result = fit_answers(v2(), answers)

    assert answers == before  # the caller's answers are not touched
    assert result.kept == {
        "name": "Dar Al Amal",
        "tools": ["saw"],
        "staff": [{"role": "cook", "count": 2}, {"role": "guard", "count": 0}],
        "_meta": {"device": "x"},
    }
    got = [(d.path, d.question, d.value, d.reason_code) for d in result.dropped]
    assert got == [
        ("age", "age", 12, "type"),
        ("phone", "phone", "0612345678", "unknown"),
        ("colour", "colour", "blue", "choice"),
        ("tools", "tools", ["axe"], "choice"),
        ("staff[1]/note_text", "note_text", "part time", "unknown"),
    ]
    assert not result.fits
    for d in result.dropped:
        assert set(d.message) == {"fr", "ar", "en"}
        assert all(d.message.values())
        assert d.to_json()["value"] == d.value
    assert "version 2" in result.dropped[0].message["en"]
    assert "'blue'" in result.dropped[2].message["en"]


def test_kept_answers_validate_as_a_draft_with_only_fixable_issues() -> None:
    """Constraint failures and missing required answers fit: the agent fixes them."""
    result = fit_answers(v2(), answers_v1())
    draft = v2().validate(result.kept, finalize=False)
    assert [(i.path, i.code) for i in draft] == [("staff[2]/count", "constraint")]
    final = v2().validate(result.kept, finalize=True)
    assert ("email", "required") in [(i.path, i.code) for i in final]
    assert "staff[2]/count" in [d.path for d in draft]  # kept, not dropped


def test_everything_fits_when_nothing_changed_that_matters() -> None:
    answers = {"name": "A", "colour": "red", "staff": [{"role": "cook"}], "age": ""}
    answers_for_v2 = {**answers, "age": None}
    assert fit_answers(v2(), answers_for_v2).fits
    assert fit_answers(v2(), answers_for_v2).kept == answers_for_v2
    # empty answers to questions that are gone hold nothing: dropped without a word
    assert fit_answers(v2(), {"phone": "", "tools": []}).dropped == []


def test_removed_repeat_moved_question_and_computed_value() -> None:
    old = load_form(
        definition(
            [
                q("a", "integer"),
                q("b", "text"),
                group("rooms", [q("size", "decimal")], type_="repeat"),
            ]
        )
    )
    new = load_form(
        definition(
            [
                q("a", "calculate", calculation="1 + 1"),
                group("block", [q("c", "text")]),
                group("people", [q("b", "text")], type_="repeat"),
            ],
            version="2",
        )
    )
    answers = {"a": 3, "b": "x", "rooms": [{"size": 12.5}], "block": "oops"}
    assert old.validate({k: v for k, v in answers.items() if k != "block"}, finalize=False) == []
    result = fit_answers(new, answers)
    assert result.kept == {}
    assert [(d.path, d.reason_code) for d in result.dropped] == [
        ("a", "type"),  # now computed
        ("b", "unknown"),  # moved into a repeat
        ("rooms", "unknown"),  # the whole repeat is gone: one line with every instance
        ("block", "unknown"),  # a group takes no answer
    ]
    assert result.dropped[2].value == [{"size": 12.5}]
    assert "computed" in result.dropped[0].message["en"]


def test_values_that_change_shape_but_keep_their_meaning_fit() -> None:
    old = load_form(
        definition(
            [q("n", "integer"), q("pick", "select_one", choices="l"), q("d", "integer")],
            {"l": choices("x", "y")},
        )
    )
    new = load_form(
        definition(
            [q("n", "decimal"), q("pick", "select_multiple", choices="l"), q("d", "date")],
            {"l": choices("x", "y")},
            version="2",
        )
    )
    answers = {"n": 4, "pick": "x", "d": 20240101}
    assert old.validate(answers, finalize=False) == []
    result = fit_answers(new, answers)
    assert result.kept == {"n": 4, "pick": ["x"]}
    assert [(d.path, d.reason_code) for d in result.dropped] == [("d", "type")]
    assert new.validate(result.kept, finalize=False) == []


def test_answers_that_are_not_an_object() -> None:
    assert fit_answers(v2(), None).kept == {}
    result = fit_answers(v2(), ["x"])
    assert result.kept == {} and result.dropped[0].value == ["x"]


def test_baseline_answers_fit_the_baseline_and_a_trimmed_next_version() -> None:
    form = baseline_form()
    answers = demo_answers(form, random.Random(0), complete=True)  # 12 bills, 2 civil servants
    same = fit_answers(form, answers)
    assert same.fits and same.kept == answers

    data = copy.deepcopy(form.to_json())
    data["version"] = "2025.1"
    items = {}

    def index(children: list[dict[str, Any]]) -> None:
        for child in children:
            items[child["name"]] = child
            index(child.get("children", []))

    index(data["children"])
    items["bill_month"]["type"] = "integer"  # inside a repeat: dropped per instance
    items["respondent_name"]["name"] = "respondent_full_name"  # renamed
    staff_contract = items["staff_contract"]
    contracts = data["choice_lists"][staff_contract["choices"]]
    removed = contracts.pop(0)["name"]  # a choice no longer offered
    newer = load_form(data)

    result = fit_answers(newer, answers)
    by_question: dict[str, list[str]] = {}
    for d in result.dropped:
        by_question.setdefault(d.question, []).append(d.path)
    assert by_question.pop("respondent_name") == ["respondent_name"]
    months = [b for b in answers["bills"] if b.get("bill_month")]
    assert by_question.pop("bill_month") == [
        f"bills[{i + 1}]/bill_month" for i in range(len(months))
    ]
    used = [i for i, s in enumerate(answers["staff"]) if s.get("staff_contract") == removed]
    assert used and by_question.pop("staff_contract") == [
        f"staff[{i + 1}]/staff_contract" for i in used
    ]
    assert by_question == {}
    assert [b.get("amount_mad") for b in result.kept["bills"]] == [
        b.get("amount_mad") for b in answers["bills"]
    ]
    assert result.kept["volunteers"] == answers["volunteers"]
    assert {i.code for i in newer.validate(result.kept, finalize=False)} <= {"constraint"}


def test_version_key_orders_versions_naturally() -> None:
    ordered = ["1", "1.9", "2", "2024.1", "2024.2", "2024.10", "2025.1"]
    assert sorted(reversed(ordered), key=version_key) == ordered
    assert version_key("2024.1") < version_key("2024.1b")
