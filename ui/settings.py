"""The settings dialog and where settings live.

Settings belong to the profile (`<data dir>/ui.ini`): on a shared laptop each agent's profile
keeps its own language and text size.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.errors import log_file
from ui.languages import DEFAULT_LANGUAGE, LANGUAGES, isolated, language_name
from ui.lock import DEFAULT_IDLE_MINUTES
from ui.widgets import TypeAheadCombo

TEXT_SIZES = (100, 115, 130)
LOCK_MINUTES = (2, 5, 15, 30, 0)


class Settings:
    """Typed access to the profile's UI settings."""

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / "ui.ini"
        self._qs = QSettings(str(self._path), QSettings.Format.IniFormat)

    def _save(self) -> None:
        self._qs.sync()
        # Like every file of the profile: the agent's only (docs/security.md).
        with contextlib.suppress(OSError):
            os.chmod(self._path, 0o600)

    @property
    def language(self) -> str:
        value = str(self._qs.value("language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("language", value)
        self._save()

    @property
    def text_size(self) -> int:
        try:
            value = int(self._qs.value("text_size", 100))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return 100
        return value if value in TEXT_SIZES else 100

    @text_size.setter
    def text_size(self, value: int) -> None:
        self._qs.setValue("text_size", value)
        self._save()

    @property
    def auto_sync(self) -> bool:
        """Sync in the background whenever the server is reachable (on unless turned off)."""
        return str(self._qs.value("auto_sync", "true")).lower() not in ("false", "0", "no")

    @auto_sync.setter
    def auto_sync(self, value: bool) -> None:
        self._qs.setValue("auto_sync", "true" if value else "false")
        self._save()

    @property
    def lock_minutes(self) -> int:
        """Minutes without input before the window locks (ui.lock.IdleLock); 0 = never."""
        try:
            value = int(self._qs.value("lock_minutes", DEFAULT_IDLE_MINUTES))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MINUTES
        return value if value in LOCK_MINUTES else DEFAULT_IDLE_MINUTES

    @lock_minutes.setter
    def lock_minutes(self, value: int) -> None:
        self._qs.setValue("lock_minutes", int(value))
        self._save()

    @property
    def geometry(self) -> QByteArray | None:
        """The main window's last geometry (saveGeometry), or None."""
        value = self._qs.value("geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("geometry", value)
        self._qs.sync()


class SettingsDialog(QDialog):
    """Language and text size; synchronisation (enrollment, automatic sync); the data folder
    and log file, for whoever helps on the phone."""

    enroll_requested = Signal()

    def __init__(
        self,
        current_language: str,
        text_size: int,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        auto_sync: bool = True,
        enrolled_as: str = "",
        lock_minutes: int = DEFAULT_IDLE_MINUTES,
        remember_pin: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.language = TypeAheadCombo()
        self.language.setObjectName("languageChoice")
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(self.language.findData(current_language), 0))
        self.text_size = TypeAheadCombo()
        self.text_size.setObjectName("textSizeChoice")
        self._text_size = text_size
        self.data_dir = QLabel(str(data_dir))
        self.log = QLabel(str(log_file()))
        for label in (self.data_dir, self.log):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.language_caption = QLabel()
        self.language_caption.setBuddy(self.language)
        self.size_caption = QLabel()
        self.size_caption.setBuddy(self.text_size)
        self.data_caption = QLabel()
        self.log_caption = QLabel()
        self._enrolled_as = enrolled_as
        self.enrollment = QLabel()
        self.enrollment.setObjectName("enrollmentState")
        self.enrollment.setWordWrap(True)
        self.enroll_button = QPushButton()
        self.enroll_button.setObjectName("enrollButton")
        self.enroll_button.clicked.connect(self.enroll_requested)
        self.auto_sync = QCheckBox()
        self.auto_sync.setObjectName("autoSync")
        self.auto_sync.setChecked(auto_sync)
        self.sync_caption = QLabel()
        self._lock_minutes = lock_minutes
        self.lock_after = TypeAheadCombo()
        self.lock_after.setObjectName("lockAfter")
        self.lock_caption = QLabel()
        self.lock_caption.setBuddy(self.lock_after)
        # Keeping the profile key in the OS keyring: no PIN at start. The organisation decides;
        # off by default (docs/security.md).
        self.remember_pin = QCheckBox()
        self.remember_pin.setObjectName("rememberPin")
        self.remember_pin.setChecked(remember_pin)
        self.form.addRow(self.language_caption, self.language)
        self.form.addRow(self.size_caption, self.text_size)
        self.form.addRow(self.sync_caption, self.enrollment)
        self.form.addRow("", self.enroll_button)
        self.form.addRow("", self.auto_sync)
        self.form.addRow(self.lock_caption, self.lock_after)
        self.form.addRow("", self.remember_pin)
        self.form.addRow(self.data_caption, self.data_dir)
        self.form.addRow(self.log_caption, self.log)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(560, 320)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_caption.setText(self.tr("&Language"))
        self.size_caption.setText(self.tr("&Text size"))
        self.data_caption.setText(self.tr("Data folder"))
        self.log_caption.setText(self.tr("Log file"))
        self.sync_caption.setText(self.tr("Server"))
        self.enrollment.setText(
            self.tr("Enrolled: %1").replace("%1", isolated(self._enrolled_as))
            if self._enrolled_as
            else self.tr("This laptop is not yet enrolled with the central server.")
        )
        self.enroll_button.setText(
            self.tr("&Enroll again…") if self._enrolled_as else self.tr("&Enroll this laptop…")
        )
        self.auto_sync.setText(self.tr("Synchronise &automatically when the server is reachable"))
        chosen = self.text_size.currentData() or self._text_size
        self.text_size.clear()
        names = {100: self.tr("Normal"), 115: self.tr("Large"), 130: self.tr("Very large")}
        for size in TEXT_SIZES:
            self.text_size.addItem(names[size], size)
        self.text_size.setCurrentIndex(max(self.text_size.findData(chosen), 0))
        self.lock_caption.setText(self.tr("Loc&k after"))
        self.remember_pin.setText(
            self.tr("&Remember the PIN on this laptop (system keyring): no PIN at start")
        )
        minutes = self.lock_after.currentData()
        minutes = self._lock_minutes if minutes is None else minutes
        self.lock_after.clear()
        for value in LOCK_MINUTES:
            text = self.tr("%1 minutes without use").replace("%1", isolated(str(value)))
            self.lock_after.addItem(text if value else self.tr("Never"), value)
        self.lock_after.setCurrentIndex(max(self.lock_after.findData(minutes), 0))

    def chosen_lock_minutes(self) -> int:
        return int(self.lock_after.currentData())

    def chosen_remember_pin(self) -> bool:
        return self.remember_pin.isChecked()

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def chosen_text_size(self) -> int:
        return int(self.text_size.currentData())

    def chosen_auto_sync(self) -> bool:
        return self.auto_sync.isChecked()

    def set_enrolled_as(self, text: str) -> None:
        self._enrolled_as = text
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
