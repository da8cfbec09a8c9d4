"""The store's actions for what the server sends: pulled pages, cursor checkpoint, conflicts."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.domain import new_id
from fieldapp.store import AckResult, Store, StoreError
from fieldapp.store.store import ServerItem


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, actor="agent.test") as s:
        yield s


def establishment_item(
    est_id: str, code: str = "EPS-07-00001", assigned: bool = True
) -> ServerItem:
    return ServerItem(
        "establishment",
        est_id,
        {
            "id": est_id,
            "code": code,
            "name_fr": "Dar Al Atfal",
            "type": "children",
            "region": "MA-07",
            "assigned": assigned,
        },
    )


def survey_item(
    sid: str, est_id: str, revision: int, answers: dict, status: str = "draft"
) -> ServerItem:
    return ServerItem(
        "survey",
        sid,
        {
            "id": sid,
            "establishment_id": est_id,
            "form_id": "baseline",
            "form_version": "1",
            "status": status,
            "answers": answers,
            "revision": revision,
            "updated_at": "2026-01-01T00:00:00.000+00:00",
        },
    )


def test_pulled_page_is_applied_with_its_cursor_and_no_outbox_entry(store: Store) -> None:
    est = new_id()
    sid = new_id()
    report = store.apply_server_changes(
        [
            establishment_item(est),
            survey_item(sid, est, 3, {"a": 1}),
            ServerItem(
                "form", "baseline@2", {"id": "baseline", "version": "2", "definition": {"x": 1}}
            ),
            ServerItem("mystery", "?", {}),
        ],
        cursor="c1",
    )
    assert (report.establishments, report.surveys, report.forms, report.skipped) == (1, 1, 1, 1)
    assert store.get_state("cursor") == "c1"
    assert store.outbox_count() == 0
    survey = store.get_survey(sid)
    assert survey.answers == {"a": 1} and survey.base_revision == 3
    assert store.form_definition("baseline", "2") == {"x": 1}
    assert store.form_versions() == [("baseline", "2")]
    # An older revision arriving later (a re-pull) does not go back in time.
    store.apply_server_changes([survey_item(sid, est, 2, {"a": 0})])
    assert store.get_survey(sid).answers == {"a": 1}
    # Unassigned: stays in the store, leaves the work list.
    store.apply_server_changes([establishment_item(est, assigned=False)])
    assert store.find_establishment_ids(assigned_only=True) == []


def test_a_bad_item_is_set_aside_and_the_page_and_cursor_go_on(store: Store) -> None:
    store.set_state("cursor", "old")
    bad = ServerItem("survey", "x", {"id": "x"})  # no establishment_id: KeyError mid-page
    est = new_id()
    unencodable = survey_item(new_id(), est, 1, {"a": "\ud800"})  # SQLite cannot store it
    report = store.apply_server_changes([establishment_item(est), bad, unencodable], cursor="new")
    assert [(kind, reason.split(":")[0]) for kind, _, reason in report.set_aside] == [
        ("survey", "invalid_item"),
        ("survey", "invalid_item"),
    ]
    assert store.get_state("cursor") == "new"
    assert store.find_establishment_ids() == [est]
    assert store.conn.execute("SELECT count(*) FROM surveys").fetchone()[0] == 0


def test_pulled_survey_does_not_overwrite_pending_local_edits(store: Store) -> None:
    est = new_id()
    store.apply_server_changes([establishment_item(est)])
    survey = store.start_survey(est, "baseline", "1", answers={"a": 1})
    store.acknowledge([AckResult(store.pending_changes()[0].id, revision=1)])
    store.save_answers(survey.id, {"a": 2})
    report = store.apply_server_changes([survey_item(survey.id, est, 2, {"a": 1, "b": 5})])
    assert report.surveys_kept_local == 1
    local = store.get_survey(survey.id)
    assert local.answers == {"a": 2} and local.base_revision == 1
    assert store.pending_changes()[0].base_revision == 1
    # Once acknowledged (the server merged), a pull of the head overwrites the clean copy.
    store.acknowledge(
        [AckResult(store.pending_changes()[0].id, revision=3, answers={"a": 2, "b": 5})]
    )
    assert store.get_survey(survey.id).answers == {"a": 2, "b": 5}
    store.apply_server_changes([survey_item(survey.id, est, 4, {"a": 2, "b": 6}, "returned")])
    assert store.get_survey(survey.id).answers == {"a": 2, "b": 6}


def test_review_decision_sets_status_and_comment(store: Store) -> None:
    est = new_id()
    sid = new_id()
    store.apply_server_changes([establishment_item(est), survey_item(sid, est, 2, {}, "finalized")])
    store.apply_server_changes(
        [
            ServerItem(
                "review",
                "r",
                {"survey_id": sid, "decision": "return", "comment": "GPS?", "revision": 3},
            )
        ]
    )
    survey = store.get_survey(sid)
    assert (survey.status, survey.review_comment, survey.base_revision) == ("returned", "GPS?", 3)
    assert store.establishment_rows([est])[est]["survey_status"] == "returned"


def test_conflict_recorded_once_and_resolved_through_the_outbox(store: Store) -> None:
    est = new_id()
    store.apply_server_changes([establishment_item(est)])
    survey = store.start_survey(est, "baseline", "1", answers={"rooms": 3})
    change = store.pending_changes()[0]
    conflict = {"question": "rooms", "base": None, "server": 4, "client": 3}
    store.acknowledge(
        [
            AckResult(
                change.id, revision=2, answers={"rooms": 4}, status="draft", conflicts=[conflict]
            )
        ]
    )
    # The same conflict also arrives on the feed: recorded once.
    store.apply_server_changes(
        [ServerItem("conflict", "c", {"survey_id": survey.id, "revision": 2, **conflict})]
    )
    [open_] = store.open_conflicts()
    assert (open_.server, open_.client, open_.server_revision) == (4, 3, 2)
    assert store.get_survey(survey.id).answers == {"rooms": 4}
    store.resolve_conflict(open_.id, 3)
    assert store.open_conflicts() == []
    [pending] = store.pending_changes()
    assert (pending.entity, pending.base_revision, pending.payload["answers"]) == (
        "conflict_resolution",
        2,
        {"rooms": 3},
    )
    with pytest.raises(StoreError):
        store.resolve_conflict(open_.id, 5)
    # Its acknowledgement settles it like a survey save.
    store.acknowledge([AckResult(pending.id, revision=3)])
    assert store.outbox_count() == 0 and store.get_survey(survey.id).base_revision == 3


def test_edit_made_during_a_push_carries_what_the_server_merged_in(store: Store) -> None:
    est = new_id()
    store.apply_server_changes([establishment_item(est)])
    survey = store.start_survey(est, "baseline", "1", answers={"a": 1, "b": 1})
    sent = store.pending_changes()[0]
    store.save_answers(survey.id, {"a": 2, "b": 1})  # while `sent` is on its way
    # The server merged another device's b=5 into the snapshot it received.
    store.acknowledge([AckResult(sent.id, revision=4, answers={"a": 1, "b": 5})])
    [newer] = store.pending_changes()
    assert newer.base_revision == 4
    assert newer.payload["answers"] == {"a": 2, "b": 5}  # not b=1, which would undo it
    assert store.get_survey(survey.id).answers == {"a": 2, "b": 5}


def test_latest_survey_is_decided_by_the_servers_receipt_then_the_devices_own_order(
    store: Store,
) -> None:
    """A laptop two years ahead (or 25 years behind) does not decide which survey of an
    establishment is the latest: the server's order of receipt does, and this device's
    unsent work comes after everything the server has, in the order it was made."""
    est = new_id()
    store.apply_server_changes([establishment_item(est)])
    from_the_future = survey_item(new_id(), est, 1, {"a": 1}, status="finalized")
    from_the_future.data.update(
        updated_at="2028-12-06T10:00:00Z", received="2026-12-01T10:00:00+00:00"
    )
    from_the_past = survey_item(new_id(), est, 1, {"a": 2}, status="draft")
    from_the_past.data.update(
        updated_at="2001-12-06T10:00:00Z", received="2026-12-02T10:00:00+00:00"
    )
    store.apply_server_changes([from_the_future, from_the_past])
    assert store.surveys_for(est)[0].id == from_the_past.id
    status = store.conn.execute("SELECT survey_status FROM establishments WHERE id = ?", (est,))
    assert status.fetchone()[0] == "draft"  # the list's status column follows the same order
    mine = store.start_survey(est, "baseline", "1", answers={"a": 3})
    later = store.start_survey(est, "baseline", "1", answers={"a": 4})
    assert [s.id for s in store.surveys_for(est)][:2] == [later.id, mine.id]
    # Once the server acknowledges them, its clock orders them among the others.
    store.mark_received([mine.id], "2026-12-03T10:00:00+00:00")
    store.mark_received([later.id], "2026-12-04T10:00:00+00:00")
    store.mark_received([later.id], "2030-01-01T00:00:00+00:00")  # kept: first receipt only
    order = [s.id for s in store.surveys_for(est)]
    assert order == [later.id, mine.id, from_the_past.id, from_the_future.id]
