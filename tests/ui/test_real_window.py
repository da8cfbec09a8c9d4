"""A real window, not `offscreen`: the app started on the xcb platform under Xvfb, at
1366x768 and 1280x720, at 100, 125 and 150 % (QT_SCALE_FACTOR), in French and Arabic, fits the
screen: the main window, the status bar with the unsent surveys, an open survey's Finalize
button, the Sync dock (panel and conflicts) beside the list without cutting the list's
filters, names and survey headings, and every dialog (settings, received items set aside,
enroll, keyboard shortcuts, quit with unsent surveys, an error, PIN, report export, form
version move, the audit log's name and reason questions) with every button on screen or in a
scroll area that is. Where a frozen bundle exists (FIELDAPP_FROZEN_APP), its self-test runs on
xcb too: the xcb plugin and the system libraries it needs load.

Needs Xvfb and the xcb libraries (.ci/run installs them; docs/packaging.md lists them); a
machine without Xvfb skips, CI fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIZES = ["1366x768", "1280x720"]
SCALES = ["1", "1.25", "1.5"]


def _xvfb_or_skip() -> str:
    found = shutil.which("Xvfb")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is missing: .ci/run installs it (package xvfb)")
        pytest.skip("Xvfb is not installed on this machine (CI installs it)")
    return found


@pytest.fixture(scope="module", params=SIZES)
def display(request) -> Iterator[tuple[str, str]]:
    """An X server of that size; yields (DISPLAY, size)."""
    binary = _xvfb_or_skip()
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            binary,
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{request.param}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    try:
        yield f":{number}", request.param
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def demo_profile(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("real-window")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "fieldapp",
            "--data-dir",
            str(data_dir),
            "demo",
            "--establishments",
            "30",
            "--surveys",
            "10",
            "--seed",
            "1",
        ],
        check=True,
        capture_output=True,
    )
    return data_dir


def on_display(display: str, scale: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale)
    return env


EVERY_PART = {
    "main window",
    "status bar",
    "survey: Finalize button",
    "dock: sync panel",
    "dock: conflicts",
    "dialog: settings",
    "dialog: enroll",
    "dialog: keyboard shortcuts",
    "dialog: quit with unsent surveys",
    "dialog: error",
    "dialog: PIN",
    "dialog: report export",
    "dialog: form version move",
    "dialog: received items set aside",
    "dialog: audit: who fills in",
    "dialog: audit: reason for a change",
}


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("scale", SCALES)
def test_the_app_fits_the_laptop_screen(display, demo_profile, tmp_path, scale, lang):
    from ui.settings import Settings

    name, size = display
    profile = tmp_path / "profile"
    shutil.copytree(demo_profile, profile)
    Settings(profile).language = lang
    done = subprocess.run(
        [sys.executable, "-m", "ui.screencheck", str(profile)],
        cwd=ROOT,
        env=on_display(name, scale),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb"
    width, _height = (int(x) for x in size.split("x"))
    assert report["screen"][2] == round(width / float(scale))
    assert set(report["fits"]) >= EVERY_PART, report
    assert report["all_fit"], report["outside"]
    # With the Sync dock open: the filters' "all" labels, the list's name column and the
    # headings of an establishment's surveys are whole (a keyboard walk found them cut).
    assert len(report["whole"]) >= 6 and report["all_whole"], report["whole"]


def test_the_frozen_bundle_self_test_runs_on_xcb(display):
    app = os.environ.get("FIELDAPP_FROZEN_APP")
    if not app:
        pytest.skip("no frozen bundle here (CI sets FIELDAPP_FROZEN_APP after make dist)")
    name, _size = display
    done = subprocess.run(
        [app, "--self-test"], env=on_display(name, "1"), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "platform xcb" in done.stdout


def test_the_linux_archive_says_which_system_libraries_it_needs(tmp_path):
    import importlib.util
    import tarfile

    spec = importlib.util.spec_from_file_location("archive", ROOT / "packaging" / "archive.py")
    assert spec is not None and spec.loader is not None
    archive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(archive)
    bundle = tmp_path / "FieldApp"
    bundle.mkdir()
    (bundle / "FieldApp").write_text("#!/bin/sh\n")
    archive.write_readme(bundle)
    packed = archive.make_archive(bundle, tmp_path / "FieldApp.tar.gz")
    with tarfile.open(packed) as tar:
        readme = tar.extractfile("FieldApp/README.txt").read().decode()
    for library in ("libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libxkbcommon-x11-0"):
        assert library in readme
