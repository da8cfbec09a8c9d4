"""Applying what the server sent (one pulled page of its change feed).

Pulled changes never create an outbox entry (they come from the server), and each page is
applied with its cursor in one transaction: a cut run resumes after the last whole page."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from fieldapp.domain import (
    Establishment,
    SurveyStatus,
    utcnow,
)
from fieldapp.store import export_cache
from fieldapp.store.errors import DB_ERRORS, OPERATIONAL_ERRORS
from fieldapp.store.records import (
    ApplyReport,
    PulledSetAside,
    ServerItem,
)
from fieldapp.store.review import ReviewStore

STATE_PULL_SET_ASIDE_SEEN = "pull_set_aside_seen"  # audit line up to which a person hid them
# What a malformed pulled item raises while it is applied (either SQLite binding): that item
# is set aside; anything operational (disk full, locked) stops the whole apply.
BAD_ITEM_ERRORS: tuple[type[Exception], ...] = (
    *DB_ERRORS,
    UnicodeError,
    ValueError,
    TypeError,
    KeyError,
)


class PullStore(ReviewStore):
    def apply_server_changes(
        self,
        items: Iterable[ServerItem],
        *,
        cursor: str | None = None,
        refused: Iterable[tuple[str, str, str]] = (),
    ) -> ApplyReport:
        """Apply one pulled page of the server's change feed and, in the same transaction,
        record `cursor` (the checkpoint to resume from).

        One bad item never stops the page: an item the store cannot take (text SQLite cannot
        encode, a missing field) is rolled back alone and set aside with its reason, like the
        `refused` ones (kind, id, reason) the sync client found before. A failure of the
        database itself (disk full, locked) still fails the whole page, cursor included."""
        report = ApplyReport()
        touched: set[str] = set()
        with self._write() as conn:
            for kind, item_id, reason in refused:
                self._set_aside_pulled(report, kind, item_id, reason)
            for item in items:
                handler = self._APPLIERS.get(item.kind)
                if handler is None:
                    report.skipped += 1  # a kind this version does not know: newer server
                    continue
                conn.execute("SAVEPOINT pulled_item")
                try:
                    handler(self, item.data, report, touched)
                except OPERATIONAL_ERRORS:
                    raise
                except BAD_ITEM_ERRORS as exc:
                    conn.execute("ROLLBACK TO pulled_item")
                    reason = f"invalid_item: {type(exc).__name__}: {exc}"
                    self._set_aside_pulled(report, item.kind, item.id, reason)
                conn.execute("RELEASE pulled_item")
            for establishment_id in touched:
                self._refresh_survey_status(establishment_id)
            if cursor is not None:
                conn.execute(
                    "INSERT INTO sync_state(key, value) VALUES ('cursor', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (cursor,),
                )
        return report

    def pulled_set_aside(self) -> list[PulledSetAside]:
        """Pulled items set aside and not applied since (a later pull of the same object
        applied it or set it aside again), newest first; those a person hid are left out."""
        seen = int(self.get_state(STATE_PULL_SET_ASIDE_SEEN) or 0)
        rows = self.conn.execute(
            "SELECT a.id, a.at, a.entity, a.entity_id, a.detail FROM audit a "
            "WHERE a.action = 'pull_set_aside' AND a.id > ? AND NOT EXISTS (SELECT 1 FROM "
            "audit b WHERE b.id > a.id AND b.entity_id = a.entity_id AND b.action IN "
            "('pull_set_aside', 'pulled', 'reviewed')) ORDER BY a.id DESC",
            (seen,),
        )
        items = []
        for seq, at, kind, item_id, detail in rows:
            try:
                reason = str(json.loads(detail or "{}").get("reason") or "")
            except ValueError:
                reason = ""
            items.append(PulledSetAside(int(seq), str(at), str(kind), str(item_id), reason))
        return items

    def hide_pulled_set_aside(self, upto_seq: int) -> None:
        """A person read the list: the items set aside up to `upto_seq` are no longer shown
        (the audit log keeps them)."""
        with self._write():
            self.conn.execute(
                "INSERT INTO sync_state(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (STATE_PULL_SET_ASIDE_SEEN, str(upto_seq)),
            )
            self._audit("pull_set_aside_hidden", "audit", str(upto_seq))

    def pull_again_from_start(self) -> None:
        """The next sync receives the server's whole feed again (what was corrected on the
        server since is applied; applying is idempotent and local edits are kept)."""
        with self._write():
            self.conn.execute("DELETE FROM sync_state WHERE key = 'cursor'")
            self._audit("pull_again", "sync_state", "cursor")

    def _set_aside_pulled(self, report: ApplyReport, kind: str, item_id: str, reason: str) -> None:
        """Record a pulled item that was not applied (audit `pull_set_aside`), printable."""
        item_id, reason = (_printable(item_id)[:200], _printable(reason)[:500])
        report.set_aside.append((kind, item_id, reason))
        self._audit("pull_set_aside", _printable(kind)[:40], item_id, {"reason": reason})

    def _drop_copies(self, establishment_id: str, code: str, report: ApplyReport) -> None:
        """The establishment left this device's scope (protocol v2 `drop`): delete the local
        copies of its surveys. A survey with local changes not yet on the server is kept, and
        those changes are set aside with the reason, for a person to see."""
        reason = f"not_assigned: establishment {code} is no longer assigned to you"
        rows = self.conn.execute(
            "SELECT id FROM surveys WHERE establishment_id = ?", (establishment_id,)
        ).fetchall()
        for (survey_id,) in rows:
            if self._has_local_changes(survey_id):
                for (change_id,) in self.conn.execute(
                    "SELECT id FROM changes WHERE entity IN ('survey', 'conflict_resolution') "
                    "AND entity_id = ? AND state = 'pending'",
                    (survey_id,),
                ).fetchall():
                    self.conn.execute(
                        "UPDATE changes SET state = 'set_aside', reason = ? WHERE id = ?",
                        (reason, change_id),
                    )
                    self._audit("set_aside", "change", change_id, {"reason": reason})
                continue
            for table in ("survey_exports", "survey_revisions", "conflicts"):
                self.conn.execute(f"DELETE FROM {table} WHERE survey_id = ?", (survey_id,))  # noqa: S608
            self.conn.execute("DELETE FROM surveys WHERE id = ?", (survey_id,))
            self._audit("dropped", "survey", survey_id, {"reason": reason})
            report.dropped_surveys += 1

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
        # The registry's identity is the official code; server ids change when a server is
        # rebuilt and the registry imported again: the server's id wins, and the local row and
        # everything that refers to it take it (in this page's transaction).
        for (old_id,) in self.conn.execute(
            "SELECT id FROM establishments WHERE code = ? AND id != ?", (e.code, e.id)
        ).fetchall():
            if self._row("SELECT 1 FROM establishments WHERE id = ?", (e.id,)) is None:
                report.rekeyed += 1
                self._rekey_establishment(str(old_id), e.id, e.code)
            else:
                # Both ids are here already: fold the old one's surveys into the server's.
                self.conn.execute(
                    "UPDATE establishments SET code = ? WHERE id = ?", (f"{e.code}\x00", old_id)
                )
                self._move_establishment_refs(str(old_id), e.id, e.code)
        self._upsert_establishment_row(e)
        if "agents" in data:
            self.conn.execute(
                "UPDATE establishments SET agents = ? WHERE id = ?",
                (json.dumps(sorted(str(a) for a in data.get("agents") or [])), e.id),
            )
        if data.get("drop"):
            self._drop_copies(e.id, e.code, report)
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
        # The server's order of receipt; a server before protocol 2 sends none: its
        # `updated_at` then stands in (the pushing laptop's clock, as before).
        received = str(data.get("received") or data.get("updated_at") or "")
        if row is None:
            self.conn.execute(
                "INSERT INTO surveys(id, establishment_id, form_id, form_version, status, "
                "answers, revision, base_revision, author, created_at, updated_at, "
                "review_comment, received) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                    received,
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
                "base_revision = ?, author = ?, updated_at = ?, review_comment = ?, "
                "received = CASE WHEN ? != '' THEN ? ELSE received END WHERE id = ?",
                (
                    str(data["form_id"]),
                    str(data["form_version"]),
                    status,
                    answers,
                    revision,
                    str(data.get("author") or ""),
                    str(data.get("updated_at") or ""),
                    comment,
                    received,
                    received,
                    survey_id,
                ),
            )
        # Its export row, in this transaction: the write above dropped the old one (trigger).
        export_cache.keep_answers(
            self, survey_id, str(data["form_id"]), str(data["form_version"]),
            data.get("answers") or {},
        )  # fmt: skip
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
        if data.get("resolved"):
            # Decided by a person on some device: settled here too, never decided again on
            # this stale copy (which would replace the later answer).
            closed = self.conn.execute(
                "UPDATE conflicts SET resolved_at = ? WHERE survey_id = ? AND question = ? "
                "AND resolved_at IS NULL AND (server_revision IS NULL OR server_revision <= ?)",
                (utcnow(), survey_id, str(data.get("question") or ""), data.get("revision") or 0),
            ).rowcount
            if closed:
                report.conflicts_closed += closed
                self._audit(
                    "conflict_closed", "survey", survey_id,
                    {"question": data.get("question"), "revision": data.get("revision")},
                )  # fmt: skip
            return
        if self._insert_conflict(
            survey_id,
            {k: data.get(k) for k in ("question", "base", "server", "client")},
            data.get("revision"),
        ):
            report.conflicts += 1

    _APPLIERS: ClassVar[
        dict[str, Callable[[PullStore, dict[str, Any], ApplyReport, set[str]], None]]
    ] = {
        "establishment": _apply_establishment,
        "survey": _apply_survey,
        "form": _apply_form,
        "review": _apply_review,
        "conflict": _apply_conflict,
    }


def _printable(text: str) -> str:
    """`text` with lone surrogates escaped: a reason must be storable and loggable."""
    return str(text).encode("utf-8", "backslashreplace").decode("utf-8")
