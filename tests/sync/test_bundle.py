"""Sneakernet round trip over a real server on loopback: agent -> bundle -> coordinator ->
server -> receipt -> agent, with nothing lost or duplicated; damaged files refused; imports
idempotent."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from bench._syncserver import SyncServer
from fieldapp.cli import main
from fieldapp.store import Store
from sync.bundle import (
    KIND_RECEIPT,
    BundleError,
    BundleErrorCode,
    _open_file,
    export_bundle,
    import_file,
    seal,
    write_receipt,
)
from sync.client import SyncRun, enroll
from sync.run.base import CHUNK_BYTES
from tests.server.forms import form_definition
from tests.sync.conftest import FORM_ID, Device, answers

PASS = "correct horse battery"


def agent_with_work(make_device) -> tuple[Device, list[str]]:
    agent = make_device(establishments=2)
    assert SyncRun(agent.store).run().error is None  # establishments and the form arrive
    photo = agent.store.add_attachment(b"\xff\xd8 roof photo " * 50, "image/jpeg")
    first = agent.store.start_survey(agent.establishments[0], FORM_ID, "1", answers=answers())
    agent.store.save_answers(first.id, answers(residents=11, notes=f"photo {photo}"))
    second = agent.store.start_survey(agent.establishments[1], FORM_ID, "1", answers=answers())
    agent.store.finalize(second.id, answers(residents=30, has_internet="yes"))
    return agent, [first.id, second.id]


def test_bundle_round_trip_loses_and_duplicates_nothing(
    sync_server, make_device, coordinator: Store, tmp_path: Path
) -> None:
    agent, survey_ids = agent_with_work(make_device)
    outbox_before = agent.store.outbox_count()
    bundle = tmp_path / "usb" / "agent.fab"
    exported = export_bundle(agent.store, bundle, PASS)
    assert (exported.changes, exported.attachments) == (2, 1)  # newest snapshot of each survey

    imported = import_file(coordinator, bundle, PASS)
    assert (imported.kind, imported.new, imported.already) == ("bundle", 3, False)
    again = import_file(coordinator, bundle, PASS)
    assert (again.new, again.already) == (0, True)  # twice changes nothing
    assert coordinator.relay_pending_count() == 3
    assert coordinator.check().relay_pending == 3  # `fieldapp check` shows them waiting

    summary = SyncRun(coordinator).run()
    reasons = [e.reason for e in coordinator.relay_entries(imported.bundle_id)]
    assert summary.error is None and summary.relayed == 2, reasons
    assert summary.relay_remaining == 0 and coordinator.check().relay_pending == 0
    state = sync_server.call("state")
    for sid in survey_ids:
        assert state["surveys"][sid]["revision"] == 1
    assert state["surveys"][survey_ids[1]]["status"] == "finalized"
    assert state["surveys"][survey_ids[0]]["answers"]["residents"] == 11
    assert any(a["complete"] for a in state["attachments"].values())

    receipt = tmp_path / "usb" / "receipt.fab"
    written = write_receipt(coordinator, bundle, receipt, PASS)
    assert (written.acknowledged, written.pending, written.set_aside) == (3, 0, 0)

    cleared = import_file(agent.store, receipt, PASS)
    # What the server signed is cleared: the survey changes, and the photo it holds.
    assert cleared.kind == "receipt" and cleared.new == outbox_before
    assert agent.store.outbox_count() == 0
    assert agent.store.get_survey(survey_ids[1]).base_revision == 1
    assert import_file(agent.store, receipt, PASS).new == 0  # twice changes nothing

    # The agent's next direct sync sends nothing again: one revision per survey on the server.
    direct = SyncRun(agent.store).run()
    assert direct.pushed == 0 and direct.ok and agent.store.outbox_count() == 0
    revisions = sync_server.call("state")["revisions"]
    assert revisions == state["revisions"]


def as_previous_release_wrote_it(receipt: Path) -> None:
    """The receipt as the previous release wrote it: its files named, without a signature."""
    _, manifest, _ = _open_file(receipt, PASS)
    manifest["attachments"] = [f["change_id"] for f in manifest["attachments"]]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
    receipt.write_bytes(seal(KIND_RECEIPT, buffer.getvalue(), PASS))


def test_a_receipt_clears_the_files_the_relay_uploaded_so_the_next_sync_sends_none_again(
    tmp_path: Path, pg_url: str
) -> None:
    """Two agents each send a 600 KB photo through the coordinator's relay (PostgreSQL
    server). Agent A's receipt carries the server's signature for the photo it holds: A's
    next direct sync uploads nothing. Agent B gets the receipt the previous release wrote
    (files named, unsigned): its next sync uploads the whole photo again. The difference is
    what the receipt saves on the agent's link: the first chunk of every file (256 KB), and a
    round trip per file."""
    size = 600 * 1024
    with SyncServer(tmp_path / "server", database_url=pg_url) as server:
        server.call("publish_form", definition=form_definition())
        enroll_codes = {u: server.call("user", username=u) for u in ("fa", "fb")}
        coord_code = server.call("user", username="fc", role="coordinator", regions=["MA-07"])
        ids = server.call("establishments", codes=["EPS-F1", "EPS-F2"], assign_to=["fa", "fb"])
        coordinator = Store.open(tmp_path / "fc", actor="fc")
        enroll(coordinator, server.url, coord_code)
        measured: dict[str, dict[str, int]] = {}
        try:
            for i, name in enumerate(("fa", "fb")):
                agent = Store.open(tmp_path / name, actor=name)
                try:
                    enroll(agent, server.url, enroll_codes[name])
                    assert SyncRun(agent).run().ok
                    sha = agent.add_attachment(os.urandom(size), "image/jpeg")
                    agent.start_survey(ids[i], FORM_ID, "1", answers=answers(notes=sha))
                    bundle, receipt = tmp_path / f"{name}.fab", tmp_path / f"{name}-r.fab"
                    export_bundle(agent, bundle, PASS)
                    import_file(coordinator, bundle, PASS)
                    relayed = SyncRun(coordinator).run()
                    assert relayed.ok and relayed.relayed == 1, relayed.log
                    assert server.call("state")["attachments"][sha]["complete"]
                    written = write_receipt(coordinator, bundle, receipt, PASS)
                    assert (written.acknowledged, written.pending) == (2, 0)
                    if name == "fb":
                        as_previous_release_wrote_it(receipt)
                    imported = import_file(agent, receipt, PASS)
                    assert imported.attachments == (1 if name == "fa" else 0)
                    assert agent.outbox_count() == (0 if name == "fa" else 1)
                    direct = SyncRun(agent).run()
                    assert direct.ok and direct.pushed == 0 and agent.outbox_count() == 0
                    measured[name] = {
                        "attachment_bytes": direct.attachment_bytes,
                        "bytes_sent": direct.bytes_sent,
                    }
                finally:
                    agent.close()
        finally:
            coordinator.close()
    assert measured["fa"]["attachment_bytes"] == 0
    # Without the signature the first chunk goes up before the server says it has the file.
    assert measured["fb"]["attachment_bytes"] == min(size, CHUNK_BYTES)
    saved = measured["fb"]["bytes_sent"] - measured["fa"]["bytes_sent"]
    assert saved >= min(size, CHUNK_BYTES)
    print(json.dumps({"receipt_saves_bytes": saved, **{k: v for k, v in measured.items()}}))


def test_a_receipt_file_signed_for_another_change_clears_nothing(
    sync_server, make_device, coordinator: Store, tmp_path: Path
) -> None:
    """The server's signature for a file names the upload change and the SHA-256: a carrier
    who puts it on another change of the agent's outbox (a survey) is refused, nothing is
    cleared."""
    agent, _ = agent_with_work(make_device)
    bundle, receipt = tmp_path / "b.fab", tmp_path / "r.fab"
    export_bundle(agent.store, bundle, PASS)
    import_file(coordinator, bundle, PASS)
    assert SyncRun(coordinator).run().ok
    write_receipt(coordinator, bundle, receipt, PASS)
    _, manifest, _ = _open_file(receipt, PASS)
    [photo] = manifest["attachments"]
    survey = next(c for c in agent.store.pending_changes() if c.entity == "survey")
    manifest["results"] = []
    manifest["attachments"] = [{**photo, "change_id": survey.id}]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
    receipt.write_bytes(seal(KIND_RECEIPT, buffer.getvalue(), PASS))
    before = agent.store.outbox_count()
    with pytest.raises(BundleError) as err:
        import_file(agent.store, receipt, PASS)
    assert err.value.code == BundleErrorCode.TAMPERED
    assert agent.store.outbox_count() == before


def test_an_edit_after_export_survives_the_receipt(
    sync_server, make_device, coordinator: Store, tmp_path: Path
) -> None:
    agent, survey_ids = agent_with_work(make_device)
    bundle = tmp_path / "b.fab"
    export_bundle(agent.store, bundle, PASS)
    agent.store.save_answers(survey_ids[0], answers(residents=12))  # after the export
    import_file(coordinator, bundle, PASS)
    SyncRun(coordinator).run()
    write_receipt(coordinator, bundle, tmp_path / "r.fab", PASS)
    import_file(agent.store, tmp_path / "r.fab", PASS)
    [left] = [c for c in agent.store.pending_changes() if c.entity == "survey"]
    assert left.payload["answers"]["residents"] == 12 and left.base_revision == 1
    assert SyncRun(agent.store).run().ok
    assert sync_server.call("state")["surveys"][survey_ids[0]]["answers"]["residents"] == 12


def test_damaged_or_foreign_files_are_refused_with_one_line(
    make_device, coordinator: Store, tmp_path: Path, capsys, monkeypatch
) -> None:
    agent, _ = agent_with_work(make_device)
    bundle = tmp_path / "b.fab"
    export_bundle(agent.store, bundle, PASS)
    data = bundle.read_bytes()
    cases = {
        "tampered": data[:-40] + bytes([data[-40] ^ 1]) + data[-39:],
        "truncated": data[: len(data) // 2],
        "not_a_bundle": b"PK\x03\x04 a zip, not a bundle",
    }
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(BundleError) as err:
            import_file(coordinator, tmp_path / name, PASS)
        assert err.value.code == BundleErrorCode(name)
    with pytest.raises(BundleError) as err:
        import_file(coordinator, bundle, "wrong passphrase")
    assert err.value.code == BundleErrorCode.WRONG_PASSPHRASE
    assert coordinator.relay_pending_count() == 0  # nothing written by any of them
    with pytest.raises(BundleError) as err:
        import_file(agent.store, bundle, PASS)  # a bundle is relayed by a coordinator
    assert err.value.code == BundleErrorCode.NOT_COORDINATOR

    monkeypatch.setenv("FIELDAPP_BUNDLE_PASSPHRASE", PASS)
    argv = ["--data-dir", str(coordinator.data_dir), "bundle", "import", str(tmp_path / "tampered")]
    assert main(argv) == 2
    err_lines = capsys.readouterr().err.strip().splitlines()
    assert err_lines == ["fieldapp: error: this bundle was altered or damaged (its checksum fails)"]
    argv[-1] = str(bundle)
    assert main(argv) == 0
    assert "3 new" in capsys.readouterr().out


def test_an_import_cut_by_a_full_disk_says_exactly_what_it_kept(
    sync_server, make_device, tiny_disk, unique, tmp_path: Path
) -> None:
    """The issue: a bundle import on a full disk said "nothing was saved" after keeping a
    photo."""
    import os

    from fieldapp.store import StoreError
    from tests.conftest import fill_disk

    agent, _ = agent_with_work(make_device)
    for _ in range(3):
        agent.store.add_attachment(os.urandom(150_000), "image/jpeg")
    bundle = tmp_path / "agent.fab"
    assert export_bundle(agent.store, bundle, PASS).attachments == 4
    username = unique("coord")
    code = sync_server.call("user", username=username, role="coordinator", regions=["MA-07"])
    with Store.open(tiny_disk / username, actor=username) as coordinator:
        enroll(coordinator, sync_server.url, code)
        fill_disk(tiny_disk, leave=200_000)
        with pytest.raises(StoreError) as info:
            import_file(coordinator, bundle, PASS)
        photos = [p for p in (tiny_disk / username / "attachments").rglob("*") if p.is_file()]
        message = str(info.value)
        assert "nothing was saved" not in message
        assert f"{len(photos)} of 4 photos were written" in message
        assert "no change of it was recorded" in message
        assert coordinator.relay_pending_count() == 0
