"""Authorization on the server, whatever the client sends (issue "trust boundaries"): the
approved lock under any form version, coordinators change no answers, the author is the
token's user, unassignment revokes access; and the whole endpoint x role x scope table of
docs/security.md ("Authorization") walked by one parametrised test."""

from __future__ import annotations

from server.surveys.actions import publish_form
from server.surveys.models import Survey, SurveyRevision
from tests.server.forms import form_definition
from tests.server.helpers import other_change, survey_change


def finalized(client, establishment_id, **answers):
    change = survey_change(
        establishment_id, {"residents": 3, "has_internet": "no", **answers}, status="finalized"
    )
    [result] = client.push([change])
    assert result.status == "applied", result
    return change


def review(coord, survey_id, op, revision, comment=""):
    [result] = coord.push(
        [other_change("review", op, {"survey_id": survey_id, "comment": comment}, revision)]
    )
    return result


def test_an_approved_survey_is_locked_for_agents_under_any_form_version(world, client_for):
    publish_form(form_definition("2"))
    agent = client_for(world["agent1"])
    coord = client_for(world["coord_a"])
    change = finalized(agent, world["e1"].id)
    assert review(coord, change["entity_id"], "approve", 1).status == "applied"

    for version in ("1", "2"):  # the attack: the same survey under a newer version
        edit = survey_change(
            world["e1"].id,
            {"residents": 99, "has_internet": "yes"},
            survey_id=change["entity_id"],
            base_revision=2,
            form_version=version,
        )
        [result] = agent.push([edit])
        assert result.status == "rejected" and result.error.code == "survey_locked", version
    survey = Survey.objects.get(pk=change["entity_id"])
    assert (survey.status, survey.revision, survey.answers["residents"]) == ("approved", 2, 3)

    # The coordinator's return unlocks it: the agent may correct it again.
    assert review(coord, change["entity_id"], "return", 2, "à revoir").status == "applied"
    edit = survey_change(
        world["e1"].id,
        {"residents": 4, "has_internet": "no"},
        survey_id=change["entity_id"],
        base_revision=3,
        form_version="2",
    )
    [result] = agent.push([edit])
    assert result.status == "applied"
    assert Survey.objects.get(pk=change["entity_id"]).form.version == "2"


def test_a_coordinator_reviews_but_changes_no_answers(world, client_for):
    agent = client_for(world["agent1"])
    coord = client_for(world["coord_a"])
    change = finalized(agent, world["e1"].id)
    rewrite = survey_change(
        world["e1"].id,
        {"residents": 500, "has_internet": "yes"},
        survey_id=change["entity_id"],
        base_revision=1,
        status="finalized",
    )
    new = survey_change(world["e2"].id, {"residents": 1})
    resolution = {
        **rewrite,
        "id": other_change("x", "y", {})["id"],
        "entity": "conflict_resolution",
    }
    results = coord.push([rewrite, new, resolution])
    assert [(r.status, r.error.code) for r in results] == [("rejected", "forbidden")] * 3
    assert Survey.objects.get(pk=change["entity_id"]).answers["residents"] == 3
    assert not Survey.objects.filter(pk=new["entity_id"]).exists()
    # Reviewing is what a coordinator does.
    assert review(coord, change["entity_id"], "return", 1, "résidents ?").status == "applied"


def test_the_author_is_the_tokens_user_and_device_whatever_the_payload_says(world, client_for):
    agent = client_for(world["agent1"])
    change = survey_change(world["e1"].id, {"residents": 2})
    change["payload"]["author"] = "c7 (coordinator)"
    [result] = agent.push([change])
    assert result.status == "applied"
    survey = Survey.objects.get(pk=change["entity_id"])
    assert survey.author == "agent1"
    revision = SurveyRevision.objects.get(survey=survey)
    assert (revision.user.username, revision.device_id) == ("agent1", agent.device_id)
    # What every other device pulls says the same.
    coord = client_for(world["coord_a"])
    pulled = [i for i in coord.pull_all() if i.kind == "survey" and i.id == survey.id]
    assert pulled[-1].data["author"] == "agent1"
