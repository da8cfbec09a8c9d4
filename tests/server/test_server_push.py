"""Push over real HTTP: idempotency, per-change rejection, 3-way merge and conflicts, review."""

from __future__ import annotations

from server.feed.models import AppliedChange
from server.surveys.models import Conflict, Review, Survey, SurveyRevision
from tests.server.helpers import other_change, survey_change


def test_new_survey_is_applied_with_revision_one(world, client_for):
    client = client_for(world["agent1"])
    change = survey_change(world["e1"].id, {"residents": 10, "has_internet": "no"})
    [result] = client.push([change])
    assert result.status == "applied" and result.revision == 1 and result.error is None
    # Applied as sent: the client has the survey already, the result does not echo it.
    assert result.survey is None
    survey = Survey.objects.get(pk=change["entity_id"])
    assert survey.answers == {"residents": 10, "has_internet": "no"}
    revision = SurveyRevision.objects.get(survey=survey)
    assert revision.answers == survey.answers and revision.change_id == change["id"]
    assert survey.revision == 1 and survey.device_id == client.device_id
    assert survey.user == world["agent1"]


def test_replay_returns_the_first_result_and_applies_nothing(world, client_for):
    client = client_for(world["agent1"])
    change = survey_change(world["e1"].id, {"residents": 10})
    first = client.push([change])[0]
    again = client.push([change, change])
    assert [r.model_dump() for r in again] == [first.model_dump(), first.model_dump()]
    assert SurveyRevision.objects.filter(survey_id=change["entity_id"]).count() == 1
    assert AppliedChange.objects.filter(pk=change["id"]).count() == 1


def test_same_id_with_other_content_is_rejected_as_id_reuse(world, client_for):
    client = client_for(world["agent1"])
    change = survey_change(world["e1"].id, {"residents": 10})
    client.push([change])
    other = {**change, "payload": {**change["payload"], "answers": {"residents": 99}}}
    [result] = client.push([other])
    assert result.status == "rejected" and result.error.code == "id_reuse"
    assert Survey.objects.get(pk=change["entity_id"]).answers == {"residents": 10}


def test_a_rejected_change_does_not_stop_the_others(world, client_for):
    client = client_for(world["agent1"])
    good1 = survey_change(world["e1"].id, {"residents": 1})
    not_mine = survey_change(world["e2"].id, {"residents": 2})  # e2 is agent2's
    unknown_form = survey_change(world["e1"].id, {"residents": 3}, form_version="99")
    wrong_type = survey_change(world["e1"].id, {"residents": "many"})
    unfinished = survey_change(world["e1"].id, {"residents": 4}, status="finalized")
    bad_payload = {**survey_change(world["e1"].id, {}), "payload": {"answers": []}}
    unknown_entity = {**survey_change(world["e1"].id, {}), "entity": "spaceship"}
    good2 = survey_change(
        world["e3"].id, {"residents": 5, "has_internet": "yes"}, status="finalized"
    )
    changes = [
        good1,
        not_mine,
        unknown_form,
        wrong_type,
        unfinished,
        bad_payload,
        unknown_entity,
        good2,
    ]
    results = client.push(changes)
    assert [r.id for r in results] == [c["id"] for c in changes]
    assert [r.status for r in results] == ["applied"] + ["rejected"] * 6 + ["applied"]
    codes = [r.error.code for r in results[1:7]]
    assert codes == [
        "not_assigned", "unknown_form", "invalid_answers", "invalid_answers",
        "invalid_payload", "unknown_entity",
    ]  # fmt: skip
    assert results[3].error.field == "payload.answers.residents"
    assert all(r.error.message for r in results[1:7])
    # Nothing of the rejected ones was written.
    assert set(Survey.objects.values_list("id", flat=True)) == {
        good1["entity_id"],
        good2["entity_id"],
    }


