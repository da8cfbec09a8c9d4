"""One device, one identity; bundles never roll back. Against the real server on loopback:
a stale bundle relayed after a direct sync, a profile copied to a second machine with both
copies editing, and a copy the fingerprint cannot tell (the server sees the device numbers
fork)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldapp.store import Store
from sync.bundle import export_bundle, import_file, write_receipt
from sync.client import (
    STATE_FINGERPRINT,
    STATE_MUST_ENROLL,
    SyncRun,
    enroll,
)
from sync.credentials import TokenStore, device_fingerprint
from tests.sync.conftest import FORM_ID, Device, answers

PASS = "correct horse battery"


def synced(device: Device) -> None:
    summary = SyncRun(device.store).run()
    assert summary.ok, (summary.error, summary.log)


def test_stale_bundle_relayed_after_a_direct_sync_rolls_nothing_back(
    sync_server, make_device: Callable[..., Device], coordinator: Store, tmp_path: Path
) -> None:
    agent = make_device(establishments=1)
    synced(agent)
    survey = agent.store.start_survey(agent.establishments[0], FORM_ID, "1", answers=answers())
    synced(agent)
    agent.store.save_answers(survey.id, answers(residents=20, notes="in the bundle"))
    bundle = tmp_path / "old.fab"
    export_bundle(agent.store, bundle, PASS)
    # The agent edits again and syncs directly before the coordinator relays the bundle.
    agent.store.save_answers(survey.id, answers(residents=30, notes="newer, synced directly"))
    synced(agent)
    head = sync_server.call("state")["surveys"][survey.id]
    assert head["answers"]["notes"] == "newer, synced directly"
    import_file(coordinator, bundle, PASS)
    SyncRun(coordinator).run()
    entries = coordinator.relay_entries(_bundle_id(coordinator))
    [entry] = [e for e in entries if e.entity == "survey"]
    assert entry.state == "set_aside" and entry.reason.startswith("superseded")
    after = sync_server.call("state")["surveys"][survey.id]
    assert after == head  # the old snapshot was not applied as a newer revision
    # The receipt changes nothing on the agent's laptop: it keeps its newer answers.
    write_receipt(coordinator, bundle, tmp_path / "receipt.fab", PASS)
    import_file(agent.store, tmp_path / "receipt.fab", PASS)
    assert agent.store.get_survey(survey.id).answers["notes"] == "newer, synced directly"
    synced(agent)
    assert sync_server.call("state")["surveys"][survey.id] == head


def _bundle_id(store: Store) -> str:
    return str(store.conn.execute("SELECT bundle_id FROM bundles").fetchone()[0])


def copy_profile(source: Store, target: Path) -> Store:
    """What copying the profile folder to another machine carries: the database and the token
    file (a keyring token stays behind)."""
    source.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copytree(source.data_dir, target)
    return Store.open(target)


def test_profile_copied_to_a_second_machine_both_editing_loses_nothing(
    sync_server, make_device: Callable[..., Device], tmp_path: Path
) -> None:
    laptop1 = make_device(establishments=2)
    synced(laptop1)
    survey = laptop1.store.start_survey(laptop1.establishments[0], FORM_ID, "1", answers=answers())
    synced(laptop1)
    laptop2 = copy_profile(laptop1.store, tmp_path / "copy")
    try:
        laptop1.store.save_answers(survey.id, answers(residents=11, notes="laptop 1"))
        laptop2.save_answers(survey.id, answers(residents=22, manager_name="laptop 2"))
        other = laptop2.start_survey(laptop1.establishments[1], FORM_ID, "1", answers=answers())
        synced(laptop1)
        # The copy is told, and sends nothing as laptop 1.
        refused = SyncRun(laptop2).run()
        assert refused.error is not None and refused.error["code"] == "not_enrolled"
        assert "copied" in refused.error["message"]
        assert laptop2.outbox_count() == 2
        # It enrolls as a new device (without revoking laptop 1) and its edits merge like
        # another device's: the question both changed is a conflict, nothing is overwritten.
        code = sync_server.call("user", username=laptop1.username)
        enroll(laptop2, sync_server.url, code)
        summary = SyncRun(laptop2).run()
        assert summary.error is None and summary.conflicts == 1, summary.log
        head = sync_server.call("state")["surveys"][survey.id]
        assert head["answers"]["notes"] == "laptop 1"
        assert head["answers"]["manager_name"] == "laptop 2"
        assert head["answers"]["residents"] == 11  # the server's value kept, the copy's in conflict
        [conflict] = [
            c for c in sync_server.call("state")["conflicts"] if c["survey_id"] == survey.id
        ]
        assert (conflict["server"], conflict["client"]) == (11, 22)
        assert other.id in sync_server.call("state")["surveys"]
        synced(laptop1)  # laptop 1 still syncs as itself, and takes the merge
        assert laptop1.store.get_survey(survey.id).answers["manager_name"] == "laptop 2"
    finally:
        laptop2.close()


def test_a_copy_the_fingerprint_cannot_tell_is_caught_by_its_device_numbers(
    sync_server, make_device: Callable[..., Device], tmp_path: Path
) -> None:
    """A virtual machine cloned with its disk keeps the machine id and the path: the server
    sees two changes under one device number, refuses the second copy's, and that copy must
    enroll anew; its change then goes through."""
    laptop1 = make_device(establishments=1)
    synced(laptop1)
    survey = laptop1.store.start_survey(laptop1.establishments[0], FORM_ID, "1", answers=answers())
    synced(laptop1)
    clone = copy_profile(laptop1.store, tmp_path / "clone")
    try:
        clone.set_state(STATE_FINGERPRINT, device_fingerprint(clone.data_dir))
        laptop1.store.save_answers(survey.id, answers(residents=5))
        clone.save_answers(survey.id, answers(residents=5, notes="from the clone"))
        synced(laptop1)
        forked = SyncRun(clone).run()
        assert forked.error is not None and forked.error["code"] == "not_enrolled"
        assert clone.get_state(STATE_MUST_ENROLL) == "device_forked"
        assert clone.outbox_count() == 1 and clone.set_aside_changes() == []
        assert SyncRun(clone).run().requests == 0  # refused before any request now
        code = sync_server.call("user", username=laptop1.username)
        enroll(clone, sync_server.url, code)
        assert SyncRun(clone).run().ok
        head = sync_server.call("state")["surveys"][survey.id]
        assert head["answers"]["notes"] == "from the clone" and head["answers"]["residents"] == 5
        assert TokenStore(laptop1.data_dir).load()
        synced(laptop1)  # not revoked by the clone's enrollment
    finally:
        clone.close()


# ---- receipts and bundle signatures ---------------------------------------------------------


def agent_with_bundle(make_device, tmp_path: Path) -> tuple[Device, list[str], Path]:
    agent = make_device(establishments=2)
    synced(agent)
    ids = [
        agent.store.start_survey(e, FORM_ID, "1", answers=answers(residents=i)).id
        for i, e in enumerate(agent.establishments)
    ]
    bundle = tmp_path / "agent.fab"
    export_bundle(agent.store, bundle, PASS)
    return agent, ids, bundle


def forge_receipt(manifest: dict, out: Path) -> None:
    import io
    import json
    import zipfile

    from sync.bundle import KIND_RECEIPT, seal

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
    out.write_bytes(seal(KIND_RECEIPT, buffer.getvalue(), PASS))


def test_forged_receipt_changes_nothing(
    sync_server, make_device, coordinator: Store, tmp_path: Path
) -> None:
    from sync.bundle import BundleError, BundleErrorCode, _open_file

    agent, ids, bundle = agent_with_bundle(make_device, tmp_path)
    pending = agent.store.outbox_count()
    # Someone who knows the passphrase and the device id writes "the server applied them".
    _, manifest, _ = _open_file(bundle, PASS)
    forged = {
        "format": "fieldapp-bundle", "version": 1, "kind": "receipt",
        "bundle_id": manifest["bundle_id"], "device_id": manifest["origin"]["device_id"],
        "results": [
            {"id": c["id"], "status": "applied", "revision": 1, "receipt": "00" * 64}
            for c in manifest["changes"]
        ],
        "attachments": [], "set_aside": [],
    }  # fmt: skip
    forge_receipt(forged, tmp_path / "forged.fab")
    with pytest.raises(BundleError) as info:
        import_file(agent.store, tmp_path / "forged.fab", PASS)
    assert info.value.code == BundleErrorCode.TAMPERED
    assert agent.store.outbox_count() == pending
    assert not set(ids) & set(sync_server.call("state")["surveys"])
    # A genuine receipt whose result was altered (another revision) does not verify either.
    import_file(coordinator, bundle, PASS)
    assert SyncRun(coordinator).run().relayed == 2
    write_receipt(coordinator, bundle, tmp_path / "genuine.fab", PASS)
    _, genuine, _ = _open_file(tmp_path / "genuine.fab", PASS)
    assert all(len(r["receipt"]) == 128 for r in genuine["results"])
    altered = {**genuine, "results": [{**r, "revision": 7} for r in genuine["results"]]}
    forge_receipt(altered, tmp_path / "altered.fab")
    with pytest.raises(BundleError):
        import_file(agent.store, tmp_path / "altered.fab", PASS)
    assert agent.store.outbox_count() == pending
    # The genuine one clears exactly what the server applied.
    cleared = import_file(agent.store, tmp_path / "genuine.fab", PASS)
    assert cleared.new == 2 and agent.store.outbox_count() == 0
    assert all(agent.store.get_survey(i).base_revision == 1 for i in ids)


def test_bundles_are_signed_by_the_device_key_and_relayed_only_by_a_coordinator_of_the_region(
    sync_server, make_device, coordinator: Store, tmp_path: Path, unique
) -> None:
    from sync.bundle import _open_file
    from sync.protocol import change_digest, relay_signature

    agent, _, bundle = agent_with_bundle(make_device, tmp_path)
    _, manifest, _ = _open_file(bundle, PASS)
    assert all(len(c["signature"]) == 128 for c in manifest["changes"])  # Ed25519, not HMAC
    # The HMAC of the token hash (what the server stores, and an admin could read) no longer
    # signs for a device that enrolled with a key.
    import hashlib

    token_hash = hashlib.sha256(TokenStore(agent.data_dir).load().encode()).hexdigest()
    import_file(coordinator, bundle, PASS)
    first = manifest["changes"][0]
    digest = change_digest(
        first["entity"], first["entity_id"], first["op"], first["base_revision"], first["payload"]
    )
    coordinator.conn.execute(
        "UPDATE relay SET signature = ? WHERE change_id = ?",
        (relay_signature(token_hash, first["id"], digest), first["id"]),
    )
    # A coordinator of another region relays nothing of it.
    elsewhere_name = unique("coord")
    code = sync_server.call("user", username=elsewhere_name, role="coordinator", regions=["MA-06"])
    with Store.open(tmp_path / elsewhere_name, actor=elsewhere_name) as elsewhere:
        enroll(elsewhere, sync_server.url, code)
        import_file(elsewhere, bundle, PASS)
        SyncRun(elsewhere).run()
        entries = elsewhere.relay_entries(_bundle_id(elsewhere))
        refused = [e for e in entries if e.entity == "survey"]
        assert all(e.state == "set_aside" and "outside your regions" in e.reason for e in refused)
    SyncRun(coordinator).run()
    states = {e.change_id: e for e in coordinator.relay_entries(manifest["bundle_id"])}
    assert states[first["id"]].state == "set_aside"
    assert "does not verify" in states[first["id"]].reason
    second = manifest["changes"][1]
    assert states[second["id"]].state == "acknowledged"
    on_server = sync_server.call("state")["surveys"]
    assert first["entity_id"] not in on_server and second["entity_id"] in on_server
