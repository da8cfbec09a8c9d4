"""Relay: changes carried from another device in a bundle, pushed on its behalf."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fieldapp.domain import (
    utcnow,
)
from fieldapp.store.pull import PullStore
from fieldapp.store.records import (
    RelayedChange,
    _relayed_from_row,
)

RELAY_FIELDS = (
    "change_id", "entity", "entity_id", "op", "base_revision", "payload", "created_at",
    "signature",
)  # fmt: skip


class RelayStore(PullStore):
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
                    " signature, entity, entity_id, op, base_revision, payload, created_at, state,"
                    " device_seq, establishment_code, code_signature)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,'pending',?,?,?)",
                    (
                        str(change["id"]), bundle_id, origin_device, origin_user,
                        str(change.get("signature") or ""), str(change["entity"]),
                        str(change["entity_id"]), str(change["op"]),
                        int(change.get("base_revision") or 0),
                        json.dumps(change.get("payload") or {}, ensure_ascii=False),
                        str(change.get("created_at") or ""),
                        int(change.get("device_seq") or 0),
                        str(change.get("establishment_code") or ""),
                        str(change.get("code_signature") or ""),
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

    def relay_files_to_acknowledge(self, *, limit: int = 500) -> list[RelayedChange]:
        """Files of bundles this device has uploaded whose server receipt is still to ask for
        (signed by their device; sync.protocol.ENTITY_ATTACHMENT)."""
        cur = self.conn.execute(
            "SELECT * FROM relay WHERE entity = 'attachment' AND state = 'pending' AND "
            "signature != '' AND entity_id IN (SELECT sha256 FROM attachments WHERE uploaded = 1) "
            "ORDER BY seq LIMIT ?",
            (limit,),
        )
        cols = [d[0] for d in cur.description]
        return [_relayed_from_row(dict(zip(cols, r, strict=True))) for r in cur]

    def relay_entries(self, bundle_id: str) -> list[RelayedChange]:
        """Every relayed change of a bundle; a relayed attachment of an older bundle (not
        signed by its device, so no server receipt can be asked for it) counts as
        acknowledged once this device has uploaded the file."""
        with self._write():
            self.conn.execute(
                "UPDATE relay SET state = 'acknowledged', result = '{}' WHERE "
                "entity = 'attachment' AND state = 'pending' AND signature = '' AND entity_id IN "
                "(SELECT sha256 FROM attachments WHERE uploaded = 1)"
            )
        cur = self.conn.execute(
            "SELECT * FROM relay WHERE bundle_id = ? ORDER BY seq", (bundle_id,)
        )
        cols = [d[0] for d in cur.description]
        return [_relayed_from_row(dict(zip(cols, r, strict=True))) for r in cur]

    def relay_settle(self, change_id: str, result: dict[str, Any], *, refused: str = "") -> None:
        """Record the server's answer to a relayed change: acknowledged (with its result, for
        the receipt) or, with `refused`, set aside with the reason. A change the server applied
        to another establishment id than the one it names (a rebuilt server found it by its
        official code) is audited `rekeyed`, as this laptop's own re-keying is."""
        row = self._row(
            "SELECT payload, establishment_code FROM relay WHERE change_id = ?", (change_id,)
        )
        named = json.loads(row["payload"]).get("establishment_id") if row is not None else None
        head = (result.get("survey") or {}).get("establishment_id")
        with self._write():
            if row is not None and named and head and named != head:
                self._audit(
                    "rekeyed", "change", change_id,
                    {"code": row["establishment_code"], "from": named, "to": head},
                )  # fmt: skip
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
        """Relayed changes the server has not acknowledged yet (`fieldapp check`, the sync
        summary); a relayed attachment waits until this device has uploaded its file."""
        return int(
            self.conn.execute(
                "SELECT count(*) FROM relay WHERE state = 'pending' AND NOT (entity = "
                "'attachment' AND entity_id IN (SELECT sha256 FROM attachments WHERE uploaded = 1))"
            ).fetchone()[0]
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
