"""The local store: one SQLite file per profile, written only through named actions.

Every action that must reach the server changes its rows *and* appends to the outbox
(`changes`) in one transaction, so a crash leaves either both or neither. Reads never
take the write lock (WAL), so the UI can read while a sync writes.

`Store` is built in layers, one module per concern, each above the ones it uses:
base (file, migrations, transactions) < registry < surveys < form_versions < conflicts <
outbox < review < pull < relay < holdings < Store (checks).
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldapp.domain import Survey
from fieldapp.store.base import DB_NAME, PRAGMAS, SQLITE_MAGIC
from fieldapp.store.errors import DB_ERRORS, translate
from fieldapp.store.holdings import HoldingsStore
from fieldapp.store.records import (
    NOT_STARTED,
    SURVEY_ENTITIES,
    AckResult,
    ApplyReport,
    CheckReport,
    ConflictRecord,
    PulledSetAside,
    RelayedChange,
    RevisionRecord,
    ServerItem,
    search_text,
)

__all__ = [
    "DB_NAME",
    "NOT_STARTED",
    "PRAGMAS",
    "SQLITE_MAGIC",
    "SURVEY_ENTITIES",
    "AckResult",
    "ApplyReport",
    "CheckReport",
    "ConflictRecord",
    "PulledSetAside",
    "RelayedChange",
    "RevisionRecord",
    "ServerItem",
    "Store",
    "bulk_insert_surveys",
    "search_text",
]


class Store(HoldingsStore):
    """One profile's database. Thread-safe for one writer; use one Store per thread for reads."""

    def check(self) -> CheckReport:
        """Integrity check, schema version and counts (what `fieldapp check` prints)."""
        try:
            integrity = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
            fk = list(self.conn.execute("PRAGMA foreign_key_check"))
            establishments = self.conn.execute("SELECT count(*) FROM establishments").fetchone()[0]
            set_aside = self.conn.execute(
                "SELECT count(*) FROM changes WHERE state='set_aside'"
            ).fetchone()[0]
            shas = [r[0] for r in self.conn.execute("SELECT sha256 FROM attachments")]
        except DB_ERRORS as exc:
            raise translate(exc, str(self.path)) from exc
        missing = [s for s in shas if not self.attachment_path(s).exists()]
        problems = [] if integrity == ["ok"] else integrity
        problems += [f"foreign key: {row}" for row in fk]
        return CheckReport(
            path=str(self.path),
            ok=not problems and not missing,
            integrity=problems or ["ok"],
            schema_version=self.schema_version,
            establishments=establishments,
            surveys=self.survey_counts(),
            outbox=self.outbox_count(),
            outbox_set_aside=set_aside,
            attachments=len(shas),
            missing_attachment_files=missing,
            relay_pending=self.relay_pending_count(),
        )


def bulk_insert_surveys(store: Store, surveys: Sequence[Survey]) -> int:
    """Insert many surveys at once (demo data, imports): each with its outbox entry and audit
    line, all in one transaction."""
    touched: set[str] = set()
    with store._write():
        for survey in surveys:
            store._write_survey_no_refresh(survey)
            touched.add(survey.establishment_id)
        for establishment_id in touched:
            store._refresh_survey_status(establishment_id)
    return len(surveys)
