"""A rebuilt or restored server: ask what it no longer holds, send that again."""

from __future__ import annotations

import gzip

from sync import protocol as p
from sync.errors import SyncError, SyncErrorCode
from sync.run.base import RunBase
from sync.state import (
    RECONCILE_OTHER_INSTANCE,
    RECONCILE_RESTORED,
    STATE_CURSOR,
    STATE_RECONCILE,
    STATE_ROLE,
)
from sync.transport import Transport

HOLDINGS_PAGE = 2000  # surveys, change ids and files per holdings request


class Reconciling(RunBase):
    """What a rebuilt or restored server lost, queued again."""

    def _reconcile(self, http: Transport) -> None:
        """Ask the server which acknowledged changes it no longer holds and queue the latest
        snapshot of each lost survey, review and assignment again (new change ids, same ids),
        then pull from the start. Idempotent: a crash before the flag is cleared runs it again,
        and the server settles a snapshot it already holds without a new revision."""
        why = self.store.get_state(STATE_RECONCILE) or RECONCILE_RESTORED
        self.summary.server_change = why
        held = self.store.holdings()
        changes = self.store.acknowledged_changes()
        uploaded = self.store.uploaded_attachments()
        lost_surveys: list[p.LostSurvey] = []
        lost_changes: list[str] = []
        lost_files: list[str] = []
        answer: p.HoldingsResponse | None = None
        for start in range(0, max(len(held), len(changes), len(uploaded), 1), HOLDINGS_PAGE):
            http.check_cancel()
            request = p.HoldingsRequest(
                surveys=[
                    p.HeldSurvey(
                        id=h.survey_id, revision=h.revision, changes=h.changes, digests=h.digests
                    )
                    for h in held[start : start + HOLDINGS_PAGE]
                ],
                changes=changes[start : start + HOLDINGS_PAGE],
                attachments=uploaded[start : start + HOLDINGS_PAGE],
            )
            body = gzip.compress(request.model_dump_json().encode(), mtime=0)
            reply = http.call(
                "POST", "/sync/holdings", p.HoldingsResponse, body=body,
                headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
                error_statuses=frozenset({400, 404, 422}),
            )  # fmt: skip
            if reply.error is not None:
                raise SyncError(
                    SyncErrorCode.REFUSED,
                    f"The server cannot say what it holds ({reply.error.code}): "
                    f"{reply.error.message}",
                )
            answer = reply.body
            lost_surveys.extend(answer.surveys)
            lost_changes.extend(answer.changes)
            lost_files.extend(answer.attachments)
        # Answers are the agents' to send (a coordinator's copy of a survey is what it pulled,
        # and the server refuses answers from it): a coordinator re-sends its reviews and
        # assignments, and takes the surveys again as their agents re-send them.
        agent = self.store.get_state(STATE_ROLE) == "agent"
        report = self.store.resend_lost(
            [(s.id, s.base, s.resend and agent) for s in lost_surveys],
            lost_changes,
            why,
            lost_files,
        )
        self.summary.resent += report.total
        if self.store.get_state(STATE_CURSOR):
            self.summary.cursor_resets += 1
            self.store.set_state(STATE_CURSOR, None)
        if answer is not None:
            self._note_position(answer)
        self.store.set_state(STATE_RECONCILE, None)
        what = "another server database" if why == RECONCILE_OTHER_INSTANCE else "restored"
        self._log(
            f"server {what}: {report.surveys} surveys, {report.reviews} reviews and "
            f"{report.assignments} assignments and {report.attachments} attachments it did not "
            "hold sent again"
            + (f"; {report.retaken} surveys to take again" if report.retaken else "")
            + (f"; {report.released} set-aside changes retried" if report.released else "")
        )
