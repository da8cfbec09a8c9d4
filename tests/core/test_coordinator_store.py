"""Coordinator actions of the store: reviews and assignments through the outbox, revisions kept
for reviewers, relayed changes recorded once, and the v1 profile upgrading to the new schema."""

import json
import shutil
from pathlib import Path

import pytest

from fieldapp.domain import SurveyStatus
from fieldapp.store import Store, StoreError
from fieldapp.store.store import ServerItem
from tests.core.conftest import make_establishment

FIXTURES = Path(__file__).parent / "fixtures"


def pulled_survey(store: Store, establishment_id: str, revision: int, **answers: object) -> str:
    survey_id = "0190a000-0000-7000-8000-0000000000c1"
    store.apply_server_changes(
        [
            ServerItem(
                "survey",
                survey_id,
                {
                    "id": survey_id,
                    "establishment_id": establishment_id,
                    "form_id": "baseline",
                    "form_version": "1",
                    "status": "finalized",
                    "answers": answers,
                    "revision": revision,
                    "updated_at": "2025-01-01T00:00:00+00:00",
                    "author": "agent.a",
                },
            )
        ]
    )
    return survey_id


def test_review_writes_the_outbox_and_keeps_revisions(store: Store) -> None:
    e = make_establishment()
    store.upsert_establishments([e])
    sid = pulled_survey(store, e.id, 3, residents_total=10)
    store.apply_server_changes(
        [ServerItem("review", "r1", {"survey_id": sid, "decision": "return", "revision": 4})]
    )
    pulled_survey(store, e.id, 7, residents_total=12)
    assert [r.revision for r in store.survey_revisions(sid)] == [3, 4, 7]
    # Compared with the revision that was sent back, not merely the one before.
    assert store.previous_answers(sid) == {"residents_total": 10}
    assert [q["survey_id"] for q in store.review_queue(["MA-07"])] == [sid]
    assert store.review_queue(["MA-01"]) == []

    with pytest.raises(StoreError):
        store.review_survey(sid, "return", "  ")  # a return says what to correct
    survey = store.review_survey(sid, "return", "Photo du toit floue")
    assert survey.status == SurveyStatus.RETURNED
    change = store.pending_changes()[-1]
    assert (change.entity, change.op, change.base_revision) == ("review", "return", 7)
    assert change.payload == {"survey_id": sid, "comment": "Photo du toit floue"}
    assert store.review_queue() == []
    assert store.get_establishment(e.id) and store.establishment_rows([e.id])[e.id][
        "survey_status"
    ] == ("returned")
    with pytest.raises(StoreError):
        store.review_survey(sid, "approve")  # no longer finalized


def test_an_approved_survey_can_be_returned_to_unlock_it(store: Store) -> None:
    e = make_establishment()
    store.upsert_establishments([e])
    sid = pulled_survey(store, e.id, 3, residents_total=10)
    store.apply_server_changes(
        [ServerItem("review", "r1", {"survey_id": sid, "decision": "approve", "revision": 4})]
    )
    assert store.get_survey(sid).status == SurveyStatus.APPROVED
    with pytest.raises(StoreError):
        store.review_survey(sid, "approve")  # approving twice says nothing new
    survey = store.review_survey(sid, "return", "Le compteur a changé : refaire la photo")
    assert survey.status == SurveyStatus.RETURNED
    change = store.pending_changes()[-1]
    assert (change.entity, change.op, change.base_revision) == ("review", "return", 4)


def test_assignments_go_through_the_outbox_once(store: Store) -> None:
    a, b = make_establishment("EPS-07-1"), make_establishment("EPS-07-2")
    store.upsert_establishments([a, b])
    assert store.assign([a.id, b.id], "agent.b") == 2
    assert store.assign([a.id], "agent.b") == 0  # already assigned: nothing more to send
    assert store.establishment_agents(a.id) == ["agent.b"]
    assert "agent.b" in store.known_agents()
    assert store.assign([a.id], "agent.b", assign=False) == 1
    ops = [(c.entity, c.op, c.payload["establishment_id"]) for c in store.pending_changes()]
    assert ops == [
        ("assignment", "assign", a.id),
        ("assignment", "assign", b.id),
        ("assignment", "unassign", a.id),
    ]
    # The server's list of agents replaces the local one when it is pulled.
    store.apply_server_changes(
        [
            ServerItem(
                "establishment",
                a.id,
                {"id": a.id, "code": a.code, "name_fr": "x", "region": "MA-07", "agents": ["z"]},
            )
        ]
    )
    assert store.establishment_agents(a.id) == ["z"]


def test_relay_import_is_idempotent(store: Store) -> None:
    change = {
        "id": "c1",
        "entity": "survey",
        "entity_id": "s1",
        "op": "save",
        "base_revision": 0,
        "payload": {"answers": {}},
        "signature": "ab",
    }
    assert store.import_relay("b1", "bundle", "dev", "agent.a", [change]) == 1
    assert store.import_relay("b1", "bundle", "dev", "agent.a", [change]) == 0
    assert store.bundle_imported("b1")
    [relayed] = store.relay_to_push()
    assert (relayed.origin_user, relayed.signature) == ("agent.a", "ab")
    store.relay_settle("c1", {"id": "c1", "status": "applied", "revision": 1})
    assert store.relay_to_push() == []
    assert store.relay_entries("b1")[0].result == {"id": "c1", "status": "applied", "revision": 1}


def test_v1_profile_upgrades_to_the_coordinator_schema(tmp_path: Path) -> None:
    profile = tmp_path / "old"
    shutil.copytree(FIXTURES / "v1-profile", profile)
    with Store.open(profile) as store:
        assert store.schema_version >= 3
        [(eid,)] = store.conn.execute("SELECT id FROM establishments LIMIT 1").fetchall()
        assert store.establishment_agents(eid) == []
        store.assign([eid], "agent.x")
        assert json.loads(
            store.conn.execute("SELECT agents FROM establishments WHERE id = ?", (eid,)).fetchone()[
                0
            ]
        ) == ["agent.x"]
        assert store.survey_revisions("none") == []
        assert store.relay_pending_count() == 0
        assert store.check().ok
