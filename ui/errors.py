"""Problems a person meets, told as what happened and what to do, with the log file's path.

The core raises `StoreError` with a code; here codes become translated sentences. Anything
unexpected is logged with its traceback to a rotating file and shown in a dialog instead of
taking the app down (`install_excepthook`).
"""

from __future__ import annotations

import logging
import logging.handlers
import queue
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp.paths import log_dir
from fieldapp.store import StoreError, StoreErrorCode
from ui.languages import isolated

log = logging.getLogger("ui")

LOG_NAME = "fieldapp.log"
_log_file: Path | None = None


def setup_logging(directory: Path | None = None) -> Path | None:
    """Log to a rotating file (1 MB x 3) under the platform's log dir; returns its path, or
    None when the dir cannot be written (the app still runs, logging to stderr)."""
    global _log_file
    directory = directory or log_dir()
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            directory / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:
        logging.basicConfig()
        log.warning("cannot write the log in %s: %s", directory, exc)
        return None
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    _log_file = directory / LOG_NAME
    return _log_file


def log_file() -> Path:
    """Where the log is (or would be): the path every error dialog shows."""
    return _log_file or (log_dir() / LOG_NAME)


def describe(exc: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for `exc`, in the UI language."""
    if isinstance(exc, StoreError):
        path = exc.path or ""
        code = exc.code
        if code is StoreErrorCode.NOT_A_DATABASE:
            return (
                QCoreApplication.translate(
                    "Errors", "The file %1 is not a FieldApp database."
                ).replace("%1", isolated(path)),
                QCoreApplication.translate(
                    "Errors",
                    "It was left untouched. Move it away or choose another data folder, "
                    "then start FieldApp again.",
                ),
            )
        if code is StoreErrorCode.NEWER_SCHEMA:
            return (
                QCoreApplication.translate(
                    "Errors", "This data was written by a newer version of FieldApp."
                ),
                QCoreApplication.translate(
                    "Errors", "Install the newer FieldApp on this laptop. Nothing was changed."
                ),
            )
        if code is StoreErrorCode.READ_ONLY:
            return (
                QCoreApplication.translate("Errors", "FieldApp cannot write in %1.").replace(
                    "%1", isolated(path)
                ),
                QCoreApplication.translate(
                    "Errors",
                    "The folder is read-only. Choose a folder you can write to, or ask your "
                    "IT contact to fix its permissions.",
                ),
            )
        if code is StoreErrorCode.DISK_FULL:
            return (
                QCoreApplication.translate(
                    "Errors", "The disk is full: the last change was not saved."
                ),
                QCoreApplication.translate(
                    "Errors",
                    "Free some space (empty the recycle bin, move photos away), then save "
                    "again. Your answers are still on the screen.",
                ),
            )
        if code is StoreErrorCode.CORRUPT:
            return (
                QCoreApplication.translate("Errors", "The database %1 is damaged.").replace(
                    "%1", isolated(path)
                ),
                QCoreApplication.translate(
                    "Errors",
                    "Keep a copy of the file, do not delete it, and call your coordinator: "
                    "they can restore the last backup.",
                ),
            )
        if code is StoreErrorCode.LOCKED:
            return (
                QCoreApplication.translate(
                    "Errors", "The data is in use by another FieldApp window."
                ),
                QCoreApplication.translate(
                    "Errors", "Close the other FieldApp window, then try again."
                ),
            )
        if code is StoreErrorCode.WRONG_PASSPHRASE:
            return (
                QCoreApplication.translate("Errors", "Wrong PIN or passphrase for this profile."),
                QCoreApplication.translate(
                    "Errors",
                    "A forgotten PIN cannot be recovered: what was synchronised is safe on the "
                    "server. Ask your coordinator for a new enrollment code and enroll this "
                    "laptop again on a new profile.",
                ),
            )
        if code is StoreErrorCode.PASSPHRASE_NEEDED:
            return (
                QCoreApplication.translate("Errors", "This profile is encrypted."),
                QCoreApplication.translate(
                    "Errors", "Start FieldApp again and type the profile's PIN or passphrase."
                ),
            )
        if code is StoreErrorCode.PROFILE_IN_USE:
            holder = getattr(exc, "holder", None)
            if holder is not None:
                what = (
                    QCoreApplication.translate(
                        "Errors",
                        "This profile is already open in another FieldApp (process %1, %2).",
                    )
                    .replace("%1", isolated(str(holder.pid)))
                    .replace("%2", isolated(holder.program))
                )
            else:
                what = QCoreApplication.translate(
                    "Errors", "This profile is already open in another FieldApp."
                )
            return (
                what,
                QCoreApplication.translate(
                    "Errors",
                    "Close the other FieldApp window, or wait for the command to finish, then "
                    "start FieldApp again. Nothing was changed.",
                ),
            )
        if code is StoreErrorCode.CONSTRAINT:
            return (
                QCoreApplication.translate(
                    "Errors",
                    "The laptop's database refused a record that breaks its rules: nothing of "
                    "the last action was saved.",
                ),
                QCoreApplication.translate(
                    "Errors",
                    "This is a problem of FieldApp, not of the disk or of your answers. Send the "
                    "log file to your coordinator.",
                ),
            )
        if code is StoreErrorCode.NOT_FOUND:
            return (
                QCoreApplication.translate(
                    "Errors", "This record no longer exists on this laptop."
                ),
                QCoreApplication.translate(
                    "Errors", "Go back to the list; it may have been removed by a synchronisation."
                ),
            )
        return (QCoreApplication.translate("Errors", "The change was refused."), str(exc))
    if isinstance(exc, ImageError):
        return (
            QCoreApplication.translate("Errors", "The image %1 cannot be read.").replace(
                "%1", isolated(exc.filename)
            ),
            QCoreApplication.translate(
                "Errors", "Choose a photo in JPEG or PNG format, or take it again."
            ),
        )
    if isinstance(exc, OSError):
        return (
            QCoreApplication.translate("Errors", "A file could not be read or written: %1").replace(
                "%1", isolated(exc.strerror or str(exc))
            ),
            QCoreApplication.translate(
                "Errors", "Check that the disk is present and has free space, then try again."
            ),
        )
    return (
        QCoreApplication.translate("Errors", "Something went wrong in FieldApp."),
        QCoreApplication.translate(
            "Errors",
            "Your saved answers are safe. Try again; if it happens again, send the log file "
            "to your coordinator.",
        ),
    )


class ImageError(Exception):
    """A picked file that is not a readable image."""

    def __init__(self, filename: str) -> None:
        super().__init__(filename)
        self.filename = filename


def error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A dialog for `exc`: what happened, what to do, and where the log is."""
    what, todo = describe(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Errors", "FieldApp"))
    box.setText(what)
    box.setInformativeText(
        todo
        + "\n\n"
        + QCoreApplication.translate("Errors", "Log file: %1").replace(
            "%1", isolated(str(log_file()))
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    return box


class ErrorReporter(QObject):
    """Shows problems as dialogs, from any thread: a report from a worker is queued to the UI
    thread, since widgets may only be touched there."""

    # No Python object rides the queued signal (see ui/tasks.py): reports wait in a queue.
    _reported = Signal()

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._queue: queue.SimpleQueue[BaseException] = queue.SimpleQueue()
        self._reported.connect(self._drain)
        self.shown: list[QMessageBox] = []

    def report(self, exc: BaseException) -> None:
        if not isinstance(exc, StoreError | ImageError):
            log.error(
                "unexpected error",
                exc_info=(type(exc), exc, exc.__traceback__),
            )
        else:
            log.warning("%s: %s", type(exc).__name__, exc)
        self._queue.put(exc)
        self._reported.emit()

    def _drain(self) -> None:
        while True:
            try:
                exc = self._queue.get_nowait()
            except queue.Empty:
                return
            self._show(exc)

    def _show(self, exc: BaseException) -> None:
        what, _todo = describe(exc)
        if any(b.text() == what for b in self.shown):
            return  # the same problem is already on screen (autosave retries every edit)
        box = error_box(self._parent_widget, exc)
        box.finished.connect(box.deleteLater)
        box.finished.connect(lambda _=0, b=box: self.shown.remove(b) if b in self.shown else None)
        self.shown.append(box)
        box.open()


def install_excepthook(reporter: Callable[[BaseException], None]) -> None:
    """An uncaught exception (in a slot, in a thread) is logged and shown, never fatal."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        if value.__traceback__ is None:
            value = value.with_traceback(tb)
        try:
            reporter(value)
        except Exception:  # the dialog itself failed: the log has the story
            log.exception("cannot show the error dialog")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
