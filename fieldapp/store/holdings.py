"""What this profile knows the server acknowledged, and sending again what a server lost.

A server can be restored from an older backup or rebuilt from scratch; the changes it
acknowledged since are gone from the outbox here. The surveys themselves are never the only
copy of what was acknowledged: the `surveys` rows are. So the store remembers, by change id,
what was acknowledged (`acknowledged`, schema 5; written by `Store.acknowledge`), answers the
sync client's question "what do I hold?" (`holdings`), and queues the latest snapshot of every
survey, review and assignment the server says it lost as new changes (new ids, same surveys:
`resend_lost`), in one transaction with an audit line.

Establishments are known by their official code, not by the server's id: a rebuilt server
imports the same registry under new ids, and a pulled establishment whose code is held here
under another id takes the server's id with everything that refers to it (`rekey_establishment`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.domain import new_id, utcnow

# Surveys keep this many of their latest acknowledged change ids (the server finds the newest
# revision it still holds among them).
KEEP_SURVEY_ACKS = 20
SURVEY_ENTITIES = ("survey", "conflict_resolution")
RESENT_ENTITIES = ("review", "assignment")
# Refusals a rebuilt or restored server explains: retried (under new ids) after reconciling.
RETRIED_REASONS = ("unknown_establishment", "bad_base_revision", "unknown_base_revision")


@dataclass(frozen=True, slots=True)
class HeldSurvey:
    survey_id: str
    revision: int  # the server revision this copy was last reconciled with
    changes: list[str] = field(default_factory=list)  # acknowledged change ids, newest first


@dataclass(slots=True)
class ResendReport:
    surveys: int = 0
    reviews: int = 0
    assignments: int = 0
    released: int = 0  # set-aside changes queued again

    @property
    def total(self) -> int:
        return self.surveys + self.reviews + self.assignments + self.released


class ServerHoldings:
    """Mixin of `Store`: the acknowledged log, resending what a server lost, re-keying."""

    if TYPE_CHECKING:
        conn: sqlite3.Connection

        def _write(self) -> AbstractContextManager[sqlite3.Connection]: ...

        def _audit(
            self, action: str, entity: str, entity_id: str, detail: dict[str, Any] | None = None
        ) -> None: ...

        def _append_change(
            self,
            entity: str,
            entity_id: str,
            op: str,
            payload: dict[str, Any],
            base_revision: int,
        ) -> str: ...

    # -- the log, written by acknowledge() in its transaction ---------------------------------

    def _record_acknowledged(
        self, change_id: str, entity: str, entity_id: str, op: str, payload: dict[str, Any],
        revision: int | None,
    ) -> None:  # fmt: skip
        if entity == "attachment":
            return  # content-addressed: the upload is asked for again by its own path
        if entity in RESENT_ENTITIES:
            # Only the latest decision about one thing needs sending again.
            self.conn.execute(
                "DELETE FROM acknowledged WHERE entity = ? AND entity_id = ?", (entity, entity_id)
            )
            kept = json.dumps(payload, ensure_ascii=False)
        else:
            kept = "{}"
        self.conn.execute(
            "INSERT OR REPLACE INTO acknowledged(change_id, entity, entity_id, op, payload, "
            "revision, acked_at) VALUES (?,?,?,?,?,?,?)",
            (change_id, entity, entity_id, op, kept, revision, utcnow()),
        )
        if entity in SURVEY_ENTITIES:
            self.conn.execute(
                "DELETE FROM acknowledged WHERE entity_id = ? AND entity IN ('survey', "
                "'conflict_resolution') AND rowid NOT IN (SELECT rowid FROM acknowledged "
                "WHERE entity_id = ? AND entity IN ('survey', 'conflict_resolution') "
                "ORDER BY rowid DESC LIMIT ?)",
                (entity_id, entity_id, KEEP_SURVEY_ACKS),
            )

    # -- the question to the server --------------------------------------------------------------

    def holdings(self) -> list[HeldSurvey]:
        """Every local survey, with the server revision it was reconciled with and this
        device's acknowledged change ids of it (newest first)."""
        acks: dict[str, list[str]] = {}
        for entity_id, change_id in self.conn.execute(
            "SELECT entity_id, change_id FROM acknowledged WHERE entity IN ('survey', "
            "'conflict_resolution') ORDER BY rowid DESC"
        ):
            acks.setdefault(str(entity_id), []).append(str(change_id))
        return [
            HeldSurvey(str(survey_id), int(base or 0), acks.get(str(survey_id), []))
            for survey_id, base in self.conn.execute(
                "SELECT id, base_revision FROM surveys ORDER BY id"
            )
        ]

    def acknowledged_changes(self) -> list[str]:
        """Ids of the acknowledged reviews and assignments this device made."""
        return [
            str(row[0])
            for row in self.conn.execute(
                "SELECT change_id FROM acknowledged WHERE entity IN ('review', 'assignment') "
                "ORDER BY rowid"
            )
        ]

    # -- sending again -------------------------------------------------------------------------

    def resend_lost(
        self, surveys: Sequence[tuple[str, int, int]], changes: Sequence[str], why: str
    ) -> ResendReport:
        """Queue again what the server no longer holds. `surveys`: (id, the server's head
        revision, the revision to base the re-sent snapshot on); `changes`: ids of acknowledged
        reviews and assignments it lost. Pending changes of a lost survey are rebased instead
        (they carry its latest snapshot already); set-aside changes a rebuild explains are
        queued again under new ids (the server keeps its refusal of the old ones)."""
        report = ResendReport()
        with self._write():
            for change_id, reason in self.conn.execute(
                "SELECT id, reason FROM changes WHERE state = 'set_aside'"
            ).fetchall():
                if str(reason or "").split(":", 1)[0] not in RETRIED_REASONS:
                    continue
                self.conn.execute(
                    "UPDATE changes SET state = 'pending', reason = '', id = ? WHERE id = ?",
                    (new_id(), change_id),
                )
                report.released += 1
            for survey_id, head, base in surveys:
                row = self.conn.execute(
                    "SELECT establishment_id, form_id, form_version, status, answers, "
                    "created_at, updated_at, author FROM surveys WHERE id = ?",
                    (survey_id,),
                ).fetchone()
                if row is None:
                    continue
                pending = self.conn.execute(
                    "UPDATE changes SET base_revision = ? WHERE entity IN ('survey', "
                    "'conflict_resolution') AND entity_id = ? AND state = 'pending'",
                    (base, survey_id),
                ).rowcount
                if not pending:
                    status = row[3] if row[3] in ("draft", "finalized") else "finalized"
                    snapshot = {
                        "establishment_id": row[0], "form_id": row[1], "form_version": row[2],
                        "status": status, "answers": json.loads(row[4]), "created_at": row[5],
                        "updated_at": row[6], "author": row[7],
                    }  # fmt: skip
                    self._append_change("survey", survey_id, "save", snapshot, base)
                # Revisions above the server's head are gone there; it will hand out those
                # numbers again, and this copy must take them, not ignore them as old.
                self.conn.execute(
                    "UPDATE surveys SET base_revision = ? WHERE id = ?", (head, survey_id)
                )
                self.conn.execute(
                    "DELETE FROM survey_revisions WHERE survey_id = ? AND revision > ?",
                    (survey_id, head),
                )
                report.surveys += 1
            for change_id in changes:
                found = self.conn.execute(
                    "SELECT entity, entity_id, op, payload FROM acknowledged WHERE change_id = ?",
                    (change_id,),
                ).fetchone()
                if found is None:
                    continue
                entity, _, op, text = found
                payload = json.loads(text)
                base = 0
                if entity == "review":
                    survey = self.conn.execute(
                        "SELECT base_revision FROM surveys WHERE id = ?",
                        (payload.get("survey_id"),),
                    ).fetchone()
                    if survey is None:
                        continue
                    base = int(survey[0] or 0)
                    report.reviews += 1
                else:
                    report.assignments += 1
                self._append_change(entity, new_id(), op, payload, base)
                self.conn.execute("DELETE FROM acknowledged WHERE change_id = ?", (change_id,))
            self._audit(
                f"server_{why}", "sync", "",
                {"surveys": report.surveys, "reviews": report.reviews,
                 "assignments": report.assignments, "released": report.released},
            )  # fmt: skip
        return report

    # -- identity by official code ---------------------------------------------------------------

    def _rekey_establishment(self, old_id: str, new_id_: str, code: str) -> int:
        """Move everything that refers to establishment `old_id` to the server's `new_id_`
        (called inside the pull's transaction, before the server's row is written). Outbox
        rows whose payload changes get new change ids: a change id always means one content,
        and the server may have refused the old one. Returns the rows moved."""
        self.conn.execute(
            "UPDATE establishments SET code = ? WHERE id = ?", (f"{code}\x00{old_id}", old_id)
        )
        columns = [str(r[1]) for r in self.conn.execute("PRAGMA table_info(establishments)")]
        given = {"id": new_id_, "code": code}
        picked = ", ".join("?" if c in given else c for c in columns)
        self.conn.execute(
            f"INSERT INTO establishments({', '.join(columns)}) "  # noqa: S608 - our own columns
            f"SELECT {picked} FROM establishments WHERE id = ?",
            [given[c] for c in columns if c in given] + [old_id],
        )
        moved = self.conn.execute(
            "UPDATE surveys SET establishment_id = ? WHERE establishment_id = ?", (new_id_, old_id)
        ).rowcount
        rows = self.conn.execute(
            "SELECT seq FROM changes WHERE entity IN ('survey', 'conflict_resolution', "
            "'assignment') AND json_extract(payload, '$.establishment_id') = ?",
            (old_id,),
        ).fetchall()
        for (seq,) in rows:
            self.conn.execute(
                "UPDATE changes SET id = ?, payload = json_set(payload, '$.establishment_id', ?) "
                "WHERE seq = ?",
                (new_id(), new_id_, seq),
            )
        self.conn.execute(
            "UPDATE acknowledged SET payload = json_set(payload, '$.establishment_id', ?) "
            "WHERE entity = 'assignment' AND json_extract(payload, '$.establishment_id') = ?",
            (new_id_, old_id),
        )
        self.conn.execute("DELETE FROM establishments WHERE id = ?", (old_id,))
        self._audit(
            "rekeyed", "establishment", new_id_,
            {"code": code, "from": old_id, "surveys": moved, "changes": len(rows)},
        )  # fmt: skip
        return moved + len(rows)
