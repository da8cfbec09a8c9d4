"""The outbox (`changes`): what waits for the server, and settling it on acknowledgement."""

from __future__ import annotations

import json
from collections.abc import Iterable

from fieldapp.domain import (
    Change,
    ChangeState,
    SurveyStatus,
    utcnow,
)
from fieldapp.store.conflicts import ConflictStore
from fieldapp.store.records import (
    SURVEY_ENTITIES,
    AckResult,
    _change_from_row,
    _survey_from_row,
)

# Surveys keep this many of their latest acknowledged change ids (a restored server finds the
# newest revision it still holds among them: fieldapp.store.holdings).
KEEP_SURVEY_ACKS = 50
RESENT_ENTITIES = ("review", "assignment")


class OutboxStore(ConflictStore):
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

    def last_change_seq(self) -> int:
        """The outbox position of the newest change (0 when empty)."""
        return int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])

    def outbox_count(self) -> int:
        return int(
            self.conn.execute("SELECT count(*) FROM changes WHERE state='pending'").fetchone()[0]
        )

    def acknowledge(self, results: Iterable[AckResult]) -> int:
        """Remove acknowledged changes from the outbox and record the server's revisions.

        A survey change is a full snapshot, so its acknowledgement also settles the older
        pending changes of the same survey. Newer changes are rebased on the new server
        revision (under new change ids: `_rebase_newer`), and answers the server merged in
        from elsewhere are carried into the local copy where the agent has not changed them
        since.
        """
        results = list(results)
        answered = {r.change_id for r in results}
        removed = 0
        with self._write() as conn:
            for result in results:
                row = self._row("SELECT * FROM changes WHERE id = ?", (result.change_id,))
                if row is None:
                    continue  # already acknowledged (a replayed answer): nothing to do
                change = _change_from_row(row)
                if change.entity in SURVEY_ENTITIES and result.revision is not None:
                    removed += self._settle_survey(change, result, answered)
                else:
                    removed += conn.execute(
                        "DELETE FROM changes WHERE seq = ?", (change.seq,)
                    ).rowcount
                if change.entity == "attachment":
                    conn.execute(
                        "UPDATE attachments SET uploaded = 1 WHERE sha256 = ?", (change.entity_id,)
                    )
                self._record_acknowledged(change, result.revision)
                self._audit("acknowledged", change.entity, change.entity_id, {"change": change.id})
        return removed

    def _record_acknowledged(self, change: Change, revision: int | None) -> None:
        """Remember an acknowledged change once its outbox row is gone (schema 5), for a
        server restored from an older backup: fieldapp.store.holdings."""
        change_id, entity, entity_id = change.id, change.entity, change.entity_id
        op, payload = change.op, change.payload
        if entity == "attachment" or (entity in SURVEY_ENTITIES and revision is None):
            return  # content-addressed upload; a survey change settled without a revision
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

    def _settle_survey(self, change: Change, result: AckResult, answered: set[str]) -> int:
        assert result.revision is not None
        removed = self.conn.execute(
            "DELETE FROM changes WHERE entity IN ('survey', 'conflict_resolution') "
            "AND entity_id = ? AND seq <= ? AND state = 'pending'",
            (change.entity_id, change.seq),
        ).rowcount
        self._rebase_newer(change, result, answered)
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
        if result.form_version and result.form_version != survey.form_version:
            # The server kept a newer version (a move made on another laptop): follow it, and
            # drop what it did not keep (a person sees it as a conflict) unless typed since.
            survey.form_version = result.form_version
            for key in _dropped_by_server(change, result):
                if survey.answers.get(key) == change.payload.get("answers", {}).get(key):
                    survey.answers.pop(key, None)
        if result.status in (SurveyStatus.RETURNED, SurveyStatus.APPROVED):
            survey.status = SurveyStatus(result.status)
        self.conn.execute(
            "UPDATE surveys SET base_revision = ?, answers = ?, status = ?, form_version = ? "
            "WHERE id = ?",
            (
                survey.base_revision,
                json.dumps(survey.answers, ensure_ascii=False),
                str(survey.status),
                survey.form_version,
                survey.id,
            ),
        )
        for conflict in result.conflicts:
            self._insert_conflict(survey.id, conflict, result.revision)
        # The server's revision as it stands (the snapshot sent, or the merged head it sent
        # back): after a restore, another laptop may send this content back under the same
        # number, and this device must recognise its own work there (holdings digests), not
        # merge against an older base and conflict with itself.
        held = result.answers if result.answers is not None else change.payload.get("answers")
        self._keep_revision(
            survey.id, result.revision,
            str(result.status or change.payload.get("status") or survey.status),
            json.dumps(held or {}, ensure_ascii=False), "", str(change.payload.get("author") or ""),
        )  # fmt: skip
        return removed

    def _rebase_newer(self, change: Change, result: AckResult, answered: set[str]) -> None:
        """Snapshots of the survey saved after `change` (an edit during a background sync) now
        stand on the server's new revision, and carry what the server merged in, or their push
        would silently undo it.

        A change id always means one content: the server answers a second content under a
        known id with `id_reuse`, and the id may already have left (a push whose answer was
        lost, a bundle, another process). So a row whose content changes here gets a new id,
        in the same place of the outbox; if the server applied the old one, the new one is the
        same snapshot again and changes nothing there. Rows answered in the same
        acknowledgement were sent as they are and are settled by their own answer."""
        assert result.revision is not None
        sent = change.payload.get("answers", {})
        merged = result.answers or {}
        merged_in = {k: v for k, v in merged.items() if k not in sent or sent[k] != v}
        rows = self.conn.execute(
            "SELECT seq, id, state, base_revision, payload FROM changes WHERE entity IN "
            "('survey', 'conflict_resolution') AND entity_id = ? AND seq > ? ORDER BY seq",
            (change.entity_id, change.seq),
        ).fetchall()
        for seq, old_id, state, base_revision, text in rows:
            if old_id in answered:
                continue
            payload = json.loads(text)
            if state == ChangeState.PENDING and merged_in:
                answers = payload.get("answers", {})
                for key, value in merged_in.items():
                    if answers.get(key) == sent.get(key):
                        answers[key] = value
                payload["answers"] = answers
            moved = result.form_version and payload.get("form_version") != result.form_version
            if state == ChangeState.PENDING and moved:
                payload["form_version"] = result.form_version
                answers = payload.get("answers", {})
                for key in _dropped_by_server(change, result):
                    if answers.get(key) == sent.get(key):
                        answers.pop(key, None)
            new_text = json.dumps(payload, ensure_ascii=False)
            if base_revision == result.revision and new_text == text:
                continue  # nothing changes: it keeps its id
            self._reidentify(seq, old_id, base_revision=result.revision, payload=new_text)

    def _reidentify(self, seq: int, old_id: str, *, base_revision: int, payload: str) -> str:
        """Give the outbox row `seq` a new content under a new change id (same place)."""
        new = self._reissue_change(seq, base_revision=base_revision, payload=payload)
        self._audit("rebased", "change", new, {"previous_id": old_id})
        return new

    def renew_change_id(self, change_id: str) -> str | None:
        """The server knows `change_id` with another content (`id_reuse`): the row's content
        is a change it never applied, so it goes again, pending, under a new id. Returns the
        new id (None when the row is gone)."""
        with self._write():
            row = self._row("SELECT seq FROM changes WHERE id = ?", (change_id,))
            if row is None:
                return None
            new = self._reissue_change(int(row["seq"]), state="pending", reason="")
            self._audit("renewed", "change", new, {"previous_id": change_id})
        return new

    def renew_reused_ids(self) -> int:
        """Changes set aside as `id_reuse` (two processes once rebased one row in place) go
        again under new ids; returns how many."""
        ids = [
            str(r[0])
            for r in self.conn.execute(
                "SELECT id FROM changes WHERE state = 'set_aside' AND reason LIKE 'id_reuse%'"
            )
        ]
        for change_id in ids:
            self.renew_change_id(change_id)
        return len(ids)

    def set_aside(self, change_id: str, reason: str) -> None:
        """Park a change the server refused (4xx) with its reason, for a person to see.

        A finalized survey the server refused goes back to draft: editable, never stuck on
        the laptop (a clock far ahead made a visit date "in the future" for the server); the
        reason stays with the set-aside change, and finalizing again sends a new change."""
        with self._write():
            self.conn.execute(
                "UPDATE changes SET state = 'set_aside', reason = ? WHERE id = ?",
                (reason, change_id),
            )
            self._audit("set_aside", "change", change_id, {"reason": reason})
            row = self._row(
                "SELECT s.id AS survey_id, s.establishment_id FROM changes c JOIN surveys s "
                "ON s.id = c.entity_id WHERE c.id = ? AND c.entity IN "
                "('survey', 'conflict_resolution') AND s.status = 'finalized'",
                (change_id,),
            )
            if row is not None:
                self.conn.execute(
                    "UPDATE surveys SET status = 'draft' WHERE id = ?", (row["survey_id"],)
                )
                self._audit("back_to_draft", "survey", str(row["survey_id"]), {"reason": reason})
                self._refresh_survey_status(str(row["establishment_id"]))

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


def _dropped_by_server(change: Change, result: AckResult) -> list[str]:
    """Answers `change` sent that the server's head does not hold."""
    if result.answers is None:
        return []
    return [k for k in change.payload.get("answers", {}) if k not in result.answers]
