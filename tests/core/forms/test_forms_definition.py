"""Form definitions: loading every feature, every load error, evaluation in repeats, JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fieldapp.forms import Form, FormError, FormReadError, baseline_form, load_form
from tests.core.forms.formkit import choices, definition, form_of, group, q


def problems_of(data) -> list[str]:
    with pytest.raises(FormError) as info:
        load_form(data)
    return [str(p) for p in info.value.problems]


def test_minimal_form_and_implicit_sections():
    form = form_of([q("a"), group("g", [q("b")]), q("c", "text")])
    assert [s.name for s in form.sections] == ["_section1", "g", "_section2"]
    assert form.sections[0].implicit and not form.sections[1].implicit
    assert [x.name for x in form.questions] == ["a", "b", "c"]
    assert form.question("b").path == "g/b" and form.question("b").parent == "g"
    assert form.default_language == "en" and form.title == {"en": "Test"}
    with pytest.raises(KeyError):
        form.question("g")
    with pytest.raises(KeyError):
        form.question("nope")
    assert "g" in form and "nope" not in form
    assert repr(form) == "<Form test 1: 3 questions>"


def test_to_json_round_trips_every_feature():
    data = definition(
        [
            group(
                "g",
                [
                    q(
                        "a",
                        hint={"en": "A hint"},
                        required=True,
                        constraint=". > 0",
                        constraint_message={"en": "Positive"},
                        default=3,
                    ),
                    q(
                        "b",
                        "select_one",
                        choices="yn",
                        relevant="${a} > 1",
                        readonly="${a} > 5",
                        required="${a} > 2",
                        required_message={"en": "Needed"},
                        appearance="minimal",
                    ),
                    q("c", "select_multiple", choices="yn", choice_filter="name != 'no'"),
                    q("d", "rank", choices="yn"),
                    q("e", "date"),
                    q("f", "geopoint"),
                    q("g2", "image"),
                    q("h", "note"),
                    q("k", "calculate", calculation="${a} * 2"),
                    q("t", "text", default="x"),
                    q("x", "decimal", default=1.5),
                ],
                relevant="true()",
                appearance="field-list",
            ),
            group("r", [q("i")], "repeat", repeat_count="2"),
        ],
        {"yn": choices("yes", "no", yes={"group": "1"})},
    )
    form = load_form(data)
    out = form.to_json()
    assert load_form(out).to_json() == out
    assert json.loads(json.dumps(out)) == out
    assert out["children"][0]["children"][0]["default"] == 3
    assert form.question("b").readonly == "${a} > 5"
    assert form.question("c").choices[1].columns == {}
    assert form.choice_lists["yn"][0].columns == {"group": "1"}
    assert form.initial_answers() == {"a": 3, "t": "x", "x": 1.5}
    assert form.new_instance("r") == {}
    with pytest.raises(KeyError):
        form.new_instance("g")


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda d: d.update(format="other"), "'format' must be"),
        (lambda d: d.update(format_version=2), "newer than this FieldApp"),
        (lambda d: d.update(format_version="1"), "'format_version' must be 1"),
        (lambda d: d.update(id="bad id"), "the form id must be a name"),
        (lambda d: d.update(version=""), "version is required"),
        (lambda d: d.update(languages="en"), "'languages' must list"),
        (lambda d: d.update(default_language="fr"), "default language must be one of"),
        (lambda d: d.update(extra=1), "unknown key 'extra'"),
        (lambda d: d.update(title={}), "title is required"),
        (lambda d: d.update(title={"en": 5}), "title must map language codes"),
        (lambda d: d.update(title={"en": "T", "de": "T"}), "not a form language"),
        (lambda d: d.update(children=[]), "the form has no questions"),
        (lambda d: d.update(choice_lists=[]), "'choice_lists' must map"),
        (lambda d: d["choice_lists"].update(yn=[]), "has no choices"),
        (lambda d: d["choice_lists"].update({"bad list": choices("a")}), "invalid list name"),
        (lambda d: d["choice_lists"].update(yn=["x"]), "a choice must be an object"),
        (
            lambda d: d["choice_lists"].update(yn=[{"name": "a b", "label": {"en": "A"}}]),
            "without spaces",
        ),
        (lambda d: d["choice_lists"].update(yn=choices("a", "a")), "appears twice"),
        (
            lambda d: d["choice_lists"].update(yn=[{"name": "a", "label": {"en": "A"}, "x": 1}]),
            "unknown key 'x' in a choice",
        ),
        (
            lambda d: d["choice_lists"].update(
                yn=[{"name": "a", "label": {"en": "A"}, "columns": 1}]
            ),
            "'columns' must map",
        ),
        (lambda d: d["children"].append("x"), "must be an object"),
        (lambda d: d["children"].append(q("1bad")), "invalid name '1bad'"),
        (lambda d: d["children"].append(q("a")), "used twice"),
        (lambda d: d["children"].append(q("z", "bogus")), "unsupported type 'bogus'"),
        (lambda d: d["children"].append(q("z", bogus=1)), "unknown key 'bogus'"),
        (lambda d: d["children"].append(q("z", label={})), "label is required"),
        (lambda d: d["children"].append(q("z", "select_one")), "needs a known choice list"),
        (lambda d: d["children"].append(q("z", "select_one", choices="nope")), "known choice list"),
        (lambda d: d["children"].append(q("z", choices="yn")), "has no choices"),
        (lambda d: d["children"].append(q("z", choice_filter="x")), "only select and rank"),
        (lambda d: d["children"].append(q("z", "calculate")), "needs a calculation"),
        (
            lambda d: d["children"].append(q("z", "image", calculation="1")),
            "use a calculate question",
        ),
        (lambda d: d["children"].append(q("z", "note", required=True)), "a note has no required"),
        (
            lambda d: d["children"].append(q("z", constraint_message={"en": "x"})),
            "a message without a constraint",
        ),
        (lambda d: d["children"].append(q("z", default="abc")), "is not a number"),
        (lambda d: d["children"].append(q("z", "date", default="2024-13-01")), "does not fit"),
        (
            lambda d: d["children"].append(q("z", "select_one", choices="yn", default="maybe")),
            "is not a choice",
        ),
        (lambda d: d["children"].append(q("z", required=3)), "true, false or an expression"),
        (lambda d: d["children"].append(q("z", relevant=3)), "must be an expression"),
        (lambda d: d["children"].append(q("z", appearance=3)), "must be text"),
        (lambda d: d["children"].append(group("gg", [])), "is empty"),
        (
            lambda d: d["children"].append(group("gg", [q("y")], repeat_count="2")),
            "only a repeat has a repeat_count",
        ),
        (lambda d: d["children"].append(q("z", relevant="${nope}")), "unknown question ${nope}"),
        (
            lambda d: d["children"].append(q("z", label={"en": "Show ${nope}"})),
            "the label shows ${nope}",
        ),
        (lambda d: d["children"].append(q("z", relevant=". > 1")), "own value"),
        (
            lambda d: d["children"].append(q("z", "calculate", calculation="${z} + 1")),
            "circular reference",
        ),
    ],
)
def test_definition_errors(mutate, fragment):
    data = definition([q("a")], {"yn": choices("yes", "no")})
    mutate(data)
    found = problems_of(data)
    assert any(fragment in p for p in found), found


def test_not_a_dict_and_every_problem_at_once():
    assert problems_of({"format": "fieldapp-form"})  # no crash on a near-empty dict
    with pytest.raises(FormError, match="must be a JSON object"):
        from fieldapp.forms.definition import read_definition

        read_definition(["not", "a", "dict"])
    data = definition(
        [q("a", relevant="${x} +"), q("a"), q("b", "select_one", choices="nope"), q("c", "bad")]
    )
    err = problems_of(data)
    assert len(err) == 4
    with pytest.raises(FormError) as info:
        load_form(data)
    lines = str(info.value).splitlines()
    assert len(lines) == 4
    assert (
        "column 'relevant', question 'a': unexpected end of expression at column 7 in '${x} +': "
        "not valid XPath, ODK Validate refuses it too" in lines
    )
    assert "column 'name', question 'a': the name 'a' is used twice" in lines


def test_missing_translations_are_reported_per_language():
    data = definition(
        [q("a", label={"en": "A"}, hint={"fr": "Indice"})],
        languages=["en", "fr"],
        title={"en": "T", "fr": "T"},
    )
    found = problems_of(data)
    assert "column 'label::fr', question 'a': label has no 'fr' translation" in found
    assert "column 'hint::en', question 'a': hint has no 'en' translation" in found


def test_calculation_cycle_is_reported_at_load():
    data = definition(
        [
            q("x", "calculate", calculation="${z} + 1"),
            q("y", "calculate", calculation="${x} * 2"),
            q("z", "calculate", calculation="if(${y} > 0, 1, 2)"),
        ]
    )
    (problem,) = problems_of(data)
    assert "circular reference among calculation: ${x} -> ${z} -> ${y} -> ${x}" in problem


def test_relevance_cycle_through_a_group_is_reported():
    """A group's relevance reading a question inside it reads its stored answer, as
    JavaRosa does (test_forms_javarosa.py); one that is computed inside it is a cycle."""
    data = definition(
        [group("g", [q("inside", "calculate", calculation="1")], relevant="${inside} > 1")]
    )
    (problem,) = problems_of(data)
    assert "circular reference" in problem and "${g}" in problem


def test_reserved_repeat_count_name():
    data = definition([group("r", [q("x")], "repeat", repeat_count="2"), q("r_count")])
    assert any("reserved by XLSForm" in p for p in problems_of(data))


def test_load_form_from_files(tmp_path: Path):
    path = tmp_path / "f.json"
    path.write_text(json.dumps(definition([q("a")])), encoding="utf-8")
    assert load_form(path).id == "test"
    assert load_form(str(path)).id == "test"
    with pytest.raises(FormReadError, match="cannot read"):
        load_form(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    with pytest.raises(FormReadError, match="not valid JSON"):
        load_form(bad)
    with pytest.raises(FormReadError, match=r"\.json, \.xlsx or \.xls"):
        load_form(tmp_path / "form.txt")
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(FormReadError):
        load_form(binary)


# -- evaluation ---------------------------------------------------------------------------------


def repeat_form() -> Form:
    return form_of(
        [
            q("grid", "select_one", choices="yn"),
            group(
                "bills",
                [
                    q("amount", "decimal", required=True, constraint=". >= 10"),
                    q("kwh", "decimal", relevant="${amount} > 100"),
                    q("price", "calculate", calculation="round(${amount} div ${kwh}, 2)"),
                    q("pos", "calculate", calculation="position(..)"),
                    q("flag", "calculate", calculation="${grid}"),
                ],
                "repeat",
                relevant="${grid} = 'yes'",
            ),
            q("total", "calculate", calculation="sum(${amount})"),
            q("n", "calculate", calculation="count(${bills})"),
            q("big", "note", relevant="${total} > 1000"),
        ],
        {"yn": choices("yes", "no")},
    )


def test_evaluate_repeats_and_aggregates():
    form = repeat_form()
    answers = {"grid": "yes", "bills": [{"amount": 50}, {"amount": 1500, "kwh": 1000}]}
    ev = form.evaluate(answers)
    assert ev.relevant["bills"] is True
    assert ev.relevant["bills[1]/kwh"] is False and ev.relevant["bills[2]/kwh"] is True
    assert ev.calculated["bills[2]/price"] == 1.5
    assert "bills[1]/price" in ev.calculated and ev.calculated["bills[1]/price"] == ""
    assert ev.calculated["bills[2]/pos"] == 2
    assert ev.calculated["bills[1]/flag"] == "yes"
    assert ev.calculated["total"] == 1550 and ev.calculated["n"] == 2
    assert ev.is_relevant("big") and ev.instances("bills") == 2
    assert ev.value("amount", 1) == 1500 and ev.value("amount", (0,)) == 50
    assert ev.required["bills[1]/amount"] is True
    assert ev.is_readonly("total") and not ev.is_readonly("grid")
    assert ev.constraint_failures == {}
    ev = form.evaluate({"grid": "yes", "bills": [{"amount": 5}]})
    assert list(ev.constraint_failures) == ["bills[1]/amount"]
    assert ev.failures == [("amount", (0,))]
    assert not ev.constraint_ok("amount", 0)


def test_non_relevant_repeat_has_no_instances_and_empty_values():
    form = repeat_form()
    ev = form.evaluate({"grid": "no", "bills": [{"amount": 50}]})
    assert ev.relevant["bills"] is False
    assert ev.instances("bills") == 0
    assert ev.calculated["total"] == 0 and ev.calculated["n"] == 0
    assert not ev.is_relevant("amount", 0)
    assert not ev.is_required("amount", 0)


def test_calculations_follow_dependencies_not_document_order():
    form = form_of(
        [
            q("late", "calculate", calculation="${mid} + 1"),
            q("mid", "calculate", calculation="${a} * 10"),
            q("a"),
            q("shown", relevant="${late} > 20"),
        ]
    )
    ev = form.evaluate({"a": 2})
    assert ev.calculated == {"late": 21, "mid": 20}
    assert ev.is_relevant("shown")


def test_non_relevant_values_read_as_empty():
    form = form_of(
        [
            q("a"),
            q("b", relevant="${a} > 0"),
            q("c", "calculate", calculation="coalesce(${b}, 'none')"),
        ]
    )
    assert form.evaluate({"a": 0, "b": 5}).calculated["c"] == "none"
    assert form.evaluate({"a": 1, "b": 5}).calculated["c"] == 5


def test_dynamic_required_readonly_and_choice_filter():
    form = form_of(
        [
            q("region", "select_one", choices="regions"),
            q(
                "province",
                "select_one",
                choices="provinces",
                choice_filter="region=${region}",
                required="${region} != ''",
                readonly="${region} = 'n'",
            ),
        ],
        {
            "regions": choices("n", "s"),
            "provinces": choices(
                "p1", "p2", "p3", p1={"region": "n"}, p2={"region": "n"}, p3={"region": "s"}
            ),
        },
    )
    ev = form.evaluate({"region": "n"})
    assert [c.name for c in ev.choices("province")] == ["p1", "p2"]
    assert ev.choices("province") is ev.choices("province")  # cached per evaluation
    assert ev.is_required("province") and ev.is_readonly("province")
    ev = form.evaluate({"region": "s"})
    assert [c.name for c in ev.choices("province")] == ["p3"]
    assert not ev.is_readonly("province")
    assert [c.name for c in ev.choices("region")] == ["n", "s"]
    assert not form.evaluate({}).is_required("province")


def test_nested_repeats():
    form = form_of(
        [
            group(
                "staff",
                [
                    q("role", "text"),
                    group(
                        "trainings",
                        [q("hours"), q("idx", "calculate", calculation="position(..)")],
                        "repeat",
                    ),
                    q("hours_total", "calculate", calculation="sum(${hours})"),
                ],
                "repeat",
            ),
            q("all_hours", "calculate", calculation="sum(${hours})"),
            q("roles", "calculate", calculation="count(${staff})"),
        ]
    )
    answers = {
        "staff": [
            {"role": "a", "trainings": [{"hours": 2}, {"hours": 3}]},
            {"role": "b", "trainings": [{"hours": 10}]},
        ]
    }
    ev = form.evaluate(answers)
    assert ev.calculated["staff[1]/hours_total"] == 5
    assert ev.calculated["staff[2]/hours_total"] == 10
    assert ev.calculated["staff[1]/trainings[2]/idx"] == 2
    assert ev.calculated["all_hours"] == 15 and ev.calculated["roles"] == 2
    assert ev.instances("trainings", 0) == 2 and ev.instances("trainings", 1) == 1


def test_render_label_placeholders():
    form = repeat_form()
    ev = form.evaluate({"grid": "yes", "bills": [{"amount": 12.5}]})
    assert ev.render("Total ${total} MAD, first ${amount}", 0) == "Total 12.5 MAD, first 12.5"
    assert ev.render("${amount} ${nope}") == " "


def test_evaluate_tolerates_garbage_answers():
    form = repeat_form()
    for garbage in (None, [], {"grid": 3, "bills": "x"}, {"bills": [1, None, {"amount": "x"}]}):
        ev = form.evaluate(garbage)  # type: ignore[arg-type]
        assert isinstance(ev.relevant, dict)


def test_today_is_injectable_and_timezone_aware():
    form = form_of([q("d", "date", constraint=". <= today()")])
    ev = form.evaluate({"d": "2024-06-16"}, today=date(2024, 6, 15))
    assert not ev.constraint_ok("d")
    assert form.evaluate({"d": "2024-06-15"}, today=date(2024, 6, 15)).constraint_ok("d")


# -- the baseline form --------------------------------------------------------------------------


def test_baseline_form_content():
    form = baseline_form()
    assert form.id == "eps_baseline" and form.languages == ["fr", "ar", "en"]
    assert form.default_language == "fr"
    assert set(form.title) == {"fr", "ar", "en"}
    assert [s.name for s in form.sections] == [
        "identification", "people", "connectivity", "energy", "hot_water", "solar",
        "digitalisation", "needs", "women", "observations",
    ]  # fmt: skip
    for question in form.questions:
        if question.type != "calculate":
            assert set(question.label) == {"fr", "ar", "en"}, question.name
            assert any("\u0600" <= ch <= "\u06ff" for ch in question.label["ar"]), question.name
    types = {x.type for x in form.questions}
    assert types >= {
        "text",
        "integer",
        "decimal",
        "select_one",
        "select_multiple",
        "rank",
        "date",
        "geopoint",
        "image",
        "note",
        "calculate",
    }
    assert [r.name for r in form.repeats] == ["staff", "bills"]
    assert form.question("amount_mad").repeat == "bills"
    assert form.question("province").choice_filter == "region=${region}"
    assert len(form.question("region").choices) == 12
    assert len(form.question("province").choices) == 75
    assert [c.name for c in form.question("ocp_site").choices] == [
        "benguerir", "khouribga", "youssoufia", "safi", "el_jadida_jorf_lasfar",
        "laayoune_boucraa",
    ]  # fmt: skip
    assert [c.name for c in form.question("priority_needs").choices] == [
        "connectivity", "solar", "equipment", "training", "staff", "building",
    ]  # fmt: skip


def test_baseline_constraints_from_the_brief():
    form = baseline_form()
    today = date(2024, 6, 15)

    def ok(name: str, answers: dict, index=()) -> bool:
        return form.evaluate(answers, today=today).constraint_ok(name, index)

    assert not ok("residents_women", {"residents_total": 10, "residents_women": 11})
    assert ok("residents_women", {"residents_total": 10, "residents_women": 10})
    assert not ok("gps", {"gps": {"lat": 48.85, "lon": 2.35}})  # Paris
    assert ok("gps", {"gps": {"lat": 32.24, "lon": -7.95}})  # Benguerir
    assert ok("gps", {"gps": "32.24 -7.95"})
    assert not ok("visit_date", {"visit_date": "2024-06-16"})
    assert ok("visit_date", {"visit_date": "2024-06-15"})
    assert not ok("download_mbps", {"connection_type": "adsl", "download_mbps": -1})
    bills = {"grid_connected": "yes", "bills": [{"amount_mad": 10, "kwh": 10}]}
    assert not ok("amount_mad", bills, 0)
    assert not ok("kwh", {"grid_connected": "yes", "bills": [{"amount_mad": 1000, "kwh": 10}]}, 0)
    assert ok("kwh", {"grid_connected": "yes", "bills": [{"amount_mad": 1000, "kwh": 800}]}, 0)
    ev = form.evaluate({"connection_type": "none"})
    assert not ev.is_relevant("download_mbps") and not ev.is_relevant("provider")
    assert form.evaluate({"connection_type": "fibre"}).is_relevant("download_mbps")
    assert not ok("hot_water_source", {"hot_water_source": ["none", "gas"]})
    assert ok("eps_code", {"eps_code": "EPS-07-00001"})
    assert not ok("eps_code", {"eps_code": "eps 7"})
    assert not ok("name_ar", {"name_ar": "Dar Al Atfal"})
    assert ok("name_ar", {"name_ar": "دار الأطفال"})
    assert not ok("project_year", {"project_status": "yes", "project_year": 2030})
    assert ok("project_year", {"project_status": "yes", "project_year": 2020})


def test_baseline_match_choice_for_registry_labels():
    form = baseline_form()
    assert form.question("province").match_choice("Rehamna") == "rehamna"
    assert form.question("province").match_choice("El Kelâa des Sraghna") == "kelaa_des_sraghna"
    assert form.question("ocp_site").match_choice("Laâyoune / Boucraâ") == "laayoune_boucraa"
    assert form.question("region").match_choice("MA-07") == "MA-07"
    assert form.question("region").match_choice("مراكش آسفي") == "MA-07"
    assert form.question("region").match_choice("Atlantis") is None


def test_engine_imports_neither_qt_nor_requests():
    code = (
        "import sys, fieldapp.forms, fieldapp.forms.flatten, fieldapp.forms.cli, "
        "fieldapp.forms.xlsform, fieldapp.forms.demo\n"
        "fieldapp.forms.baseline_form()\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'requests'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[3])
