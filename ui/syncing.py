"""One sync run at a time, in a worker thread, reported to the UI as Qt signals.

The sync client (`sync.client.SyncRun`) knows nothing of Qt: it calls plain Python callbacks
on the thread that runs it (Electrum's pattern). Here those callbacks put events in a queue and
wake the UI thread; the UI thread drains the queue and re-emits each event as a signal, so a
widget is only ever touched on the UI thread. As in `ui/tasks.py`, no Python object rides a
queued signal (PySide 6.12 loses references to them).

The run uses its own `Store` connection, not the writer thread of `Tasks`: on EDGE a run takes
minutes, and the agent's autosaves must not wait behind it. SQLite's write lock (each store
action is one short `BEGIN IMMEDIATE` transaction, with a busy timeout) keeps the two apart.

The core reports failures as codes (`SyncErrorCode`); `describe_sync_error` turns them into
translated sentences.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from fieldapp.store import Store, StoreError, StoreErrorCode
from fieldapp.store.errors import CLOSED_ERRORS
from sync.client import STATE_SERVER, Phase, Progress, SyncRun, SyncSummary
from sync.errors import NetworkFailure, SyncError, SyncErrorCode
from sync.transport import CancelToken
from ui.languages import isolated

log = logging.getLogger(__name__)

PHASES = (Phase.CHANGES, Phase.ATTACHMENTS, Phase.PULL)
COUNT_NAMES = ("pushed", "merged", "conflicts", "set_aside", "pulled")
# Codes that mean "the server cannot be reached from here now": the app is offline.
OFFLINE_CODES = frozenset(
    {SyncErrorCode.UNREACHABLE, SyncErrorCode.NOT_FIELDAPP, SyncErrorCode.DEADLINE}
)


def describe_network_failure(detail: str) -> tuple[str, str] | None:
    """(what happened, what to do) for why a connection failed (sync.errors.NetworkFailure),
    in the UI language; None for a reason without its own sentence."""
    tr = QCoreApplication.translate
    words: dict[str, tuple[str, str]] = {
        NetworkFailure.DNS: (
            tr("SyncErrors", "The server's name cannot be found."),
            tr(
                "SyncErrors",
                "Check the server address; if it is right, check that this computer is "
                "connected (network cable, Wi-Fi, 3G key).",
            ),
        ),
        NetworkFailure.REFUSED: (
            tr("SyncErrors", "The server's machine refused the connection."),
            tr(
                "SyncErrors",
                "The server is not running at this address, or the port is wrong. Check the "
                "address, or tell your coordinator.",
            ),
        ),
        NetworkFailure.TIMEOUT: (
            tr("SyncErrors", "The server did not answer in time."),
            tr(
                "SyncErrors",
                "The connection is down or too slow. Try again later, or from a place with a "
                "better connection.",
            ),
        ),
        NetworkFailure.NO_ROUTE: (
            tr("SyncErrors", "This computer is not connected to a network."),
            tr("SyncErrors", "Check the network cable, Wi-Fi or 3G key, then try again."),
        ),
        NetworkFailure.RESET: (
            tr("SyncErrors", "The connection to the server was cut."),
            tr(
                "SyncErrors",
                "Nothing was lost. Try again; if it keeps happening, the link is unstable.",
            ),
        ),
        NetworkFailure.NOT_TLS: (
            tr("SyncErrors", "The server does not speak HTTPS on this port."),
            tr(
                "SyncErrors",
                "Check the address: it may need http:// instead of https://, or another port. "
                "Ask your coordinator for the exact address.",
            ),
        ),
        NetworkFailure.CERTIFICATE_EXPIRED: (
            tr("SyncErrors", "The server's certificate has expired."),
            tr(
                "SyncErrors",
                "The connection was not used. Tell your coordinator: the server's "
                "administrator must renew it. Also check this computer's date.",
            ),
        ),
        NetworkFailure.CERTIFICATE_NAME: (
            tr("SyncErrors", "The server's certificate is for another address."),
            tr(
                "SyncErrors",
                "The connection was not used. Check the server address with your coordinator.",
            ),
        ),
    }
    return words.get(detail)


def describe_local_failure(detail: str) -> tuple[str, str] | None:
    """(what happened, what to do) when this laptop's store failed during a sync
    (`detail` is a fieldapp.store.StoreErrorCode): a full disk, a refused row, a locked or
    damaged profile are told as what they are; None for a code without its own words."""
    try:
        code = StoreErrorCode(detail)
    except ValueError:
        return None
    if code is StoreErrorCode.DISK_FULL:
        return (
            QCoreApplication.translate(
                "SyncErrors", "This laptop's disk is full: what the server sent was not saved."
            ),
            QCoreApplication.translate(
                "SyncErrors",
                "Free some space (empty the recycle bin, move photos away), then synchronise "
                "again. Nothing was lost.",
            ),
        )
    if code is StoreErrorCode.READ_ONLY:
        return (
            QCoreApplication.translate(
                "SyncErrors", "FieldApp cannot write in its data folder: it is read-only."
            ),
            QCoreApplication.translate(
                "SyncErrors",
                "Ask your IT contact to fix the folder's permissions, then synchronise again. "
                "Nothing was lost.",
            ),
        )
    if code in (StoreErrorCode.CORRUPT, StoreErrorCode.NOT_A_DATABASE):
        return (
            QCoreApplication.translate("SyncErrors", "The database on this laptop is damaged."),
            QCoreApplication.translate(
                "SyncErrors",
                "Keep a copy of the data folder, do not delete it, and call your coordinator: "
                "they can restore the last backup.",
            ),
        )
    if code in (StoreErrorCode.INVALID, StoreErrorCode.NOT_FOUND):
        return None
    from ui.errors import describe

    return describe(StoreError(code, ""))


def describe_sync_error(code: str, detail: str = "") -> tuple[str, str]:
    """(what happened, what to do) for a sync or enrollment failure code, in the UI language;
    a connection failure's reason (`detail`, sync.errors.NetworkFailure) says more."""
    if code in (SyncErrorCode.UNREACHABLE, SyncErrorCode.TLS, SyncErrorCode.CONFIG):
        network = describe_network_failure(detail)
        if network is not None:
            return network
    if code == SyncErrorCode.LOCAL and detail:
        local = describe_local_failure(detail)
        if local is not None:
            return local
    if code == SyncErrorCode.REFUSED and detail:
        from ui.refusals import refusal_words

        words = refusal_words(detail)
        if words is not None:
            return (
                QCoreApplication.translate(
                    "SyncErrors", "The server refused the request: %1."
                ).replace("%1", isolated(words)),
                QCoreApplication.translate(
                    "SyncErrors",
                    "Nothing was lost. Tell your coordinator; the log file has the details.",
                ),
            )
    if code == SyncErrorCode.ENROLL_REFUSED:
        what = {
            "invalid_code": QCoreApplication.translate(
                "SyncErrors", "This enrollment code is unknown."
            ),
            "code_used": QCoreApplication.translate(
                "SyncErrors", "This enrollment code was already used."
            ),
            "code_expired": QCoreApplication.translate(
                "SyncErrors", "This enrollment code has expired."
            ),
            "user_disabled": QCoreApplication.translate(
                "SyncErrors", "This user account is disabled on the server."
            ),
        }.get(
            detail, QCoreApplication.translate("SyncErrors", "The server refused the enrollment.")
        )
        return what, QCoreApplication.translate(
            "SyncErrors", "Check the code with your coordinator, or ask for a new one."
        )
    words: dict[str, tuple[str, str]] = {
        SyncErrorCode.UNREACHABLE: (
            QCoreApplication.translate("SyncErrors", "The server is unreachable."),
            QCoreApplication.translate(
                "SyncErrors",
                "Check the connection (network cable, Wi-Fi, 3G key) and try again later.",
            ),
        ),
        SyncErrorCode.NOT_FIELDAPP: (
            QCoreApplication.translate(
                "SyncErrors", "The network answered with a page that is not FieldApp's server."
            ),
            QCoreApplication.translate(
                "SyncErrors",
                "A network login page (captive portal) or a proxy is in the way: open a web "
                "browser to log in to the network, or check the server address.",
            ),
        ),
        SyncErrorCode.TLS: (
            QCoreApplication.translate(
                "SyncErrors", "The server's certificate could not be verified."
            ),
            QCoreApplication.translate(
                "SyncErrors",
                "The connection was not used. If your organisation has its own certificate "
                "authority, choose its CA bundle file; otherwise tell your coordinator.",
            ),
        ),
        SyncErrorCode.UNAUTHORIZED: (
            QCoreApplication.translate("SyncErrors", "The server no longer accepts this laptop."),
            QCoreApplication.translate(
                "SyncErrors", "Enroll it again with a new code from your coordinator (Settings)."
            ),
        ),
        SyncErrorCode.NOT_ENROLLED: (
            QCoreApplication.translate(
                "SyncErrors", "This laptop is not enrolled with the server."
            ),
            QCoreApplication.translate(
                "SyncErrors", "Open Settings and enroll it with a code from your coordinator."
            ),
        ),
        SyncErrorCode.SERVER_ERROR: (
            QCoreApplication.translate("SyncErrors", "The server has a problem."),
            QCoreApplication.translate(
                "SyncErrors",
                "Nothing was lost. Try again later; tell your coordinator if it lasts.",
            ),
        ),
        SyncErrorCode.REFUSED: (
            QCoreApplication.translate("SyncErrors", "The server refused the request."),
            QCoreApplication.translate(
                "SyncErrors",
                "Nothing was lost. Tell your coordinator; the log file has the details.",
            ),
        ),
        SyncErrorCode.DEADLINE: (
            QCoreApplication.translate(
                "SyncErrors", "The link is too slow or keeps failing: the sync ran out of time."
            ),
            QCoreApplication.translate(
                "SyncErrors", "What was acknowledged is kept; the rest is sent at the next sync."
            ),
        ),
        SyncErrorCode.CANCELLED: (
            QCoreApplication.translate("SyncErrors", "The sync was cancelled."),
            QCoreApplication.translate(
                "SyncErrors", "Nothing was lost: what was not acknowledged stays to be sent."
            ),
        ),
        SyncErrorCode.CONFIG: (
            QCoreApplication.translate(
                "SyncErrors", "The server address or the CA bundle file is not valid."
            ),
            QCoreApplication.translate(
                "SyncErrors",
                "Use an address like https://server.example.org and an existing .pem file.",
            ),
        ),
        SyncErrorCode.LOCAL: (
            QCoreApplication.translate(
                "SyncErrors", "This laptop could not save what the server sent."
            ),
            QCoreApplication.translate(
                "SyncErrors",
                "Nothing was lost. Synchronise again; if it happens again, send the log file "
                "to your coordinator.",
            ),
        ),
        SyncErrorCode.INTERNAL: (
            QCoreApplication.translate("SyncErrors", "The sync stopped on an unexpected error."),
            QCoreApplication.translate(
                "SyncErrors",
                "What was acknowledged is kept. Send the log file to your coordinator.",
            ),
        ),
    }
    return words.get(
        code,
        (
            QCoreApplication.translate("SyncErrors", "The sync failed."),
            QCoreApplication.translate(
                "SyncErrors", "Try again later; the log file has the details."
            ),
        ),
    )


