"""The local store: one SQLite file per profile, written only through named actions.

Every action that must reach the server changes its rows *and* appends to the outbox
(`changes`) in one transaction, so a crash leaves either both or neither. Reads never
take the write lock (WAL), so the UI can read while a sync writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import sqlite_utils

from fieldapp.domain import (
    Change,
    ChangeState,
    Establishment,
    Survey,
    SurveyStatus,
    new_id,
    utcnow,
)
from fieldapp.files import write_atomically
from fieldapp.store import export_cache
from fieldapp.store.errors import StoreError, StoreErrorCode, translate
from fieldapp.store.migrations import MIGRATIONS, SCHEMA_VERSION
from fieldapp.text import fold

DB_NAME = "fieldapp.db"
SQLITE_MAGIC = b"SQLite format 3\x00"

# FULL: in WAL mode this fsyncs the WAL at every commit, so an acknowledged save survives a
# power cut, not only a crash. NORMAL would lose the last commits on power loss; the
# bench (bench/store.py) shows FULL still gives hundreds of saves per second, far above
# what autosave needs. See docs/architecture.md.
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)

NOT_STARTED = "not_started"
# Outbox entities that carry a full survey snapshot (a conflict resolution is a save that also
# tells the server which conflicts a person settled).
SURVEY_ENTITIES = ("survey", "conflict_resolution")


@dataclass(slots=True)
class CheckReport:
    """What `fieldapp check` prints."""

    path: str
    ok: bool
    integrity: list[str]
    schema_version: int
    establishments: int
    surveys: dict[str, int]
    outbox: int
    outbox_set_aside: int
    attachments: int
    missing_attachment_files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "integrity": self.integrity,
            "schema_version": self.schema_version,
            "establishments": self.establishments,
            "surveys": self.surveys,
            "outbox": self.outbox,
            "outbox_set_aside": self.outbox_set_aside,
            "attachments": self.attachments,
            "missing_attachment_files": self.missing_attachment_files,
        }


@dataclass(slots=True)
class AckResult:
    """The server's answer to one pushed change, as the store needs it."""

    change_id: str
    revision: int | None = None
    answers: dict[str, Any] | None = None  # the server's merged answers, when it merged
    status: str | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class ServerItem:
    """One entry of the server's change feed, as the store needs it (kind, id, data)."""

    kind: str
    id: str
    data: dict[str, Any]


@dataclass(slots=True)
class ApplyReport:
    """What applying a pulled page did."""

    establishments: int = 0
    surveys: int = 0
    surveys_kept_local: int = 0  # had local edits not yet on the server: kept
    forms: int = 0
    reviews: int = 0
    conflicts: int = 0
    skipped: int = 0


@dataclass(slots=True)
class ConflictRecord:
    """A question changed on two devices to different values, waiting for a person."""

    id: int
    survey_id: str
    question: str
    base: Any
    server: Any
    client: Any
    server_revision: int | None
    created_at: str


@dataclass(slots=True, frozen=True)
class RevisionRecord:
    """A server revision of a survey as this device pulled it (kept for reviewers' diffs)."""

    survey_id: str
    revision: int
    status: str
    answers: dict[str, Any]
    review_comment: str
    author: str
    received_at: str


@dataclass(slots=True)
class RelayedChange:
    """A change carried from another device in a bundle, waiting to be pushed on its behalf."""

    seq: int
    change_id: str
    bundle_id: str
    origin_device: str
    origin_user: str
    signature: str
    entity: str
    entity_id: str
    op: str
    base_revision: int
    payload: dict[str, Any]
    created_at: str
    state: str
    result: dict[str, Any] | None
    reason: str


REVIEW_DECISIONS = {"approve": SurveyStatus.APPROVED, "return": SurveyStatus.RETURNED}
RELAY_FIELDS = (
    "change_id", "entity", "entity_id", "op", "base_revision", "payload", "created_at",
    "signature",
)  # fmt: skip


def _relayed_from_row(row: dict[str, Any]) -> RelayedChange:
    return RelayedChange(
        seq=int(row["seq"]),
        change_id=row["change_id"],
        bundle_id=row["bundle_id"],
        origin_device=row["origin_device"] or "",
        origin_user=row["origin_user"] or "",
        signature=row["signature"] or "",
        entity=row["entity"],
        entity_id=row["entity_id"],
        op=row["op"],
        base_revision=int(row["base_revision"] or 0),
        payload=json.loads(row["payload"]),
        created_at=row["created_at"] or "",
        state=row["state"],
        result=json.loads(row["result"]) if row["result"] else None,
        reason=row["reason"] or "",
    )


def _conflict_from_row(row: dict[str, Any]) -> ConflictRecord:
    return ConflictRecord(
        id=int(row["id"]),
        survey_id=row["survey_id"],
        question=row["question"],
        base=json.loads(row["base"]) if row["base"] is not None else None,
        server=json.loads(row["server"]) if row["server"] is not None else None,
        client=json.loads(row["client"]) if row["client"] is not None else None,
        server_revision=row["server_revision"],
        created_at=row["created_at"] or "",
    )


def _survey_from_row(row: dict[str, Any]) -> Survey:
    return Survey(
        id=row["id"],
        establishment_id=row["establishment_id"],
        form_id=row["form_id"],
        form_version=row["form_version"],
        status=SurveyStatus(row["status"]),
        answers=json.loads(row["answers"]),
        revision=row["revision"],
        base_revision=row["base_revision"],
        author=row["author"] or "",
        created_at=row["created_at"] or "",
        updated_at=row["updated_at"] or "",
        review_comment=row["review_comment"] or "",
    )


