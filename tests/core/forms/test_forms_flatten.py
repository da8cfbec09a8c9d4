"""Flattening for exports: main-table columns and rows, repeat tables."""

from __future__ import annotations

import random

from fieldapp.forms import baseline_form, demo_answers
from fieldapp.forms.flatten import columns, flatten, flatten_repeats, repeat_tables
from tests.core.forms.formkit import choices, form_of, group, q

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


# -- flatten_survey: one evaluation for both tables, same cells as the straightforward walk --


def _reference_cells(q, ev, raw, idx):
    """The plain definition of a question's cells (what flatten did before it was compiled)."""
    from fieldapp.forms.answers import AnswerError, is_empty, normalize
    from fieldapp.forms.flatten import _number_text, _question_columns

    cells = dict.fromkeys(_question_columns(q))
    if not cells or not ev.is_relevant(q.name, idx):
        return cells
    if q.calculation:
        value = ev.value(q.name, idx)
        cells[q.name] = None if value == "" else value
        return cells
    if is_empty(raw):
        return cells
    try:
        value = normalize(q.type, raw)
    except AnswerError:
        cells[q.name] = raw if isinstance(raw, str | int | float) else str(raw)
        return cells
    if q.type in ("select_multiple", "rank"):
        cells[q.name] = " ".join(value)
        for c in q.choices:
            key = f"{q.name}/{c.name}"
            if q.type == "select_multiple":
                cells[key] = 1 if c.name in value else 0
            else:
                cells[key] = value.index(c.name) + 1 if c.name in value else None
    elif q.type == "geopoint":
        parts = [value["lat"], value["lon"], value["altitude"] or 0.0, value["accuracy"] or 0.0]
        cells[q.name] = " ".join(_number_text(p) for p in parts)
        cells[f"{q.name}/lat"], cells[f"{q.name}/lon"] = value["lat"], value["lon"]
        cells[f"{q.name}/accuracy"] = value["accuracy"]
    elif q.type == "image":
        cells[q.name] = value["sha256"]
        cells[f"{q.name}/filename"] = value["filename"] or None
    else:
        cells[q.name] = value
    return cells


def _reference(form, answers):
    ev = form.evaluate(answers)
    row = {}
    for question in form.questions:
        if question.repeat is None:
            row.update(_reference_cells(question, ev, answers.get(question.name), ()))
    tables = {r.name: [] for r in form.repeats}
    instances = {}
    for repeat in form.repeats:
        outer = [((), answers)] if repeat.repeat is None else instances.get(repeat.repeat, [])
        found = []
        for idx, data in outer:
            entries = data.get(repeat.name)
            if ev.is_relevant(repeat.name, idx) and isinstance(entries, list):
                found += [((*idx, j), e) for j, e in enumerate(entries) if isinstance(e, dict)]
        instances[repeat.name] = found
        for idx, entry in found:
            r = {"_index": idx[-1] + 1}
            if repeat.repeat is not None:
                r["_parent_index"] = idx[-2] + 1
            for question in form.questions:
                if question.repeat == repeat.name:
                    r.update(_reference_cells(question, ev, entry.get(question.name), idx))
            tables[repeat.name].append(r)
    return row, tables


def _scrambled(form, answers, rng):
    """Answers with some values replaced by wrong types, blanks and out-of-form shapes."""
    odd = [None, "", [], {}, "x y", " a ", 3, 2.5, float("inf"), True, ["a", "a"], {"lat": 1},
           "2024-13-01", 10**30, -0.0, "12", [1, 2]]  # fmt: skip
    out = dict(answers)
    for name in rng.sample(sorted(out), k=min(len(out), rng.randint(0, 8))):
        out[name] = rng.choice(odd)
    for name in ("bills", "staff"):
        if isinstance(out.get(name), list) and out[name] and rng.random() < 0.5:
            entries = [dict(e) if isinstance(e, dict) else e for e in out[name]]
            k = rng.randrange(len(entries))
            if isinstance(entries[k], dict) and entries[k]:
                key = rng.choice(sorted(entries[k]))
                entries[k][key] = rng.choice(odd)
            elif rng.random() < 0.5:
                entries[k] = "not an instance"
            out[name] = entries
    return out


