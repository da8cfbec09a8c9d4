"""Values ODK sets once and keeps (issue 16): dynamic defaults (incl. ${last-saved#q}),
once(), random()/uuid() seeded per survey, now(), and `trigger` calculations.

The engine stays a function of the answers: what is set once is stored in the answers by
`Form.settle` (run at every save), so evaluation, validation and exports of the same answers
agree, and a `Form` holds no state between calls.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fieldapp.forms import load_form
from fieldapp.forms.expressions import Context
from fieldapp.forms.flatten import flatten
from tests.core.forms.formkit import definition, group, q

TODAY = date(2025, 3, 1)


def _form(children: list[dict[str, Any]]) -> Any:
    return load_form(definition(children))


def test_a_default_that_is_an_expression_is_evaluated_once_when_the_survey_starts() -> None:
    form = _form(
        [
            q("visit", "date", default="today()"),
            q("people", "integer", default="2 + 3"),
            q("plain", "text", default="a-b"),  # no expression: a value (pyxform's rule)
            q("words", "text", default="Yes - maybe"),  # bare words: the text itself
            q("fixed", "date", default="2024-01-31"),  # '-' in a date default is the value
        ]
    )
    answers = form.initial_answers(today=TODAY)
    assert answers == {
        "visit": "2025-03-01",
        "people": 5,
        "plain": "a-b",
        "words": "Yes - maybe",
        "fixed": "2024-01-31",
    }
    assert form.to_json()["children"][0]["default"] == "today()"  # kept as written
    assert load_form(form.to_json()).initial_answers(today=TODAY) == answers


def test_last_saved_reads_the_previous_survey_of_the_form() -> None:
    form = _form(
        [
            q("enumerator", "text", default="${last-saved#enumerator}"),
            q("village", "text", default="${last-saved#village}"),
            q("households", "integer", default="${last-saved#households} + 1"),
        ]
    )
    last = {"enumerator": "Amina", "households": 41}
    answers = form.initial_answers(context=Context(last_saved=last))
    assert answers == {"enumerator": "Amina", "households": 42}
    assert form.initial_answers(context=Context()) == {}  # none saved yet: empty, no error
    # A caller that does not know the last survey: the first save's settle fills them.
    started = form.initial_answers()
    assert started == {"_new": True}
    started["village"] = "Ouled"  # typed before the first save: kept
    saved = form.settle(started, context=Context(last_saved=last))
    assert saved == {"enumerator": "Amina", "village": "Ouled", "households": 42}


def test_a_repeat_instance_gets_its_dynamic_defaults_when_created() -> None:
    form = _form(
        [
            q("visit", "date"),
            group(
                "bills",
                [
                    q("number", "integer", default="position(..)"),
                    q("month", "date", default="${visit}"),
                ],
                "repeat",
            ),
        ]
    )
    answers = {"visit": "2025-02-10", "bills": [{"number": 1, "month": "2025-02-10"}]}
    second = form.new_instance("bills", answers=answers, today=TODAY)
    assert second == {"number": 2, "month": "2025-02-10"}
    # Without the survey (an older caller), the instance waits for the next save's settle.
    pending = form.new_instance("bills")
    assert pending == {"_new": True}
    answers["bills"].append(pending)
    settled = form.settle(answers, today=TODAY)
    assert settled["bills"][1] == {"number": 2, "month": "2025-02-10"}
    assert answers["bills"][1] == {"_new": True}  # the caller's answers are not modified
    assert form.validate(settled, today=TODAY) == []


def test_once_keeps_the_first_value_and_random_is_the_same_for_the_same_survey() -> None:
    form = _form(
        [
            q("n", "integer"),
            q("first_n", "calculate", calculation="once(${n})"),
            q("draw", "calculate", calculation="once(random())"),
            q("ident", "calculate", calculation="uuid()"),
            group("r", [q("pick", "calculate", calculation="random()")], "repeat"),
        ]
    )
    survey = Context(instance_id="3f1c0a3e-survey-1")
    answers: dict[str, Any] = {"n": 4, "r": [{}, {}]}
    settled = form.settle(answers, today=TODAY, context=survey)
    assert settled["first_n"] == 4
    draw = settled["draw"]
    assert 0 <= draw < 1
    # The same survey draws the same numbers (seeded by its id); another survey others.
    again = form.settle(answers, today=TODAY, context=survey)
    assert again == settled
    other = form.settle(answers, today=TODAY, context=Context(instance_id="another"))
    assert other["draw"] != draw
    # Each repeat instance has its own draw.
    assert settled["r"][0]["pick"] != settled["r"][1]["pick"]
    # Once stored, the value no longer follows what it was computed from.
    settled["n"] = 9
    later = form.settle(settled, today=TODAY, context=survey)
    assert later is settled  # nothing to change
    assert form.evaluate(later, today=TODAY).value("first_n") == 4
    # ... and the export shows what was stored, whoever flattens it.
    row = flatten(form, later, today=TODAY)
    assert row["first_n"] == 4 and row["ident"] == settled["ident"]


def test_a_trigger_recalculates_only_when_its_question_changes() -> None:
    form = _form(
        [
            q("weight", "decimal"),
            q("note_text", "text"),
            q("stamp", "calculate", calculation="concat('w=', ${weight})", trigger="${weight}"),
            q("copy", "decimal", calculation="${weight} * 2", trigger="${weight}"),
        ]
    )
    answers: dict[str, Any] = {}
    assert form.settle(answers, today=TODAY) is answers  # trigger unanswered: nothing yet
    assert form.evaluate(answers, today=TODAY).value("stamp") == ""
    answers = form.settle({"weight": 3.5}, today=TODAY)
    assert answers["stamp"] == "w=3.5" and answers["copy"] == 7
    # Another question changes: the triggered values stay; the agent may edit `copy`.
    answers["note_text"] = "x"
    answers["copy"] = 8
    assert form.settle(answers, today=TODAY) is answers
    ev = form.evaluate(answers, today=TODAY)
    assert ev.value("stamp") == "w=3.5" and ev.value("copy") == 8
    # The trigger changes: both are computed again.
    answers["weight"] = 4
    answers = form.settle(answers, today=TODAY)
    assert answers["stamp"] == "w=4" and answers["copy"] == 8  # 4 * 2
    assert form.validate(answers, today=TODAY) == []


def test_settling_shares_nothing_between_calls() -> None:
    form = _form(
        [
            q("n", "integer"),
            q("first_n", "calculate", calculation="once(${n})"),
        ]
    )
    one = form.settle({"n": 1}, today=TODAY)
    two = form.settle({"n": 2}, today=TODAY)
    assert (one["first_n"], two["first_n"]) == (1, 2)
    assert form.evaluate({"n": 3}, today=TODAY).value("first_n") == 3


def test_carry_follows_each_repeat_instance_when_an_earlier_one_is_removed() -> None:
    """The form on screen adopts what a save settled (`carry_into`), then the agent removes
    row 2 of 3: at the next save row 3 keeps its own once() draw and trigger-settled value
    (instances are matched by the identity settle gave them, not by their position)."""
    form = _form(
        [
            group(
                "rooms",
                [
                    q("beds", "integer"),
                    q("draw", "calculate", calculation="once(random())"),
                    q("stamp", "calculate", calculation="concat('b=', ${beds})",
                      trigger="${beds}"),
                ],
                "repeat",
            )
        ]
    )  # fmt: skip
    survey = Context(instance_id="survey-rooms")
    screen: dict[str, Any] = {"rooms": [{"beds": 1}, {"beds": 2}, {"beds": 3}]}
    stored = form.settle(screen, today=TODAY, context=survey)
    assert [r["_key"] for r in stored["rooms"]] == [1, 2, 3]
    assert [r["stamp"] for r in stored["rooms"]] == ["b=1", "b=2", "b=3"]
    draws = [r["draw"] for r in stored["rooms"]]
    assert len(set(draws)) == 3
    assert form._plan.carry_into(screen, stored)  # the screen shows what was settled
    assert [r["draw"] for r in screen["rooms"]] == draws
    del screen["rooms"][1]  # row 2 removed on screen
    carried = form._plan.carry(screen, stored)
    assert [r["draw"] for r in carried["rooms"]] == [draws[0], draws[2]]
    assert [r["stamp"] for r in carried["rooms"]] == ["b=1", "b=3"]
    again = form.settle(carried, today=TODAY, context=survey)
    assert [(r["_key"], r["draw"], r["stamp"]) for r in again["rooms"]] == [
        (1, draws[0], "b=1"),
        (3, draws[2], "b=3"),
    ]
    # A row added after the removal gets a key of its own, not the removed row's
    again["rooms"].append({"beds": 5})
    grown = form.settle(again, today=TODAY, context=survey)
    assert [r["_key"] for r in grown["rooms"]] == [1, 3, 4]
    assert grown["rooms"][2]["stamp"] == "b=5"
    assert form.validate(grown, today=TODAY) == []


def test_a_copy_that_never_saw_the_keys_is_matched_by_position_only_while_lengths_agree() -> None:
    form = _form(
        [group("r", [q("n", "integer"), q("d", "calculate", calculation="once(${n} * 10)")],
               "repeat")]
    )  # fmt: skip
    stored = form.settle({"r": [{"n": 1}, {"n": 2}]}, today=TODAY)
    same = form._plan.carry({"r": [{"n": 1}, {"n": 2}]}, stored)
    assert [(r["_key"], r["d"]) for r in same["r"]] == [(1, 10), (2, 20)]
    # one row fewer, and no key to say which: nothing of another row is carried into it
    fewer = form._plan.carry({"r": [{"n": 2}]}, stored)
    assert fewer["r"] == [{"n": 2}]
    assert form.settle(fewer, today=TODAY)["r"][0]["d"] == 20