def test_edits_of_different_questions_merge(world, client_for):
    laptop_a = client_for(world["agent1"], "A")
    laptop_b = client_for(world["agent1"], "B")
    sid = "0190f000-0000-7000-8000-000000000001"
    base = {"residents": 10, "manager_name": "Naima", "notes": "ok"}
    laptop_a.push([survey_change(world["e1"].id, base, survey_id=sid)])
    # Both start from revision 1; A changes residents, B changes notes.
    [ra] = laptop_a.push(
        [survey_change(world["e1"].id, {**base, "residents": 12}, survey_id=sid, base_revision=1)]
    )
    assert ra.status == "applied" and ra.revision == 2
    [rb] = laptop_b.push(
        [
            survey_change(
                world["e1"].id,
                {**base, "notes": "toit en bon état"},
                survey_id=sid,
                base_revision=1,
            )
        ]
    )
    assert rb.status == "merged" and rb.revision == 3 and rb.conflicts == []
    assert rb.survey.answers == {
        "residents": 12,
        "manager_name": "Naima",
        "notes": "toit en bon état",
    }
    # A replay of the merged change returns the same first result, head included.
    change_b = survey_change(
        world["e1"].id, {**base, "notes": "toit en bon état"}, survey_id=sid, base_revision=1
    )
    [first] = laptop_b.push([change_b])
    assert first.status == "merged" and first.survey is not None
    assert laptop_b.push([change_b]) == [first]
    assert list(
        SurveyRevision.objects.filter(survey_id=sid).values_list("revision", flat=True)
    ) == [1, 2, 3]


def test_edits_of_the_same_question_conflict_and_keep_both(world, client_for):
    laptop_a = client_for(world["agent1"], "A")
    laptop_b = client_for(world["agent1"], "B")
    sid = "0190f000-0000-7000-8000-000000000002"
    base = {"residents": 10, "notes": "x", "bill_mad": 500}
    laptop_a.push([survey_change(world["e1"].id, base, survey_id=sid)])
    laptop_a.push(
        [
            survey_change(
                world["e1"].id,
                {**base, "residents": 11, "bill_mad": 650},
                survey_id=sid,
                base_revision=1,
            )
        ]
    )
    [rb] = laptop_b.push(
        [
            survey_change(
                world["e1"].id,
                {**base, "residents": 14, "bill_mad": 650, "notes": "y"},
                survey_id=sid,
                base_revision=1,
            )
        ]
    )
    assert rb.status == "conflict" and rb.revision == 3
    assert [c.model_dump() for c in rb.conflicts] == [
        {"question": "residents", "base": 10, "server": 11, "client": 14}
    ]
    # Server value kept; B's other change (notes) merged; same value on both sides is fine.
    assert rb.survey.answers == {"residents": 11, "notes": "y", "bill_mad": 650}
    conflict = Conflict.objects.get(survey_id=sid)
    assert (conflict.base, conflict.server, conflict.client) == (10, 11, 14)
    assert conflict.device_id == laptop_b.device_id


def test_a_device_does_not_conflict_with_its_own_earlier_saves(world, client_for):
    client = client_for(world["agent1"])
    sid = "0190f000-0000-7000-8000-000000000003"
    # Two saves from the outbox, both based on revision 0 (no ack yet), in one batch.
    results = client.push(
        [
            survey_change(world["e1"].id, {"residents": 1}, survey_id=sid),
            survey_change(world["e1"].id, {"residents": 2, "notes": "n"}, survey_id=sid),
        ]
    )
    assert [r.status for r in results] == ["applied", "applied"]
    assert [r.revision for r in results] == [1, 2]
    assert Survey.objects.get(pk=sid).answers == {"residents": 2, "notes": "n"}
    assert [r.answers for r in SurveyRevision.objects.filter(survey_id=sid)] == [
        {"residents": 1},
        {"residents": 2, "notes": "n"},
    ]


def test_conflict_resolution_is_a_save_at_the_conflict_revision(world, client_for):
    laptop_a = client_for(world["agent1"], "A")
    laptop_b = client_for(world["agent1"], "B")
    sid = "0190f000-0000-7000-8000-000000000004"
    laptop_a.push([survey_change(world["e1"].id, {"residents": 1}, survey_id=sid)])
    laptop_a.push([survey_change(world["e1"].id, {"residents": 2}, survey_id=sid, base_revision=1)])
    [conflicted] = laptop_b.push(
        [survey_change(world["e1"].id, {"residents": 3}, survey_id=sid, base_revision=1)]
    )
    assert conflicted.status == "conflict"
    [resolved] = laptop_b.push(
        [
            survey_change(
                world["e1"].id,
                {"residents": 3},
                survey_id=sid,
                base_revision=conflicted.revision,
                entity="conflict_resolution",
            )
        ]
    )
    assert resolved.status == "applied" and resolved.survey is None
    assert Survey.objects.get(pk=sid).answers == {"residents": 3}
    assert Conflict.objects.get(survey_id=sid).resolved_at is not None


