"""What this profile knows the server acknowledged, and sending again what a server lost.

A server can be restored from an older backup or rebuilt from scratch; the changes it
acknowledged since are gone from the outbox here. The surveys themselves are never the only
copy of what was acknowledged: the `surveys` rows are. So the store remembers, by change id,
what was acknowledged (`acknowledged`, schema 5; written by `acknowledge`), answers the
sync client's question "what do I hold?" (`holdings`), and queues the latest snapshot of every
survey, review and assignment the server says it lost as new changes (new ids, same surveys:
`resend_lost`), in one transaction with an audit line.

Establishments are known by their official code, not by the server's id: a rebuilt server
imports the same registry under new ids, and a pulled establishment whose code is held here
under another id takes the server's id with everything that refers to it
(`RegistryStore._rekey_establishment`, called by the pull).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from fieldapp.domain import new_id, revision_digest
from fieldapp.store.outbox import KEEP_SURVEY_ACKS
from fieldapp.store.relay import RelayStore

DIGESTS_PER_SURVEY = 5  # pulled revisions whose digest a device sends (newest first)
# Refusals a rebuilt or restored server explains: retried (under new ids) after reconciling.
RETRIED_REASONS = ("unknown_establishment", "bad_base_revision", "unknown_base_revision")


@dataclass(frozen=True, slots=True)
class HeldSurvey:
    survey_id: str
    revision: int  # the server revision this copy was last reconciled with
    changes: list[str] = field(default_factory=list)  # acknowledged change ids, newest first
    digests: dict[str, str] = field(default_factory=dict)  # pulled revision -> its digest


@dataclass(slots=True)
class ResendReport:
    surveys: int = 0
    reviews: int = 0
    assignments: int = 0
    released: int = 0  # set-aside changes queued again
    attachments: int = 0  # uploads queued again
    retaken: int = 0  # copies of a revision the server lost: its newer ones are pulled again

    @property
    def total(self) -> int:
        return self.surveys + self.reviews + self.assignments + self.released + self.attachments


class HoldingsStore(RelayStore):
    """What was acknowledged, and sending again what a server lost."""

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
        digests: dict[str, dict[str, str]] = {}
        for survey_id, revision, status, answers in self.conn.execute(
            "SELECT r.survey_id, r.revision, r.status, r.answers FROM survey_revisions r "
            "JOIN surveys s ON s.id = r.survey_id WHERE r.revision <= s.base_revision "
            "ORDER BY r.survey_id, r.revision DESC"
        ):
            kept = digests.setdefault(str(survey_id), {})
            if len(kept) < DIGESTS_PER_SURVEY:
                kept[str(revision)] = revision_digest(str(status), json.loads(answers))
        return [
            HeldSurvey(
                str(survey_id),
                int(base or 0),
                acks.get(str(survey_id), [])[:KEEP_SURVEY_ACKS],
                digests.get(str(survey_id), {}),
            )
            for survey_id, base in self.conn.execute(
                "SELECT id, base_revision FROM surveys ORDER BY id"
            )
        ]

    def uploaded_attachments(self) -> list[str]:
        """SHA-256 of the attachments the server confirmed whole."""
        return [
            str(row[0])
            for row in self.conn.execute("SELECT sha256 FROM attachments WHERE uploaded = 1")
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
        self,
        surveys: Sequence[tuple[str, int, bool]],
        changes: Sequence[str],
        why: str,
        attachments: Sequence[str] = (),
    ) -> ResendReport:
        """Queue again what the server no longer holds. `surveys`: (id, the newest revision
        both sides hold, whether to send the local snapshot again); `changes`: ids of
        acknowledged reviews and assignments it lost. Pending changes of a lost survey are
        rebased instead (they carry its latest snapshot already); set-aside changes a rebuild
        explains are queued again under new ids (the server keeps its refusal of the old
        ones). Every survey named takes the server's revisions above that base again."""
        report = ResendReport()
        with self._write():
            for seq, reason in self.conn.execute(
                "SELECT seq, reason FROM changes WHERE state = 'set_aside'"
            ).fetchall():
                if str(reason or "").split(":", 1)[0] not in RETRIED_REASONS:
                    continue
                self._reissue_change(seq, state="pending", reason="")
                report.released += 1
            for survey_id, base, resend in surveys:
                row = self.conn.execute(
                    "SELECT establishment_id, form_id, form_version, status, answers, "
                    "created_at, updated_at, author FROM surveys WHERE id = ?",
                    (survey_id,),
                ).fetchone()
                if row is None:
                    continue
                rows = self.conn.execute(
                    "SELECT seq FROM changes WHERE entity IN ('survey', 'conflict_resolution') "
                    "AND entity_id = ? AND state = 'pending'",
                    (survey_id,),
                ).fetchall()
                for (seq,) in rows:
                    self._reissue_change(seq, base_revision=base)
                pending = len(rows)
                if not pending and resend:
                    status = row[3] if row[3] in ("draft", "finalized") else "finalized"
                    snapshot = {
                        "establishment_id": row[0], "form_id": row[1], "form_version": row[2],
                        "status": status, "answers": json.loads(row[4]), "created_at": row[5],
                        "updated_at": row[6], "author": row[7],
                    }  # fmt: skip
                    self._append_change("survey", survey_id, "save", snapshot, base)
                # Revisions above the base are gone there or are not the ones held here; it
                # hands those numbers out again, and this copy must take them, not ignore them.
                self.conn.execute(
                    "UPDATE surveys SET base_revision = ? WHERE id = ?", (base, survey_id)
                )
                self.conn.execute(
                    "DELETE FROM survey_revisions WHERE survey_id = ? AND revision > ?",
                    (survey_id, base),
                )
                if resend or pending:
                    report.surveys += 1
                else:
                    report.retaken += 1
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
            for sha in attachments:
                row = self.conn.execute(
                    "SELECT size FROM attachments WHERE sha256 = ? AND uploaded = 1", (sha,)
                ).fetchone()
                if row is None:
                    continue
                self.conn.execute("UPDATE attachments SET uploaded = 0 WHERE sha256 = ?", (sha,))
                self._append_change("attachment", sha, "upload", {"size": int(row[0])}, 0)
                report.attachments += 1
            self._audit(
                f"server_{why}", "sync", "",
                {"surveys": report.surveys, "reviews": report.reviews,
                 "assignments": report.assignments, "released": report.released,
                 "attachments": report.attachments},
            )  # fmt: skip
        return report

    def remove_generated_surveys(self, authors: Sequence[str]) -> tuple[int, int]:
        """Remove the surveys `fieldapp demo` generated (by one of its made-up `authors`, never
        saved since) with their outbox entries, and the establishments left without a survey:
        a demo profile enrolled on a server must not send made-up surveys. Surveys a person
        created or edited stay, with their establishments. Returns (establishments, surveys)."""
        marks = ",".join("?" for _ in authors)
        with self._write():
            ids = [
                str(r[0])
                for r in self.conn.execute(
                    f"SELECT id FROM surveys WHERE revision = 1 AND author IN ({marks})",  # noqa: S608
                    list(authors),
                )
            ]
            for survey_id in ids:
                self.conn.execute(
                    "DELETE FROM changes WHERE entity IN ('survey', 'conflict_resolution') "
                    "AND entity_id = ?",
                    (survey_id,),
                )
                for table in ("conflicts", "survey_revisions"):
                    self.conn.execute(
                        f"DELETE FROM {table} WHERE survey_id = ?",  # noqa: S608 - fixed names
                        (survey_id,),
                    )
                self.conn.execute("DELETE FROM surveys WHERE id = ?", (survey_id,))
            establishments = self.conn.execute(
                "DELETE FROM establishments WHERE NOT EXISTS "
                "(SELECT 1 FROM surveys WHERE establishment_id = establishments.id)"
            ).rowcount
            detail = {"surveys": len(ids), "establishments": establishments}
            self._audit("demo_removed", "profile", "", detail)
        return establishments, len(ids)