def test_flatten_survey_matches_the_plain_definition_on_baseline_surveys():
    from fieldapp.forms.flatten import flatten_survey

    form = baseline_form()
    cols = columns(form)
    tables = repeat_tables(form)
    rng = random.Random(5)
    for seed in range(40):
        answers = demo_answers(form, random.Random(seed), complete=seed % 2 == 0)
        for candidate in (answers, _scrambled(form, answers, rng), _scrambled(form, answers, rng)):
            expected_row, expected_tables = _reference(form, candidate)
            row, repeat_rows = flatten_survey(form, candidate)
            assert dict(zip(cols, row, strict=True)) == expected_row
            assert {
                name: [dict(zip(tables[name], r, strict=True)) for r in rows]
                for name, rows in repeat_rows.items()
            } == expected_tables
            assert flatten(form, candidate) == expected_row
            assert flatten_repeats(form, candidate) == expected_tables


def test_flatten_survey_on_the_small_form_and_odd_input():
    from fieldapp.forms.flatten import flatten_survey

    form = small_form()
    answers = {
        "n": 2,
        "sm": "c a",
        "rk": ["c", "b", "a"],
        "gp": {"lat": 1.0, "lon": 2.0, "altitude": 3.0, "accuracy": 4.0},
        "im": SHA,
        "r": [{"x": 1, "inner": [{"y": "u"}, "junk"]}, "junk", {"inner": [{"y": 5}]}],
    }
    row, tables = flatten_survey(form, answers)
    assert dict(zip(columns(form), row, strict=True)) == _reference(form, answers)[0]
    assert tables == {
        "r": [[1, 1.0], [3, None]],
        "inner": [[1, 1, "u"], [1, 3, 5]],
    }
    assert flatten_survey(form, "not a dict") == flatten_survey(form, {})  # type: ignore[arg-type]


# -- survey_csv and export_key: what the store caches for the CSV export ---------------------


def test_survey_csv_is_what_csv_writer_makes_of_the_rows():
    import csv
    import io

    from fieldapp.forms.flatten import flatten_survey, inert, survey_csv

    form = baseline_form()
    rng = random.Random(9)
    for seed in range(10):
        answers = demo_answers(form, random.Random(seed), complete=seed % 2 == 0)
        for candidate in (answers, _scrambled(form, answers, rng)):
            values, tables = flatten_survey(form, candidate)
            main, repeats = survey_csv(form, "sid,1", candidate)
            buf = io.StringIO()
            csv.writer(buf).writerow(["m", *inert(values)])
            assert "m," + main + "\r\n" == buf.getvalue()
            for name, rows in tables.items():
                buf = io.StringIO()
                # Each row starts with its own '_index': the survey id is the only key added.
                csv.writer(buf).writerows(["sid,1", *inert(r)] for r in rows)
                assert repeats.get(name, "") == buf.getvalue()


def test_survey_csv_of_a_single_empty_column_is_an_empty_cell():
    from fieldapp.forms.flatten import survey_csv

    form = form_of([q("n")])
    assert survey_csv(form, "s", {}) == ("", {})
    assert survey_csv(form, "s", {"n": 3}) == ("3", {})


def test_export_key_follows_the_definition_and_refuses_today():
    from fieldapp.forms import load_form
    from fieldapp.forms.flatten import export_key

    form = small_form()
    key = export_key(form)
    assert key is not None and export_key(load_form(form.to_json())) == key
    changed = form.to_json()
    changed["children"][0]["label"] = {lang: "N!" for lang in changed["languages"]}
    assert export_key(load_form(changed)) not in (None, key)
    # Rows that depend on the day are never cached.
    age = q("age", "calculate", calculation="today() - ${d}")
    assert export_key(form_of([q("d", "date"), age])) is None
    assert export_key(form_of([q("d", "date", constraint=". <= today()")])) is not None
