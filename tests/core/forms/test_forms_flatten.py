"""Flattening for exports: main-table columns and rows, repeat tables."""

from __future__ import annotations

import random

from formkit import choices, form_of, group, q

from fieldapp.forms import baseline_form, demo_answers
from fieldapp.forms.flatten import columns, flatten, flatten_repeats, repeat_tables

SHA = "b" * 64


def small_form():
    return form_of(
        [
            q("n"),
            q("sm", "select_multiple", choices="abc", relevant="${n} > 0"),
            q("rk", "rank", choices="abc"),
            q("gp", "geopoint"),
            q("im", "image"),
            q("info", "note"),
            q("tot", "calculate", calculation="sum(${x})"),
            group(
                "r",
                [
                    q("x", "decimal"),
                    group("inner", [q("y", "text")], "repeat"),
                ],
                "repeat",
            ),
        ],
        {"abc": choices("a", "b", "c")},
    )


def test_columns_and_repeat_tables():
    form = small_form()
    assert columns(form) == [
        "n", "sm", "sm/a", "sm/b", "sm/c", "rk", "rk/a", "rk/b", "rk/c",
        "gp", "gp/lat", "gp/lon", "gp/accuracy", "im", "im/filename", "tot",
    ]  # fmt: skip
    assert repeat_tables(form) == {
        "r": ["_index", "x"],
        "inner": ["_index", "_parent_index", "y"],
    }


def test_flatten_row_values():
    form = small_form()
    answers = {
        "n": 2,
        "sm": ["c", "a"],
        "rk": "b c a",
        "gp": "32.5 -7.25",
        "im": {"sha256": SHA, "filename": "roof.jpg"},
        "r": [{"x": 1.5, "inner": [{"y": "u"}, {"y": "v"}]}, {"x": 2}],
    }
    row = flatten(form, answers)
    assert list(row) == columns(form)
    assert row["n"] == 2
    assert row["sm"] == "c a" and (row["sm/a"], row["sm/b"], row["sm/c"]) == (1, 0, 1)
    assert row["rk"] == "b c a" and (row["rk/a"], row["rk/b"], row["rk/c"]) == (3, 1, 2)
    assert row["gp"] == "32.5 -7.25 0 0"
    assert (row["gp/lat"], row["gp/lon"], row["gp/accuracy"]) == (32.5, -7.25, None)
    assert (row["im"], row["im/filename"]) == (SHA, "roof.jpg")
    assert row["tot"] == 3.5
    assert flatten_repeats(form, answers) == {
        "r": [{"_index": 1, "x": 1.5}, {"_index": 2, "x": 2.0}],
        "inner": [
            {"_index": 1, "_parent_index": 1, "y": "u"},
            {"_index": 2, "_parent_index": 1, "y": "v"},
        ],
    }


def test_non_relevant_and_missing_answers_are_empty():
    form = small_form()
    row = flatten(form, {"n": 0, "sm": ["a"], "rk": ["zz"], "im": "bad"})
    assert row["sm"] is None and row["sm/a"] is None
    assert row["rk"] == "zz"  # what was typed is kept for analysts, even when wrong
    assert row["im"] == "bad"
    assert row["gp"] is None and row["tot"] == 0
    assert flatten_repeats(form, {}) == {"r": [], "inner": []}
    assert flatten_repeats(form, {"r": "x"}) == {"r": [], "inner": []}
    assert flatten(form, {"gp": {"lat": "x"}})["gp"] == "{'lat': 'x'}"


def test_baseline_flattens_demo_surveys():
    form = baseline_form()
    cols = columns(form)
    assert len(cols) == len(set(cols))
    assert "hot_water_source/solar" in cols and "priority_needs/connectivity" in cols
    assert "amount_mad" not in cols and "amount_mad" in repeat_tables(form)["bills"]
    for seed in range(5):
        answers = demo_answers(form, random.Random(seed), complete=True)
        row = flatten(form, answers)
        assert set(row) == set(cols)
        assert row["eps_code"] == answers["eps_code"]
        bills = flatten_repeats(form, answers)["bills"]
        assert len(bills) == (12 if answers["grid_connected"] == "yes" else 0)
