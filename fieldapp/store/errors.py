"""Store errors carry a code the UI translates and one plain English line for the CLI."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from enum import StrEnum
from pathlib import Path

from sqlcipher3 import dbapi2 as dbapi

# Errors of either binding: the profile is SQLCipher (fieldapp.store.cipher); plain sqlite3
# only reads a plaintext profile while it is converted, and raw files in tests.
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, dbapi.Error)
CLOSED_ERRORS: tuple[type[Exception], ...] = (sqlite3.ProgrammingError, dbapi.ProgrammingError)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.OperationalError,
    dbapi.OperationalError,
)


class StoreErrorCode(StrEnum):
    NOT_A_DATABASE = "not_a_database"
    NEWER_SCHEMA = "newer_schema"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    CORRUPT = "corrupt"
    LOCKED = "locked"
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    WRONG_PASSPHRASE = "wrong_passphrase"  # noqa: S105 - an error code
    PASSPHRASE_NEEDED = "passphrase_needed"  # noqa: S105 - an error code
    PROFILE_IN_USE = "profile_in_use"  # another process holds the profile (profile_lock.py)
    CONSTRAINT = "constraint"  # the database's own rules refused a row: a bug, not the disk


class StoreError(Exception):
    """A problem a person can act on. `str()` says what is wrong and what to do."""

    def __init__(self, code: StoreErrorCode, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.path = path


# SQLite says "disk I/O error" (SQLITE_IOERR_WRITE, _FSYNC, _SHMSIZE...) when a write fails
# for want of space in the WAL or the shared memory, not SQLITE_FULL: with this little left,
# an I/O error is the disk being full.
NEARLY_FULL_BYTES = 16 * 1024
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def free_bytes(path: str) -> int | None:
    """Free space where `path` (a file or folder, existing or not) lives, or None."""
    here = Path(path) if path else Path.cwd()
    for candidate in (here, *here.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def is_disk_full(exc: BaseException, path: str = "") -> bool:
    """Whether `exc` means "no space left", in all the forms SQLite and the OS give it."""
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return True
    if isinstance(exc, DB_ERRORS):
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return True
        text = str(exc).lower()
        if "disk is full" in text or "database or disk is full" in text:
            return True
        io_error = "disk i/o error" in text or (
            (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF == sqlite3.SQLITE_IOERR
        )
        if io_error:
            free = free_bytes(path)
            return free is not None and free <= NEARLY_FULL_BYTES
    return "disk is full" in str(exc).lower() or "no space left" in str(exc).lower()


def translate(exc: BaseException, path: str) -> StoreError:
    """Map sqlite3/OS failures to a StoreError with a sentence a person understands."""
    text = str(exc).lower()
    if is_disk_full(exc, path):
        return StoreError(
            StoreErrorCode.DISK_FULL,
            f"The disk holding {path} is full: free some space, then try again "
            "(nothing was saved by the last action).",
            path=path,
        )
    if isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text:
        return StoreError(
            StoreErrorCode.READ_ONLY,
            f"Cannot write to {path}: it is read-only. Choose a writable data dir "
            "(--data-dir or FIELDAPP_DATA_DIR) or fix its permissions.",
            path=path,
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            StoreErrorCode.CORRUPT,
            f"The database {path} is damaged. Keep a copy of the file and restore the last "
            "backup, or send the copy to your coordinator.",
            path=path,
        )
    if isinstance(exc, (sqlite3.IntegrityError, dbapi.IntegrityError)):
        return StoreError(
            StoreErrorCode.CONSTRAINT,
            f"The database {path} refused a record that breaks its rules ({exc}); nothing of "
            "the last action was saved. This is a FieldApp problem: send the log to your "
            "coordinator.",
            path=path,
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            StoreErrorCode.LOCKED,
            f"The database {path} is in use by another FieldApp window or process: "
            "close it, then try again.",
            path=path,
        )
    if isinstance(exc, (*DB_ERRORS, OSError)):
        return StoreError(StoreErrorCode.CORRUPT, f"Cannot use {path}: {exc}", path=path)
    raise exc
