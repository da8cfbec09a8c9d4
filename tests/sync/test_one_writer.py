"""One writer per profile, and a change id always means one content (issue 11, item 5).

Real processes on one profile against the live sync server: the desktop app's pattern (a
writer thread autosaving while a sync thread pushes, in one process) and `fieldapp sync` run
from a terminal at the same time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench._syncserver import SyncServer
from fieldapp.store import AckResult, Store
from sync import protocol as p
from sync.client import SyncRun, ack_of
from sync.credentials import TokenStore
from sync.transport import Transport
from tests.sync.conftest import FORM_ID, Device, answers
from tests.sync.test_cli import one_line_error

ROOT = Path(__file__).resolve().parents[2]

# The app: a writer thread autosaves every few ms while the main thread syncs, each with its
# own Store, for `seconds`; then one last sync. Prints what it saw as JSON.
APP = textwrap.dedent(
    """
    import json, sys, threading, time
    from pathlib import Path
    from fieldapp.store import Store
    from fieldapp.store.profile_lock import set_program
    from sync.client import SyncRun

    data_dir, survey_id, seconds = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    set_program("FieldApp")
    sync_store = Store.open(data_dir, wait=60)
    print("ready", flush=True)
    stop = threading.Event()
    saves = [0]

    def autosave():
        with Store.open(data_dir) as writer:
            while not stop.is_set():
                saves[0] += 1
                writer.save_answers(
                    survey_id, {"residents": saves[0], "has_internet": "no", "notes": "app"}
                )
                stop.wait(0.05)  # autosave's pace; returns at once when told to stop

    thread = threading.Thread(target=autosave)
    thread.start()
    runs = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        runs.append(SyncRun(sync_store).run())
    stop.set()
    thread.join()
    runs.append(SyncRun(sync_store).run())
    print(json.dumps({
        "saves": saves[0],
        "runs": len(runs),
        "errors": [r.error for r in runs if r.error],
        "set_aside": sum(r.set_aside for r in runs),
        "renewed": sum("new ids" in line for r in runs for line in r.log),
        "last_ok": runs[-1].ok,
        "answers": sync_store.get_survey(survey_id).answers,
    }), flush=True)
    sync_store.close()
    """
)


def env() -> dict[str, str]:
    # No server or data-dir settings leak in; the profile's passphrase does (tests/conftest.py).
    kept = ("FIELDAPP_PASSPHRASE", "FIELDAPP_KDF_LOG2N")
    env = {
        k: v
        for k, v in os.environ.items()
        if k in kept or not k.startswith(("FIELDAPP_", "DJANGO"))
    }
    return {**env, "FIELDAPP_TOKEN_STORE": "file"}


def start_app(data_dir: Path, survey_id: str, seconds: float) -> subprocess.Popen[str]:
    log = (data_dir.parent / f"{data_dir.name}-app.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-c", APP, str(data_dir), survey_id, str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env=env(),
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready", Path(log.name).read_text()
    return proc


def cli_sync(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), "sync", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env(),
    )


def app_report(proc: subprocess.Popen[str]) -> dict[str, object]:
    try:
        out, _ = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    assert proc.returncode == 0, out
    report: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return report


def pulled(device: Device) -> Store:
    assert SyncRun(device.store).run().ok  # the establishments and the form
    return device.store


def started_survey(device: Device) -> str:
    pulled(device)
    survey = device.store.start_survey(
        device.establishments[0], FORM_ID, "1", answers=answers(notes="start")
    )
    assert SyncRun(device.store).run().ok
    device.store.close()  # the test process lets go: the processes below hold the profile
    return survey.id


def assert_server_holds(sync_server: SyncServer, device: Device, survey_id: str) -> None:
    with Store.open(device.data_dir) as store:
        local = store.get_survey(survey_id)
        assert store.outbox_count() == 0
        assert store.set_aside_changes() == []
    server = sync_server.call("state")["surveys"][survey_id]
    assert server["answers"] == local.answers


def test_fieldapp_sync_while_the_app_autosaves_and_syncs_names_the_app_and_exits_2(
    sync_server: SyncServer, make_device: Callable[..., Device]
) -> None:
    device = make_device(1)
    survey_id = started_survey(device)
    app = start_app(device.data_dir, survey_id, seconds=20.0)  # outlasts a slow start
    started = time.monotonic()
    cli = cli_sync(device.data_dir)
    waited = time.monotonic() - started
    assert cli.returncode == 2  # truthful: it synced nothing
    line = one_line_error(cli)
    assert f"in use by process {app.pid} (FieldApp" in line and cli.stdout == ""
    assert waited >= 4.5  # it waited briefly for the profile first
    report = app_report(app)
    assert report["errors"] == [] and report["set_aside"] == 0 and report["renewed"] == 0
    assert report["last_ok"] is True and int(report["saves"]) > 10 and int(report["runs"]) >= 2
    # Once the app is gone, the same command syncs, and says so.
    again = cli_sync(device.data_dir)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["ok"] is True
    assert_server_holds(sync_server, device, survey_id)


def test_the_app_waits_for_a_fieldapp_sync_then_autosaves_and_syncs(
    sync_server: SyncServer, make_device: Callable[..., Device]
) -> None:
    device = make_device(1)
    survey_id = started_survey(device)
    with Store.open(device.data_dir) as store:  # plenty for the command to push
        for n in range(300):
            store.save_answers(survey_id, answers(residents=n, notes="cli"))
    cli = subprocess.Popen(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(device.data_dir), "sync", "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )
    app = start_app(device.data_dir, survey_id, seconds=3.0)  # waits for the command first
    out, err = cli.communicate(timeout=300)
    assert cli.returncode == 0, err
    assert json.loads(out)["ok"] is True
    report = app_report(app)
    assert report["errors"] == [] and report["set_aside"] == 0 and report["renewed"] == 0
    assert report["last_ok"] is True
    assert_server_holds(sync_server, device, survey_id)


def test_a_rebased_snapshot_gets_a_new_change_id_so_its_push_is_never_id_reuse(
    sync_server: SyncServer, make_device: Callable[..., Device]
) -> None:
    """The interleaving two processes once made (and a lost answer still can): a snapshot
    leaves, then an older change's acknowledgement rebases it."""
    device = make_device(1)
    store = pulled(device)
    survey = store.start_survey(
        device.establishments[0], FORM_ID, "1", answers=answers(residents=1)
    )
    token = TokenStore(device.data_dir).load()
    run = SyncRun(store)
    with Transport(sync_server.url, token=token) as http:

        def push(changes: list) -> list[p.ChangeResult]:
            reply = http.call(
                "POST", "/sync/push", p.PushResponse, body=run._encode(changes),
                headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
            )  # fmt: skip
            return list(reply.body.results)

        [first] = store.changes_to_push()
        [first_result] = push([first])  # sent; its answer is not processed yet
        store.save_answers(survey.id, answers(residents=2))  # autosave while it was on its way
        [second] = store.changes_to_push()
        [second_result] = push([second])  # another sync sends it; its answer is lost
        assert second_result.status == p.APPLIED
        store.acknowledge([ack_of(first_result)])  # the first answer arrives: a rebase
    [rebased] = store.pending_changes()
    assert rebased.seq == second.seq and rebased.base_revision == first_result.revision
    assert rebased.id != second.id  # new content, new id
    summary = SyncRun(store).run()
    assert summary.ok and summary.set_aside == 0 and summary.set_aside_total == 0
    assert not any("new ids" in line for line in summary.log)
    assert sync_server.call("state")["surveys"][survey.id]["answers"] == answers(residents=2)


