"""Conflicts: a question changed on two devices to different values, waiting for a person."""

from __future__ import annotations

import json
from typing import Any

from fieldapp.domain import (
    Survey,
    utcnow,
)
from fieldapp.store.errors import StoreError, StoreErrorCode
from fieldapp.store.records import (
    ConflictRecord,
    _conflict_from_row,
)
from fieldapp.store.surveys import SurveyStore


class ConflictStore(SurveyStore):
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
            if value is None:  # no answer: none kept (a question the form may no longer hold)
                del survey.answers[row["question"]]
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
