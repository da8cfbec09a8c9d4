"""Store errors carry a code the UI translates and one plain English line for the CLI."""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum


class StoreErrorCode(StrEnum):
    NOT_A_DATABASE = "not_a_database"
    NEWER_SCHEMA = "newer_schema"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    CORRUPT = "corrupt"
    LOCKED = "locked"
    NOT_FOUND = "not_found"
    INVALID = "invalid"


class StoreError(Exception):
    """A problem a person can act on. `str()` says what is wrong and what to do."""

    def __init__(self, code: StoreErrorCode, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.path = path


def translate(exc: BaseException, path: str) -> StoreError:
    """Map sqlite3/OS failures to a StoreError with a sentence a person understands."""
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in text:
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
    if "locked" in text or "busy" in text:
        return StoreError(
            StoreErrorCode.LOCKED,
            f"The database {path} is in use by another FieldApp window or process: "
            "close it, then try again.",
            path=path,
        )
    if isinstance(exc, sqlite3.Error | OSError):
        return StoreError(StoreErrorCode.CORRUPT, f"Cannot use {path}: {exc}", path=path)
    raise exc
