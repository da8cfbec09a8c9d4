"""The status bar: connectivity, surveys waiting to be sent (and drafts, refused ones), last
synchronisation.

Connectivity is a slot (`set_connectivity`) that automatic sync (`ui/autosync.py`) drives.
A click on the bar's texts opens the Sync panel (`clicked`).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QLocale, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from fieldapp.store.unsent import UnsentCounts
from ui.languages import isolated

CONNECTIVITY_STATES = ("not_enrolled", "offline", "online", "syncing", "error")


class SyncStatus(QStatusBar):
    """Connectivity, pending changes, conflicts and last sync, always visible at the bottom."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.connectivity = QLabel()
        self.connectivity.setObjectName("connectivity")
        self.pending = QLabel()
        self.pending.setObjectName("pending")
        self.last_sync = QLabel()
        self.last_sync.setObjectName("lastSync")
        self.conflicts = QLabel()
        self.conflicts.setObjectName("conflictCount")
        self.conflicts.setStyleSheet("color: #c62828; font-weight: bold")
        self.conflicts.hide()
        for label in (self.connectivity, self.pending, self.conflicts, self.last_sync):
            label.setContentsMargins(8, 0, 8, 0)
            label.setCursor(Qt.CursorShape.PointingHandCursor)
            label.installEventFilter(self)
            self.addPermanentWidget(label)
        self._state = "offline"
        self._pending = 0
        self._next_try: QDateTime | None = None
        self._unsent: UnsentCounts | None = None
        self._conflicts = 0
        self._last_sync: str | None = None
        self.retranslate()

    @Slot(str)
    def set_connectivity(self, state: str) -> None:
        """'not_enrolled', 'offline', 'online', 'syncing' or 'error' (driven by sync)."""
        self._state = state if state in CONNECTIVITY_STATES else "offline"
        if self._state != "offline":
            self._next_try = None  # reached, or trying now
        self.retranslate()

    @Slot(float)
    def set_next_try(self, seconds: float) -> None:
        """When the unreachable server is tried again (shown while offline)."""
        self._next_try = QDateTime.currentDateTime().addSecs(max(1, round(seconds)))
        self.retranslate()

    @Slot(int)
    def set_pending(self, count: int) -> None:
        """Outbox rows (before the first count of surveys is in)."""
        self._pending = count
        self.retranslate()

    def set_unsent(self, counts: UnsentCounts) -> None:
        """What is left and unsent, in surveys: "3 finalized surveys to send · 1 draft"."""
        self._unsent = counts
        self.retranslate()

    def unsent_text(self) -> str:
        counts = self._unsent
        if counts is None:
            return self.tr("%n change(s) to send", "", self._pending)
        parts = []
        if counts.finalized_to_send:
            parts.append(self.tr("%n finalized survey(s) to send", "", counts.finalized_to_send))
        if counts.other_changes:
            parts.append(self.tr("%n other change(s) to send", "", counts.other_changes))
        if not parts and not counts.drafts_to_send:
            parts.append(self.tr("Nothing to send"))
        # Drafts are sent too (a copy on the server): said once, with how many are not there
        # yet, not as "110 drafts to send · 110 drafts in progress".
        if counts.drafts:
            drafts = self.tr("%n draft(s) in progress", "", counts.drafts)
            if counts.drafts_to_send:
                drafts += " " + self.tr("(%n to send)", "", counts.drafts_to_send)
            parts.append(drafts)
        elif counts.drafts_to_send:
            parts.append(self.tr("%n draft(s) to send", "", counts.drafts_to_send))
        if counts.refused:
            parts.append(self.tr("%n refused by the server", "", counts.refused))
        return " · ".join(parts)

    @Slot(int)
    def set_conflicts(self, count: int) -> None:
        self._conflicts = count
        self.conflicts.setVisible(count > 0)
        self.retranslate()

    @Slot(str)
    def set_last_sync(self, iso: str | None) -> None:
        self._last_sync = iso
        self.retranslate()

    def retranslate(self) -> None:
        words = {
            "not_enrolled": self.tr("● Not enrolled"),
            "offline": self.tr("● Offline"),
            "online": self.tr("● Online"),
            "syncing": self.tr("● Synchronising…"),
            "error": self.tr("● Sync problem"),
        }
        colours = {
            "not_enrolled": "#8a8a8a",
            "offline": "#8a8a8a",
            "online": "#2e7d32",
            "syncing": "#1565c0",
            "error": "#c62828",
        }
        text = words[self._state]
        if self._state == "offline" and self._next_try is not None:
            # A probe or a run found no server: say so, and when it is tried again.
            when = QLocale().toString(self._next_try.time(), "HH:mm")
            text = (
                self.tr("● Server unreachable")
                + " · "
                + self.tr("next try at %1").replace("%1", isolated(when))
            )
        self.connectivity.setText(text)
        self.connectivity.setStyleSheet(f"color: {colours[self._state]}")
        self.connectivity.setToolTip(
            self.tr("This laptop is not yet enrolled with the central server.")
            if self._state == "not_enrolled"
            else self.tr("Click to open the Sync panel")
        )
        self.pending.setText(self.unsent_text())
        refused = self._unsent is not None and self._unsent.refused
        self.pending.setStyleSheet("color: #c62828" if refused else "")
        self.conflicts.setText(self.tr("%n conflict(s) to resolve", "", self._conflicts))
        self.last_sync.setText(
            self.tr("Last sync: %1").replace("%1", isolated(self._format(self._last_sync)))
            if self._last_sync
            else self.tr("Never synchronised")
        )

    @staticmethod
    def _format(iso: str | None) -> str:
        if not iso:
            return ""
        try:
            moment = datetime.fromisoformat(iso)
        except ValueError:
            return iso
        local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
        return QLocale().toString(local, QLocale.FormatType.ShortFormat)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.clicked.emit()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
