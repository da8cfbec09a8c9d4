"""No missed change on pull with concurrent writers committing out of order (PostgreSQL).

Two real connections in two threads: transaction A appends to the feed first (so it would get
the lower sequence number) and commits *later*; transaction B tries to append meanwhile. A
device pulls while A is still open, then again after both committed. Every entry must reach it.
The second test shows the hazard is real: without the feed lock the same schedule loses A.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from server.feed.models import FeedEntry
from server.feed.publish import publish


def feed_entry(name: str) -> FeedEntry:
    return FeedEntry(
        kind="form", object_id=name, data={"id": name, "version": "1", "definition": {}}
    )


def run_out_of_order(insert, admin):
    """A inserts and stays open; B inserts and commits; a pull happens; then A commits."""
    a_inserted, release_a, b_started = threading.Event(), threading.Event(), threading.Event()
    b_done = threading.Event()
    errors: list[BaseException] = []

    def writer_a() -> None:
        try:
            with transaction.atomic():
                insert("A")
                a_inserted.set()
                release_a.wait(20)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    def writer_b() -> None:
        try:
            a_inserted.wait(20)
            b_started.set()
            with transaction.atomic():
                insert("B")
            b_done.set()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer_a), threading.Thread(target=writer_b)]
    for t in threads:
        t.start()
    assert a_inserted.wait(20) and b_started.wait(20)
    b_done.wait(1.0)  # with the lock B is still waiting; without it B has committed
    first = admin.pull_page(admin.cursor)
    release_a.set()
    for t in threads:
        t.join(30)
    assert not errors, errors
    second = admin.pull_page(first.cursor)
    seen = [i.id for i in first.items + second.items if i.id in ("A", "B")]
    return seen, b_done


@pytest.fixture
def admin_device(world, client_for):
    admin = client_for(world["admin"])
    admin.pull_all()  # start from "now"
    return admin


def test_pull_misses_nothing_when_the_lower_seq_commits_later(admin_device, on_postgres):
    if not on_postgres:
        pytest.skip("SQLite serializes writers: the out-of-order commit cannot happen there")
    seen, _ = run_out_of_order(lambda name: publish([feed_entry(name)]), admin_device)
    assert sorted(seen) == ["A", "B"]


def test_without_the_feed_lock_the_same_schedule_loses_a_change(admin_device, on_postgres):
    """Control experiment: proves the test above can fail (the hazard exists on PostgreSQL)."""
    if not on_postgres:
        pytest.skip("SQLite serializes writers: the out-of-order commit cannot happen there")

    def unlocked(name: str) -> None:
        FeedEntry.objects.bulk_create([feed_entry(name)])

    seen, b_done = run_out_of_order(unlocked, admin_device)
    assert b_done.is_set()
    assert seen == ["B"]  # A committed later with a lower seq and was skipped
