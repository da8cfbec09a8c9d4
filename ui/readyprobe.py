"""Tells a launcher when the desktop app is usable, for timing cold starts (bench/dist.py).

With FIELDAPP_EXIT_WHEN_READY=1 the app prints `FIELDAPP_READY <unix time> rows=<n>` once
the main window has been painted with its establishment list filled (what a person sees and
can use), then `FIELDAPP_IDLE <unix time>` once what the window builds after its first paint
(synchronisation, the coordinator workspace: `MainWindow.startup_finished`) is there too, then
closes the window the normal way (saves, writer thread stopped) and exits. Without the
variable nothing here runs.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV_EXIT_WHEN_READY = "FIELDAPP_EXIT_WHEN_READY"
READY_PREFIX = "FIELDAPP_READY"
IDLE_PREFIX = "FIELDAPP_IDLE"
MAIN_WINDOW_NAME = "mainWindow"  # ui.mainwindow.MainWindow's objectName
GIVE_UP_S = 30.0


class ReadyProbe(QObject):
    """Watches the application's events for the main window's first paint."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._done = False
        self._started = time.monotonic()
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._done
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.objectName() == MAIN_WINDOW_NAME
        ):
            self._done = True
            # After this paint pass has finished: the window is on screen, as a person sees it.
            QTimer.singleShot(0, lambda w=watched: self._check(w))
        return False

    def _check(self, window: Any) -> None:
        model = getattr(window, "model", None)
        rows = model.rowCount() if model is not None else 0
        if rows == 0 and time.monotonic() - self._started < GIVE_UP_S:
            QTimer.singleShot(10, lambda: self._check(window))
            return
        print(f"{READY_PREFIX} {time.time():.6f} rows={rows}", flush=True)
        self._app.removeEventFilter(self)
        self._wait_for_idle(window)

    def _wait_for_idle(self, window: Any) -> None:
        finished = getattr(window, "startup_finished", True)
        if not finished and time.monotonic() - self._started < GIVE_UP_S:
            QTimer.singleShot(1, lambda: self._wait_for_idle(window))
            return
        print(f"{IDLE_PREFIX} {time.time():.6f}", flush=True)
        # The probe quits on purpose: no "finalized surveys not sent yet" question (nobody is
        # there to answer it; the frozen start-up tests waited on it until their time-out).
        window.ask_before_quit = False
        window.close()
        self._app.quit()


def install() -> ReadyProbe:
    """Create the QApplication now (the app reuses it) and watch it for the main window."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    return ReadyProbe(app)
