"""Authorization on the server, whatever the client sends (issue "trust boundaries"): the
approved lock under any form version, coordinators change no answers, the author is the
token's user, unassignment revokes access; and the whole endpoint x role x scope table of
docs/security.md ("Authorization") walked by one parametrised test."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import requests
from django.utils import timezone

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


def test_unassignment_revokes_access_from_any_cursor(world, client_for):
    """The issue's leak: after an agent is unassigned, a pull from cursor 0 returned every
    survey of the establishment with the manager's name and phone."""
    from server.registry.actions import unassign

    e1 = world["e1"]
    e1.manager = "Mme Alaoui 0612345678"
    e1.save()
    agent = client_for(world["agent1"])
    surveys = [finalized(agent, e1.id)["entity_id"] for _ in range(3)]
    other = client_for(world["agent1"], "second laptop")
    before = other.pull_all()
    assert {i.id for i in before if i.kind == "survey"} >= set(surveys)
    middle = other.cursor

    unassign(e1, world["agent1"])

    for cursor in ("", middle):
        for version in (None, "2"):
            headers = {"FieldApp-Protocol": version} if version else {}
            reply = other.get("/sync/pull", params={"cursor": cursor}, headers=headers)
            assert reply.status_code == 200, reply.text
            items = reply.json()["items"]
            assert not [i for i in items if i["kind"] == "survey" and i["id"] in surveys]
            assert not [i for i in items if i["kind"] in ("review", "conflict")]
            notices = [i for i in items if i["kind"] == "establishment" and i["id"] == e1.id]
            assert notices, "the device must be told the establishment left its scope"
            for notice in notices:
                assert notice["data"]["assigned"] is False
                assert notice["data"].get("drop", False) is (version == "2")
                assert "0612345678" not in str(notice["data"])
                assert notice["data"]["agents"] == []
            # e3 is still agent1's: its entries still arrive.
            assert (
                any(i["kind"] == "establishment" and i["id"] == world["e3"].id for i in items)
                or cursor
            )


# ---- the endpoint x role x scope table of docs/security.md -----------------------------------

