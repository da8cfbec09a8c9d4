"""Background operations, with results back on the UI thread (like Anki's CollectionOp/QueryOp).

Every store *write* runs on one writer thread with its own `Store` connection, in submission
order, so two saves of the same survey can never race. Other slow work (decoding and
scaling a photo) runs on a small pool. An operation gets plain arguments and returns a plain
value; it must never touch a widget. Its `success` or `failure` callback runs on the UI thread.

Tests can pass `synchronous=True`: operations then run inline, as Picard's FakeThreadPool does.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from fieldapp.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")
Success = Callable[[Any], None] | None
Failure = Callable[[BaseException], None] | None


class Tasks(QObject):
    """Runs store writes on one writer thread and other work on a pool."""

    # Results wait in a queue; the signal only wakes the UI thread. Python objects are not
    # sent through queued signals: PySide 6.12 loses a reference to an `object` argument
    # (None included) on each queued emission, which ends in a crash after a while.
    _ready = Signal()
    busy_changed = Signal(bool)

    def __init__(
        self,
        data_dir: Path,
        *,
        actor: str = "",
        synchronous: bool = False,
        on_error: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._actor = actor
        self._synchronous = synchronous
        self._on_error = on_error
        self._writer_store: Store | None = None
        self._writer = None if synchronous else ThreadPoolExecutor(1, "store-writer")
        self._pool = None if synchronous else ThreadPoolExecutor(2, "worker")
        self._pending = 0
        self._pending_lock = threading.Lock()
        self._closed = False
        self._results: queue.SimpleQueue[tuple[Success, Failure, Any, BaseException | None]]
        self._results = queue.SimpleQueue()
        self._ready.connect(self._drain)

    # -- submitting -------------------------------------------------------------------------

    def write(
        self, op: Callable[[Store], T], *, success: Success = None, failure: Failure = None
    ) -> Future[T] | None:
        """Run `op(store)` on the writer thread (its own connection), in submission order."""
        return self._submit(self._writer, lambda: op(self._store()), success, failure)

    def run(
        self, op: Callable[[], T], *, success: Success = None, failure: Failure = None
    ) -> Future[T] | None:
        """Run `op()` on the pool (work that touches no store and no widget)."""
        return self._submit(self._pool, op, success, failure)

    def _store(self) -> Store:
        # Opened in the writer thread on first use: the connection then lives where it is used.
        if self._writer_store is None:
            self._writer_store = Store.open(self._data_dir, actor=self._actor)
        return self._writer_store

    def _submit(
        self,
        executor: ThreadPoolExecutor | None,
        fn: Callable[[], T],
        success: Success,
        failure: Failure,
    ) -> Future[T] | None:
        if self._closed:
            raise RuntimeError("the task runner is closed")
        if executor is None:
            self._change_pending(+1)
            try:
                value = fn()
            except Exception as exc:
                self._deliver(success, failure, None, exc)
            else:
                self._deliver(success, failure, value, None)
            return None
        self._change_pending(+1)
        future = executor.submit(fn)

        def done(f: Future[T]) -> None:
            # Runs in the worker: queue the result and wake the UI thread, nothing more.
            error = f.exception()
            self._results.put((success, failure, None if error else f.result(), error))
            self._ready.emit()

        future.add_done_callback(done)
        return future

    def _change_pending(self, delta: int) -> None:
        with self._pending_lock:
            before = self._pending
            self._pending += delta
            after = self._pending
        if (before == 0) != (after == 0):
            self.busy_changed.emit(after > 0)

    def _drain(self) -> None:
        while True:
            try:
                success, failure, value, error = self._results.get_nowait()
            except queue.Empty:
                return
            self._deliver(success, failure, value, error)

    def _deliver(
        self, success: Success, failure: Failure, value: Any, error: BaseException | None
    ) -> None:
        self._change_pending(-1)
        if self._closed:
            return  # the window is gone: its callbacks would touch closed stores and widgets
        if error is None:
            if success is not None:
                success(value)
            return
        if failure is not None:
            failure(error)
        elif self._on_error is not None:
            self._on_error(error)
        else:
            log.error("background operation failed", exc_info=error)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    # -- closing ----------------------------------------------------------------------------

    def flush(self, timeout: float = 30.0) -> None:
        """Block until every write submitted so far is done (used when the window closes)."""
        if self._writer is None:
            return
        self._writer.submit(lambda: None).result(timeout)

    def settle(self, timeout: float = 30.0) -> None:
        """Wait for every write submitted so far and deliver its result now, on this (the UI)
        thread: a survey leaving the screen learns whether its last save worked before it
        goes."""
        self.flush(timeout)
        self._drain()

    def close(self) -> None:
        """Finish the queued writes, then stop the threads and close the writer's store."""
        if self._closed:
            return
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._writer is not None:
            self._writer.submit(self._close_store)
            self._writer.shutdown(wait=True)
        else:
            self._close_store()

    def _close_store(self) -> None:
        if self._writer_store is not None:
            self._writer_store.close()
            self._writer_store = None