def test_keeping_the_server_value_also_closes_the_conflict(world, client_for):
    laptop_a = client_for(world["agent1"], "A")
    laptop_b = client_for(world["agent1"], "B")
    sid = "0190f000-0000-7000-8000-000000000014"
    laptop_a.push([survey_change(world["e1"].id, {"residents": 1}, survey_id=sid)])
    laptop_a.push([survey_change(world["e1"].id, {"residents": 2}, survey_id=sid, base_revision=1)])
    [conflicted] = laptop_b.push(
        [survey_change(world["e1"].id, {"residents": 3}, survey_id=sid, base_revision=1)]
    )
    assert conflicted.status == "conflict"
    # The person picks the server's value: the snapshot equals the head, no new revision.
    [resolved] = laptop_b.push(
        [
            survey_change(
                world["e1"].id,
                {"residents": 2},
                survey_id=sid,
                base_revision=conflicted.revision,
                entity="conflict_resolution",
            )
        ]
    )
    assert resolved.status == "applied" and resolved.revision == conflicted.revision
    assert Conflict.objects.get(survey_id=sid).resolved_at is not None


def test_review_by_coordinator_reaches_the_agent(world, client_for):
    agent = client_for(world["agent1"])
    coord = client_for(world["coord_a"])
    sid = "0190f000-0000-7000-8000-000000000005"
    [saved] = agent.push(
        [
            survey_change(
                world["e1"].id,
                {"residents": 9, "has_internet": "yes"},
                survey_id=sid,
                status="finalized",
            )
        ]
    )
    agent.pull_all()
    review = {
        "id": "0190f000-0000-7000-8000-0000000000a1",
        "entity": "review",
        "entity_id": "0190f000-0000-7000-8000-0000000000a2",
        "op": "return",
        "base_revision": saved.revision,
        "payload": {"survey_id": sid, "comment": "Compléter la facture"},
        "created_at": "2025-01-01T00:00:00Z",
    }
    # An agent may not review.
    [refused] = agent.push([{**review, "id": "0190f000-0000-7000-8000-0000000000a3"}])
    assert refused.status == "rejected" and refused.error.code == "forbidden"
    [returned] = coord.push([review])
    assert returned.status == "applied" and returned.survey.status == "returned"
    items = agent.pull_all()
    kinds = {(i.kind, i.data.get("decision") or i.data.get("status")) for i in items}
    assert ("review", "return") in kinds and ("survey", "returned") in kinds
    assert Review.objects.get(survey_id=sid).comment == "Compléter la facture"
    # The agent fixes and re-finalizes on top of the returned revision; then approval.
    [fixed] = agent.push(
        [
            survey_change(
                world["e1"].id,
                {"residents": 9, "has_internet": "yes", "bill_mad": 700},
                survey_id=sid,
                status="finalized",
                base_revision=returned.revision,
            )
        ]
    )
    assert fixed.status == "applied" and Survey.objects.get(pk=sid).status == "finalized"
    [approved] = coord.push(
        [
            {
                **review,
                "id": "0190f000-0000-7000-8000-0000000000a4",
                "op": "approve",
                "base_revision": fixed.revision,
            }
        ]
    )
    assert approved.survey.status == "approved"
    # A stale review (older revision) is refused.
    [stale] = coord.push(
        [{**review, "id": "0190f000-0000-7000-8000-0000000000a5", "base_revision": 1}]
    )
    assert stale.error.code == "stale_revision"


def test_coordinator_outside_region_cannot_review_or_assign(world, client_for):
    agent = client_for(world["agent1"])
    coord_b = client_for(world["coord_b"])  # MA-06; e1 is MA-07
    sid = "0190f000-0000-7000-8000-000000000006"
    [saved] = agent.push(
        [
            survey_change(
                world["e1"].id,
                {"residents": 9, "has_internet": "yes"},
                survey_id=sid,
                status="finalized",
            )
        ]
    )
    [review, assignment] = coord_b.push(
        [
            other_change("review", "approve", {"survey_id": sid}, saved.revision),
            other_change(
                "assignment", "assign", {"establishment_id": world["e1"].id, "username": "agent2"}
            ),
        ]
    )
    assert review.error.code == "out_of_scope" and assignment.error.code == "out_of_scope"