def test_a_change_set_aside_as_id_reuse_goes_again_under_a_new_id(
    sync_server: SyncServer, make_device: Callable[..., Device]
) -> None:
    """A profile that met the old bug: the server knows the id with other content. The row
    goes again under a new id in the same run, instead of staying set aside for good."""
    device = make_device(1)
    store = pulled(device)
    survey = store.start_survey(
        device.establishments[0], FORM_ID, "1", answers=answers(residents=1)
    )
    assert SyncRun(store).run().ok
    store.save_answers(survey.id, answers(residents=2))
    [change] = store.changes_to_push()
    token = TokenStore(device.data_dir).load()
    with Transport(sync_server.url, token=token) as http:
        http.call(
            "POST", "/sync/push", p.PushResponse, body=SyncRun(store)._encode([change]),
            headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
        )  # fmt: skip
    # The old code rewrote a sent row in place; so does this, by hand.
    payload = dict(change.payload, answers=answers(residents=3))
    store.conn.execute(
        "UPDATE changes SET payload = ? WHERE id = ?", (json.dumps(payload), change.id)
    )
    store.conn.execute(
        "UPDATE surveys SET answers = ? WHERE id = ?", (json.dumps(answers(residents=3)), survey.id)
    )
    summary = SyncRun(store).run()
    assert summary.ok, summary.log
    assert any("sent again under new ids" in line for line in summary.log)
    assert store.set_aside_changes() == [] and store.outbox_count() == 0
    assert sync_server.call("state")["surveys"][survey.id]["answers"] == answers(residents=3)

    # One set aside by an older release is renewed at the start of the next run.
    store.save_answers(survey.id, answers(residents=4))
    [pending] = store.pending_changes()
    store.set_aside(pending.id, "id_reuse: this change id was already used for different content")
    summary = SyncRun(store).run()
    assert summary.ok and store.set_aside_changes() == []
    assert sync_server.call("state")["surveys"][survey.id]["answers"] == answers(residents=4)


@pytest.mark.parametrize("answered_together", [True, False])
def test_an_acknowledgement_never_renames_a_change_answered_in_the_same_reply(
    make_device: Callable[..., Device], answered_together: bool
) -> None:
    device = make_device(1)
    store = pulled(device)
    survey = store.start_survey(
        device.establishments[0], FORM_ID, "1", answers=answers(residents=1)
    )
    store.save_answers(survey.id, answers(residents=2))
    first, second = store.pending_changes()
    acks = [AckResult(first.id, revision=1)]
    if answered_together:
        acks.append(AckResult(second.id, revision=2))
    store.acknowledge(acks)
    if answered_together:
        assert store.pending_changes() == []
    else:
        [left] = store.pending_changes()
        assert left.id != second.id and left.base_revision == 1
