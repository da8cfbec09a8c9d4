"""Shared test setup: Qt runs offscreen; every test gets its own fresh profile."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Profiles are encrypted (fieldapp.store.cipher): every test profile, and every `fieldapp`
# subprocess a test starts, unlocks with this passphrase. The KDF cost is lowered for the
# hundreds of profiles a run makes; tests/core/test_crypto.py checks the real default.
os.environ.setdefault("FIELDAPP_PASSPHRASE", "test-passphrase")
os.environ.setdefault("FIELDAPP_KDF_CHEAP", "1")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "profile"
    path.mkdir()
    return path


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 2 MiB filesystem (tmpfs) that tests can fill: a full disk as SQLite and the OS
    meet it. Mounting needs root (CI containers run as root); elsewhere the test is skipped."""
    import subprocess

    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()[:100]}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


def fill_disk(folder: Path, leave: int = 0) -> None:
    """Fill the filesystem of `folder` until `leave` bytes (or less) are free."""
    import shutil

    filler = folder / "filler"
    with filler.open("ab") as f:
        while (free := shutil.disk_usage(folder).free) > leave:
            try:
                f.write(b"\0" * max(1, min(free - leave, 1 << 20)))
                f.flush()
            except OSError:
                break
