"""Surveys written on this laptop (start, autosave, finalize) and their attachments.

Each write changes the row and appends its outbox snapshot in one transaction; a draft
can also move to another version of its form."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from fieldapp.domain import (
    Change,
    Survey,
    SurveyStatus,
    new_id,
    utcnow,
)
from fieldapp.files import write_atomically
from fieldapp.store import cipher, export_cache
from fieldapp.store.errors import StoreError, StoreErrorCode, translate
from fieldapp.store.form_versions import FormVersionStore
from fieldapp.store.records import (
    _change_from_row,
    _survey_from_row,
    latest_first,
)

_SHA256 = re.compile(r"[0-9a-f]{64}")
# sync_state key (+ survey id) of a survey's audit rows not yet in its audit.csv: kept with
# each autosave so that a killed app loses no more of the log than of the answers.
AUDIT_PENDING = "audit_pending:"


class SurveyStore(FormVersionStore):
    def _keep_revision(
        self,
        survey_id: str,
        revision: int,
        status: str,
        answers_json: str,
        comment: str,
        author: str,
    ) -> None:
        """Keep a server revision of a survey as this device saw it: pulled, or acknowledged
        after its own push (its content is what `holdings` digests after a restore)."""
        self.conn.execute(
            "INSERT OR IGNORE INTO survey_revisions(survey_id, revision, status, answers, "
            "review_comment, author, received_at) VALUES (?,?,?,?,?,?,?)",
            (survey_id, revision, status, answers_json, comment, author, utcnow()),
        )

    def get_survey(self, survey_id: str) -> Survey:
        row = self._row("SELECT * FROM surveys WHERE id = ?", (survey_id,))
        if row is None:
            raise StoreError(StoreErrorCode.NOT_FOUND, f"No survey {survey_id}.")
        return _survey_from_row(row)

    def mark_received(self, survey_ids: Sequence[str], server_time: str) -> None:
        """Record the server's time of receipt of surveys it acknowledged for the first time
        (`fieldapp.store.records.latest_first`); surveys it already had keep theirs."""
        if not survey_ids or not server_time:
            return
        with self._write():
            self.conn.executemany(
                "UPDATE surveys SET received = ? WHERE id = ? AND received = ''",
                [(server_time, survey_id) for survey_id in survey_ids],
            )

    def last_saved_answers(self, form_id: str, *, excluding: str = "") -> dict[str, Any]:
        """The answers of the survey of this form saved last on this laptop (other than
        `excluding`): what `${last-saved#q}` reads, as ODK Collect reads the last saved
        instance of the form on the device; {} when there is none."""
        row = self._row(
            "SELECT id FROM surveys WHERE form_id = ? AND id != ? "
            "ORDER BY updated_at DESC, rowid DESC LIMIT 1",
            (form_id, excluding),
        )
        return self.get_survey(row["id"]).answers if row is not None else {}

    def surveys_for(self, establishment_id: str) -> list[Survey]:
        cur = self.conn.execute(
            f"SELECT * FROM surveys WHERE establishment_id = ? ORDER BY {latest_first()}",  # noqa: S608
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

    def _keep_audit_rows(self, survey_id: str, rows: str | None) -> None:
        """Inside a write: the survey's audit rows not yet in its audit.csv ('' : none left).
        Local only (never synced): they go into the attachment when the survey is left."""
        if rows is None:
            return
        key = AUDIT_PENDING + survey_id
        if rows:
            self.conn.execute(
                "INSERT INTO sync_state(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, rows),
            )
        else:
            self.conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))

    def audit_rows(self, survey_id: str) -> str:
        """The audit rows kept by the last save (`save_answers(audit_rows=...)`), or ''."""
        return self.get_state(AUDIT_PENDING + survey_id) or ""

    def save_answers(
        self, survey_id: str, answers: dict[str, Any], *, audit_rows: str | None = None
    ) -> Survey:
        """Save a draft's answers (autosave): the row and its outbox entry in one transaction,
        with the audit rows not yet in the survey's audit.csv when given ('' clears them)."""
        if not isinstance(answers, dict):
            raise StoreError(StoreErrorCode.INVALID, "Answers must be an object of name -> value.")
        with self._write():
            self._keep_audit_rows(survey_id, audit_rows)
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
        audit_rows: str | None = None,
    ) -> Survey:
        """Mark a survey finalized. `validate` returns the problems that forbid it (if any),
        in which case nothing is written and StoreError(INVALID) is raised. `audit_rows` as
        for `save_answers`."""
        with self._write():
            self._keep_audit_rows(survey_id, audit_rows)
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

    def attachment_path(self, sha256: str) -> Path:
        """Where the sealed file of `sha256` lives (read it with `read_attachment`). Anything
        but 64 hex digits (an answer pulled from elsewhere saying `../../etc/passwd`) names a
        file that never exists, inside the profile: a thumbnail or a report then shows its
        placeholder."""
        if not _SHA256.fullmatch(str(sha256)):
            return self.data_dir / "attachments" / "invalid" / "not-a-sha256"
        return self.data_dir / "attachments" / sha256[:2] / sha256

    def read_attachment(self, sha256: str) -> bytes:
        """The attachment's plaintext. OSError when its file is missing; StoreError CORRUPT
        when it does not authenticate."""
        return cipher.read_attachment(self.attachment_path(sha256), self.key)

    def add_attachment(self, data: bytes, mime: str) -> str:
        """Store a file under the SHA-256 of its plaintext, sealed with the profile's
        attachment key (written and fsynced before the row commits)."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.attachment_path(digest)
        try:
            if not target.exists():
                cipher.secure_dir(target.parent.parent)
                cipher.secure_dir(target.parent)
                write_atomically(target, cipher.seal_attachment(self.key, data, digest))
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
