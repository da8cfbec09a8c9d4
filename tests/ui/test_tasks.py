"""Background operations: writes in order on one writer thread, results on the UI thread."""

from __future__ import annotations

import random
import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from fieldapp.demo import make_establishments
from fieldapp.store import Store, StoreError, StoreErrorCode
from ui.tasks import Tasks


def test_writes_run_in_order_off_the_ui_thread_and_answer_on_it(qtbot, data_dir):
    with Store.open(data_dir) as store:
        store.upsert_establishments(make_establishments(1, random.Random(1)))
        establishment_id = store.find_establishment_ids()[0]
    tasks = Tasks(data_dir)
    ui_thread = QApplication.instance().thread()
    seen: list[tuple[int, bool]] = []
    workers: set[str] = set()

    def op(store: Store, n: int) -> int:
        workers.add(threading.current_thread().name)
        survey = store.start_survey(establishment_id, "f", "1", answers={"n": n})
        return store.get_survey(survey.id).answers["n"]

    for n in range(20):
        tasks.write(
            lambda s, n=n: op(s, n),
            success=lambda value: seen.append((value, QThread.currentThread() is ui_thread)),
        )
    qtbot.waitUntil(lambda: len(seen) == 20)
    assert seen == [(n, True) for n in range(20)]
    assert len(workers) == 1 and next(iter(workers)).startswith("store-writer")
    tasks.close()


def test_a_failure_reaches_its_handler_on_the_ui_thread(qtbot, data_dir):
    reported: list[BaseException] = []
    tasks = Tasks(data_dir, on_error=reported.append)

    def fails(_store: Store) -> None:
        raise StoreError(StoreErrorCode.DISK_FULL, "full")

    failures: list[BaseException] = []
    tasks.write(fails, failure=failures.append)
    tasks.write(fails)  # no handler of its own: the window's reporter gets it
    qtbot.waitUntil(lambda: len(failures) == 1 and len(reported) == 1)
    assert failures[0].code is StoreErrorCode.DISK_FULL
    tasks.close()


def test_synchronous_mode_runs_inline_for_tests(data_dir):
    tasks = Tasks(data_dir, synchronous=True)
    got: list[int] = []
    tasks.run(lambda: 41 + 1, success=got.append)
    tasks.write(lambda store: store.outbox_count(), success=got.append)
    assert got == [42, 0]
    tasks.close()


def test_flush_waits_for_queued_writes(data_dir):
    tasks = Tasks(data_dir)
    done = threading.Event()

    def slow(_store: Store) -> None:
        threading.Event().wait(0.2)
        done.set()

    tasks.write(slow)
    tasks.flush()
    assert done.is_set()
    tasks.close()
