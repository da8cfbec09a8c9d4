"""What is left and what is unsent, counted in surveys (what an agent thinks in), not in
outbox rows: one survey filled in is one survey to send, however many autosaves it took.

Reads only; any connection of the profile will do.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UnsentCounts:
    finalized_to_send: int  # finalized here, not yet acknowledged by the server
    drafts_to_send: int  # drafts whose latest answers the server does not have yet
    drafts: int  # still being filled in (drafts and surveys returned for correction)
    refused: int  # set aside: the server refused their change
    other_changes: int  # reviews, assignments, photos still to send

    @property
    def anything_to_send(self) -> bool:
        return bool(self.finalized_to_send or self.drafts_to_send or self.other_changes)


def unsent_counts(conn: sqlite3.Connection) -> UnsentCounts:
    finalized = conn.execute(
        "SELECT count(DISTINCT c.entity_id) FROM changes c JOIN surveys s ON s.id = c.entity_id"
        " WHERE c.state = 'pending' AND s.status = 'finalized'"
        " AND c.entity IN ('survey', 'conflict_resolution')"
    ).fetchone()[0]
    drafts_to_send = conn.execute(
        "SELECT count(DISTINCT c.entity_id) FROM changes c JOIN surveys s ON s.id = c.entity_id"
        " WHERE c.state = 'pending' AND s.status != 'finalized'"
        " AND c.entity IN ('survey', 'conflict_resolution')"
    ).fetchone()[0]
    drafts = conn.execute(
        "SELECT count(*) FROM surveys WHERE status IN ('draft', 'returned')"
    ).fetchone()[0]
    refused = conn.execute(
        "SELECT count(DISTINCT entity_id) FROM changes WHERE state = 'set_aside'"
        " AND entity IN ('survey', 'conflict_resolution')"
    ).fetchone()[0]
    other = conn.execute(
        "SELECT count(*) FROM changes WHERE state = 'pending'"
        " AND entity NOT IN ('survey', 'conflict_resolution')"
    ).fetchone()[0]
    return UnsentCounts(int(finalized), int(drafts_to_send), int(drafts), int(refused), int(other))


def sent_on(conn: sqlite3.Connection, survey_ids: list[str]) -> dict[str, str]:
    """When the server last acknowledged each survey that has nothing pending (ISO UTC);
    surveys with a change still pending are left out: they are not sent as they are now."""
    pending_sql = (
        "SELECT 1 FROM changes WHERE entity_id = ? AND state IN ('pending', 'set_aside')"
        " AND entity IN ('survey', 'conflict_resolution') LIMIT 1"
    )
    acked_sql = (
        "SELECT max(acked_at) FROM acknowledged WHERE entity_id = ?"
        " AND entity IN ('survey', 'conflict_resolution')"
    )
    found: dict[str, str] = {}
    for survey_id in survey_ids:
        if conn.execute(pending_sql, (survey_id,)).fetchone() is not None:
            continue
        acked = conn.execute(acked_sql, (survey_id,)).fetchone()[0]
        if acked:
            found[survey_id] = str(acked)
    return found
