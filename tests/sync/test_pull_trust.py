"""A pull trusts nothing it receives, against a real server holding rows its checks would now
refuse (issue "trust boundaries"): one bad item is set aside with its reason and the others and
the cursor go on; an attachment id that is not a SHA-256 never reaches the filesystem; an
establishment that left the device's scope takes its surveys' copies with it, but never the
device's own unsent work."""

from __future__ import annotations

import json
from collections.abc import Callable

from bench._syncserver import SyncServer
from sync.client import STATE_CURSOR, SyncRun
from sync.transport import RetryPolicy
from tests.sync.conftest import FORM_ID, Device, answers

FAST = RetryPolicy(connect_timeout=5, read_timeout=20, attempts=3, backoff_base=0.01, deadline=120)


def surveys_of(device: Device) -> dict[str, dict]:
    rows = device.store.conn.execute("SELECT id, answers, establishment_id FROM surveys")
    return {r[0]: {"answers": json.loads(r[1]), "establishment_id": r[2]} for r in rows}


def test_a_poisoned_row_is_set_aside_and_the_rest_and_the_cursor_go_on(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    """The issue: a lone surrogate in one answer failed every pull of every device that could
    see the establishment (UnicodeEncodeError, the cursor never moved)."""
    device = make_device(establishments=1)
    est = device.establishments[0]
    before = sync_server.call("stored_survey", establishment_id=est, answers=answers())
    poisoned = sync_server.call(
        "stored_survey", establishment_id=est, answers=answers(notes="bad \ud800 text")
    )
    traversal = sync_server.call(
        "stored_survey",
        establishment_id=est,
        answers=answers(photo={"sha256": "../../etc/passwd", "filename": "x.jpg"}),
    )
    after = sync_server.call("stored_survey", establishment_id=est, answers=answers(notes="ok"))

    summary = SyncRun(device.store, policy=FAST).run()

    assert summary.ok, summary.error
    assert summary.pulled_set_aside == 2
    held = surveys_of(device)
    assert before in held and after in held
    assert poisoned not in held and traversal not in held
    logged = "\n".join(summary.log)
    assert "invalid_text" in logged and "invalid_attachment_id" in logged
    audit = device.store.conn.execute(
        "SELECT entity_id, detail FROM audit WHERE action = 'pull_set_aside'"
    ).fetchall()
    assert {row[0] for row in audit} == {poisoned, traversal}
    # The cursor moved past them: the next run neither fails nor sets them aside again.
    cursor = device.store.get_state(STATE_CURSOR)
    again = SyncRun(device.store, policy=FAST).run()
    assert again.ok and again.pulled_set_aside == 0
    assert device.store.get_state(STATE_CURSOR) != "" and cursor


def test_an_attachment_id_that_is_not_a_sha256_never_names_a_file(
    make_device: Callable[..., Device], tmp_path
) -> None:
    device = make_device(establishments=1)
    outside = device.store.attachment_path("../../etc/passwd")
    assert device.data_dir in outside.parents and not outside.exists()
    assert device.store.attachment_path("A" * 64).name == "not-a-sha256"  # upper case too
    real = device.store.add_attachment(b"jpeg bytes", "image/jpeg")
    assert device.store.attachment_path(real).exists()
    assert device.store.read_attachment(real) == b"jpeg bytes"


def test_unassignment_drops_the_copies_but_keeps_unsent_work(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    device = make_device(establishments=2)
    leaving, staying = device.establishments
    assert SyncRun(device.store, policy=FAST).run().ok  # brings the establishments
    synced = device.store.start_survey(leaving, FORM_ID, "1", answers=answers())
    kept = device.store.start_survey(staying, FORM_ID, "1", answers=answers())
    assert SyncRun(device.store, policy=FAST).run().ok
    unsent = device.store.start_survey(leaving, FORM_ID, "1", answers=answers(notes="à finir"))
    sync_server.call("unassign", code=device.codes[0], username=device.username)

    summary = SyncRun(device.store, policy=FAST).run()

    held = surveys_of(device)
    assert synced.id not in held  # another agent's establishment now: no copy left
    assert kept.id in held
    assert unsent.id in held  # the agent's own unsent work is kept...
    reasons = [c.reason for c in device.store.set_aside_changes() if c.entity_id == unsent.id]
    assert reasons and all("not_assigned" in r for r in reasons)  # ...and set aside, saying why
    row = device.store.conn.execute(
        "SELECT assigned, manager FROM establishments WHERE id = ?", (leaving,)
    ).fetchone()
    assert row == (0, "")
    assert summary.error is None or summary.error["code"] != "internal"


def test_a_survey_the_server_refuses_goes_back_to_draft_editable(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    """The issue: a finalized survey refused by the server was set aside and could no longer
    be edited nor sent again: stuck on the laptop."""
    device = make_device(establishments=1)
    assert SyncRun(device.store, policy=FAST).run().ok
    survey = device.store.start_survey(device.establishments[0], FORM_ID, "1", answers=answers())
    device.store.finalize(survey.id)
    sync_server.call("unassign", code=device.codes[0], username=device.username)

    summary = SyncRun(device.store, policy=FAST).run()

    assert summary.set_aside >= 1
    back = device.store.get_survey(survey.id)
    assert back.status == "draft"
    aside = device.store.set_aside_changes()
    assert {c.entity_id for c in aside} == {survey.id}
    assert all(c.reason.startswith("not_assigned") for c in aside)  # the reason is kept
    device.store.save_answers(survey.id, answers(residents=12))  # editable again
    assert device.store.get_survey(survey.id).answers["residents"] == 12
    assert [c.entity_id for c in device.store.pending_changes()] == [survey.id]
