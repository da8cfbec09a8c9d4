"""Editors whose answer is a file attached to the survey (stored by its SHA-256): the photo,
and the audio, video and file answers (`FileEditor`)."""

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
from ui.widgets import ERROR_COLOUR, HINT_COLOUR, tint


class AttachedFileEditor(Editor):
    """What the photo and the file editors share: the answer is {'sha256', 'filename'} of a
    stored file, a button asks for one (`pick_requested`), another removes it."""

    pick_requested = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self._value: dict[str, str] | None = None
        self.pick = QPushButton()
        self.pick.clicked.connect(self.pick_requested)
        self.remove = QPushButton()
        self.remove.clicked.connect(self._remove)
        self.busy = QLabel()
        self.busy.hide()
        self.setFocusProxy(self.pick)

    def retranslate(self) -> None:
        raise NotImplementedError

    def _remove(self) -> None:
        self.set_value(None)
        self.changed.emit()
        self.pick.setFocus()

    def value(self) -> Any:
        return dict(self._value) if self._value else None

    def focus_target(self) -> QWidget:
        return self.pick

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ImageEditor(AttachedFileEditor):
    """A photo: pick a file, see a thumbnail, remove it.

    The file is decoded and scaled in a worker and stored by its SHA-256; this widget only
    asks for it (`pick_requested`) and shows the result (`show_image`).
    """

    THUMB = QSize(240, 180)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self._refocus = False
        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("thumbnail")
        self.thumbnail.setFixedSize(self.THUMB)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setFrameShape(QFrame.Shape.StyledPanel)
        tint(self.thumbnail, HINT_COLOUR)
        self.pick.setObjectName("pickImage")
        self.remove.setObjectName("removeImage")
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


def size_text(size: int) -> str:
    """'820 KB', '12.4 MB': a file's size as an agent reads it."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class FileEditor(AttachedFileEditor):
    """An audio, video or other file: pick it (a file dialog, by keyboard too), see its name
    and size, open it with the system's player, remove it.

    Like the photo, the file is read and stored by its SHA-256 off the UI thread; this widget
    asks (`pick_requested`, `open_requested`) and shows the result (`show_file`) or why the
    file was refused (`show_refusal`).
    """

    open_requested = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self._size: int | None = None
        self._read_only = False
        self.name = QLabel()
        self.name.setObjectName("attachedFile")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pick.setObjectName("pickFile")
        self.open = QPushButton()
        self.open.setObjectName("openFile")
        self.open.clicked.connect(self.open_requested)
        self.remove.setObjectName("removeFile")
        self.problem = QLabel()
        self.problem.setObjectName("fileProblem")
        self.problem.setWordWrap(True)
        tint(self.problem, ERROR_COLOUR, bold=True)
        self.problem.hide()
        row = QHBoxLayout()
        row.addWidget(self.pick)
        row.addWidget(self.open)
        row.addWidget(self.remove)
        row.addWidget(self.busy)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.retranslate()

    def retranslate(self) -> None:
        kind = self.question.type
        if kind == "audio":
            pick = (
                self.tr("Replace the recording…") if self._value else self.tr("Choose a recording…")
            )
            self.open.setText(self.tr("Listen"))
        elif kind == "video":
            pick = self.tr("Replace the video…") if self._value else self.tr("Choose a video…")
            self.open.setText(self.tr("Watch"))
        else:
            pick = self.tr("Replace the file…") if self._value else self.tr("Choose a file…")
            self.open.setText(self.tr("Open"))
        self.pick.setText(pick)
        self.open.setToolTip(self.tr("Opens with the program this computer uses for such files"))
        self.remove.setText(self.tr("Remove"))
        self.busy.setText(self.tr("Attaching the file…"))
        self.open.setVisible(self._value is not None)
        self.remove.setVisible(self._value is not None and not self._read_only)
        if self._value is None:
            self.name.setText(self.tr("No file"))
        else:
            name = self._value.get("filename") or self._value["sha256"][:12]
            self.name.setText(f"{name} ({size_text(self._size)})" if self._size else name)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.pick.setEnabled(not busy)
        if not busy:
            self.pick.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_refusal(self, text: str) -> None:
        """Why the picked file was not attached (the answer stays as it was)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def show_file(self, value: dict[str, str], size: int | None) -> None:
        """Show a stored file; emits `changed` (the agent picked it)."""
        self.show_refusal("")
        self.set_value(value, size)
        self.changed.emit()

    def set_value(self, value: Any, size: int | None = None) -> None:
        new = dict(value) if isinstance(value, dict) and value.get("sha256") else None
        if new != self._value or size is not None:
            self._size = size
        self._value = new
        self.retranslate()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.pick.setVisible(not read_only)
        self.remove.setVisible(not read_only and self._value is not None)

    def inputs(self) -> list[QWidget]:
        return [self.pick]