TABLE = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def table_cases() -> list[str]:
    text = TABLE.read_text(encoding="utf-8")
    section = text.split("## Authorization", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [row.split("|")[1].strip() for row in rows[2:]]  # after the header and its rule


def rejected(result, code):
    return result.status == "rejected" and result.error.code == code


def push_one(client, change):
    [result] = client.push([change])
    return result


def case_ping(w, make):
    assert requests.get(make.url + "/api/v1/ping", timeout=10).status_code == 200


def case_no_token(w, make):
    base = make.url + "/api/v1"
    for method, path in (
        ("get", "/sync/pull"),
        ("post", "/sync/push"),
        ("get", f"/attachments/{'a' * 64}"),
    ):
        for headers in ({}, {"Authorization": "Bearer forged"}):
            reply = getattr(requests, method)(base + path, headers=headers, timeout=10)
            assert reply.status_code == 401 and reply.json()["error"]["code"] == "unauthorized"


def case_revoked(w, make):
    from server.accounts.models import Device

    agent = make(w["agent1"])
    Device.objects.filter(pk=agent.device_id).update(revoked_at=timezone.now())
    for reply in (agent.get("/sync/pull"), agent.post("/sync/push", json={"changes": []})):
        assert reply.status_code == 401 and reply.json()["error"]["code"] == "token_revoked"


def case_save_assigned(w, make):
    assert (
        push_one(make(w["agent1"]), survey_change(w["e1"].id, {"residents": 1})).status == "applied"
    )


def case_save_unassigned(w, make):
    assert rejected(push_one(make(w["agent1"]), survey_change(w["e2"].id, {})), "not_assigned")


def case_save_approved(w, make):
    test_an_approved_survey_is_locked_for_agents_under_any_form_version(w, make)


def case_save_returned(w, make):
    agent, coord = make(w["agent1"]), make(w["coord_a"])
    change = finalized(agent, w["e1"].id)
    assert review(coord, change["entity_id"], "approve", 1).status == "applied"
    assert review(coord, change["entity_id"], "return", 2, "non").status == "applied"
    edit = survey_change(
        w["e1"].id, {"residents": 9}, survey_id=change["entity_id"], base_revision=3
    )
    assert push_one(agent, edit).status == "applied"


def case_save_coordinator(w, make):
    test_a_coordinator_reviews_but_changes_no_answers(w, make)


def case_save_admin(w, make):
    assert (
        push_one(make(w["admin"]), survey_change(w["e4"].id, {"residents": 1})).status == "applied"
    )


def case_review_agent(w, make):
    agent = make(w["agent1"])
    change = finalized(agent, w["e1"].id)
    assert rejected(review(agent, change["entity_id"], "approve", 1), "forbidden")


def case_review_coordinator(w, make):
    agent, coord = make(w["agent1"]), make(w["coord_a"])
    first, second = finalized(agent, w["e1"].id), finalized(agent, w["e1"].id)
    assert review(coord, first["entity_id"], "approve", 1).status == "applied"
    assert review(coord, second["entity_id"], "return", 1, "x").status == "applied"


def case_review_other_region(w, make):
    change = finalized(make(w["agent1"]), w["e1"].id)
    assert rejected(review(make(w["coord_b"]), change["entity_id"], "approve", 1), "out_of_scope")


def assignment(est, username, op="assign"):
    return other_change("assignment", op, {"establishment_id": est.id, "username": username})


def case_assign_agent(w, make):
    assert rejected(push_one(make(w["agent1"]), assignment(w["e1"], "agent1")), "forbidden")


def case_assign_coordinator(w, make):
    coord = make(w["coord_a"])
    assert push_one(coord, assignment(w["e2"], "agent1")).status == "applied"
    assert push_one(coord, assignment(w["e2"], "agent1", "unassign")).status == "applied"


def case_assign_other_region(w, make):
    assert rejected(push_one(make(w["coord_b"]), assignment(w["e2"], "agent1")), "out_of_scope")


def pulled(client):
    items = client.pull_all()
    ests = {i.data["code"] for i in items if i.kind == "establishment" and i.data["assigned"]}
    surveys = {i.data["establishment_id"] for i in items if i.kind == "survey"}
    return ests, surveys


def seeded(w, make):
    for user, est in (("agent1", "e1"), ("agent1", "e3"), ("agent2", "e2"), ("admin", "e4")):
        assert (
            push_one(make(w[user]), survey_change(w[est].id, {"residents": 1})).status == "applied"
        )


def case_pull_agent(w, make):
    seeded(w, make)
    ests, surveys = pulled(make(w["agent1"]))
    assert ests == {"EPS-1", "EPS-3"} and surveys == {w["e1"].id, w["e3"].id}


def case_pull_unassigned(w, make):
    test_unassignment_revokes_access_from_any_cursor(w, make)


def case_pull_coordinator(w, make):
    seeded(w, make)
    ests, surveys = pulled(make(w["coord_a"]))
    assert ests == {"EPS-1", "EPS-2"} and surveys == {w["e1"].id, w["e2"].id}


def case_pull_admin(w, make):
    seeded(w, make)
    ests, surveys = pulled(make(w["admin"]))
    assert ests == {"EPS-1", "EPS-2", "EPS-3", "EPS-4"} and len(surveys) == 4


def put(client, sha, offset, data, size=None):
    return client.put(f"/attachments/{sha}?offset={offset}&size={size or len(data)}", data=data)


def photo(text):
    data = text * 4000
    return data, hashlib.sha256(data).hexdigest()


def case_attachment_own(w, make):
    agent = make(w["agent1"])
    data, sha = photo(b"own ")
    assert put(agent, sha, 0, data[:100], len(data)).json()["received"] == 100
    assert agent.get(f"/attachments/{sha}").json()["received"] == 100
    assert put(agent, sha, 100, data[100:], len(data)).json()["complete"] is True


def case_attachment_other_device(w, make):
    first, second = make(w["agent1"]), make(w["agent2"])
    data, sha = photo(b"other ")
    put(first, sha, 0, data[:100], len(data))
    assert second.get(f"/attachments/{sha}").status_code == 404
    assert put(second, sha, 100, data[100:], len(data)).json()["error"]["received"] == 0
    assert first.get(f"/attachments/{sha}").json()["received"] == 100


def case_attachment_visible(w, make):
    agent = make(w["agent1"])
    data, sha = photo(b"visible ")
    put(agent, sha, 0, data)
    push_one(agent, survey_change(w["e1"].id, {"residents": 1, "notes": sha}))
    for user in ("coord_a", "admin"):
        assert make(w[user]).get(f"/attachments/{sha}").json()["complete"] is True


def case_attachment_hidden(w, make):
    agent = make(w["agent1"])
    data, sha = photo(b"hidden ")
    put(agent, sha, 0, data)
    push_one(agent, survey_change(w["e1"].id, {"residents": 1, "notes": sha}))
    for user in ("agent2", "coord_b"):
        assert make(w[user]).get(f"/attachments/{sha}").status_code == 404


SCENARIOS = {name[5:]: fn for name, fn in dict(globals()).items() if name.startswith("case_")}


def test_the_table_and_the_scenarios_name_the_same_cases():
    assert len(set(table_cases())) == len(table_cases())
    assert set(table_cases()) == set(SCENARIOS)


@pytest.mark.parametrize("case", table_cases())
def test_authorization_table(case, world, client_for, live_server):
    scenario = SCENARIOS.get(case)
    assert scenario is not None, f"docs/security.md names case {case!r} but no scenario runs it"
    client_for.url = live_server.url
    scenario(world, client_for)


def test_surveys_carry_the_servers_order_of_receipt_not_the_laptops_clock(world, client_for):
    """The issue: "latest survey" was chosen by the device's clock, so a laptop two years ahead
    won forever. The server stamps its own order of receipt on every survey it sends."""
    agent = client_for(world["agent1"])
    ahead = survey_change(world["e1"].id, {"residents": 1})
    ahead["payload"]["created_at"] = ahead["payload"]["updated_at"] = "2028-12-06T10:00:00Z"
    behind = survey_change(world["e1"].id, {"residents": 2})
    behind["payload"]["created_at"] = behind["payload"]["updated_at"] = "2001-12-06T10:00:00Z"
    agent.push([ahead])
    agent.push([behind])
    coord = client_for(world["coord_a"])
    items = {i.id: i.data for i in coord.pull_all() if i.kind == "survey"}
    first, second = items[ahead["entity_id"]], items[behind["entity_id"]]
    assert first["received"] and second["received"]
    assert first["received"] < second["received"]  # received first, whatever its clock says
    assert first["updated_at"] > second["updated_at"]


def test_today_in_constraints_is_the_day_the_answers_were_given(world, client_for):
    """A survey finalized offline weeks ago is judged as of then, not as of its sync; a laptop
    60 days ahead does not move today() forward (its future visit date is refused, naming the
    question, and the laptop puts the survey back to draft: tests/sync/test_pull_trust.py)."""
    from datetime import UTC, datetime, timedelta

    definition = form_definition("recent")
    definition["children"].append(
        {
            "type": "date",
            "name": "visit",
            "label": {"fr": "Visite", "ar": "زيارة"},
            "constraint": ". >= date(today() - 30) and . <= today()",
        }
    )
    publish_form(definition)
    agent = client_for(world["agent1"])
    now = datetime.now(UTC)

    def finalized_on(saved: datetime, visit: datetime):
        change = survey_change(
            world["e1"].id,
            {"residents": 3, "has_internet": "no", "visit": visit.date().isoformat()},
            status="finalized",
            form_version="recent",
        )
        change["payload"]["updated_at"] = saved.isoformat()
        [result] = agent.push([change])
        return result

    weeks_ago = now - timedelta(days=40)
    assert finalized_on(weeks_ago, weeks_ago - timedelta(days=5)).status == "applied"
    late = finalized_on(now, weeks_ago - timedelta(days=5))  # the same visit, answered today
    assert late.status == "rejected" and late.error.field == "payload.answers.visit"
    ahead = now + timedelta(days=60)
    refused = finalized_on(ahead, ahead)
    assert refused.status == "rejected" and refused.error.code == "invalid_answers"
    assert refused.error.field == "payload.answers.visit"
