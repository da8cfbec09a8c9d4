"""`fieldapp enroll` and `fieldapp sync` as a person or a script runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench._syncserver import SyncServer
from bench.linkem import LinkEmulator
from fieldapp.store import Store
from tests.sync.conftest import FORM_ID, answers


def fieldapp(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # No server or data-dir settings leak in; the profile's passphrase does (tests/conftest.py).
    kept = ("FIELDAPP_PASSPHRASE", "FIELDAPP_KDF_CHEAP")
    env = {
        k: v
        for k, v in os.environ.items()
        if k in kept or not k.startswith(("FIELDAPP_", "DJANGO"))
    }
    env["FIELDAPP_TOKEN_STORE"] = "file"
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("fieldapp: error: ")
    return lines[0]


def test_enroll_and_sync_from_the_command_line(sync_server: SyncServer, tmp_path: Path) -> None:
    profile = tmp_path / "laptop"
    bad = fieldapp(profile, "enroll", "--server", sync_server.url, "--code", "WRONG")
    assert bad.returncode == 2
    assert "enrollment code is unknown" in one_line_error(bad)
    assert not profile.exists()  # a failed enrollment leaves no empty profile behind
    kept = tmp_path / "folder-with-papers"
    kept.mkdir()
    (kept / "notes.txt").write_text("mine")
    unreachable = fieldapp(kept, "enroll", "--server", "http://127.0.0.1:9", "--code", "X-Y-Z")
    assert unreachable.returncode == 2
    assert "refused the connection" in one_line_error(unreachable)
    assert [p.name for p in kept.iterdir()] == ["notes.txt"]  # only what it created is gone

    not_enrolled = fieldapp(profile, "sync")
    assert not_enrolled.returncode == 2
    assert "fieldapp enroll" in one_line_error(not_enrolled)

    code = sync_server.call("user", username="cli-agent")
    [est] = sync_server.call("establishments", codes=["EPS-CLI-1"], assign_to=["cli-agent"])
    ok = fieldapp(profile, "enroll", "--server", sync_server.url, "--code", code)
    assert ok.returncode == 0, ok.stderr
    assert "cli-agent" in ok.stdout

    first = fieldapp(profile, "sync", "--json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["ok"] and summary["pulled"] >= 2 and summary["error"] is None
    for key in ("pushed", "merged", "conflicts", "set_aside", "bytes_sent", "bytes_received"):
        assert key in summary
    assert "duration_s" in summary and "requests" in summary

    with Store.open(profile, actor="cli-agent") as store:
        store.start_survey(est, FORM_ID, "1", answers=answers())
        store.start_survey(est, FORM_ID, "404", answers=answers())  # will be set aside
    second = fieldapp(profile, "sync", "--json")
    summary = json.loads(second.stdout)
    assert second.returncode == 1  # finished, but not everything was acknowledged
    assert (summary["pushed"], summary["set_aside"]) == (1, 1)

    human = fieldapp(profile, "sync")
    assert human.returncode == 0 and "Sync done" in human.stdout


def test_failed_sync_prints_one_line_and_keeps_the_outbox(
    sync_server: SyncServer, tmp_path: Path
) -> None:
    profile = tmp_path / "laptop"
    code = sync_server.call("user", username="cli-agent2")
    [est] = sync_server.call("establishments", codes=["EPS-CLI-2"], assign_to=["cli-agent2"])
    assert fieldapp(profile, "enroll", "--server", sync_server.url, "--code", code).returncode == 0
    assert fieldapp(profile, "sync").returncode == 0
    with Store.open(profile) as store:
        store.start_survey(est, FORM_ID, "1", answers=answers())
    with LinkEmulator(sync_server.port) as link:
        link.inject("captive", count=50)
        via = f"http://127.0.0.1:{link.port}"
        portal = fieldapp(profile, "sync", "--server", via, "--json")
    assert portal.returncode == 2
    assert "captive portal" in one_line_error(portal)
    assert json.loads(portal.stdout)["error"]["code"] == "not_fieldapp"
    with Store.open(profile) as store:
        assert store.outbox_count() == 1
    refused = fieldapp(profile, "sync", "--server", "http://10.0.0.1")
    assert refused.returncode == 2 and "plain http" in one_line_error(refused)
    assert fieldapp(profile, "sync").returncode == 0
