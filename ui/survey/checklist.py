"""`minimal` on a select_multiple: a drop-down whose items are check boxes, as ODK Collect shows
it. The closed box sums up what is chosen; Space (or Alt+Down) opens the list, where Space
or a click checks and unchecks the current item and the list stays open; typing letters
finds a choice as every type-ahead does (`ui.widgets.type_ahead_row`: folded, the Arabic
article ignored), the closed box opening on it; Delete or Backspace on the closed box clears
every choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QMouseEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Choice, Question
from ui.languages import isolated
from ui.survey.editors import Editor, choice_text
from ui.survey.label_media import choice_picture, media_file
from ui.widgets import TypedLetters, _typed_letter, type_ahead_row

NAME_ROLE = int(Qt.ItemDataRole.UserRole)


class ChoiceChecklist(QComboBox):
    """The drop-down of check boxes; `toggled` when the agent checks or unchecks an item."""

    toggled = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.summary = ""
        self._letters = TypedLetters()
        self.view().installEventFilter(self)
        self.view().viewport().installEventFilter(self)

    def labels(self) -> list[str]:
        return [self.items.item(r).text() for r in range(self.items.rowCount())]

    def toggle(self, row: int) -> None:
        item = self.items.item(row)
        if item is None:
            return
        on = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if on else Qt.CheckState.Checked)
        self._letters = TypedLetters()  # the next letters start a new search
        self.toggled.emit()

    def _find(self, letter: str) -> int | None:
        current = self.view().currentIndex().row() if self.view().isVisible() else -1
        return type_ahead_row(self.labels(), current, self._letters, letter)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.cleared.emit()
            return
        letter = _typed_letter(event)
        if letter:
            row = self._find(letter)
            if row is not None:
                self.showPopup()
                self.view().setCurrentIndex(self.items.index(row, 0))
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self.view()
        if watched is view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space:
                self.toggle(view.currentIndex().row())
                return True
            letter = _typed_letter(event)
            if letter:
                row = self._find(letter)
                if row is not None:
                    view.setCurrentIndex(self.items.index(row, 0))
                return True
        if watched is view.viewport() and event.type() == QEvent.Type.MouseMove:
            # The current item moves with the keys (Space acts on it), not with a pointer
            # resting or passing over the list; clicks still check what they hit.
            return True
        if watched is view.viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            index: QModelIndex = view.indexAt(event.position().toPoint())
            if index.isValid():
                self.toggle(index.row())
            return True  # the list stays open: several choices are picked in one go
        return super().eventFilter(watched, event)

    def paintEvent(self, _event: Any) -> None:
        # The closed box shows what is chosen, not the current item.
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.summary
        option.currentIcon = QIcon()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class ChecklistEditor(Editor):
    """A select_multiple with `minimal`: the choices in a drop-down of check boxes."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.choices: list[Choice] = list(question.choices)
        self._value: list[str] = []
        self.combo = ChoiceChecklist()
        self.combo.setObjectName("choiceChecklist")
        self.combo.toggled.connect(self._toggled)
        self.combo.cleared.connect(self._clear_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        self.setFocusProxy(self.combo)
        self._fill()

    def _fill(self) -> None:
        items = self.combo.items
        items.clear()
        for choice in self.choices:
            item = QStandardItem(choice_text(choice, self.lang, self.fallback))
            item.setData(choice.name, NAME_ROLE)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if choice.name in self._value else Qt.CheckState.Unchecked
            )
            picture = media_file(choice.media, "image", self.lang, self.fallback)
            if picture:
                pixmap, _found = choice_picture(self.media, picture)
                item.setIcon(QIcon(pixmap))
                self.combo.setIconSize(pixmap.size())
            items.appendRow(item)
        self._summarise()

    def _checked(self) -> list[str]:
        items = self.combo.items
        return [
            str(items.item(r).data(NAME_ROLE))
            for r in range(items.rowCount())
            if items.item(r).checkState() == Qt.CheckState.Checked
        ]

    def _summarise(self) -> None:
        by_name = {c.name: c for c in self.choices}
        labels = [
            choice_text(by_name[n], self.lang, self.fallback) for n in self._value if n in by_name
        ]
        if not labels:
            summary = self.tr("Nothing chosen")
        elif len(labels) <= 3:
            summary = ", ".join(labels)
        else:
            summary = (
                self.tr("%1 chosen: %2")
                .replace("%1", isolated(len(labels)))
                .replace("%2", isolated(", ".join(labels[:3]) + "…"))
            )
        self.combo.summary = summary
        self.combo.setToolTip(", ".join(labels))
        self.combo.setAccessibleDescription(summary)
        self.combo.update()

    def _toggled(self) -> None:
        offered = {c.name for c in self.choices}
        self._value = [n for n in self._value if n not in offered] + self._checked()
        self._summarise()
        self.changed.emit()

    def _clear_all(self) -> None:
        if not self._checked():
            return
        items = self.combo.items
        for r in range(items.rowCount()):
            items.item(r).setCheckState(Qt.CheckState.Unchecked)
        self._toggled()

    def value(self) -> Any:
        return list(self._value) or None

    def set_value(self, value: Any) -> None:
        self._value = [str(v) for v in value] if isinstance(value, list) else []
        items = self.combo.items
        for r in range(items.rowCount()):
            item = items.item(r)
            on = item.data(NAME_ROLE) in self._value
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._summarise()

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] != [c.name for c in self.choices]:
            self.choices = list(choices)
            self._fill()

    def set_language(self, lang: str, fallback: str) -> None:
        super().set_language(lang, fallback)
        self._fill()

    def set_media(self, media: Callable[[str], bytes | None]) -> None:
        super().set_media(media)
        self._fill()

    def focus_target(self) -> QWidget:
        return self.combo

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._summarise()
        super().changeEvent(event)
