"""Editors whose answer is a file attached to the survey (stored by its SHA-256): the photo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Question
from ui.survey.editors import (
    Editor,
)
from ui.widgets import HINT_COLOUR, tint


class ImageEditor(Editor):
    """A photo: pick a file, see a thumbnail, remove it.

    The file is decoded and scaled in a worker and stored by its SHA-256; this widget only
    asks for it (`pick_requested`) and shows the result (`show_image`).
    """

    pick_requested = Signal()
    THUMB = QSize(240, 180)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self._value: dict[str, str] | None = None
        self._refocus = False
        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("thumbnail")
        self.thumbnail.setFixedSize(self.THUMB)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setFrameShape(QFrame.Shape.StyledPanel)
        tint(self.thumbnail, HINT_COLOUR)
        self.pick = QPushButton()
        self.pick.setObjectName("pickImage")
        self.pick.clicked.connect(self.pick_requested)
        self.remove = QPushButton()
        self.remove.setObjectName("removeImage")
        self.remove.clicked.connect(self._remove)
        self.busy = QLabel()
        self.busy.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.pick)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setFocusProxy(self.pick)
        self.retranslate()

    def retranslate(self) -> None:
        self.pick.setText(
            self.tr("Replace the photo…") if self._value else self.tr("Choose a photo…")
        )
        self.remove.setText(self.tr("Remove the photo"))
        self.remove.setVisible(self._value is not None)
        self.busy.setText(self.tr("Preparing the photo…"))
        if self._value is None:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(self.tr("No photo"))

    def set_busy(self, busy: bool) -> None:
        if busy:
            # Disabling the button drops the focus: it comes back when the photo is in.
            focus = QApplication.focusWidget()
            self._refocus = focus is None or focus is self.pick
        self.busy.setVisible(busy)
        self.pick.setEnabled(not busy)
        if not busy and self._refocus:
            self._refocus = False
            self.pick.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_image(self, value: dict[str, str] | None, thumbnail: QPixmap | None) -> None:
        """Show a stored photo; emits `changed` (the agent picked it)."""
        self.set_value(value, thumbnail)
        self.changed.emit()

    def _remove(self) -> None:
        self.set_value(None)
        self.changed.emit()
        self.pick.setFocus()

    def value(self) -> Any:
        return dict(self._value) if self._value else None

    def set_value(self, value: Any, thumbnail: QPixmap | None = None) -> None:
        self._value = dict(value) if isinstance(value, dict) and value.get("sha256") else None
        if self._value is not None and thumbnail is not None and not thumbnail.isNull():
            self.thumbnail.setText("")
            self.thumbnail.setPixmap(thumbnail)
        elif self._value is not None and self.thumbnail.pixmap().isNull():
            self.thumbnail.setText(self._value.get("filename") or self._value["sha256"][:12])
        self.retranslate()

    def set_read_only(self, read_only: bool) -> None:
        self.pick.setVisible(not read_only)
        self.remove.setVisible(not read_only and self._value is not None)

    def focus_target(self) -> QWidget:
        return self.pick

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