@dataclass(slots=True)
class RunEvent:
    """What the run thread tells the UI thread (through the queue, never a signal)."""

    kind: str  # "progress", "phase_done", "finished"
    phase: str = ""
    done: int = 0
    total: int = -1  # -1: not known (pull)
    counts: dict[str, int] = field(default_factory=dict)
    summary: SyncSummary | None = None


def _counts(summary: SyncSummary) -> dict[str, int]:
    return {name: int(getattr(summary, name)) for name in COUNT_NAMES}


class SyncController(QObject):
    """Starts sync runs (never two at once), cancels them, and reports them as signals.

    Signals (all emitted on the UI thread):
    `started(reason)`, `progress(phase, done, total)` (total -1 when unknown),
    `counts_changed()` (read `counts`), `phase_done(phase)`, `finished()` (read `summary`),
    `next_try(seconds)` (automatic sync's next try of an unreachable server).
    """

    started = Signal(str)
    progress = Signal(str, int, int)
    counts_changed = Signal()
    phase_done = Signal(str)
    finished = Signal()
    next_try = Signal(float)  # seconds until automatic sync tries an unreachable server again
    _ready = Signal()

    def __init__(
        self,
        data_dir: Path,
        *,
        actor: str = "",
        run_options: dict[str, Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.actor = actor
        # Extra SyncRun arguments (a RetryPolicy, batch size): tests and benches tune them.
        self.run_options: dict[str, Any] = dict(run_options or {})
        self.reason = ""
        self.counts: dict[str, int] = dict.fromkeys(COUNT_NAMES, 0)
        self.summary: SyncSummary | None = None
        self.started_at: float = 0.0
        self._cancel: CancelToken | None = None
        self._thread: threading.Thread | None = None
        self._events: queue.SimpleQueue[RunEvent] = queue.SimpleQueue()
        self._closed = False
        self._ready.connect(self._drain)

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def cancelling(self) -> bool:
        return self._cancel is not None and self._cancel.cancelled

    def start(self, reason: str = "manual") -> bool:
        """Start a run; False (and nothing done) when one is already running."""
        if self._thread is not None or self._closed:
            return False
        self.reason = reason
        self.counts = dict.fromkeys(COUNT_NAMES, 0)
        self.summary = None
        self.started_at = time.monotonic()
        self._cancel = CancelToken()
        cancel = self._cancel
        self._thread = threading.Thread(
            target=self._work, args=(cancel,), name="sync-run", daemon=True
        )
        self.started.emit(reason)
        self._thread.start()
        return True

    def announce_next_try(self, seconds: float) -> None:
        """Automatic sync found the server unreachable and tries again in `seconds`: the
        panel and the status bar say when."""
        self.next_try.emit(seconds)

    def cancel(self) -> None:
        """Ask the run to stop at its next safe point (between requests)."""
        if self._cancel is not None:
            self._cancel.cancel()

    def close(self, timeout: float = 10.0) -> None:
        """Cancel a run and wait for it a bounded time (the window is closing)."""
        self._closed = True
        self.cancel()
        if self._thread is not None:
            self._thread.join(timeout)

    # -- the run thread ---------------------------------------------------------------------

    def _post(self, event: RunEvent) -> None:
        self._events.put(event)
        self._ready.emit()

    def _work(self, cancel: CancelToken) -> None:
        summary = SyncSummary()
        try:
            with Store.open(self.data_dir, actor=self.actor) as store:
                run = SyncRun(
                    store,
                    cancel=cancel,
                    on_log=lambda line: log.info("sync: %s", line),
                    **self.run_options,
                )
                state = {"phase": ""}

                def on_progress(progress: Progress) -> None:
                    # Runs in this thread, between two steps of the run: the summary is
                    # consistent here, so the counts are copied now.
                    if state["phase"] and state["phase"] != progress.phase:
                        done = RunEvent("phase_done", state["phase"], counts=_counts(run.summary))
                        self._post(done)
                    state["phase"] = str(progress.phase)
                    self._post(
                        RunEvent(
                            "progress",
                            str(progress.phase),
                            progress.done,
                            -1 if progress.total is None else progress.total,
                            _counts(run.summary),
                        )
                    )

                run.on_progress = on_progress
                summary = run.run()
                if state["phase"] and summary.error is None:
                    self._post(RunEvent("phase_done", state["phase"], counts=_counts(summary)))
        except (StoreError, SyncError) as exc:
            code = exc.code if isinstance(exc, SyncError) else SyncErrorCode.LOCAL
            summary.error = {"code": str(code), "message": str(exc)}
            detail = exc.detail if isinstance(exc, SyncError) else str(exc.code)
            if detail:
                summary.error["detail"] = str(detail)
        except Exception as exc:  # a bug must not kill the thread silently
            log.exception("sync run failed")
            summary.error = {"code": str(SyncErrorCode.INTERNAL), "message": repr(exc)}
        self._post(RunEvent("finished", counts=_counts(summary), summary=summary))

    # -- the UI thread ----------------------------------------------------------------------

    def _drain(self) -> None:
        while True:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return
            if event.counts and event.counts != self.counts:
                self.counts = event.counts
                self.counts_changed.emit()
            if event.kind == "progress":
                self.progress.emit(event.phase, event.done, event.total)
            elif event.kind == "phase_done":
                self.phase_done.emit(event.phase)
            elif event.kind == "finished":
                if self._thread is not None:
                    self._thread.join(5.0)
                self._thread = None
                self._cancel = None
                self.summary = event.summary
                if not self._closed:
                    self.finished.emit()


def is_enrolled(store: Store) -> bool:
    return bool(store.get_state(STATE_SERVER))


def store_is_open(store: Store) -> bool:
    """False once the window closed its store (a language switch may still reach a panel)."""
    try:
        store.conn.execute("SELECT 1")
    except CLOSED_ERRORS:
        return False
    return True


def three_way_answers(
    saved: dict[str, Any], stored: dict[str, Any], editing: dict[str, Any]
) -> dict[str, Any]:
    """The answers an open survey should hold after a sync changed the stored copy.

    `saved` is what the form last wrote, `stored` what the store holds now (the server merged
    answers from another device into it), `editing` what is on screen. A question the person
    has not touched since the last save takes the stored value; one they changed keeps theirs.
    """
    result = dict(editing)
    for key in set(saved) | set(stored):
        if stored.get(key) != saved.get(key) and editing.get(key) == saved.get(key):
            if key in stored:
                result[key] = stored[key]
            else:
                result.pop(key, None)
    return result
