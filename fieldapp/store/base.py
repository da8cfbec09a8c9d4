"""The store's ground floor: opening a profile's SQLite file, migrations, transactions.

Every write goes through `_write` (one IMMEDIATE transaction that rolls back whole and becomes
a StoreError) and leaves an audit line; `_append_change` adds an outbox entry inside it.
The named actions live in the modules above this one (registry, surveys, outbox, ...)."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import sqlite_utils

from fieldapp.domain import (
    new_id,
    utcnow,
)
from fieldapp.store import cipher, profile_lock
from fieldapp.store.errors import DB_ERRORS, StoreError, StoreErrorCode, translate
from fieldapp.store.migrations import MIGRATIONS, SCHEMA_VERSION

DB_NAME = "fieldapp.db"
SQLITE_MAGIC = cipher.SQLITE_MAGIC
DB_OR_OS_ERRORS: tuple[type[Exception], ...] = (*DB_ERRORS, OSError)

# FULL: in WAL mode this fsyncs the WAL at every commit, so an acknowledged save survives a
# power cut, not only a crash. NORMAL would lose the last commits on power loss; the
# bench (bench/store.py) shows FULL still gives hundreds of saves per second, far above
# what autosave needs. See docs/store.md.
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)


class StoreBase:
    """One profile's database. Thread-safe for one writer; use one Store per thread for reads."""

    def __init__(
        self, data_dir: Path, *, actor: str = "", wait: float = profile_lock.DEFAULT_WAIT
    ) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        self.actor = actor
        self._lock = threading.RLock()
        self._refuse_foreign_file()
        try:
            cipher.secure_dir(self.data_dir)
        except OSError as exc:
            raise translate(exc, str(self.data_dir)) from exc
        if not os.access(self.data_dir, os.W_OK) or (
            self.path.exists() and not os.access(self.path, os.W_OK)
        ):
            raise StoreError(
                StoreErrorCode.READ_ONLY,
                f"Cannot write to {self.data_dir}: it is read-only. Choose a writable data dir "
                "(--data-dir or FIELDAPP_DATA_DIR) or fix its permissions.",
                path=str(self.data_dir),
            )
        # One writer per profile: before anything is read, converted or written
        # (profile_lock.py).
        self._lease = profile_lock.hold_profile(self.data_dir, wait=wait)
        # A Store dropped without close() still lets go of its share when collected.
        weakref.finalize(self, self._lease.release)
        try:
            plaintext = cipher.is_plaintext(self.path)
            if plaintext:
                self._refuse_newer_plaintext()
            # A wrong PIN stops here: the key is unwrapped in memory before any file is opened.
            self.key = cipher.profile_key(self.data_dir)
        except BaseException:
            self._lease.release()
            raise
        try:
            if plaintext:
                cipher.convert_plaintext(self.path, self.key)
            elif not self.path.exists():
                # Created 0600 before SQLite opens it: the WAL and SHM take its mode.
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            conn = cipher.connect(
                self.path, self.key, isolation_level=None, check_same_thread=False, timeout=5.0
            )
        except DB_OR_OS_ERRORS as exc:
            self._lease.release()
            raise translate(exc, str(self.path)) from exc
        # A sqlcipher3 connection: the same DB-API as sqlite3's, typed as it for the callers.
        self.conn: sqlite3.Connection = conn
        self.db = sqlite_utils.Database(conn)
        try:
            self._refuse_newer_schema()
            for pragma in PRAGMAS:
                conn.execute(pragma)
            self._migrate()
        except DB_ERRORS as exc:
            self.close()
            raise translate(exc, str(self.path)) from exc
        except StoreError:
            self.close()
            raise

    @classmethod
    def open(
        cls, data_dir: Path | str, *, actor: str = "", wait: float = profile_lock.DEFAULT_WAIT
    ) -> Self:
        """Open the profile in `data_dir`, waiting up to `wait` seconds for another process
        that has it (then StoreError PROFILE_IN_USE, naming that process)."""
        return cls(Path(data_dir), actor=actor, wait=wait)

    def _refuse_foreign_file(self) -> None:
        cipher.refuse_foreign_file(self.data_dir)

    def _refuse_newer_plaintext(self) -> None:
        """A plaintext profile from a newer FieldApp is refused before it is converted."""
        try:
            plain = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
            try:
                version = int(plain.execute("PRAGMA user_version").fetchone()[0])
            finally:
                plain.close()
        except sqlite3.Error as exc:
            raise translate(exc, str(self.path)) from exc
        if version > SCHEMA_VERSION:
            self._newer(version)

    def _refuse_newer_schema(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self._newer(version)

    def _newer(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(
                StoreErrorCode.NEWER_SCHEMA,
                f"{self.path} was written by a newer FieldApp (schema {version}, this one "
                f"knows up to {SCHEMA_VERSION}). Install the newer FieldApp; the file was left "
                "untouched.",
                path=str(self.path),
            )

    def _migrate(self) -> None:
        version = self.schema_version
        for number, step in enumerate(MIGRATIONS, start=1):
            if number <= version:
                continue
            with self._write():
                step(self.db)
                self.conn.execute(f"PRAGMA user_version={number}")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            self._lease.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction; any failure rolls back everything and becomes a StoreError."""
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except DB_ERRORS as exc:
                raise translate(exc, str(self.path)) from exc
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, DB_ERRORS):
                    raise translate(exc, str(self.path)) from exc
                raise

    def _audit(
        self, action: str, entity: str, entity_id: str, detail: dict[str, Any] | None = None
    ) -> None:
        self.conn.execute(
            "INSERT INTO audit(at, actor, action, entity, entity_id, detail) VALUES (?,?,?,?,?,?)",
            (utcnow(), self.actor, action, entity, entity_id, json.dumps(detail or {})),
        )

    def _append_change(
        self, entity: str, entity_id: str, op: str, payload: dict[str, Any], base_revision: int
    ) -> str:
        change_id = new_id()
        self.conn.execute(
            "INSERT INTO changes(id, entity, entity_id, op, base_revision, payload, created_at,"
            " device_seq) VALUES (?,?,?,?,?,?,?,?)",
            (change_id, entity, entity_id, op, base_revision, json.dumps(payload), utcnow(),
             self._next_device_seq()),
        )  # fmt: skip
        return change_id

    def _next_device_seq(self) -> int:
        """The next number of this device's changes (inside the caller's transaction)."""
        row = self.conn.execute(
            "UPDATE sync_state SET value = CAST(value AS INTEGER) + 1 WHERE key = 'device_seq' "
            "RETURNING value"
        ).fetchone()
        if row is None:
            self.conn.execute("INSERT INTO sync_state(key, value) VALUES ('device_seq', '1')")
            return 1
        return int(row[0])

    def _reissue_change(self, seq: int, **columns: Any) -> str:
        """Give an outbox row a new change id and device number (its content changes, or the
        server refused the old id): a change id and a device number always mean one content."""
        change_id = new_id()
        sets = "".join(f", {name} = ?" for name in columns)
        self.conn.execute(
            f"UPDATE changes SET id = ?, device_seq = ?{sets} WHERE seq = ?",  # noqa: S608
            [change_id, self._next_device_seq(), *columns.values(), seq],
        )
        return change_id

    def _row(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        cur = self.conn.execute(sql, params)
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def get_state(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_state(self, key: str, value: str | None) -> None:
        with self._write() as conn:
            if value is None:
                conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO sync_state(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
