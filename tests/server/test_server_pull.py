"""Pull over real HTTP: scope per role, assignment changes, paging, cursor resets, and the
"stale copy + pulled changes = fresh download" property."""

from __future__ import annotations

import requests

from server.feed.cursor import encode
from server.feed.models import FeedEpoch
from server.registry.actions import assign, unassign
from tests.server.helpers import latest_by_id, other_change, survey_change


def establishments(items) -> dict[str, bool]:
    state = latest_by_id(items)
    return {
        data["code"]: data["assigned"]
        for (kind, _), data in state.items()
        if kind == "establishment"
    }


def surveys_of(items) -> dict[str, str]:
    return {i.id: i.data["establishment_id"] for i in items if i.kind == "survey"}


def seed_surveys(world, client_for) -> dict[str, str]:
    """One survey per establishment e1..e4 (pushed by whoever may): est code -> survey id."""
    pushers = {"e1": "agent1", "e3": "agent1", "e2": "agent2", "e4": "admin"}
    made = {}
    for key, who in pushers.items():
        change = survey_change(world[key].id, {"residents": 1})
        [result] = client_for(world[who]).push([change])
        assert result.status == "applied", result
        made[world[key].code] = change["entity_id"]
    return made


def test_agent_pulls_only_its_assignments_and_their_surveys(world, client_for):
    made = seed_surveys(world, client_for)
    items = client_for(world["agent1"]).pull_all()
    assert establishments(items) == {"EPS-1": True, "EPS-3": True}
    assert set(surveys_of(items)) == {made["EPS-1"], made["EPS-3"]}
    assert any(i.kind == "form" and i.data["id"] == "baseline_test" for i in items)


def test_coordinator_pulls_its_regions_and_admin_everything(world, client_for):
    made = seed_surveys(world, client_for)
    coord = client_for(world["coord_a"]).pull_all()
    assert set(establishments(coord)) == {"EPS-1", "EPS-2"}
    assert set(surveys_of(coord)) == {made["EPS-1"], made["EPS-2"]}
    admin = client_for(world["admin"]).pull_all()
    assert set(establishments(admin)) == {"EPS-1", "EPS-2", "EPS-3", "EPS-4"}
    assert set(surveys_of(admin)) == set(made.values())


def test_assignment_changes_reach_the_agent(world, client_for):
    made = seed_surveys(world, client_for)
    agent = client_for(world["agent1"])
    agent.pull_all()
    unassign(world["e1"], world["agent1"])
    assign(world["e4"], world["agent1"])
    items = agent.pull_all()
    assert establishments(items) == {"EPS-1": False, "EPS-4": True}
    # The newly assigned establishment comes with the surveys already made of it.
    assert made["EPS-4"] in surveys_of(items)
    # After unassignment, new surveys of e1 are no longer visible to agent1.
    agent_b = client_for(world["admin"])
    agent_b.push([survey_change(world["e1"].id, {"residents": 5})])
    assert surveys_of(agent.pull_all()) == {}


def test_agent_cannot_pull_what_is_not_assigned_even_by_guessing(world, client_for):
    seed_surveys(world, client_for)
    agent2 = client_for(world["agent2"])
    items = agent2.pull_all()
    assert set(establishments(items)) == {"EPS-2"}
    assert all(i.data.get("establishment_id") in (None, world["e2"].id) for i in items)


def test_paging_returns_the_same_as_one_page(world, client_for):
    seed_surveys(world, client_for)
    admin = client_for(world["admin"])
    whole = admin.pull_page("", 1000)
    assert not whole.has_more
    paged = []
    cursor = ""
    while True:
        page = admin.pull_page(cursor, 2)
        assert len(page.items) <= 2
        paged.extend(page.items)
        cursor = page.cursor
        if not page.has_more:
            break
    assert [i.seq for i in paged] == [i.seq for i in whole.items]
    assert admin.pull_page(cursor).items == []


def test_bad_cursors_get_410_cursor_reset(world, client_for):
    admin = client_for(world["admin"])
    page = admin.pull_page()
    epoch = FeedEpoch.objects.get().epoch
    for cursor in (
        "garbage!!",
        "bm90LWEtY3Vyc29y",
        encode("another-epoch", 1),
        encode(epoch, 10**9),
    ):
        reply = admin.get("/sync/pull", params={"cursor": cursor})
        assert reply.status_code == 410, (cursor, reply.text)
        assert reply.json()["error"]["code"] == "cursor_reset"
    assert admin.get("/sync/pull", params={"cursor": page.cursor}).status_code == 200


def test_stale_copy_plus_pulled_changes_equals_fresh_download(world, client_for):
    agent = client_for(world["agent1"])
    coord = client_for(world["coord_a"])
    sid = "0190f000-0000-7000-8000-00000000c001"
    agent.push([survey_change(world["e1"].id, {"residents": 1}, survey_id=sid)])
    stale = latest_by_id(agent.pull_all())
    # The world moves on: edits, a finalization, a return, a new assignment.
    agent.push(
        [
            survey_change(
                world["e1"].id,
                {"residents": 2, "has_internet": "yes"},
                survey_id=sid,
                base_revision=1,
                status="finalized",
            )
        ]
    )
    agent.push([survey_change(world["e3"].id, {"residents": 7})])
    coord.push([other_change("review", "return", {"survey_id": sid, "comment": "non"}, 2)])
    assign(world["e2"], world["agent1"])
    stale.update(latest_by_id(agent.pull_all()))
    fresh = client_for(world["agent1"], "fresh laptop")
    assert stale == latest_by_id(fresh.pull_all())


def test_pull_limit_is_bounded(world, client_for, live_server):
    admin = client_for(world["admin"])
    assert admin.get("/sync/pull", params={"limit": 0}).status_code == 422
    assert admin.get("/sync/pull", params={"limit": 100000}).status_code == 422
    assert requests.get(live_server.url + "/api/v1/sync/pull", timeout=10).status_code == 401


def test_pulled_survey_carries_the_answers_of_its_revision(world, client_for):
    """A pushed survey's feed entry names its revision; the pull joins the answers back in."""
    agent = client_for(world["agent1"])
    sid = "0190f000-0000-7000-8000-0000000000d1"
    agent.push([survey_change(world["e1"].id, {"residents": 4}, survey_id=sid)])
    agent.push(
        [survey_change(world["e1"].id, {"residents": 5, "notes": "é"}, survey_id=sid,
                       base_revision=1)]
    )  # fmt: skip
    items = [i for i in client_for(world["coord_a"]).pull_all() if i.kind == "survey"]
    assert [(i.data["revision"], i.data["answers"]) for i in items] == [
        (1, {"residents": 4}),
        (2, {"residents": 5, "notes": "é"}),
    ]
    assert all(i.data["form_id"] == "baseline_test" and i.data["id"] == sid for i in items)
