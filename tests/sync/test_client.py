"""The sync client against a real server over real HTTP (no link faults: see test_faults)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from bench._syncserver import SyncServer
from fieldapp.store import Store
from fieldapp.store.store import ServerItem
from sync.client import (
    STATE_CURSOR,
    STATE_SERVER_PROTOCOL,
    UPLOAD_PREFIX,
    Phase,
    Progress,
    SyncRun,
    enroll,
    probe,
    wire_change,
)
from sync.credentials import DeviceKeyStore, TokenStore
from sync.errors import SyncError, SyncErrorCode
from sync.transport import CancelToken, RetryPolicy, normalize_server_url
from tests.server.forms import form_definition
from tests.sync.conftest import FORM_ID, Device, answers

FAST = RetryPolicy(connect_timeout=5, read_timeout=20, attempts=3, backoff_base=0.05, deadline=60)


def sync(device: Device, **kwargs: object) -> object:
    summary = SyncRun(device.store, policy=FAST, **kwargs).run()  # type: ignore[arg-type]
    assert summary.error is None, summary.error
    return summary


def test_enroll_keeps_token_in_a_private_file_and_identity_in_the_store(
    make_device: Callable[..., Device],
) -> None:
    device = make_device()
    token_file = device.data_dir / "device-token"
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    assert TokenStore(device.data_dir).load()
    assert device.store.get_state("username") == device.username
    assert device.store.get_state("role") == "agent"
    assert device.store.get_state("device_id")


def test_token_and_device_key_files_are_sealed_by_the_profile_key(
    make_device: Callable[..., Device], tmp_path: Path
) -> None:
    # No keyring here (FIELDAPP_TOKEN_STORE=file): a stolen disk must give neither secret.
    device = make_device()
    token = TokenStore(device.data_dir).load()
    key = DeviceKeyStore(device.data_dir).load()
    assert token and key
    for name, secret in (("device-token", token), ("device-key", key)):
        raw = (device.data_dir / name).read_bytes()
        assert secret.encode() not in raw and raw.startswith(b"FAENC1")
    # Copied into another profile, the file opens nothing (it is not that profile's key).
    with Store.open(tmp_path / "other") as other:
        (other.data_dir / "device-token").write_bytes(
            (device.data_dir / "device-token").read_bytes()
        )
        assert TokenStore(other.data_dir).load() is None
        # A plain file an older release wrote still loads, and is sealed on that first read.
        (other.data_dir / "device-token").write_text("plain-old-token")
        assert TokenStore(other.data_dir).load() == "plain-old-token"
        assert b"plain-old-token" not in (other.data_dir / "device-token").read_bytes()
        assert TokenStore(other.data_dir).load() == "plain-old-token"
    # The device still syncs with its sealed token.
    assert sync(device).error is None  # type: ignore[attr-defined]


def test_enroll_with_a_bad_code_is_a_clear_error(sync_server: SyncServer, tmp_path: Path) -> None:
    with Store.open(tmp_path / "p") as store:
        with pytest.raises(SyncError) as info:
            enroll(store, sync_server.url, "NOPE-NOPE-NOPE")
        assert info.value.code == SyncErrorCode.ENROLL_REFUSED
        assert "unknown" in str(info.value)
        assert store.get_state("server_url") is None
        code = sync_server.call("user", username="enroll-twice")
        enroll(store, sync_server.url, code)
        with pytest.raises(SyncError, match="already used"):
            enroll(store, sync_server.url, code)


def test_server_address_rules() -> None:
    assert normalize_server_url("https://x.example/api/v1/") == "https://x.example"
    assert normalize_server_url("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    with pytest.raises(SyncError, match="plain http"):
        normalize_server_url("http://fieldapp.example.org")
    with pytest.raises(SyncError):
        normalize_server_url("ftp://x")


def test_missing_ca_bundle_is_refused(sync_server: SyncServer, tmp_path: Path) -> None:
    with Store.open(tmp_path / "p") as store, pytest.raises(SyncError, match="CA bundle"):
        enroll(store, sync_server.url, "X", ca_bundle=str(tmp_path / "none.pem"))


def test_probe(sync_server: SyncServer) -> None:
    assert probe(sync_server.url)
    assert not probe("http://127.0.0.1:9", timeout=1)


def test_round_trip_push_then_pull(make_device: Callable[..., Device]) -> None:
    device = make_device(establishments=3)
    store = device.store
    progress: list[Progress] = []
    first = SyncRun(store, policy=FAST, on_progress=progress.append).run()
    assert first.ok, first.error
    assert sorted(store.find_establishment_ids(assigned_only=True)) == sorted(device.establishments)
    assert (FORM_ID, "1") in store.form_versions()
    survey = store.start_survey(device.establishments[0], FORM_ID, "1", answers=answers())
    store.save_answers(survey.id, answers(notes="two saves, one change on the wire"))
    store.finalize(survey.id)
    summary = SyncRun(store, policy=FAST, on_progress=progress.append).run()
    assert summary.ok and summary.pushed == 1 and summary.applied == 1
    assert store.outbox_count() == 0
    assert summary.requests == 3  # a ping alongside (sync.transport.watch_reach), push, pull
    assert summary.bytes_sent > 0 and summary.bytes_received > 0
    local = store.get_survey(survey.id)
    assert local.base_revision == 1 and local.status == "finalized"
    phases = {p.phase for p in progress}
    assert {"changes", "attachments", "pull"} <= phases


def test_second_device_pulls_the_first_ones_survey_and_merges(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    a = make_device(establishments=1)
    sync(a)
    b = make_device(share_with=a)
    survey = a.store.start_survey(a.establishments[0], FORM_ID, "1", answers=answers())
    sync(a)
    sync(b)
    copy = b.store.get_survey(survey.id)
    assert copy.answers == answers() and b.store.outbox_count() == 0
    # Both edit different questions offline: merged field by field, both end equal.
    a.store.save_answers(survey.id, answers(notes="from A"))
    b.store.save_answers(survey.id, answers(bill_mad=1200.5))
    sync(a)
    merged = sync(b)
    assert merged.merged == 1  # type: ignore[attr-defined]
    sync(a)
    expected = answers(notes="from A", bill_mad=1200.5)
    assert a.store.get_survey(survey.id).answers == expected
    assert b.store.get_survey(survey.id).answers == expected
    assert sync_server.call("state")["surveys"][survey.id]["answers"] == expected
    # Same question, different values: a conflict for a person, the server keeps its value.
    a.store.save_answers(survey.id, {**expected, "residents": 11})
    b.store.save_answers(survey.id, {**expected, "residents": 12})
    sync(a)
    result = sync(b)
    assert result.conflicts == 1  # type: ignore[attr-defined]
    [conflict] = b.store.open_conflicts()
    assert (conflict.server, conflict.client) == (11, 12)
    assert b.store.get_survey(survey.id).answers["residents"] == 11
    b.store.resolve_conflict(conflict.id, 12)
    sync(b)
    sync(a)
    assert a.store.get_survey(survey.id).answers["residents"] == 12
    server = sync_server.call("state")
    assert server["surveys"][survey.id]["answers"]["residents"] == 12
    assert [c["resolved"] for c in server["conflicts"] if c["survey_id"] == survey.id] == [True]


def test_rejected_change_is_set_aside_and_does_not_block_the_others(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    device = make_device(establishments=2)
    sync(device)
    store = device.store
    ok1 = store.start_survey(device.establishments[0], FORM_ID, "1", answers=answers())
    bad = store.start_survey(device.establishments[1], FORM_ID, "9", answers=answers())
    ok2 = store.start_survey(device.establishments[1], FORM_ID, "1", answers=answers())
    wrong_type = store.start_survey(
        device.establishments[0], FORM_ID, "1", answers={"residents": "many"}
    )
    summary = SyncRun(store, policy=FAST).run()
    assert summary.error is None and not summary.ok
    assert (summary.pushed, summary.set_aside) == (2, 2)
    aside = {c.entity_id: c.reason for c in store.set_aside_changes()}
    assert set(aside) == {bad.id, wrong_type.id}
    assert aside[bad.id].startswith("unknown_form")
    assert aside[wrong_type.id].startswith("invalid_answers")
    assert store.outbox_count() == 0
    on_server = sync_server.call("state")["surveys"]
    assert ok1.id in on_server and ok2.id in on_server and bad.id not in on_server


def test_unknown_cursor_leads_to_one_clean_full_pull(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    device = make_device(establishments=2)
    first = sync(device)
    full = first.pulled  # type: ignore[attr-defined]
    assert full >= 3  # two establishments (shared + targeted entries) and the form
    device.store.set_state(STATE_CURSOR, "bm90LWEtY3Vyc29y")
    again = sync(device)
    assert again.cursor_resets == 1  # type: ignore[attr-defined]
    assert again.pulled >= full  # type: ignore[attr-defined]
    assert device.store.get_state(STATE_CURSOR) not in (None, "", "bm90LWEtY3Vyc29y")
    # The server's database was replaced (new feed epoch): same, and then quiet again.
    sync_server.call("reset_epoch")
    assert sync(device).cursor_resets == 1  # type: ignore[attr-defined]
    assert sync(device).cursor_resets == 0  # type: ignore[attr-defined]
    assert sorted(device.store.find_establishment_ids(assigned_only=True)) == sorted(
        device.establishments
    )


def test_attachment_upload_resumes_from_the_servers_offset(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    device = make_device(establishments=1)
    photo = os.urandom(700_000)
    sha = hashlib.sha256(photo).hexdigest()
    device.store.add_attachment(photo, "image/jpeg")
    # An earlier run was cut after the server had 300,000 bytes.
    sync_server.call("partial_upload", sha256=sha, data_hex=photo[:300_000].hex(), size=len(photo))
    device.store.set_state(UPLOAD_PREFIX + sha, "0")
    summary = SyncRun(
        device.store, policy=FAST, chunk_bytes=128 * 1024, max_chunk_bytes=128 * 1024
    ).run()
    assert summary.ok, summary.error
    assert summary.attachments_uploaded == 1
    assert summary.attachment_bytes == 400_000  # only what the server did not have
    assert sync_server.call("state")["attachments"][sha]["complete"]
    assert device.store.get_state(UPLOAD_PREFIX + sha) is None


def test_attachment_upload_without_a_local_record_follows_the_servers_409(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    device = make_device(establishments=1)
    photo = os.urandom(300_000)
    sha = hashlib.sha256(photo).hexdigest()
    device.store.add_attachment(photo, "image/jpeg")
    sync_server.call("partial_upload", sha256=sha, data_hex=photo[:100_000].hex(), size=len(photo))
    summary = SyncRun(
        device.store, policy=FAST, chunk_bytes=64 * 1024, max_chunk_bytes=64 * 1024
    ).run()
    assert summary.ok, summary.error
    assert sync_server.call("state")["attachments"][sha]["complete"]
    # First chunk refused with the server's offset, then 200,000 bytes in 4 chunks.
    assert summary.attachment_bytes == 200_000


def test_cancelled_run_stops_and_says_so(make_device: Callable[..., Device]) -> None:
    device = make_device()
    cancel = CancelToken()
    cancel.cancel()
    summary = SyncRun(device.store, policy=FAST, cancel=cancel).run()
    assert summary.error is not None and summary.error["code"] == "cancelled"


def test_not_enrolled_profile(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p") as store:
        summary = SyncRun(store, policy=FAST).run()
    assert summary.error is not None and summary.error["code"] == "not_enrolled"
    assert "fieldapp enroll" in summary.error["message"]


def test_unreachable_server_fails_within_the_deadline(make_device: Callable[..., Device]) -> None:
    device = make_device()
    policy = RetryPolicy(
        connect_timeout=1, read_timeout=1, attempts=3, backoff_base=0.01, deadline=10
    )
    summary = SyncRun(device.store, policy=policy, server_url="http://127.0.0.1:9").run()
    assert summary.error is not None and summary.error["code"] == "unreachable"
    # Pings alongside say it (sync.transport.watch_reach), often before the run's 3 attempts.
    assert 2 <= summary.requests <= 3 + RetryPolicy().reach_attempts


def test_a_bug_ends_the_run_with_a_message_not_a_crash(
    make_device: Callable[..., Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    device = make_device()

    def broken(**kwargs: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(device.store, "changes_to_push", broken)
    summary = SyncRun(device.store, policy=FAST).run()
    assert summary.error is not None and summary.error["code"] == "internal"
    assert "boom" in summary.error["message"] and "Traceback" in summary.log[-1]


def test_own_changes_are_not_pulled_back(
    make_device: Callable[..., Device], sync_server: SyncServer, tmp_path: Path
) -> None:
    """Protocol v2: what this device pushed comes back neither as a save applied as sent nor
    as its own review; the review's new head is taken from the push result instead."""
    agent = make_device(establishments=1)
    sync(agent)
    survey = agent.store.start_survey(agent.establishments[0], FORM_ID, "1", answers=answers())
    agent.store.finalize(survey.id)
    pushed = SyncRun(agent.store, policy=FAST).run()
    assert pushed.ok and pushed.applied == 1 and pushed.pulled == 0
    assert agent.store.get_survey(survey.id).base_revision == 1
    code = sync_server.call("user", username="coord-echo", role="coordinator", regions=["MA-07"])
    coord = Store.open(tmp_path / "coord-echo", actor="coord-echo")
    try:
        enroll(coord, sync_server.url, code)
        assert SyncRun(coord, policy=FAST).run().ok
        assert coord.get_survey(survey.id).base_revision == 1
        coord.review_survey(survey.id, "return", "Photo du toit floue")
        reviewed = SyncRun(coord, policy=FAST).run()
        assert reviewed.ok and reviewed.pushed == 1 and reviewed.pulled == 0
        local = coord.get_survey(survey.id)
        assert (local.base_revision, local.status) == (2, "returned")
        assert [r.revision for r in coord.survey_revisions(survey.id)] == [1, 2]
    finally:
        coord.close()
    back = SyncRun(agent.store, policy=FAST).run()
    assert back.ok and back.pulled >= 2  # the review and the returned revision
    returned = agent.store.get_survey(survey.id)
    assert (returned.status, returned.review_comment) == ("returned", "Photo du toit floue")