def _change_from_row(row: dict[str, Any]) -> Change:
    return Change(
        id=row["id"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        op=row["op"],
        payload=json.loads(row["payload"]),
        base_revision=row["base_revision"],
        created_at=row["created_at"],
        seq=row["seq"],
        state=ChangeState(row["state"]),
        reason=row["reason"] or "",
    )


def _establishment_from_row(row: dict[str, Any]) -> Establishment:
    return Establishment(
        id=row["id"],
        code=row["code"],
        name_fr=row["name_fr"] or "",
        name_ar=row["name_ar"] or "",
        type=row["type"],
        region=row["region"],
        province=row["province"] or "",
        commune=row["commune"] or "",
        capacity=row["capacity"],
        manager=row["manager"] or "",
        site=row["site"] or "",
        latitude=row["latitude"],
        longitude=row["longitude"],
        assigned=bool(row["assigned"]),
        updated_at=row["updated_at"] or "",
    )


def search_text(e: Establishment) -> str:
    return fold(" ".join((e.code, e.name_fr, e.name_ar, e.commune, e.province)))


def _like_pattern(query: str) -> str:
    escaped = fold(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Store:
    """One profile's database. Thread-safe for one writer; use one Store per thread for reads."""

    def __init__(self, data_dir: Path, *, actor: str = "") -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        self.actor = actor
        self._lock = threading.RLock()
        self._refuse_foreign_file()
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
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
        try:
            conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=5.0
            )
        except sqlite3.Error as exc:
            raise translate(exc, str(self.path)) from exc
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        try:
            self._refuse_newer_schema()
            for pragma in PRAGMAS:
                conn.execute(pragma)
            self._migrate()
        except sqlite3.Error as exc:
            conn.close()
            raise translate(exc, str(self.path)) from exc
        except StoreError:
            conn.close()
            raise

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path | str, *, actor: str = "") -> Store:
        return cls(Path(data_dir), actor=actor)

    def _refuse_foreign_file(self) -> None:
        if not self.path.exists():
            return
        try:
            with self.path.open("rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise translate(exc, str(self.path)) from exc
        if head and head != SQLITE_MAGIC:
            raise StoreError(
                StoreErrorCode.NOT_A_DATABASE,
                f"{self.path} is not a FieldApp database (it is another kind of file, or "
                "damaged). Move it away or choose another data dir; it was left untouched.",
                path=str(self.path),
            )

    def _refuse_newer_schema(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
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
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction; any failure rolls back everything and becomes a StoreError."""
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise translate(exc, str(self.path)) from exc
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
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
            "INSERT INTO changes(id, entity, entity_id, op, base_revision, payload, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (change_id, entity, entity_id, op, base_revision, json.dumps(payload), utcnow()),
        )
        return change_id

    # -- establishments -------------------------------------------------------------------------

    def upsert_establishments(self, establishments: Iterable[Establishment]) -> int:
        """Store establishments from the registry (server pull or demo). No outbox entry:
        the registry belongs to the server."""
        count = 0
        with self._write():
            for e in establishments:
                self._upsert_establishment_row(e)
                count += 1
        return count

    def _upsert_establishment_row(self, e: Establishment) -> None:
        self.conn.execute(
            "INSERT INTO establishments(id, code, name_fr, name_ar, type, capacity, "
            "manager, region, province, commune, site, latitude, longitude, assigned, "
            "search, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET code=excluded.code, name_fr=excluded.name_fr,"
            " name_ar=excluded.name_ar, type=excluded.type, capacity=excluded.capacity,"
            " manager=excluded.manager, region=excluded.region,"
            " province=excluded.province, commune=excluded.commune, site=excluded.site,"
            " latitude=excluded.latitude, longitude=excluded.longitude,"
            " assigned=excluded.assigned, search=excluded.search,"
            " updated_at=excluded.updated_at",
            (
                e.id,
                e.code,
                e.name_fr,
                e.name_ar,
                e.type,
                e.capacity,
                e.manager,
                e.region,
                e.province,
                e.commune,
                e.site,
                e.latitude,
                e.longitude,
                int(e.assigned),
                search_text(e),
                e.updated_at or utcnow(),
            ),
        )

    def get_establishment(self, establishment_id: str) -> Establishment:
        row = self._row("SELECT * FROM establishments WHERE id = ?", (establishment_id,))
        if row is None:
            raise StoreError(StoreErrorCode.NOT_FOUND, f"No establishment {establishment_id}.")
        return _establishment_from_row(row)

    def _establishment_filter(
        self,
        query: str,
        status: str | None,
        region: str | None,
        type_: str | None,
        assigned_only: bool,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if query.strip():
            clauses.append("search LIKE ? ESCAPE '\\'")
            params.append(_like_pattern(query))
        if status:
            clauses.append("survey_status = ?")
            params.append(status)
        if region:
            clauses.append("region = ?")
            params.append(region)
        if type_:
            clauses.append("type = ?")
            params.append(type_)
        if assigned_only:
            clauses.append("assigned = 1")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    def find_establishment_ids(
        self,
        query: str = "",
        *,
        status: str | None = None,
        region: str | None = None,
        type: str | None = None,
        assigned_only: bool = False,
    ) -> list[str]:
        """Ids of matching establishments, ordered by code: what a lazy table model holds."""
        where, params = self._establishment_filter(query, status, region, type, assigned_only)
        rows = self.conn.execute(f"SELECT id FROM establishments{where} ORDER BY code", params)  # noqa: S608
        return [r[0] for r in rows]

    def establishment_rows(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Display rows for a page of ids (id -> row with the latest survey status)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        cur = self.conn.execute(
            "SELECT id, code, name_fr, name_ar, type, region, province, commune, "  # noqa: S608
            f"survey_status FROM establishments WHERE id IN ({marks})",
            list(ids),
        )
        cols = [d[0] for d in cur.description]
        return {r[0]: dict(zip(cols, r, strict=True)) for r in cur}

    def distinct_values(self, column: str) -> list[str]:
        if column not in {"region", "type", "survey_status", "province", "site"}:
            raise ValueError(column)
        rows = self.conn.execute(
            f"SELECT DISTINCT {column} FROM establishments WHERE {column} != '' ORDER BY 1"  # noqa: S608
        )
        return [r[0] for r in rows]

    def _refresh_survey_status(self, establishment_id: str) -> None:
        # The list filters on the latest survey's status; keep it on the row so a filter over
        # 10,000 establishments needs no join.
        self.conn.execute(
            "UPDATE establishments SET survey_status = coalesce((SELECT status FROM surveys "
            "WHERE establishment_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 1), ?2) "
            "WHERE id = ?1",
            (establishment_id, NOT_STARTED),
        )

    # -- surveys ------------------------------------------------------------------------------

    def _row(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        cur = self.conn.execute(sql, params)
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def get_survey(self, survey_id: str) -> Survey:
        row = self._row("SELECT * FROM surveys WHERE id = ?", (survey_id,))
        if row is None:
            raise StoreError(StoreErrorCode.NOT_FOUND, f"No survey {survey_id}.")
        return _survey_from_row(row)

    def surveys_for(self, establishment_id: str) -> list[Survey]:
        cur = self.conn.execute(
            "SELECT * FROM surveys WHERE establishment_id = ? ORDER BY created_at DESC",
            (establishment_id,),
        )
        cols = [d[0] for d in cur.description]
        return [_survey_from_row(dict(zip(cols, r, strict=True))) for r in cur]

    def iter_surveys(self, *, batch: int = 2000) -> Iterator[Survey]:
        """Every survey, in id order, read in keyset-paged batches (flat memory)."""
        after = ""
        while True:
            cur = self.conn.execute(
                "SELECT * FROM surveys WHERE id > ? ORDER BY id LIMIT ?", (after, batch)
            )
            cols = [d[0] for d in cur.description]
            rows = cur.fetchall()
            if not rows:
                return
            for r in rows:
                yield _survey_from_row(dict(zip(cols, r, strict=True)))
            after = rows[-1][0]

    @staticmethod
    def _snapshot(s: Survey) -> dict[str, Any]:
        return {
            "establishment_id": s.establishment_id,
            "form_id": s.form_id,
            "form_version": s.form_version,
            "status": str(s.status),
            "answers": s.answers,
            "created_at": s.created_at,
            "updated_at": s.updated_at,
            "author": s.author,
        }

    def _write_survey(
        self, s: Survey, op: str, *, insert: bool, refresh: bool = True, export: bool = True
    ) -> None:
        answers = json.dumps(s.answers, ensure_ascii=False)
        if insert:
            self.conn.execute(
                "INSERT INTO surveys(id, establishment_id, form_id, form_version, status, "
                "answers, revision, base_revision, author, created_at, updated_at, "
                "review_comment) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    s.id,
                    s.establishment_id,
                    s.form_id,
                    s.form_version,
                    str(s.status),
                    answers,
                    s.revision,
                    s.base_revision,
                    s.author,
                    s.created_at,
                    s.updated_at,
                    s.review_comment,
                ),
            )
        else:
            self.conn.execute(
                "UPDATE surveys SET status=?, answers=?, revision=?, author=?, updated_at=?, "
                "form_version=? WHERE id=?",
                (str(s.status), answers, s.revision, s.author, s.updated_at, s.form_version, s.id),
            )
        if export:  # the row as the CSV export writes it (export_cache.py)
            export_cache.keep(self, s)
        self._append_change("survey", s.id, op, self._snapshot(s), s.base_revision)
        self._audit(op, "survey", s.id, {"revision": s.revision, "status": str(s.status)})
        if refresh:
            self._refresh_survey_status(s.establishment_id)

    def _write_survey_no_refresh(self, s: Survey) -> None:
        self._write_survey(s, "save", insert=True, refresh=False)

    def start_survey(
        self,
        establishment_id: str,
        form_id: str,
        form_version: str,
        *,
        answers: dict[str, Any] | None = None,
        survey_id: str | None = None,
    ) -> Survey:
        """A new draft survey of an establishment (an outbox entry too)."""
        now = utcnow()
        survey = Survey(
            id=survey_id or new_id(),
            establishment_id=establishment_id,
            form_id=form_id,
            form_version=form_version,
            answers=dict(answers or {}),
            revision=1,
            author=self.actor,
            created_at=now,
            updated_at=now,
        )
        with self._write():
            if self._row("SELECT 1 FROM establishments WHERE id=?", (establishment_id,)) is None:
                raise StoreError(StoreErrorCode.NOT_FOUND, f"No establishment {establishment_id}.")
            self._write_survey(survey, "save", insert=True)
        return survey

    def _editable(self, survey_id: str) -> Survey:
        survey = self.get_survey(survey_id)
        if survey.status in (SurveyStatus.FINALIZED, SurveyStatus.APPROVED):
            raise StoreError(
                StoreErrorCode.INVALID,
                f"Survey {survey_id} is {survey.status}: it can no longer be edited.",
            )
        return survey

    def save_answers(self, survey_id: str, answers: dict[str, Any]) -> Survey:
        """Save a draft's answers (autosave): the row and its outbox entry in one transaction."""
        if not isinstance(answers, dict):
            raise StoreError(StoreErrorCode.INVALID, "Answers must be an object of name -> value.")
        with self._write():
            survey = self._editable(survey_id)
            survey.answers = dict(answers)
            survey.revision += 1
            survey.author = self.actor or survey.author
            survey.updated_at = utcnow()
            if survey.status == SurveyStatus.RETURNED:
                survey.status = SurveyStatus.DRAFT
            # Autosave runs every few seconds while an agent types: it only drops the export
            # text (trigger); finalize, or the next export, writes it again.
            self._write_survey(survey, "save", insert=False, export=False)
        return survey

    def finalize(
        self,
        survey_id: str,
        answers: dict[str, Any] | None = None,
        *,
        validate: Callable[[Survey], Sequence[object]] | None = None,
    ) -> Survey:
        """Mark a survey finalized. `validate` returns the problems that forbid it (if any),
        in which case nothing is written and StoreError(INVALID) is raised."""
        with self._write():
            survey = self._editable(survey_id)
            if answers is not None:
                survey.answers = dict(answers)
            if validate is not None:
                problems = validate(survey)
                if problems:
                    raise StoreError(
                        StoreErrorCode.INVALID,
                        f"Survey {survey_id} cannot be finalized: {len(problems)} problem(s).",
                    )
            survey.status = SurveyStatus.FINALIZED
            survey.revision += 1
            survey.author = self.actor or survey.author
            survey.updated_at = utcnow()
            self._write_survey(survey, "save", insert=False)
        return survey

    def survey_counts(self) -> dict[str, int]:
        counts = {str(s): 0 for s in SurveyStatus}
        for status, n in self.conn.execute("SELECT status, count(*) FROM surveys GROUP BY 1"):
            counts[status] = n
        return counts

    # -- attachments --------------------------------------------------------------------------

    def attachment_path(self, sha256: str) -> Path:
        return self.data_dir / "attachments" / sha256[:2] / sha256

    def add_attachment(self, data: bytes, mime: str) -> str:
        """Store a file under its SHA-256 (written and fsynced before the row commits)."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.attachment_path(digest)
        try:
            if not target.exists():
                write_atomically(target, data)
        except OSError as exc:
            raise translate(exc, str(target.parent)) from exc
        with self._write() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO attachments(sha256, size, mime, created_at) "
                "VALUES (?,?,?,?)",
                (digest, len(data), mime, utcnow()),
            )
            if cur.rowcount:
                self._append_change("attachment", digest, "upload", {"size": len(data)}, 0)
                self._audit("add", "attachment", digest, {"size": len(data), "mime": mime})
        return digest

    # -- outbox -------------------------------------------------------------------------------

    def pending_changes(self, *, after_seq: int = 0, limit: int = 500) -> list[Change]:
        cur = self.conn.execute(
            "SELECT * FROM changes WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?",
            (after_seq, limit),
        )
        cols = [d[0] for d in cur.description]
        return [_change_from_row(dict(zip(cols, r, strict=True))) for r in cur]

    def set_aside_changes(self) -> list[Change]:
        cur = self.conn.execute("SELECT * FROM changes WHERE state = 'set_aside' ORDER BY seq")
        cols = [d[0] for d in cur.description]
        return [_change_from_row(dict(zip(cols, r, strict=True))) for r in cur]

    def outbox_count(self) -> int:
        return int(
            self.conn.execute("SELECT count(*) FROM changes WHERE state='pending'").fetchone()[0]
        )

    def acknowledge(self, results: Iterable[AckResult]) -> int:
        """Remove acknowledged changes from the outbox and record the server's revisions.

        A survey change is a full snapshot, so its acknowledgement also settles the older
        pending changes of the same survey. Newer pending changes are rebased on the new
        server revision, and answers the server merged in from elsewhere are carried into the
        local copy where the agent has not changed them since.
        """
        removed = 0
        with self._write() as conn:
            for result in results:
                row = self._row("SELECT * FROM changes WHERE id = ?", (result.change_id,))
                if row is None:
                    continue  # already acknowledged (a replayed answer): nothing to do
                change = _change_from_row(row)
                if change.entity in SURVEY_ENTITIES and result.revision is not None:
                    removed += self._settle_survey(change, result)
                else:
                    removed += conn.execute(
                        "DELETE FROM changes WHERE seq = ?", (change.seq,)
                    ).rowcount
                if change.entity == "attachment":
                    conn.execute(
                        "UPDATE attachments SET uploaded = 1 WHERE sha256 = ?", (change.entity_id,)
                    )
                self._audit("acknowledged", change.entity, change.entity_id, {"change": change.id})
        return removed

    def _settle_survey(self, change: Change, result: AckResult) -> int:
        assert result.revision is not None
        removed = self.conn.execute(
            "DELETE FROM changes WHERE entity IN ('survey', 'conflict_resolution') "
            "AND entity_id = ? AND seq <= ? AND state = 'pending'",
            (change.entity_id, change.seq),
        ).rowcount
        self.conn.execute(
            "UPDATE changes SET base_revision = ? WHERE entity IN ('survey', "
            "'conflict_resolution') AND entity_id = ? AND seq > ?",
            (result.revision, change.entity_id, change.seq),
        )
        if result.answers is not None:
            self._carry_merged_into_newer(change, result.answers)
        survey_row = self._row("SELECT * FROM surveys WHERE id = ?", (change.entity_id,))
        if survey_row is None:
            return removed
        survey = _survey_from_row(survey_row)
        survey.base_revision = result.revision
        if result.answers is not None:
            sent = change.payload.get("answers", {})
            merged_in = {
                k: v for k, v in result.answers.items() if sent.get(k) != v or k not in sent
            }
            for key, value in merged_in.items():
                if survey.answers.get(key) == sent.get(key):
                    survey.answers[key] = value
        if result.status in (SurveyStatus.RETURNED, SurveyStatus.APPROVED):
            survey.status = SurveyStatus(result.status)
        self.conn.execute(
            "UPDATE surveys SET base_revision = ?, answers = ?, status = ? WHERE id = ?",
            (
                survey.base_revision,
                json.dumps(survey.answers, ensure_ascii=False),
                str(survey.status),
                survey.id,
            ),
        )
        for conflict in result.conflicts:
            self._insert_conflict(survey.id, conflict, result.revision)
        return removed

    def _carry_merged_into_newer(self, change: Change, merged: dict[str, Any]) -> None:
        # Snapshots saved while this change was on its way (an edit during a background sync)
        # now claim the server's new revision as their base: they must also carry what the
        # server merged in, or their push would silently undo it.
        sent = change.payload.get("answers", {})
        merged_in = {k: v for k, v in merged.items() if k not in sent or sent[k] != v}
        if not merged_in:
            return
        rows = self.conn.execute(
            "SELECT seq, payload FROM changes WHERE entity IN ('survey', 'conflict_resolution') "
            "AND entity_id = ? AND seq > ? AND state = 'pending'",
            (change.entity_id, change.seq),
        ).fetchall()
        for seq, text in rows:
            payload = json.loads(text)
            answers = payload.get("answers", {})
            for key, value in merged_in.items():
                if answers.get(key) == sent.get(key):
                    answers[key] = value
            payload["answers"] = answers
            self.conn.execute(
                "UPDATE changes SET payload = ? WHERE seq = ?",
                (json.dumps(payload, ensure_ascii=False), seq),
            )

    def set_aside(self, change_id: str, reason: str) -> None:
        """Park a change the server refused (4xx) with its reason, for a person to see."""
        with self._write():
            self.conn.execute(
                "UPDATE changes SET state = 'set_aside', reason = ? WHERE id = ?",
                (reason, change_id),
            )
            self._audit("set_aside", "change", change_id, {"reason": reason})

    # -- sync state ---------------------------------------------------------------------------

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

    # -- checks -------------------------------------------------------------------------------

    def check(self) -> CheckReport:
        """Integrity check, schema version and counts (what `fieldapp check` prints)."""
        try:
            integrity = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
            fk = list(self.conn.execute("PRAGMA foreign_key_check"))
            establishments = self.conn.execute("SELECT count(*) FROM establishments").fetchone()[0]
            set_aside = self.conn.execute(
                "SELECT count(*) FROM changes WHERE state='set_aside'"
            ).fetchone()[0]
            shas = [r[0] for r in self.conn.execute("SELECT sha256 FROM attachments")]
        except sqlite3.Error as exc:
            raise translate(exc, str(self.path)) from exc
        missing = [s for s in shas if not self.attachment_path(s).exists()]
        problems = [] if integrity == ["ok"] else integrity
        problems += [f"foreign key: {row}" for row in fk]
        return CheckReport(
            path=str(self.path),
            ok=not problems and not missing,
            integrity=problems or ["ok"],
            schema_version=self.schema_version,
            establishments=establishments,
            surveys=self.survey_counts(),
            outbox=self.outbox_count(),
            outbox_set_aside=set_aside,
            attachments=len(shas),
            missing_attachment_files=missing,
        )

    # -- applying what the server sent --------------------------------------------------------
    # Pulled changes never create an outbox entry (they come from the server), and each page is
    # applied with its cursor in one transaction: a cut run resumes after the last whole page.

    def apply_server_changes(
        self, items: Iterable[ServerItem], *, cursor: str | None = None
    ) -> ApplyReport:
        """Apply one pulled page of the server's change feed and, in the same transaction,
        record `cursor` (the checkpoint to resume from)."""
        report = ApplyReport()
        touched: set[str] = set()
        with self._write() as conn:
            for item in items:
                handler = self._APPLIERS.get(item.kind)
                if handler is None:
                    report.skipped += 1  # a kind this version does not know: newer server
                    continue
                handler(self, item.data, report, touched)
            for establishment_id in touched:
                self._refresh_survey_status(establishment_id)
            if cursor is not None:
                conn.execute(
                    "INSERT INTO sync_state(key, value) VALUES ('cursor', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (cursor,),
                )
        return report

    def _apply_establishment(
        self, data: dict[str, Any], report: ApplyReport, touched: set[str]
    ) -> None:
        e = Establishment(
            id=str(data["id"]),
            code=str(data["code"]),
            name_fr=str(data.get("name_fr") or ""),
            name_ar=str(data.get("name_ar") or ""),
            type=str(data.get("type") or ""),
            region=str(data.get("region") or ""),
            province=str(data.get("province") or ""),
            commune=str(data.get("commune") or ""),
            capacity=data.get("capacity"),
            manager=str(data.get("manager") or ""),
            site=str(data.get("site") or ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            assigned=bool(data.get("assigned", True)),
            updated_at=str(data.get("updated_at") or ""),
        )
        # The same code may linger under another id (a server re-import): the server's id wins.
        self.conn.execute(
            "DELETE FROM establishments WHERE code = ? AND id != ? AND NOT EXISTS "
            "(SELECT 1 FROM surveys WHERE establishment_id = establishments.id)",
            (e.code, e.id),
        )
        self._upsert_establishment_row(e)
        if "agents" in data:
            self.conn.execute(
                "UPDATE establishments SET agents = ? WHERE id = ?",
                (json.dumps(sorted(str(a) for a in data.get("agents") or [])), e.id),
            )
        touched.add(e.id)
        report.establishments += 1

    def _has_local_changes(self, survey_id: str) -> bool:
        # Set-aside changes count too: their content is not on the server, so the local copy
        # must not be replaced under the person who will look at them.
        return (
            self._row(
                "SELECT 1 FROM changes WHERE entity IN ('survey', 'conflict_resolution') "
                "AND entity_id = ? LIMIT 1",
                (survey_id,),
            )
            is not None
        )

    def _apply_survey(self, data: dict[str, Any], report: ApplyReport, touched: set[str]) -> None:
        survey_id = str(data["id"])
        establishment_id = str(data["establishment_id"])
        revision = int(data["revision"])
        if self._row("SELECT 1 FROM establishments WHERE id = ?", (establishment_id,)) is None:
            report.skipped += 1  # the feed sends establishments first; never orphan a survey
            return
        row = self._row("SELECT * FROM surveys WHERE id = ?", (survey_id,))
        answers = json.dumps(data.get("answers") or {}, ensure_ascii=False)
        status = str(data.get("status") or SurveyStatus.DRAFT)
        comment = str(data.get("review_comment") or "")
        if row is None:
            self.conn.execute(
                "INSERT INTO surveys(id, establishment_id, form_id, form_version, status, "
                "answers, revision, base_revision, author, created_at, updated_at, "
                "review_comment) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    survey_id,
                    establishment_id,
                    str(data["form_id"]),
                    str(data["form_version"]),
                    status,
                    answers,
                    0,
                    revision,
                    str(data.get("author") or ""),
                    str(data.get("updated_at") or ""),
                    str(data.get("updated_at") or ""),
                    comment,
                ),
            )
        elif revision <= int(row["base_revision"]):
            return  # an older revision than the one this copy is reconciled with
        elif self._has_local_changes(survey_id):
            # The local edits are not on the server yet: keep them. Their push is merged by the
            # server against the revision they were made on, and the merged answers come back
            # in the acknowledgement. Moving base_revision here would make the next local save
            # claim it had seen answers it has not, and overwrite them silently.
            report.surveys_kept_local += 1
            return
        else:
            self.conn.execute(
                "UPDATE surveys SET form_id = ?, form_version = ?, status = ?, answers = ?, "
                "base_revision = ?, author = ?, updated_at = ?, review_comment = ? WHERE id = ?",
                (
                    str(data["form_id"]),
                    str(data["form_version"]),
                    status,
                    answers,
                    revision,
                    str(data.get("author") or ""),
                    str(data.get("updated_at") or ""),
                    comment,
                    survey_id,
                ),
            )
        self._keep_revision(
            survey_id, revision, status, answers, comment, str(data.get("author") or "")
        )
        self._audit("pulled", "survey", survey_id, {"revision": revision, "status": status})
        touched.add(establishment_id)
        report.surveys += 1

    def _apply_form(self, data: dict[str, Any], report: ApplyReport, touched: set[str]) -> None:
        self.conn.execute(
            "INSERT INTO forms(form_id, version, definition, received_at) VALUES (?,?,?,?) "
            "ON CONFLICT(form_id, version) DO NOTHING",
            (
                str(data["id"]),
                str(data["version"]),
                json.dumps(data.get("definition") or {}, ensure_ascii=False),
                utcnow(),
            ),
        )
        report.forms += 1

    def _apply_review(self, data: dict[str, Any], report: ApplyReport, touched: set[str]) -> None:
        survey_id = str(data["survey_id"])
        revision = int(data["revision"])
        row = self._row("SELECT * FROM surveys WHERE id = ?", (survey_id,))
        if row is None or revision <= int(row["base_revision"]):
            report.skipped += 1
            return
        if self._has_local_changes(survey_id):
            report.surveys_kept_local += 1
            return
        status = SurveyStatus.APPROVED if data.get("decision") == "approve" else "returned"
        self.conn.execute(
            "UPDATE surveys SET status = ?, review_comment = ?, base_revision = ? WHERE id = ?",
            (str(status), str(data.get("comment") or ""), revision, survey_id),
        )
        self._keep_revision(
            survey_id, revision, str(status), row["answers"], str(data.get("comment") or ""),
            str(data.get("reviewer") or ""),
        )  # fmt: skip
        self._audit("reviewed", "survey", survey_id, {"revision": revision, "status": status})
        touched.add(str(row["establishment_id"]))
        report.reviews += 1

    def _apply_conflict(self, data: dict[str, Any], report: ApplyReport, touched: set[str]) -> None:
        survey_id = str(data["survey_id"])
        if self._row("SELECT 1 FROM surveys WHERE id = ?", (survey_id,)) is None:
            report.skipped += 1
            return
        if self._insert_conflict(
            survey_id,
            {k: data.get(k) for k in ("question", "base", "server", "client")},
            data.get("revision"),
        ):
            report.conflicts += 1

    def _insert_conflict(
        self, survey_id: str, conflict: dict[str, Any], server_revision: int | None
    ) -> bool:
        """Record a conflict once: the push result and the pulled feed both report it."""
        question = str(conflict.get("question") or "")
        if (
            self._row(
                "SELECT 1 FROM conflicts WHERE survey_id = ? AND question = ? "
                "AND server_revision IS ?",
                (survey_id, question, server_revision),
            )
            is not None
        ):
            return False
        self.conn.execute(
            "INSERT INTO conflicts(survey_id, question, base, server, client, server_revision, "
            "created_at) VALUES (?,?,?,?,?,?,?)",
            (
                survey_id,
                question,
                json.dumps(conflict.get("base"), ensure_ascii=False),
                json.dumps(conflict.get("server"), ensure_ascii=False),
                json.dumps(conflict.get("client"), ensure_ascii=False),
                server_revision,
                utcnow(),
            ),
        )
        return True

    _APPLIERS: ClassVar[
        dict[str, Callable[[Store, dict[str, Any], ApplyReport, set[str]], None]]
    ] = {
        "establishment": _apply_establishment,
        "survey": _apply_survey,
        "form": _apply_form,
        "review": _apply_review,
        "conflict": _apply_conflict,
    }

    def open_conflicts(self, survey_id: str | None = None) -> list[ConflictRecord]:
        """Conflicts waiting for a person, oldest first (optionally of one survey)."""
        sql = "SELECT * FROM conflicts WHERE resolved_at IS NULL"
        params: list[Any] = []
        if survey_id is not None:
            sql += " AND survey_id = ?"
            params.append(survey_id)
        cur = self.conn.execute(sql + " ORDER BY id", params)
        cols = [d[0] for d in cur.description]
        return [_conflict_from_row(dict(zip(cols, r, strict=True))) for r in cur]

    def resolve_conflict(self, conflict_id: int, value: Any) -> Survey:
        """A person chose `value` for a conflicting question: save it like any edit (through
        the outbox, as a conflict resolution so the server closes its conflict too) and mark
        the conflict resolved, in one transaction."""
        with self._write():
            row = self._row("SELECT * FROM conflicts WHERE id = ?", (conflict_id,))
            if row is None:
                raise StoreError(StoreErrorCode.NOT_FOUND, f"No conflict {conflict_id}.")
            if row["resolved_at"] is not None:
                raise StoreError(
                    StoreErrorCode.INVALID, f"Conflict {conflict_id} is already resolved."
                )
            survey = self.get_survey(row["survey_id"])
            survey.answers = {**survey.answers, row["question"]: value}
            survey.revision += 1
            survey.author = self.actor or survey.author
            survey.updated_at = utcnow()
            self.conn.execute(
                "UPDATE surveys SET answers = ?, revision = ?, author = ?, updated_at = ? "
                "WHERE id = ?",
                (
                    json.dumps(survey.answers, ensure_ascii=False),
                    survey.revision,
                    survey.author,
                    survey.updated_at,
                    survey.id,
                ),
            )
            self._append_change(
                "conflict_resolution", survey.id, "save", self._snapshot(survey),
                survey.base_revision,
            )  # fmt: skip
            self.conn.execute(
                "UPDATE conflicts SET resolved_at = ? WHERE id = ?", (utcnow(), conflict_id)
            )
            self._audit(
                "resolve_conflict", "survey", survey.id,
                {"conflict": conflict_id, "question": row["question"]},
            )  # fmt: skip
        return survey

    def form_definition(self, form_id: str, version: str) -> dict[str, Any] | None:
        """A form version received from the server, or None."""
        row = self._row(
            "SELECT definition FROM forms WHERE form_id = ? AND version = ?", (form_id, version)
        )
        return None if row is None else dict(json.loads(row["definition"]))

    def form_versions(self, form_id: str | None = None) -> list[tuple[str, str]]:
        """(form id, version) pairs received from the server, in the order they arrived."""
        if form_id is None:
            rows = self.conn.execute("SELECT form_id, version FROM forms ORDER BY rowid")
        else:
            rows = self.conn.execute(
                "SELECT form_id, version FROM forms WHERE form_id = ? ORDER BY rowid", (form_id,)
            )
        return [(str(a), str(b)) for a, b in rows]

    def changes_to_push(self, *, after_seq: int = 0, limit: int = 500) -> list[Change]:
        """Pending changes to send, in outbox order: of each survey only the newest snapshot
        (its acknowledgement settles the older ones) plus any conflict resolution (which also
        closes conflicts on the server). Attachments go by upload, not here."""
        cur = self.conn.execute(
            "SELECT * FROM changes c WHERE c.state = 'pending' AND c.seq > ? "
            "AND c.entity != 'attachment' AND (c.entity != 'survey' OR c.seq = ("
            " SELECT max(d.seq) FROM changes d WHERE d.entity_id = c.entity_id"
            " AND d.state = 'pending' AND d.entity IN ('survey', 'conflict_resolution')))"
            " ORDER BY c.seq LIMIT ?",
            (after_seq, limit),
        )
        cols = [d[0] for d in cur.description]
        return [_change_from_row(dict(zip(cols, r, strict=True))) for r in cur]

    def pending_uploads(self) -> list[tuple[Change, int]]:
        """Attachment outbox entries with the file's size, oldest first."""
        cur = self.conn.execute(
            "SELECT c.*, a.size AS file_size FROM changes c JOIN attachments a "
            "ON a.sha256 = c.entity_id WHERE c.entity = 'attachment' AND c.state = 'pending' "
            "ORDER BY c.seq"
        )
        cols = [d[0] for d in cur.description]
        result = []
        for r in cur:
            row = dict(zip(cols, r, strict=True))
            result.append((_change_from_row(row), int(row["file_size"])))
        return result

    def pending_attachment_bytes(self) -> int:
        row = self.conn.execute(
            "SELECT coalesce(sum(a.size), 0) FROM changes c JOIN attachments a "
            "ON a.sha256 = c.entity_id WHERE c.entity = 'attachment' AND c.state = 'pending'"
        ).fetchone()
        return int(row[0])

    # -- coordinator: reviews, assignments, revisions -----------------------------------------

    def _keep_revision(
        self,
        survey_id: str,
        revision: int,
        status: str,
        answers_json: str,
        comment: str,
        author: str,
    ) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO survey_revisions(survey_id, revision, status, answers, "
            "review_comment, author, received_at) VALUES (?,?,?,?,?,?,?)",
            (survey_id, revision, status, answers_json, comment, author, utcnow()),
        )

    def survey_revisions(self, survey_id: str) -> list[RevisionRecord]:
        """The server revisions of a survey this device has seen, oldest first."""
        rows = self.conn.execute(
            "SELECT survey_id, revision, status, answers, review_comment, author, received_at "
            "FROM survey_revisions WHERE survey_id = ? ORDER BY revision",
            (survey_id,),
        )
        return [
            RevisionRecord(r[0], int(r[1]), r[2], json.loads(r[3]), r[4] or "", r[5] or "", r[6])
            for r in rows
        ]

    def previous_answers(self, survey_id: str) -> dict[str, Any] | None:
        """What a reviewer compares the current answers with: the last revision that was sent
        back (returned), else the last revision before the current one; None if none."""
        survey = self.get_survey(survey_id)
        older = [r for r in self.survey_revisions(survey_id) if r.revision < survey.base_revision]
        for record in reversed(older):
            if record.status == SurveyStatus.RETURNED:
                return record.answers
        return older[-1].answers if older else None

    def review_queue(self, regions: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Finalized surveys waiting for a decision (of `regions`, or all), oldest first."""
        sql = (
            "SELECT s.id AS survey_id, s.establishment_id, s.updated_at, s.author, s.revision,"
            " s.base_revision, e.code, e.name_fr, e.name_ar, e.region, e.province, e.commune"
            " FROM surveys s JOIN establishments e ON e.id = s.establishment_id"
            " WHERE s.status = 'finalized'"
        )
        params: list[Any] = []
        if regions:
            sql += f" AND e.region IN ({','.join('?' * len(regions))})"
            params.extend(regions)
        cur = self.conn.execute(sql + " ORDER BY s.updated_at, s.id", params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur]

    def review_survey(self, survey_id: str, decision: str, comment: str = "") -> Survey:
        """Approve or return a finalized survey: the local copy takes the decision and the
        outbox carries it (entity 'review', based on the server revision reviewed)."""
        status = REVIEW_DECISIONS.get(decision)
        if status is None:
            raise StoreError(StoreErrorCode.INVALID, f"A review is approve or return: {decision}")
        comment = comment.strip()
        if status == SurveyStatus.RETURNED and not comment:
            raise StoreError(StoreErrorCode.INVALID, "Say what to correct when returning a survey.")
        with self._write():
            survey = self.get_survey(survey_id)
            if survey.status != SurveyStatus.FINALIZED:
                raise StoreError(
                    StoreErrorCode.INVALID,
                    f"Survey {survey_id} is {survey.status}: only a finalized survey is reviewed.",
                )
            if survey.base_revision <= 0:
                raise StoreError(
                    StoreErrorCode.INVALID,
                    f"Survey {survey_id} is not on the server yet: sync before reviewing it.",
                )
            survey.status = status
            survey.review_comment = comment
            self.conn.execute(
                "UPDATE surveys SET status = ?, review_comment = ? WHERE id = ?",
                (str(status), comment, survey_id),
            )
            self._append_change(
                "review", new_id(), decision, {"survey_id": survey_id, "comment": comment},
                survey.base_revision,
            )  # fmt: skip
            self._audit(decision, "survey", survey_id, {"revision": survey.base_revision})
            self._refresh_survey_status(survey.establishment_id)
        return survey

    def establishment_agents(self, establishment_id: str) -> list[str]:
        row = self._row("SELECT agents FROM establishments WHERE id = ?", (establishment_id,))
        if row is None:
            raise StoreError(StoreErrorCode.NOT_FOUND, f"No establishment {establishment_id}.")
        return [str(a) for a in json.loads(row["agents"] or "[]")]

    def known_agents(self) -> list[str]:
        """Usernames seen as assignees or survey authors, sorted (choices for assigning)."""
        names: set[str] = set()
        for (text,) in self.conn.execute("SELECT DISTINCT agents FROM establishments"):
            names.update(str(a) for a in json.loads(text or "[]"))
        for (author,) in self.conn.execute("SELECT DISTINCT author FROM surveys"):
            if author:
                names.add(str(author))
        names.discard(self.actor)
        return sorted(names)

    def assign(
        self, establishment_ids: Iterable[str], username: str, *, assign: bool = True
    ) -> int:
        """Assign (or unassign) establishments to an agent: the local list of agents changes
        at once and the outbox carries one 'assignment' change per establishment."""
        username = username.strip()
        if not username:
            raise StoreError(StoreErrorCode.INVALID, "Choose the agent to assign.")
        op = "assign" if assign else "unassign"
        count = 0
        with self._write():
            for establishment_id in establishment_ids:
                agents = set(self.establishment_agents(establishment_id))
                if (username in agents) == assign:
                    continue  # already so: nothing to send
                agents = agents | {username} if assign else agents - {username}
                self.conn.execute(
                    "UPDATE establishments SET agents = ? WHERE id = ?",
                    (json.dumps(sorted(agents)), establishment_id),
                )
                self._append_change(
                    "assignment", new_id(), op,
                    {"establishment_id": establishment_id, "username": username}, 0,
                )  # fmt: skip
                self._audit(op, "establishment", establishment_id, {"username": username})
                count += 1
        return count

    # -- relay: changes carried from another device in a bundle ------------------------------

    def bundle_imported(self, bundle_id: str) -> bool:
        return self._row("SELECT 1 FROM bundles WHERE bundle_id = ?", (bundle_id,)) is not None

    def import_relay(
        self,
        bundle_id: str,
        kind: str,
        origin_device: str,
        origin_user: str,
        changes: Sequence[dict[str, Any]],
    ) -> int:
        """Record a bundle's changes for relaying (idempotent: a change id already known is
        kept as it is). Returns how many changes are new."""
        added = 0
        with self._write():
            for change in changes:
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO relay(change_id, bundle_id, origin_device, origin_user,"
                    " signature, entity, entity_id, op, base_revision, payload, created_at, state)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,'pending')",
                    (
                        str(change["id"]), bundle_id, origin_device, origin_user,
                        str(change.get("signature") or ""), str(change["entity"]),
                        str(change["entity_id"]), str(change["op"]),
                        int(change.get("base_revision") or 0),
                        json.dumps(change.get("payload") or {}, ensure_ascii=False),
                        str(change.get("created_at") or ""),
                    ),
                )  # fmt: skip
                added += cur.rowcount
            self.conn.execute(
                "INSERT OR IGNORE INTO bundles(bundle_id, kind, origin_device, origin_user, "
                "changes, imported_at) VALUES (?,?,?,?,?,?)",
                (bundle_id, kind, origin_device, origin_user, len(changes), utcnow()),
            )
            self._audit("import_bundle", kind, bundle_id, {"new": added, "from": origin_user})
        return added

    def relay_to_push(self, *, after_seq: int = 0, limit: int = 500) -> list[RelayedChange]:
        """Relayed changes still to send (attachments go by this device's own upload)."""
        cur = self.conn.execute(
            "SELECT * FROM relay WHERE state = 'pending' AND entity != 'attachment' AND seq > ? "
            "ORDER BY seq LIMIT ?",
            (after_seq, limit),
        )
        cols = [d[0] for d in cur.description]
        return [_relayed_from_row(dict(zip(cols, r, strict=True))) for r in cur]

    def relay_entries(self, bundle_id: str) -> list[RelayedChange]:
        """Every relayed change of a bundle; a relayed attachment counts as acknowledged once
        this device has uploaded the file."""
        with self._write():
            self.conn.execute(
                "UPDATE relay SET state = 'acknowledged', result = '{}' WHERE "
                "entity = 'attachment' AND state = 'pending' AND entity_id IN "
                "(SELECT sha256 FROM attachments WHERE uploaded = 1)"
            )
        cur = self.conn.execute(
            "SELECT * FROM relay WHERE bundle_id = ? ORDER BY seq", (bundle_id,)
        )
        cols = [d[0] for d in cur.description]
        return [_relayed_from_row(dict(zip(cols, r, strict=True))) for r in cur]

    def relay_settle(self, change_id: str, result: dict[str, Any], *, refused: str = "") -> None:
        """Record the server's answer to a relayed change: acknowledged (with its result, for
        the receipt) or, with `refused`, set aside with the reason."""
        with self._write():
            self.conn.execute(
                "UPDATE relay SET state = ?, result = ?, reason = ? WHERE change_id = ?",
                (
                    "set_aside" if refused else "acknowledged",
                    json.dumps(result, ensure_ascii=False),
                    refused,
                    change_id,
                ),
            )
            self._audit("relayed", "change", change_id, {"refused": refused})

    def relay_pending_count(self) -> int:
        return int(
            self.conn.execute("SELECT count(*) FROM relay WHERE state = 'pending'").fetchone()[0]
        )

    def record_receipt(self, bundle_id: str, origin_device: str, acknowledged: int) -> None:
        """Remember a receipt applied on the device that exported the bundle."""
        with self._write():
            self.conn.execute(
                "INSERT OR IGNORE INTO bundles(bundle_id, kind, origin_device, origin_user, "
                "changes, imported_at) VALUES (?, 'receipt', ?, '', ?, ?)",
                (bundle_id, origin_device, acknowledged, utcnow()),
            )
            self._audit("import_receipt", "receipt", bundle_id, {"acknowledged": acknowledged})

    # -- queries for the desktop app ---------------------------------------------------------

    def establishment_search_index(self) -> list[tuple[str, str, str, str, str]]:
        """(id, folded search text, region, type, latest survey status) of every establishment,
        ordered by code. The desktop app keeps this in memory and filters it at each
        keystroke: a LIKE scan of 10,000 rows takes tens of ms on an old laptop."""
        rows = self.conn.execute(
            "SELECT id, search, region, type, survey_status FROM establishments ORDER BY code"
        )
        return [(r[0], r[1] or "", r[2] or "", r[3] or "", r[4] or NOT_STARTED) for r in rows]

    # -- form versions ------------------------------------------------------------------------

    def latest_form_version(self, form_id: str) -> str | None:
        """The version of `form_id` received last from the server (arrival order: the server
        publishes versions in the order they were made), or None when none was received."""
        row = self._row(
            "SELECT version FROM forms WHERE form_id = ? ORDER BY rowid DESC LIMIT 1", (form_id,)
        )
        return None if row is None else str(row["version"])

    def move_to_form_version(
        self,
        survey_id: str,
        form_version: str,
        answers: dict[str, Any],
        dropped: Sequence[Any] = (),
    ) -> Survey:
        """Move a draft (or returned) survey to another version of its form, with the answers
        that fit it (`fieldapp.forms.fit_answers`). One transaction: the row (new version,
        kept answers), an outbox save carrying the new version to the server, and an audit
        line whose detail holds every dropped answer with its value, so nothing is lost
        silently. `dropped` holds `Dropped` objects or their `to_json()` dicts.

        A finalized or approved survey keeps its version: StoreError(INVALID), nothing written.
        """
        form_version = str(form_version).strip()
        if not form_version:
            raise StoreError(StoreErrorCode.INVALID, "Say which form version to move to.")
        if not isinstance(answers, dict):
            raise StoreError(StoreErrorCode.INVALID, "Answers must be an object of name -> value.")
        lost = [d.to_json() if hasattr(d, "to_json") else dict(d) for d in dropped]
        with self._write():
            survey = self.get_survey(survey_id)
            if survey.status not in (SurveyStatus.DRAFT, SurveyStatus.RETURNED):
                raise StoreError(
                    StoreErrorCode.INVALID,
                    f"Survey {survey_id} is {survey.status}: it keeps form version "
                    f"{survey.form_version}; only a draft moves to another version.",
                )
            if survey.form_version == form_version:
                raise StoreError(
                    StoreErrorCode.INVALID,
                    f"Survey {survey_id} is already in form version {form_version}.",
                )
            previous = survey.form_version
            survey.form_version = form_version
            survey.answers = dict(answers)
            survey.revision += 1
            survey.author = self.actor or survey.author
            survey.updated_at = utcnow()
            if survey.status == SurveyStatus.RETURNED:
                survey.status = SurveyStatus.DRAFT
            # Like any save (row, outbox snapshot, whatever else a save keeps up to date);
            # the snapshot carries the new form_version to the server.
            self._write_survey(survey, "save", insert=False)
            self._audit(
                "move_form_version", "survey", survey.id,
                {
                    "form_id": survey.form_id, "from": previous, "to": form_version,
                    "revision": survey.revision, "dropped": lost,
                },
            )  # fmt: skip
        return survey


def bulk_insert_surveys(store: Store, surveys: Sequence[Survey]) -> int:
    """Insert many surveys at once (demo data, imports): each with its outbox entry and audit
    line, all in one transaction."""
    touched: set[str] = set()
    with store._write():
        for survey in surveys:
            store._write_survey_no_refresh(survey)
            touched.add(survey.establishment_id)
        for establishment_id in touched:
            store._refresh_survey_status(establishment_id)
    return len(surveys)
