"""No echo on pull (protocol v2, server.feed.echo): a device is not sent back the entries it
caused itself with exactly the content it sent; merged and conflicting results still come back;
the cursor moves past what was left out; v1 requests, full re-pulls and fresh devices get all."""

from __future__ import annotations

from sync import protocol as p
from tests.server.helpers import survey_change

SID = "0190f000-0000-7000-8000-0000000000e1"


def v2(client):
    client.session.headers[p.PROTOCOL_HEADER] = str(p.PROTOCOL_VERSION)
    return client


def survey_items(items, sid=SID):
    return [i for i in items if i.kind == "survey" and i.id == sid]


def test_push_then_pull_sends_back_nothing_of_ones_own(world, client_for):
    laptop = v2(client_for(world["agent1"], "A"))
    laptop.pull_all()  # the establishments and the form
    changes = [survey_change(world["e1"].id, {"residents": n}) for n in range(1, 4)]
    results = laptop.push(changes)
    assert [r.status for r in results] == ["applied"] * 3
    page = laptop.pull_page(laptop.cursor)
    assert page.items == [] and not page.has_more
    # The cursor moved past the three entries left out: a pull from it has nothing either,
    # and another device's save after them comes through.
    assert page.cursor != laptop.cursor
    other = client_for(world["agent1"], "B")
    theirs = survey_change(world["e3"].id, {"residents": 7})
    other.push([theirs])
    again = laptop.pull_page(page.cursor)
    assert [(i.kind, i.id) for i in again.items] == [("survey", theirs["entity_id"])]
    assert again.items[0].data["answers"] == {"residents": 7}


def test_a_merged_result_comes_back(world, client_for):
    a = v2(client_for(world["agent1"], "A"))
    b = v2(client_for(world["agent1"], "B"))
    a.pull_all()
    b.pull_all()
    [first] = a.push([survey_change(world["e1"].id, {"residents": 3}, survey_id=SID)])
    assert first.status == "applied"
    # B edits another question from revision 0: the server merges, the head differs from
    # what B sent, so B's pull brings it (and A's pull brings both revisions, not its own).
    [merged] = b.push([survey_change(world["e1"].id, {"notes": "b"}, survey_id=SID)])
    assert merged.status == "merged"
    from_b = survey_items(b.pull_all())
    assert [(i.data["revision"], i.data["answers"]) for i in from_b] == [
        (1, {"residents": 3}),
        (2, {"residents": 3, "notes": "b"}),
    ]
    from_a = survey_items(a.pull_all())
    assert [i.data["revision"] for i in from_a] == [2]


def test_a_conflicting_result_comes_back(world, client_for):
    a = v2(client_for(world["agent1"], "A"))
    b = v2(client_for(world["agent1"], "B"))
    a.push([survey_change(world["e1"].id, {"residents": 3}, survey_id=SID)])
    b.pull_all()
    [conflict] = b.push([survey_change(world["e1"].id, {"residents": 4}, survey_id=SID)])
    assert conflict.status == "conflict"
    items = b.pull_all()
    assert [i.data["revision"] for i in survey_items(items)] == [2]
    assert any(i.kind == "conflict" for i in items)


def test_own_review_is_not_sent_back_but_reaches_the_agent(world, client_for):
    agent = v2(client_for(world["agent1"]))
    coord = v2(client_for(world["coord_a"]))
    [saved] = agent.push(
        [
            survey_change(
                world["e1"].id,
                {"residents": 9, "has_internet": "yes"},
                survey_id=SID,
                status="finalized",
            )
        ]
    )
    coord.pull_all()
    review = {
        "id": "0190f000-0000-7000-8000-0000000000e2",
        "entity": "review",
        "entity_id": "0190f000-0000-7000-8000-0000000000e3",
        "op": "return",
        "base_revision": saved.revision,
        "payload": {"survey_id": SID, "comment": "Compléter"},
        "created_at": "2026-01-01T00:00:00Z",
    }
    [returned] = coord.push([review])
    # The result carries the head the coordinator now holds; the pull does not repeat it.
    assert returned.survey is not None and returned.survey.status == "returned"
    assert coord.pull_all() == []
    got = agent.pull_all()
    assert ("review", "return") in {(i.kind, i.data.get("decision")) for i in got}
    assert [i.data["status"] for i in survey_items(got)] == ["returned"]


def test_v1_full_repull_and_fresh_device_get_everything(world, client_for):
    laptop = v2(client_for(world["agent1"], "A"))
    laptop.pull_all()
    start = laptop.cursor
    [mine] = laptop.push([survey_change(world["e1"].id, {"residents": 5}, survey_id=SID)])
    assert mine.status == "applied"
    assert survey_items(laptop.pull_page(start).items) == []
    # The same device asking in protocol 1 (an older release) gets its own entry.
    laptop.session.headers.pop(p.PROTOCOL_HEADER)
    assert len(survey_items(laptop.pull_page(start).items)) == 1
    # In protocol 2, a full re-pull (after a cursor reset) gets it too.
    v2(laptop)
    reply = laptop.get("/sync/pull", params={"cursor": "", "full": 1})
    assert len(survey_items(p.PullResponse.model_validate(reply.json()).items)) == 1
    # A fresh device of the same agent gets everything.
    fresh = v2(client_for(world["agent1"], "new laptop"))
    assert len(survey_items(fresh.pull_all())) == 1
