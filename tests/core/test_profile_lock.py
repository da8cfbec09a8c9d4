"""One writer per profile: the lock between real processes (fieldapp/store/profile_lock.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from fieldapp.store import StoreErrorCode
from fieldapp.store.profile_lock import ProfileInUse, hold_profile, read_holder

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def holder_process(data_dir: Path, *, hold_for: float = 60.0) -> Iterator[subprocess.Popen[str]]:
    """Another process that takes the profile, says so on stdout, then holds it."""
    code = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from fieldapp.store.profile_lock import hold_profile
        lease = hold_profile(Path({str(data_dir)!r}), wait=0, program="fieldapp sync")
        print("held", flush=True)
        time.sleep({hold_for})
        lease.release()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def test_a_second_process_is_told_which_process_holds_the_profile(tmp_path: Path) -> None:
    with holder_process(tmp_path) as proc:
        started = time.monotonic()
        with pytest.raises(ProfileInUse) as caught:
            hold_profile(tmp_path, wait=0.5)
        assert time.monotonic() - started >= 0.4  # it waited briefly before giving up
        error = caught.value
        assert error.code is StoreErrorCode.PROFILE_IN_USE
        assert error.holder is not None and error.holder.pid == proc.pid
        message = str(error)
        assert "\n" not in message
        assert f"process {proc.pid} (fieldapp sync" in message
        assert str(tmp_path) in message


def test_the_second_process_waits_briefly_and_gets_the_profile(tmp_path: Path) -> None:
    with holder_process(tmp_path, hold_for=1.0) as proc:
        lease = hold_profile(tmp_path, wait=30)
        assert proc.wait(timeout=30) == 0  # it let go by itself, then this one took it
    holder = read_holder(tmp_path)
    assert holder is not None and holder.pid == os.getpid()
    lease.release()
    assert read_holder(tmp_path) is None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_holder_leaves_the_profile_free(tmp_path: Path) -> None:
    with holder_process(tmp_path) as proc:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        lease = hold_profile(tmp_path, wait=0)  # no stale lock to clean by hand
        lease.release()


def other_process_can_hold(data_dir: Path) -> bool:
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from fieldapp.store.profile_lock import ProfileInUse, hold_profile
        try:
            hold_profile(Path({str(data_dir)!r}), wait=0).release()
            print("held")
        except ProfileInUse:
            print("in use")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() in ("held", "in use"), result.stderr
    return result.stdout.strip() == "held"


def test_connections_of_one_process_share_the_hold(tmp_path: Path) -> None:
    first = hold_profile(tmp_path, wait=0)
    second = hold_profile(tmp_path, wait=0)  # the sync thread of the same app
    first.release()
    first.release()  # idempotent: does not drop the second's share
    assert not other_process_can_hold(tmp_path)
    second.release()
    assert other_process_can_hold(tmp_path)


def test_the_cli_names_its_command_never_its_arguments(tmp_path: Path) -> None:
    from fieldapp.cli import main
    from fieldapp.store import Store, profile_lock

    Store.open(tmp_path).close()
    assert main(["--data-dir", str(tmp_path), "check"]) == 0
    assert profile_lock.program_name() == "fieldapp check"
    main(["--data-dir", str(tmp_path), "form", "check", str(tmp_path / "secret-code-123.json")])
    assert profile_lock.program_name() == "fieldapp form"
