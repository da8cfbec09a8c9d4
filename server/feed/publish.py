"""Appending to the change feed so that no pull can ever skip an entry.

The hazard: on PostgreSQL a sequence hands out numbers at INSERT time, not at COMMIT time. If
transaction A takes seq 10 and transaction B takes seq 11 and B commits first, a device pulling
in between sees 11, moves its cursor past 10, and never sees 10 once A commits.

The choice here: every transaction that appends to the feed first takes one transaction-scoped
advisory lock (`pg_advisory_xact_lock`), held until COMMIT/ROLLBACK. So feed sequence numbers are
handed out in commit order: while A holds the lock no one else can take a number, and A's
numbers are visible before the lock is released (PostgreSQL makes a commit visible before it
releases locks). Consequence: whatever a reader's snapshot sees, every lower seq is either
visible too or was rolled back, and the cursor may safely move to the highest visible seq.

Why not the alternative (serve only rows below the oldest in-flight transaction, via an xid8
column and `pg_snapshot_xmin(pg_current_snapshot())`): it lets writers run in parallel, but it
holds back every reader behind the slowest unrelated transaction, and needs a second column and
PostgreSQL-only queries. Our writers are short: the feed is appended as the last statement of
a push (one bulk INSERT), so the lock is held only for that INSERT and the COMMIT. The load
benchmark (bench/server_load.py) shows this is not the bottleneck.

SQLite serializes writers anyway (one write transaction at a time), so no lock is needed there.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from server.db import copy_insert

from .models import FeedEntry

# Arbitrary, fixed 64-bit key for the feed's advisory lock ("FIELDFED" in ASCII).
FEED_LOCK_KEY = 0x4649454C44464544


def lock_feed() -> None:
    """Take the feed lock until the end of the current transaction (PostgreSQL only)."""
    if not connection.in_atomic_block:
        raise RuntimeError("the feed must be appended inside a transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FEED_LOCK_KEY])


FEED_COLUMNS = [
    "kind", "object_id", "establishment_id", "region", "target_user", "data", "revision",
    "echo_device", "created_at",
]  # fmt: skip


def publish(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """Append entries to the feed in the caller's transaction, in order (COPY on PostgreSQL;
    their `seq` is not read back). Call it as late as possible in that transaction: the lock
    it takes is held until COMMIT."""
    batch = list(entries)
    if not batch:
        return batch
    for entry in batch:
        if entry.revision is not None:
            entry.revision_id = entry.revision.pk  # saved earlier in this transaction
    if connection.in_atomic_block:  # the caller's transaction (no savepoint round trips)
        lock_feed()
        copy_insert(FeedEntry, batch, FEED_COLUMNS)
        return batch
    with transaction.atomic():
        lock_feed()
        copy_insert(FeedEntry, batch, FEED_COLUMNS)
    return batch