def test_pushes_go_compact_once_the_server_answered_in_v2(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    device = make_device(establishments=2)
    sync(device)  # the first run learns the server's protocol
    assert device.store.get_state(STATE_SERVER_PROTOCOL) == "2"

    def survey_batch(first: int) -> dict[str, dict[str, object]]:
        made = {}
        for n in range(first, first + 30):
            values = answers(residents=n, notes=f"visite {n}")
            est = device.establishments[n % 2]
            made[device.store.start_survey(est, FORM_ID, "1", answers=values).id] = values
        return made

    made = survey_batch(0)
    changes = device.store.changes_to_push(limit=1000)
    document = json.dumps({"changes": [wire_change(c).model_dump() for c in changes]})
    old_encoding = len(gzip.compress(document.encode(), 6))
    summary = SyncRun(device.store, policy=FAST).run()
    assert summary.ok and summary.applied == 30 and summary.requests == 3  # ping, push, pull
    # Smaller than the body alone of the old encoding, with the headers of both requests.
    assert summary.bytes_sent < old_encoding
    # Many small batches, two in flight at a time: all applied, in order, none twice.
    made.update(survey_batch(30))
    summary = SyncRun(device.store, policy=FAST, batch_bytes=1024).run()
    assert summary.ok and summary.applied == 30 and summary.requests >= 4
    held = sync_server.call("state")["surveys"]
    assert {sid: held[sid]["answers"] for sid in made} == made


def test_the_last_changes_of_a_push_go_in_halves_so_the_server_tail_is_short(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    """The server applies the last batch while nothing else is on the link: 150 surveys that
    fit one batch go as 75, 38 and 37 (halves down to TAIL_CHANGES), all applied once, in
    order; 30 surveys stay one request."""
    device = make_device(establishments=2)
    sync(device)
    made = {}
    for n in range(150):
        values = answers(residents=n, notes=f"visite {n}")
        est = device.establishments[n % 2]
        made[device.store.start_survey(est, FORM_ID, "1", answers=values).id] = values
    settled: list[int] = []

    def progress(step: Progress) -> None:
        if step.phase == Phase.CHANGES and step.done and step.done not in settled:
            settled.append(step.done)

    summary = SyncRun(device.store, policy=FAST, batch_bytes=1 << 20, on_progress=progress).run()
    assert summary.ok and summary.applied == 150 and device.store.outbox_count() == 0
    assert settled == [75, 113, 150]
    held = sync_server.call("state")["surveys"]
    assert {sid: held[sid]["answers"] for sid in made} == made


def test_a_refused_compact_body_goes_again_as_json(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    """A dictionary the server cannot build (a form version it does not hold): the batch is
    sent again in the old encoding, and each change gets its own answer."""
    device = make_device(establishments=1)
    sync(device)
    ghost = form_definition(version="9", form_id="ghost_form")
    device.store.apply_server_changes(
        [ServerItem("form", "ghost_form", {**ghost, "definition": ghost})]
    )
    lost = device.store.start_survey(device.establishments[0], "ghost_form", "9", answers=answers())
    kept = device.store.start_survey(device.establishments[0], FORM_ID, "1", answers=answers())
    summary = SyncRun(device.store, policy=FAST).run()
    assert any("compact encoding refused (unknown_dictionary)" in line for line in summary.log)
    assert summary.applied == 1 and summary.set_aside == 1
    assert [c.entity_id for c in device.store.set_aside_changes()] == [lost.id]
    assert kept.id in sync_server.call("state")["surveys"]
