"""The frozen bundle itself: run by .ci/run after `make dist`, skipped elsewhere.

FIELDAPP_FROZEN_APP names the built executable (dist/FieldApp/FieldApp). These tests run
that program as IT staff would, with no Python and no source tree behind it: the self-test,
the upgrade of a profile written by the first release, the CLI commands reached through
entry points, a start of the GUI on demo data, and what must not be inside.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from fieldapp.store import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
V1_PROFILE = ROOT / "tests" / "core" / "fixtures" / "v1-profile"
FROZEN = os.environ.get("FIELDAPP_FROZEN_APP", "")

pytestmark = pytest.mark.skipif(
    not FROZEN, reason="set FIELDAPP_FROZEN_APP to the built bundle's executable (.ci/run)"
)


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


def test_the_bundle_holds_no_server_tests_or_unused_qt():
    from PyInstaller.archive.readers import CArchiveReader

    modules = set(CArchiveReader(FROZEN).open_embedded_archive("PYZ.pyz").toc)
    tops = {name.split(".")[0] for name in modules}
    assert {"fieldapp", "ui", "sync", "keyring", "cryptography"} <= tops
    assert not tops & {"server", "django", "tests", "pytest", "_pytest", "hypothesis", "rich"}
    internal = Path(FROZEN).parent / "_internal"
    qt_modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.*")}
    assert qt_modules <= {"QtCore", "QtGui", "QtWidgets", "QtNetwork"}, qt_modules
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert (internal / "ui" / "i18n" / "fieldapp_ar.qm").exists()
    assert (internal / "fieldapp" / "forms" / "data" / "baseline.json").exists()
