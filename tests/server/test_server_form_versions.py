"""A survey's form version under concurrency (issue 11, item 6): a draft moved to a newer
version on laptop A while laptop B, on the older version, edits it. Real pushes over HTTP."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from server.surveys.models import Conflict, Survey
from tests.server.forms import TEST_FORM
from tests.server.helpers import survey_change


def form_v2() -> dict[str, Any]:
    """Version 2: `manager_name` removed, `solar_kw` added."""
    data = copy.deepcopy(TEST_FORM)
    data["version"] = "2"
    data["children"] = [c for c in data["children"] if c["name"] != "manager_name"]
    data["children"].append(
        {"type": "decimal", "name": "solar_kw", "label": {"fr": "Solaire (kW)", "ar": "شمسي"}}
    )
    return data


@pytest.fixture
def two_laptops(world: dict[str, Any], client_for: Any) -> tuple[Any, Any, str, str]:
    """Laptops A and B of agent1 (one shared draft of e1 at revision 1, version 1), and
    version 2 published."""
    from server.surveys.actions import publish_form

    laptop_a = client_for(world["agent1"], "laptop A")
    laptop_b = client_for(world["agent1"], "laptop B")
    first = survey_change(
        world["e1"].id, {"residents": 10, "has_internet": "no", "manager_name": "Amina"}
    )
    [result] = laptop_a.push([first])
    assert result.revision == 1
    publish_form(form_v2())
    return laptop_a, laptop_b, first["entity_id"], world["e1"].id


def move_to_v2(laptop: Any, survey_id: str, est: str, base: int, **answers: Any) -> Any:
    values = {"residents": 10, "has_internet": "no", "solar_kw": 3.5, **answers}
    change = survey_change(est, values, survey_id=survey_id, base_revision=base, form_version="2")
    [result] = laptop.push([change])
    return result


def test_an_edit_on_the_old_version_never_moves_the_survey_back(two_laptops):
    laptop_a, laptop_b, survey_id, est = two_laptops
    assert move_to_v2(laptop_a, survey_id, est, base=1).status == "applied"
    # Laptop B, offline on version 1 since revision 1, changes the residents and the manager.
    old = survey_change(
        est, {"residents": 12, "has_internet": "no", "manager_name": "Amina B."},
        survey_id=survey_id, base_revision=1,
    )  # fmt: skip
    [result] = laptop_b.push([old])
    survey = Survey.objects.select_related("form").get(pk=survey_id)
    assert survey.form.version == "2"  # not back to 1
    assert survey.answers == {"residents": 12, "has_internet": "no", "solar_kw": 3.5}
    # The answer version 2 has no question for is not dropped silently: a person sees it.
    [conflict] = Conflict.objects.filter(survey_id=survey_id)
    assert (conflict.question, conflict.client, conflict.server) == (
        "manager_name",
        "Amina B.",
        None,
    )
    # Laptop B is told the version and the head, so it moves too.
    assert result.status == "conflict" and result.survey.form_version == "2"
    assert result.survey.answers == survey.answers


def test_an_edit_of_a_question_both_versions_have_merges_into_the_newer_one(two_laptops):
    laptop_a, laptop_b, survey_id, est = two_laptops
    move_to_v2(laptop_a, survey_id, est, base=1)
    old = survey_change(
        est, {"residents": 11, "has_internet": "yes", "manager_name": "Amina"},
        survey_id=survey_id, base_revision=1,
    )  # fmt: skip
    [result] = laptop_b.push([old])
    assert result.status == "merged" and result.survey.form_version == "2"
    survey = Survey.objects.select_related("form").get(pk=survey_id)
    assert survey.form.version == "2"
    assert survey.answers == {"residents": 11, "has_internet": "yes", "solar_kw": 3.5}
    assert not Conflict.objects.filter(survey_id=survey_id).exists()


def test_an_old_version_snapshot_on_the_current_head_keeps_the_newer_version(two_laptops):
    laptop_a, laptop_b, survey_id, est = two_laptops
    [moved] = laptop_b.push(
        [survey_change(est, {"residents": 10, "has_internet": "no", "solar_kw": 2.0},
                       survey_id=survey_id, base_revision=1, form_version="2")]
    )  # fmt: skip
    # Laptop A never saw the move but its base is now the head (same device would be; here
    # it pulled revision 2's answers but kept version 1): applied as sent would move it back.
    [result] = laptop_a.push(
        [survey_change(est, {"residents": 13, "has_internet": "no"},
                       survey_id=survey_id, base_revision=moved.revision)]
    )  # fmt: skip
    survey = Survey.objects.select_related("form").get(pk=survey_id)
    assert survey.form.version == "2" and survey.answers["residents"] == 13
    assert result.status == "merged" and result.survey.form_version == "2"


def test_a_move_racing_an_edit_of_a_removed_question_keeps_that_edit_in_a_conflict(two_laptops):
    laptop_a, laptop_b, survey_id, est = two_laptops
    # B edits the manager (version 1) first; A moves to version 2 from revision 1 afterwards.
    [edited] = laptop_b.push(
        [survey_change(est, {"residents": 10, "has_internet": "no", "manager_name": "Karim"},
                       survey_id=survey_id, base_revision=1)]
    )  # fmt: skip
    assert edited.status == "applied"
    result = move_to_v2(laptop_a, survey_id, est, base=1)
    survey = Survey.objects.select_related("form").get(pk=survey_id)
    assert survey.form.version == "2" and "manager_name" not in survey.answers
    [conflict] = Conflict.objects.filter(survey_id=survey_id)
    assert (conflict.question, conflict.server) == ("manager_name", "Karim")
    assert result.status == "conflict"


def test_same_version_pushes_are_unchanged(two_laptops):
    laptop_a, _, survey_id, est = two_laptops
    [result] = laptop_a.push(
        [survey_change(est, {"residents": 20, "has_internet": "no", "manager_name": "Amina"},
                       survey_id=survey_id, base_revision=1)]
    )  # fmt: skip
    assert result.status == "applied" and result.survey is None
    assert Survey.objects.select_related("form").get(pk=survey_id).form.version == "1"


def test_export_without_a_version_writes_every_version_and_says_which(
    world, client_for, tmp_path, capsys
):
    """30 surveys, 29 still on version 1 and 1 moved to version 2: all 30 are exported."""
    import csv

    from django.core.management import call_command

    from fieldapp.forms import baseline_form
    from server.surveys.actions import publish_form

    v1 = baseline_form().to_json()
    v1 = json.loads(v1) if isinstance(v1, str) else v1
    publish_form(v1)
    v2 = {**copy.deepcopy(v1), "version": f"{v1['version']}.1"}
    publish_form(v2)
    laptop = client_for(world["agent1"])
    changes = [
        survey_change(world["e1"].id, {}, form_id=v1["id"], form_version=v1["version"])
        for _ in range(30)
    ]
    assert {r.status for r in laptop.push(changes)} == {"applied"}
    moved = {**changes[0], "id": f"{changes[0]['id']}-move", "base_revision": 1}
    moved["payload"] = {**changes[0]["payload"], "form_version": v2["version"]}
    [result] = laptop.push([moved])
    assert result.status == "applied"

    out = tmp_path / "surveys.csv"
    call_command("export", "--out", str(out))
    said = capsys.readouterr().out.splitlines()
    older = tmp_path / f"surveys.v{v1['version']}.csv"
    assert said == [
        f"exported 1 surveys of {v1['id']} v{v2['version']} to {out}",
        f"exported 29 surveys of {v1['id']} v{v1['version']} to {older}",
    ]

    def ids(path: Path) -> set[str]:
        with path.open(encoding="utf-8-sig") as fh:
            return {row["_survey_id"] for row in csv.DictReader(fh)}

    assert ids(out) | ids(older) == {c["entity_id"] for c in changes}
    # A version named explicitly is that version alone.
    call_command(
        "export", "--form", f"{v1['id']}@{v1['version']}", "--out", str(tmp_path / "one.csv")
    )
    assert capsys.readouterr().out.count("exported 29 surveys") == 1
    assert not (tmp_path / f"one.v{v1['version']}.csv").exists()
