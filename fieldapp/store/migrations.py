"""Numbered schema steps. Each runs in one transaction and sets `PRAGMA user_version`.

Steps are append-only: a released step is never edited, because databases made by it exist
on laptops in the field. `tests/core/fixtures/` holds a profile made by version 1.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def _v1(db: sqlite_utils.Database) -> None:
    db["establishments"].create(  # type: ignore[union-attr]
        {
            "id": str,
            "code": str,
            "name_fr": str,
            "name_ar": str,
            "type": str,
            "capacity": int,
            "manager": str,
            "region": str,
            "province": str,
            "commune": str,
            "site": str,
            "latitude": float,
            "longitude": float,
            "assigned": int,
            "survey_status": str,
            "search": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"code", "name_fr", "type", "region"},
        defaults={"assigned": 1, "survey_status": "not_started", "search": ""},
    )
    db["surveys"].create(  # type: ignore[union-attr]
        {
            "id": str,
            "establishment_id": str,
            "form_id": str,
            "form_version": str,
            "status": str,
            "answers": str,
            "revision": int,
            "base_revision": int,
            "author": str,
            "created_at": str,
            "updated_at": str,
            "review_comment": str,
        },
        pk="id",
        foreign_keys=[("establishment_id", "establishments", "id")],
        not_null={"establishment_id", "form_id", "form_version", "status", "answers"},
        defaults={"revision": 0, "base_revision": 0, "review_comment": ""},
    )
    db["attachments"].create(  # type: ignore[union-attr]
        {"sha256": str, "size": int, "mime": str, "created_at": str, "uploaded": int},
        pk="sha256",
        defaults={"uploaded": 0},
    )
    db["changes"].create(  # type: ignore[union-attr]
        {
            "seq": int,
            "id": str,
            "entity": str,
            "entity_id": str,
            "op": str,
            "base_revision": int,
            "payload": str,
            "created_at": str,
            "state": str,
            "reason": str,
        },
        pk="seq",
        not_null={"id", "entity", "entity_id", "op", "payload"},
        defaults={"state": "pending", "reason": "", "base_revision": 0},
    )
    db["sync_state"].create({"key": str, "value": str}, pk="key")  # type: ignore[union-attr]
    db["audit"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "entity": str,
            "entity_id": str,
            "detail": str,
        },
        pk="id",
    )
    db.execute("CREATE UNIQUE INDEX idx_establishments_code ON establishments(code)")
    db.execute("CREATE INDEX idx_establishments_region ON establishments(region, type)")
    db.execute("CREATE INDEX idx_surveys_establishment ON surveys(establishment_id)")
    db.execute("CREATE INDEX idx_surveys_status ON surveys(status)")
    db.execute("CREATE UNIQUE INDEX idx_changes_id ON changes(id)")
    db.execute("CREATE INDEX idx_changes_entity ON changes(entity_id, seq)")


def _v2(db: sqlite_utils.Database) -> None:
    # Form versions arrive by sync (never by a new installer); conflicts wait for a person.
    db["forms"].create(  # type: ignore[union-attr]
        {"form_id": str, "version": str, "definition": str, "received_at": str},
        pk=("form_id", "version"),
    )
    db["conflicts"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "survey_id": str,
            "question": str,
            "base": str,
            "server": str,
            "client": str,
            "server_revision": int,
            "created_at": str,
            "resolved_at": str,
        },
        pk="id",
        foreign_keys=[("survey_id", "surveys", "id")],
    )
    db.execute("CREATE INDEX idx_conflicts_open ON conflicts(survey_id) WHERE resolved_at IS NULL")
    db.execute("ALTER TABLE changes ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")


def _v3(db: sqlite_utils.Database) -> None:
    # Coordinator workspace. Revisions as pulled, so a reviewer sees what changed since the
    # revision before; who works where (`agents`, usernames as JSON) for assignments and
    # progress per agent; changes relayed from an agent's bundle (sneakernet) with the
    # server's answer to each, kept apart from this device's own outbox because they carry
    # another device's identity and must never settle this device's surveys.
    db["survey_revisions"].create(  # type: ignore[union-attr]
        {
            "survey_id": str,
            "revision": int,
            "status": str,
            "answers": str,
            "review_comment": str,
            "author": str,
            "received_at": str,
        },
        pk=("survey_id", "revision"),
    )
    db.execute("ALTER TABLE establishments ADD COLUMN agents TEXT NOT NULL DEFAULT '[]'")
    db["relay"].create(  # type: ignore[union-attr]
        {
            "seq": int,
            "change_id": str,
            "bundle_id": str,
            "origin_device": str,
            "origin_user": str,
            "signature": str,
            "entity": str,
            "entity_id": str,
            "op": str,
            "base_revision": int,
            "payload": str,
            "created_at": str,
            "state": str,
            "result": str,
            "reason": str,
        },
        pk="seq",
        not_null={"change_id", "bundle_id", "entity", "entity_id", "op", "payload", "state"},
        defaults={"state": "pending", "reason": "", "base_revision": 0},
    )
    db.execute("CREATE UNIQUE INDEX idx_relay_change ON relay(change_id)")
    db.execute("CREATE INDEX idx_relay_bundle ON relay(bundle_id)")
    db["bundles"].create(  # type: ignore[union-attr]
        {
            "bundle_id": str,
            "kind": str,
            "origin_device": str,
            "origin_user": str,
            "changes": int,
            "imported_at": str,
        },
        pk="bundle_id",
    )


def _v4(db: sqlite_utils.Database) -> None:
    # Each survey's answers as the CSV export writes them (fieldapp.forms.flatten.survey_csv),
    # kept by the store's writes so a large export only copies text. Derived data: a row
    # counts only for the form whose `form_key` (definition hash + flatten format) it names,
    # and any change to a survey's answers, by whatever code, deletes it (the trigger), so a
    # stale row can never be exported. Its own table keeps the surveys rows small for every
    # other query.
    db.execute(
        "CREATE TABLE survey_exports ("
        " survey_id TEXT PRIMARY KEY REFERENCES surveys(id) ON DELETE CASCADE,"
        " form_key TEXT NOT NULL,"
        " main TEXT NOT NULL,"
        " repeats TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TRIGGER survey_exports_stale AFTER UPDATE OF answers ON surveys "
        "BEGIN DELETE FROM survey_exports WHERE survey_id = NEW.id; END"
    )


def _v5(db: sqlite_utils.Database) -> None:
    # What the server acknowledged, by change id, once the outbox row is gone: a server
    # restored from an older backup (or rebuilt) is asked which of these it no longer holds,
    # and the latest snapshot of each is sent again (fieldapp.store.holdings). Surveys keep
    # their last few ids; reviews and assignments their op and payload, to be sent again.
    db.execute(
        "CREATE TABLE acknowledged ("
        " change_id TEXT PRIMARY KEY,"
        " entity TEXT NOT NULL,"
        " entity_id TEXT NOT NULL,"
        " op TEXT NOT NULL,"
        " payload TEXT NOT NULL DEFAULT '{}',"
        " revision INTEGER,"
        " acked_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX idx_acknowledged_entity ON acknowledged(entity_id)")


def _v6(db: sqlite_utils.Database) -> None:
    # Each change's number on this device (sync.protocol ChangeIn.device_seq), counted in
    # sync_state; a relayed change keeps the number its own device gave it.
    db.execute("ALTER TABLE changes ADD COLUMN device_seq INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE changes SET device_seq = seq")
    db.execute(
        "INSERT OR REPLACE INTO sync_state(key, value) "
        "SELECT 'device_seq', CAST(coalesce(max(seq), 0) AS TEXT) FROM changes"
    )
    db.execute("ALTER TABLE relay ADD COLUMN device_seq INTEGER NOT NULL DEFAULT 0")


def _v7(db: sqlite_utils.Database) -> None:
    # The server's order of receipt (its clock) decides an establishment's latest survey
    # (fieldapp.store.records.latest_first); '' until the server has the survey.
    db.execute("ALTER TABLE surveys ADD COLUMN received TEXT NOT NULL DEFAULT ''")


def _v8(db: sqlite_utils.Database) -> None:
    # The Sync panel lists set-aside changes when it is built and after each sync: without an
    # index that read every outbox row (each a full survey snapshot), 0.8 s on the UI thread
    # for a profile of 50,000 surveys. A partial index holds only the few set-aside rows.
    db.execute("CREATE INDEX idx_changes_set_aside ON changes(seq) WHERE state = 'set_aside'")


def _v9(db: sqlite_utils.Database) -> None:
    # A relayed change keeps the official code its device signed for the establishment it
    # names (sync.protocol.RelayOrigin.establishment_code), so that a rebuilt server that
    # imported the registry under new ids applies it to the establishment of that code.
    db.execute("ALTER TABLE relay ADD COLUMN establishment_code TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE relay ADD COLUMN code_signature TEXT NOT NULL DEFAULT ''")


def _v10(db: sqlite_utils.Database) -> None:
    # The Sync panel counts the pulled items set aside (audit `pull_set_aside`) after each
    # sync: a partial index holds those few rows of an audit table that grows with every save.
    db.execute("CREATE INDEX idx_audit_pull_set_aside ON audit(id) WHERE action = 'pull_set_aside'")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10,
]  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)
