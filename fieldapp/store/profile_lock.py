"""One writer per profile: a lock held by the process that has the profile open.

The desktop app, `fieldapp sync` and a second app window must never write one profile at the
same time: two processes each rebasing the outbox and pushing it is how one change id once
went out with two contents. The lock is an OS lock on `<data dir>/fieldapp.lock` (flock on
Unix, LockFileEx on Windows, through `filelock`), so it is released by the kernel when the
holder exits, however it exits: a crashed app never leaves a profile locked.

It belongs to the process, not to a `Store`: the app opens several connections (the writer
thread, the sync thread, the worker pool), all of which share one hold, counted here and
released when the last one closes. Whoever holds it writes who it is (pid, program, host,
since when) beside the lock, so a second process can say in one line which process has the
profile instead of failing on "database is locked" later.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from fieldapp.files import write_atomically
from fieldapp.store.errors import StoreError, StoreErrorCode

LOCK_NAME = "fieldapp.lock"
HOLDER_NAME = "fieldapp.lock.json"
# How long a second process waits for the profile before it says who holds it: long enough
# for a `fieldapp sync` or an app that is closing to finish, short enough for a person.
DEFAULT_WAIT = 5.0


@dataclass(frozen=True, slots=True)
class Holder:
    """The process that holds a profile, as it wrote itself down."""

    pid: int
    program: str
    host: str
    since: str

    def describe(self) -> str:
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"process {self.pid} ({self.program}{where}, since {self.since})"


_program: str | None = None


def set_program(name: str) -> None:
    """Say what this process is (`fieldapp sync`, `FieldApp desktop app`) for the person told
    that it holds a profile. The CLI sets it from the parsed command, never from raw argv,
    which may carry an enrollment code."""
    global _program
    _program = name[:100]


def program_name() -> str:
    """What this process said it is, else its executable's name."""
    if _program:
        return _program
    first = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path("python")
    name = first.parent.name if first.name == "__main__.py" else first.name
    return name.removesuffix(".exe") or "python"


class ProfileInUse(StoreError):
    """Another process holds the profile; `holder` says which (None when it did not say)."""

    def __init__(self, message: str, *, path: str, holder: Holder | None) -> None:
        super().__init__(StoreErrorCode.PROFILE_IN_USE, message, path=path)
        self.holder = holder


class _Hold:
    def __init__(self, lock: FileLock, holder_path: Path) -> None:
        self.lock = lock
        self.holder_path = holder_path
        self.count = 0


_holds: dict[str, _Hold] = {}
_holds_lock = threading.Lock()


def _forget_after_fork() -> None:
    # A forked child is another process: it must take the lock itself, not believe it has it.
    _holds.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


class ProfileLease:
    """This process's share of the profile's lock; `release()` once (idempotent)."""

    def __init__(self, key: str) -> None:
        self._key: str | None = key

    @property
    def held(self) -> bool:
        return self._key is not None

    def release(self) -> None:
        with _holds_lock:
            key, self._key = self._key, None
            if key is None:
                return
            hold = _holds.get(key)
            if hold is None:
                return
            hold.count -= 1
            if hold.count > 0:
                return
            del _holds[key]
            with contextlib.suppress(OSError):  # the next holder overwrites it
                hold.holder_path.unlink(missing_ok=True)
            hold.lock.release(force=True)


def read_holder(data_dir: Path) -> Holder | None:
    """Who wrote itself down as the profile's holder (None if nobody or unreadable)."""
    try:
        data = json.loads((Path(data_dir) / HOLDER_NAME).read_text(encoding="utf-8"))
        return Holder(
            pid=int(data["pid"]),
            program=str(data["program"])[:100],
            host=str(data.get("host") or ""),
            since=str(data.get("since") or ""),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def hold_profile(
    data_dir: Path, *, wait: float = DEFAULT_WAIT, program: str | None = None
) -> ProfileLease:
    """Take the profile's lock for this process (or share the hold it already has), waiting
    up to `wait` seconds for another process to let go. Raises StoreError(PROFILE_IN_USE)
    naming the holder, or StoreError(READ_ONLY) when the lock file cannot be made."""
    data_dir = Path(data_dir)
    key = os.path.realpath(data_dir)
    with _holds_lock:
        hold = _holds.get(key)
        if hold is not None:
            hold.count += 1
            return ProfileLease(key)
    lock = FileLock(data_dir / LOCK_NAME, timeout=max(0.0, wait), mode=0o600, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise _in_use(data_dir) from None
    except OSError as exc:
        raise StoreError(
            StoreErrorCode.READ_ONLY,
            f"Cannot lock the profile in {data_dir} ({exc.strerror or exc}): check that the "
            "folder is writable (--data-dir or FIELDAPP_DATA_DIR).",
            path=str(data_dir),
        ) from exc
    holder_path = data_dir / HOLDER_NAME
    me = Holder(
        pid=os.getpid(),
        program=program or program_name(),
        host=socket.gethostname(),
        since=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    # A full disk: the lock still holds; a second process just cannot say who has it.
    with contextlib.suppress(OSError):
        write_atomically(holder_path, json.dumps(asdict(me)).encode())
    with _holds_lock:
        hold = _holds.setdefault(key, _Hold(lock, holder_path))
        if hold.lock is not lock:  # another thread of this process won the same lock
            lock.release(force=True)
        hold.count += 1
    return ProfileLease(key)


def _in_use(data_dir: Path) -> ProfileInUse:
    holder = read_holder(data_dir)
    who = holder.describe() if holder is not None else "another FieldApp process"
    return ProfileInUse(
        f"The profile in {data_dir} is in use by {who}: close that FieldApp or wait for it "
        "to finish, then try again. Nothing was changed.",
        path=str(data_dir),
        holder=holder,
    )
