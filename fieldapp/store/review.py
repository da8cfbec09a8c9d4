"""Coordinator actions: server revisions kept for reviewers, reviews, assignments."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from fieldapp.domain import (
    Survey,
    SurveyStatus,
    new_id,
)
from fieldapp.store.errors import StoreError, StoreErrorCode
from fieldapp.store.outbox import OutboxStore
from fieldapp.store.records import (
    RevisionRecord,
)

REVIEW_DECISIONS = {"approve": SurveyStatus.APPROVED, "return": SurveyStatus.RETURNED}


class ReviewStore(OutboxStore):
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
        """Approve or return a finalized survey (or return an approved one, to unlock it): the
        local copy takes the decision and the outbox carries it (entity 'review', based on the
        server revision reviewed)."""
        status = REVIEW_DECISIONS.get(decision)
        if status is None:
            raise StoreError(StoreErrorCode.INVALID, f"A review is approve or return: {decision}")
        comment = comment.strip()
        if status == SurveyStatus.RETURNED and not comment:
            raise StoreError(StoreErrorCode.INVALID, "Say what to correct when returning a survey.")
        with self._write():
            survey = self.get_survey(survey_id)
            # Returning an approved survey is how a coordinator unlocks it for a correction
            # (the server locks it for agents until then).
            unlocking = status == SurveyStatus.RETURNED and survey.status == SurveyStatus.APPROVED
            if survey.status != SurveyStatus.FINALIZED and not unlocking:
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
