"""The frozen bundle itself: run by .ci/run after `make dist` (not collected elsewhere).

FIELDAPP_FROZEN_APP names the built executable (dist/FieldApp/FieldApp). These tests run
that program as IT staff would, with no Python and no source tree behind it: the self-test,
the upgrade of a profile written by the first release, the CLI commands reached through
entry points, a start of the GUI on demo data, a sneakernet bundle exported and imported
(cryptography), CSV and XLSX exports (openpyxl), and what must and must not be inside.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from fieldapp.store import SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parents[2]
V1_PROFILE = ROOT / "tests" / "core" / "fixtures" / "v1-profile"
FROZEN = os.environ.get("FIELDAPP_FROZEN_APP", "")


def frozen(*args: str, data_dir: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    full_env.pop("FIELDAPP_DATA_DIR", None)
    # Nothing of the source tree may leak in: the bundle must stand on its own.
    full_env.pop("PYTHONPATH", None)
    command = [FROZEN, *(["--data-dir", str(data_dir)] if data_dir else []), *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=full_env, cwd="/"
    )


def test_self_test_passes():
    done = frozen("--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(frozen," in done.stdout
    assert "self-test: ok" in done.stdout


def test_a_profile_from_the_first_release_opens_and_keeps_its_data(tmp_path):
    profile = tmp_path / "v1-profile"
    shutil.copytree(V1_PROFILE, profile)
    done = frozen("check", "--json", data_dir=profile)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True
    assert report["schema_version"] == SCHEMA_VERSION
    assert report["surveys"]["draft"] == 1
    assert report["outbox"] == 3  # the unsynced changes are still queued
    assert report["attachments"] == 1
    assert report["missing_attachment_files"] == []


def test_version_and_the_entry_point_commands():
    from fieldapp import __version__

    done = frozen("--version")
    assert done.stdout.strip() == f"fieldapp {__version__}"
    helped = frozen("--help")
    assert helped.returncode == 0
    assert "sync" in helped.stdout  # registered by sync through the fieldapp.commands group


def test_the_window_opens_on_demo_data(tmp_path):
    made = frozen(
        "demo", "--establishments", "30", "--surveys", "40", "--seed", "2", data_dir=tmp_path
    )
    assert made.returncode == 0, made.stderr
    started = frozen(data_dir=tmp_path, FIELDAPP_EXIT_WHEN_READY="1")
    assert started.returncode == 0, started.stdout + started.stderr
    assert "FIELDAPP_READY" in started.stdout
    assert "rows=30" in started.stdout


def test_the_window_builds_synchronisation_after_showing_the_list(tmp_path):
    made = frozen("demo", "--establishments", "5", "--surveys", "5", data_dir=tmp_path)
    assert made.returncode == 0, made.stderr
    started = frozen(data_dir=tmp_path, FIELDAPP_EXIT_WHEN_READY="1")
    assert started.returncode == 0, started.stdout + started.stderr
    lines = started.stdout.split()
    ready = float(lines[lines.index("FIELDAPP_READY") + 1])
    idle = float(lines[lines.index("FIELDAPP_IDLE") + 1])
    assert ready <= idle


def _enrolled_demo(profile: Path, role: str) -> None:
    """A demo profile that looks enrolled (device id, role, token file) without a server."""
    made = frozen(
        "demo", "--establishments", "10", "--surveys", "12", "--seed", "4", data_dir=profile
    )
    assert made.returncode == 0, made.stderr
    with Store.open(profile) as store:
        store.set_state("device_id", f"device-{role}")
        store.set_state("username", f"{role}.frozen")
        store.set_state("role", role)
    (profile / "device-token").write_text(f"token-{role}")
    (profile / "device-token").chmod(0o600)


def test_a_sneakernet_bundle_exported_and_imported_by_the_frozen_app(tmp_path):
    agent, coordinator = tmp_path / "agent", tmp_path / "coordinator"
    _enrolled_demo(agent, "agent")
    _enrolled_demo(coordinator, "coordinator")
    out = tmp_path / "usb" / "agent.fab"
    out.parent.mkdir()
    keys = {"FIELDAPP_TOKEN_STORE": "file"}
    outbox = json.loads(frozen("check", "--json", data_dir=agent).stdout)["outbox"]
    assert outbox > 0

    short = frozen("bundle", "export", "--out", str(out), data_dir=agent,
                   FIELDAPP_BUNDLE_PASSPHRASE="x", **keys)  # fmt: skip
    assert short.returncode == 2 and "at least" in short.stderr, short.stderr
    assert "Traceback" not in short.stderr

    exported = frozen("bundle", "export", "--out", str(out), data_dir=agent,
                      FIELDAPP_BUNDLE_PASSPHRASE="usb stick 2024", **keys)  # fmt: skip
    assert exported.returncode == 0, exported.stdout + exported.stderr
    assert f"{outbox} changes" in exported.stdout
    assert out.read_bytes()[:8] == b"FLDAPPB2"  # the format with its KDF cost in the header

    wrong = frozen("bundle", "import", str(out), data_dir=coordinator,
                   FIELDAPP_BUNDLE_PASSPHRASE="not the one", **keys)  # fmt: skip
    assert wrong.returncode == 2 and "wrong passphrase" in wrong.stderr, wrong.stderr

    imported = frozen("bundle", "import", str(out), data_dir=coordinator,
                      FIELDAPP_BUNDLE_PASSPHRASE="usb stick 2024", **keys)  # fmt: skip
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert f"{outbox} changes" in imported.stdout and f"{outbox} new" in imported.stdout
    again = frozen("bundle", "import", str(out), data_dir=coordinator,
                   FIELDAPP_BUNDLE_PASSPHRASE="usb stick 2024", **keys)  # fmt: skip
    assert again.returncode == 0 and "already imported" in again.stdout, again.stdout


def test_enroll_and_sync_with_a_real_server_from_the_frozen_app(tmp_path):
    # requests, urllib3, pydantic, keyring (its file fallback here) as frozen, over HTTP.
    from bench._syncserver import SyncServer

    server = SyncServer(tmp_path / "server").start()
    try:
        code = server.call("user", username="frozen-agent")
        server.call("establishments", codes=["EPS-FROZEN-1"], assign_to=["frozen-agent"])
        profile = tmp_path / "laptop"
        keys = {"FIELDAPP_TOKEN_STORE": "file"}
        enrolled = frozen("enroll", "--server", server.url, "--code", code, data_dir=profile,
                          **keys)  # fmt: skip
        assert enrolled.returncode == 0, enrolled.stdout + enrolled.stderr
        assert "frozen-agent" in enrolled.stdout
        synced = frozen("sync", "--json", data_dir=profile, **keys)
        assert synced.returncode == 0, synced.stdout + synced.stderr
        assert synced.stderr == ""  # no warning from a left-out library
        summary = json.loads(synced.stdout)
        assert summary["ok"] and summary["pulled"] >= 1 and summary["error"] is None
    finally:
        server.stop()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_from_the_frozen_app(tmp_path, fmt):
    made = frozen("demo", "--establishments", "10", "--surveys", "12", data_dir=tmp_path)
    assert made.returncode == 0, made.stderr
    out = tmp_path / f"surveys.{fmt}"
    done = frozen("export", "--format", fmt, "--out", str(out), data_dir=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.exists() and out.stat().st_size > 0
    if fmt == "xlsx":
        assert out.read_bytes()[:2] == b"PK"


def test_the_bundle_holds_no_server_tests_or_unused_qt():
    from PyInstaller.archive.readers import CArchiveReader

    modules = set(CArchiveReader(FROZEN).open_embedded_archive("PYZ.pyz").toc)
    tops = {name.split(".")[0] for name in modules}
    assert {"fieldapp", "ui", "sync", "keyring", "cryptography"} <= tops
    assert not tops & {"server", "django", "tests", "pytest", "_pytest", "hypothesis", "rich"}
    # Left out on purpose (packaging/bundle.py): the app never runs them.
    assert not tops & {"asyncio", "pydoc", "xmlrpc", "charset_normalizer"}
    assert "pydantic.v1" not in modules
    internal = Path(FROZEN).parent / "_internal"
    assert not list(internal.rglob("_codecs_jp*"))
    qt_modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.*")}
    assert qt_modules <= {"QtCore", "QtGui", "QtWidgets", "QtNetwork"}, qt_modules
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert (internal / "fieldapp" / "forms" / "data" / "baseline.json").exists()
    assert (internal / "ui" / "morocco.geojson").exists()
    # Every translation source has its compiled file in the bundle.
    shipped = {p.stem for p in (internal / "ui" / "i18n").glob("*.qm")}
    assert shipped == {p.stem for p in (ROOT / "ui" / "i18n").glob("*.ts")}
    assert not list(internal.rglob("*.ts")) and not list(internal.rglob("*.pyi"))