def test_push_can_be_large_and_compressed(world, client_for):
    client = client_for(world["agent1"])
    changes = [
        survey_change(world["e1"].id, {"residents": i, "notes": "é" * 50}) for i in range(300)
    ]
    results = client.push(changes, compress=True)
    assert len(results) == 300 and {r.status for r in results} == {"applied"}
    assert Survey.objects.count() == 300


def test_coordinator_assigns_and_unassigns_through_push(world, client_for):
    from server.registry.models import Assignment

    coord = client_for(world["coord_a"])
    payload = {"establishment_id": world["e2"].id, "username": "agent1"}
    [assigned] = coord.push([other_change("assignment", "assign", payload)])
    assert assigned.status == "applied"
    assert Assignment.objects.filter(establishment=world["e2"], agent=world["agent1"]).exists()
    [bad_user] = coord.push(
        [other_change("assignment", "assign", {**payload, "username": "coord_b"})]
    )
    assert bad_user.error.code == "not_an_agent"
    [unassigned] = coord.push([other_change("assignment", "unassign", payload)])
    assert unassigned.status == "applied"
    assert not Assignment.objects.filter(establishment=world["e2"], agent=world["agent1"]).exists()


def test_copied_rows_name_every_column():
    """The push writes its rows with COPY and explicit column lists: a new field must be added
    to them (its value would otherwise be silently left to the database default)."""
    from server.feed.models import FeedEntry
    from server.feed.publish import FEED_COLUMNS
    from server.surveys import push

    def columns(model):
        return {f.name for f in model._meta.concrete_fields}

    assert set(push.SURVEY_COLUMNS) == columns(Survey)
    assert set(push.REVISION_COLUMNS) == columns(SurveyRevision)
    assert set(push.APPLIED_COLUMNS) == columns(AppliedChange)
    assert set(FEED_COLUMNS) == columns(FeedEntry) - {"seq"}


def test_a_change_id_pushed_twice_at_once_is_applied_once(world, client_for):
    """Two devices' batches racing on the same new survey: the loser retries from fresh reads
    (the COPY's unique violation is Django's IntegrityError) and merges instead."""
    import threading

    laptop_a = client_for(world["agent1"], "A")
    laptop_b = client_for(world["agent1"], "B")
    sid = "0190f000-0000-7000-8000-0000000000e1"
    changes = {
        "A": survey_change(world["e1"].id, {"residents": 1}, survey_id=sid),
        "B": survey_change(world["e1"].id, {"notes": "b"}, survey_id=sid),
    }
    results = {}
    gate = threading.Barrier(2)

    def run(name, client):
        gate.wait()
        results[name] = client.push([changes[name]])[0]

    threads = [threading.Thread(target=run, args=x) for x in (("A", laptop_a), ("B", laptop_b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.status for r in results.values()) == ["applied", "merged"]
    assert Survey.objects.get(pk=sid).answers == {"residents": 1, "notes": "b"}
    assert SurveyRevision.objects.filter(survey_id=sid).count() == 2


def test_answers_beyond_ascii_are_stored_as_sent_and_pulled_back_the_same(world, client_for):
    """The push stores the JSON text hygiene measured (UTF-8 characters as they are): Arabic,
    accents, an emoji and a line break come back on another device exactly as typed."""
    client = client_for(world["agent1"])
    answers = {
        "manager_name": "فاطمة الزهراء — Élodie",
        "notes": "سقف يحتاج إصلاح\nroof 🌞 « ok »",
        "residents": 12,
    }
    change = survey_change(world["e1"].id, answers)
    [result] = client.push([change])
    assert result.status == "applied"
    assert Survey.objects.get(pk=change["entity_id"]).answers == answers
    assert SurveyRevision.objects.get(survey_id=change["entity_id"]).answers == answers
    other = client_for(world["agent1"], "laptop 2")
    pulled = [
        i.data for i in other.pull_all() if i.kind == "survey" and i.id == change["entity_id"]
    ]
    assert pulled and pulled[-1]["answers"] == answers
