"""The PIN: asked before the profile opens (chosen twice for a new profile), and again after
some minutes without input (the idle lock).

The profile's key is unwrapped by fieldapp.store.cipher; a wrong PIN opens nothing. The idle
lock hides the window's content and its docks until the PIN is typed again. It is a screen
lock, by decision (docs/security.md, "a laptop left open"): the open connections keep their
key, so a sync or an autosave in flight finishes and an automatic sync still runs. Dropping
the key would not make the process's memory clean (Python cannot wipe its copies, nor
SQLCipher's page cache of decrypted pages), and whoever can read a running process's memory
holds the OS session, where they can also record the PIN typed at unlock; against that, the
OS screen lock and full-disk encryption are the protection.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp import crypto
from fieldapp.store import StoreError, StoreErrorCode, cipher
from ui.languages import isolated

# Minutes without input before the window locks; the settings dialog changes it (0 = never).
DEFAULT_IDLE_MINUTES = 5
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class PinDialog(QDialog):
    """Type the profile's PIN (`new`: choose it, twice). `check(pin)` returns None when it is
    right, else the sentence to show; the dialog stays open until it is right or cancelled."""

    def __init__(
        self,
        check: Callable[[str], str | None],
        *,
        new: bool = False,
        relock: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self.new = new
        self.setWindowTitle(self.tr("FieldApp is locked") if relock else self.tr("FieldApp"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        if new:
            intro = self.tr(
                "This profile's data is encrypted on this laptop. Choose a PIN or passphrase "
                "of at least %1 characters. Without it nobody, not even you, can read the "
                "data: write it down somewhere safe."
            ).replace("%1", isolated(str(cipher.MIN_PASSPHRASE)))
        elif relock:
            intro = self.tr("The window was locked after a few minutes without use.")
        else:
            intro = self.tr("Type the PIN or passphrase of this profile.")
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("PIN or passphrase"))
        form.addRow(self.tr("PIN or passphrase:"), self.pin)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(self.tr("The same again"))
        if new:
            form.addRow(self.tr("The same again:"), self.again)
        layout.addLayout(form)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        self.forgot = QLabel(
            self.tr(
                "Forgot the PIN? The data on this laptop cannot be recovered: what was "
                "synchronised is safe on the server. Ask your coordinator for a new enrollment "
                "code and enroll this laptop again on a new profile."
            )
        )
        self.forgot.setWordWrap(True)
        self.forgot.setVisible(False)
        layout.addWidget(self.forgot)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        if relock:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        buttons.accepted.connect(self.try_pin)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.failures = 0

    def try_pin(self) -> None:
        pin = self.pin.text()
        if self.new and pin != self.again.text():
            self.problem.setText(self.tr("The two PINs differ."))
            return
        if self.new and len(pin) < cipher.MIN_PASSPHRASE:
            self.problem.setText(
                self.tr("Choose at least %1 characters.").replace(
                    "%1", isolated(str(cipher.MIN_PASSPHRASE))
                )
            )
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problem = self._check(pin)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if problem is None:
            self.accept()
            return
        self.failures += 1
        self.problem.setText(problem)
        self.forgot.setVisible(True)
        self.pin.clear()
        self.pin.setFocus()


def wrong_pin_text() -> str:
    return QCoreApplication.translate("PinDialog", "Wrong PIN or passphrase.")


def unlock_profile(data_dir: Path, parent: QWidget | None = None) -> bool:
    """Make the profile's key available before the window opens: FIELDAPP_PASSPHRASE or the
    OS-keyring copy when present, else the PIN dialog. False when the agent cancelled."""
    if cipher.unlocked(data_dir):
        return True
    if os.environ.get(cipher.ENV_PASSPHRASE) or (data_dir / cipher.KEYRING_MARKER).exists():
        try:
            cipher.profile_key(data_dir)
            return True
        except StoreError as exc:
            if exc.code not in (StoreErrorCode.PASSPHRASE_NEEDED,):
                raise

    def check(pin: str) -> str | None:
        try:
            cipher.unlock(data_dir, pin)
        except StoreError as exc:
            if exc.code is StoreErrorCode.WRONG_PASSPHRASE:
                return wrong_pin_text()
            raise
        return None

    dialog = PinDialog(check, new=cipher.needs_new_passphrase(data_dir), parent=parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


class IdleLock(QObject):
    """Locks `window` after `minutes` without keyboard, mouse or touch input: its content is
    hidden behind the PIN dialog until the PIN is typed again; Quit closes the app."""

    def __init__(self, window: QWidget, data_dir: Path, minutes: int) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = Path(data_dir)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.dialog: PinDialog | None = None
        self._hidden_docks: list[QDockWidget] = []
        self.set_minutes(minutes)
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, int(minutes))
        if self.minutes:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.dialog is None and self.minutes and event.type() in INPUT_EVENTS:
            self.timer.start()
        return False

    def verify(self, pin: str) -> str | None:
        try:
            blob = cipher.key_path(self.data_dir).read_bytes()
            key = crypto.unwrap_key(blob, pin)
        except crypto.CryptoError:
            return wrong_pin_text()
        except OSError as exc:
            return str(exc)
        return None if key == cipher.profile_key(self.data_dir) else wrong_pin_text()

    def lock(self) -> None:
        if self.dialog is not None:
            return
        central = getattr(self.window, "centralWidget", None)
        content = central() if callable(central) else None
        if content is not None:
            content.setVisible(False)
        # The docks too (the Sync dock's log, set-aside changes and conflicts name
        # establishments and show answers); those shown come back at unlock.
        self._hidden_docks = [d for d in self.window.findChildren(QDockWidget) if d.isVisible()]
        for dock in self._hidden_docks:
            dock.setVisible(False)
        self.dialog = PinDialog(self.verify, relock=True, parent=self.window)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.finished.connect(self._finished)
        self.dialog.open()

    def _finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self.window.close()
            return
        central = getattr(self.window, "centralWidget", None)
        content = central() if callable(central) else None
        if content is not None:
            content.setVisible(True)
        for dock in self._hidden_docks:
            dock.setVisible(True)
        self._hidden_docks = []
        if self.minutes:
            self.timer.start()
