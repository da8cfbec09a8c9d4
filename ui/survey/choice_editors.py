"""Editors that pick among a question's choices: select_one (radio buttons or a drop-down),
select_multiple (check boxes) and rank, all numbered and driven by the keyboard.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Choice, Question, appearances
from fieldapp.text import search_keys
from ui.survey.editors import (
    RADIO_LIMIT,
    Editor,
    RovingFocus,
    choice_text,
    numbered,
)
from ui.survey.label_media import PlayButton, choice_picture, media_file, set_choice_picture
from ui.widgets import TypeAheadCombo

# Where a drop-down item keeps the picture's file name (and, one role on, whether it is there).
IMAGE_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class ChoiceButtons(Editor):
    """Choices as numbered buttons; in a `table-list` group (`show_in_row`) the buttons stand
    on one line and show their number only (the group's heading names the choices once)."""

    in_row = False
    _plays: dict[str, list[PlayButton]]  # the play buttons of each choice's clips
    _rows: list[QWidget]  # a choice's button with its play buttons, when it has clips

    def _label_button(self, button: QAbstractButton, position: int, choice: Choice) -> None:
        text = choice_text(choice, self.lang, self.fallback)
        button.setText(str(position) if self.in_row else numbered(position, text))
        button.setToolTip(text if self.in_row else "")
        button.setAccessibleName(text)
        picture = media_file(choice.media, "image", self.lang, self.fallback)
        if picture or button.property("imageFile"):
            set_choice_picture(button, self.media, picture)
        self._label_plays(choice)

    def _label_plays(self, choice: Choice) -> None:
        text = choice_text(choice, self.lang, self.fallback)
        for play in getattr(self, "_plays", {}).get(choice.name, []):
            clip = media_file(choice.media, play.kind, self.lang, self.fallback)
            present = bool(clip) and self.media is not None and bool(self.media(clip))
            play.show_file(clip, present, text)

    def _placed(self, button: QAbstractButton, choice: Choice) -> QWidget:
        """The choice's button, with a play button for each of its clips beside it (Tab
        reaches them: the arrows stay on the choices)."""
        if not hasattr(self, "_plays"):
            self._plays, self._rows = {}, []
        kinds = [kind for kind in ("audio", "video") if choice.media.get(kind)]
        if not kinds:
            return button
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(button)
        plays = []
        for kind in kinds:
            play = PlayButton(kind)
            play.play.connect(self.play)
            line.addWidget(play)
            plays.append(play)
        line.addStretch(1)
        self._plays[choice.name] = plays
        self._rows.append(row)
        self._label_plays(choice)
        return row

    def _drop_rows(self) -> None:
        for row in getattr(self, "_rows", []):
            row.deleteLater()
        self._plays, self._rows = {}, []

    def set_media(self, media: Callable[[str], bytes | None]) -> None:
        super().set_media(media)
        self.set_language(self.lang, self.fallback)

    def show_in_row(self) -> None:
        self.in_row = True
        self._build()

    def _build(self) -> None:
        raise NotImplementedError

    def _choice_buttons(self) -> list[QAbstractButton]:
        raise NotImplementedError

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] == [c.name for c in self.choices]:
            return
        self.choices = list(choices)
        self._build()

    def set_language(self, lang: str, fallback: str) -> None:
        super().set_language(lang, fallback)
        by_name = {c.name: c for c in self.choices}
        for position, button in enumerate(self._choice_buttons(), start=1):
            self._label_button(button, position, by_name[button.property("choice")])


class SelectOneEditor(ChoiceButtons):
    """Radio buttons, numbered: Up/Down move and select, the digits 1-9 pick the n-th choice,
    Delete/Backspace clear; or a drop-down for long lists (type-ahead, Delete clears)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.choices: list[Choice] = list(question.choices)
        self.use_combo = len(self.choices) > RADIO_LIMIT or "minimal" in question.appearance
        self.columns = appearances.columns(question.appearance)
        # quick: a pick moves on to the next question, so the arrows only move the focus.
        self.quick = "quick" in appearances.words(question.appearance)
        self._value: str | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(2)
        self.combo: QComboBox | None = None
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so that "clear" can uncheck; exclusivity kept by hand
        self.buttons: list[QRadioButton] = []
        self.roving = RovingFocus(self, self._pick, self._clear, select_on_move=not self.quick)
        self.clear = QToolButton()
        self.clear.setObjectName("clearAnswer")
        self.clear.setAutoRaise(True)
        # A mouse action: from the keyboard, Delete or Backspace clears the answer.
        self.clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear.clicked.connect(self._clear)
        if self.use_combo:
            self.combo = ChoiceCombo()
            self.combo.activated.connect(self._combo_picked)
            self.combo.cleared.connect(self._clear)
            self.layout_.addWidget(self.combo)
            self.setFocusProxy(self.combo)
        self._build()

    def _build(self) -> None:
        if self.combo is not None:
            # Filled again in place: a new widget would go to the end of the Tab chain.
            self.combo.blockSignals(True)
            self.combo.clear()
            self.combo.addItem("", None)
            for choice in self.choices:
                self.combo.addItem(choice_text(choice, self.lang, self.fallback), choice.name)
                self._combo_picture(self.combo.count() - 1, choice)
            self.combo.setCurrentIndex(max(self.combo.findData(self._value), 0))
            self.combo.blockSignals(False)
            self.layout_.removeWidget(self.clear)
            self.layout_.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignLeading)
            self._retranslate_clear()
            return
        rebuilt = bool(self.buttons)
        self.layout_.setDirection(
            QBoxLayout.Direction.LeftToRight if self.in_row else QBoxLayout.Direction.TopToBottom
        )
        for button in self.buttons:
            self.group.removeButton(button)
            button.deleteLater()
        self._drop_rows()
        self.buttons = []
        while self.layout_.count():
            self.layout_.takeAt(0)
        grid: QGridLayout | None = None
        if self.columns is not None:
            # likert / horizontal: one row; columns-N: N per row, in reading order.
            grid = QGridLayout()
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(18)
            self.layout_.addLayout(grid)
        per_row = self.columns or max(1, len(self.choices))
        for position, choice in enumerate(self.choices, start=1):
            button = QRadioButton()
            self._label_button(button, position, choice)
            button.setProperty("choice", choice.name)
            button.setChecked(choice.name == self._value)
            button.setAutoExclusive(False)
            self.group.addButton(button)
            button.toggled.connect(lambda on, b=button: self._toggled(b, on))
            placed = self._placed(button, choice)
            # As wide as its text: a click in the empty space beside it does nothing.
            if grid is not None:
                row, column = divmod(position - 1, per_row)
                grid.addWidget(placed, row, column, Qt.AlignmentFlag.AlignLeading)
            else:
                self.layout_.addWidget(placed, 0, Qt.AlignmentFlag.AlignLeading)
            self.buttons.append(button)
        self.roving.set_buttons(list(self.buttons))
        if self.buttons:
            self.setFocusProxy(self._focus_button())
        self.layout_.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignLeading)
        self._retranslate_clear()
        if rebuilt:
            self.rebuilt.emit()

    def _combo_picture(self, row: int, choice: Choice) -> None:
        assert self.combo is not None
        picture = media_file(choice.media, "image", self.lang, self.fallback)
        if picture:
            pixmap, found = choice_picture(self.media, picture)
            self.combo.setItemIcon(row, QIcon(pixmap))
            self.combo.setIconSize(pixmap.size())
            self.combo.setItemData(row, picture, IMAGE_ROLE)
            self.combo.setItemData(row, found, IMAGE_ROLE + 1)

    def _focus_button(self) -> QRadioButton:
        for button in self.buttons:
            if button.isChecked():
                return button
        return self.buttons[0]

    def _retranslate_clear(self) -> None:
        self.clear.setText(self.tr("Clear answer"))
        self.clear.setToolTip(self.tr("Delete or Backspace clears the answer"))
        self.clear.setVisible(self._value is not None and self.isEnabled())

    def _pick(self, button: QAbstractButton) -> None:
        if not button.isChecked():
            button.setChecked(True)

    def _toggled(self, button: QRadioButton, on: bool) -> None:
        name = button.property("choice")
        if on:
            for other in self.buttons:
                if other is not button and other.isChecked():
                    other.blockSignals(True)
                    other.setChecked(False)
                    other.blockSignals(False)
            self._value = name
        elif self._value == name:
            # A radio button cannot be unchecked by a click: keep it on.
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
            return
        self.setFocusProxy(button)
        self.roving.set_current(button)
        self._retranslate_clear()
        self.changed.emit()
        if on and self.quick:
            self.advance.emit()

    def _combo_picked(self, index: int) -> None:
        assert self.combo is not None
        name = self.combo.itemData(index)
        if name != self._value:
            self._value = name
            self._retranslate_clear()
            self.changed.emit()
            if self.quick and name is not None:
                self.advance.emit()

    def _clear(self) -> None:
        if self._value is None:
            return
        self.set_value(None)
        self.changed.emit()
        self.focus_target().setFocus()

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value if isinstance(value, str) and value else None
        if self.combo is not None:
            self.combo.setCurrentIndex(max(self.combo.findData(self._value), 0))
        for button in self.buttons:
            button.blockSignals(True)
            button.setChecked(button.property("choice") == self._value)
            button.blockSignals(False)
        if self.buttons:
            self.setFocusProxy(self._focus_button())
            if not self.buttons[0].hasFocus() and not any(b.hasFocus() for b in self.buttons):
                self.roving.set_current(self._focus_button())
        self._retranslate_clear()

    def _choice_buttons(self) -> list[QAbstractButton]:
        return list(self.buttons)

    def set_language(self, lang: str, fallback: str) -> None:
        super().set_language(lang, fallback)
        by_name = {c.name: c for c in self.choices}
        if self.combo is not None:
            for i in range(1, self.combo.count()):
                choice = by_name[self.combo.itemData(i)]
                self.combo.setItemText(i, choice_text(choice, lang, fallback))
                self._combo_picture(i, choice)
        self._retranslate_clear()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._retranslate_clear()

    def focus_target(self) -> QWidget:
        if self.combo is not None:
            return self.combo
        if self.buttons:
            return self.roving.current() or self.buttons[0]
        return self

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_clear()
        super().changeEvent(event)


# The one folding of every type-ahead (survey drop-downs, list filters, coordinator lists).
type_ahead_keys = search_keys


class ChoiceCombo(TypeAheadCombo):
    """A drop-down of choices: type-ahead on folded words (Arabic article and hamza forms
    ignored, ui.widgets.TypeAheadCombo), Delete/Backspace clear the answer."""

    cleared = Signal()
    first_row = 1  # row 0 is "no answer"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.isEditable():
            self.cleared.emit()
            return
        super().keyPressEvent(event)


class SelectMultipleEditor(ChoiceButtons):
    """Check boxes, numbered, in two columns when the list is long: Space toggles the current
    one, the digits 1-9 toggle the n-th, Up/Down move, Delete/Backspace clear them all."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.choices: list[Choice] = list(question.choices)
        self._value: list[str] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(2)
        self.boxes: list[QCheckBox] = []
        self.roving = RovingFocus(self, self._toggle, self._clear_all, select_on_move=False)
        self._build()

    def _build(self) -> None:
        rebuilt = bool(self.boxes)
        for box in self.boxes:
            box.deleteLater()
        self._drop_rows()
        self.boxes = []
        wanted = appearances.columns(self.question.appearance)
        columns = 2 if len(self.choices) > 6 else 1
        if wanted is not None:  # likert / horizontal: one row; columns-N: N columns
            columns = wanted or max(1, len(self.choices))
        rows = math.ceil(len(self.choices) / columns) if self.choices else 0
        for i, choice in enumerate(self.choices):
            box = QCheckBox()
            self._label_button(box, i + 1, choice)
            box.setProperty("choice", choice.name)
            box.setChecked(choice.name in self._value)
            box.toggled.connect(self._toggled)
            placed = self._placed(box, choice)
            if self.in_row:
                self.grid.addWidget(placed, 0, i)
            else:  # column-major, so that the numbers run down the first column first
                self.grid.addWidget(placed, i % rows, i // rows)
            self.boxes.append(box)
        self.roving.set_buttons(list(self.boxes))
        if self.boxes:
            self.setFocusProxy(self.boxes[0])
        if rebuilt:
            self.rebuilt.emit()

    def _toggle(self, box: QAbstractButton) -> None:
        box.setChecked(not box.isChecked())

    def _clear_all(self) -> None:
        if not any(b.isChecked() for b in self.boxes):
            return
        for box in self.boxes:
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self._toggled()

    def _toggled(self) -> None:
        checked = [str(b.property("choice")) for b in self.boxes if b.isChecked()]
        # Keep the choices' order; keep picked names the filter hides now.
        offered = {c.name for c in self.choices}
        self._value = [n for n in self._value if n not in offered] + checked
        self.changed.emit()

    def value(self) -> Any:
        return list(self._value) or None

    def set_value(self, value: Any) -> None:
        self._value = [str(v) for v in value] if isinstance(value, list) else []
        for box in self.boxes:
            box.blockSignals(True)
            box.setChecked(box.property("choice") in self._value)
            box.blockSignals(False)

    def _choice_buttons(self) -> list[QAbstractButton]:
        return list(self.boxes)

    def focus_target(self) -> QWidget:
        if self.boxes:
            return self.roving.current() or self.boxes[0]
        return self


class RankList(QListWidget):
    """The rank's list: drag to reorder, or Alt+Up / Alt+Down on the selected item."""

    moved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.model().rowsMoved.connect(lambda *_: self.moved.emit())

    def move_current(self, delta: int) -> None:
        row = self.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.count():
            return
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.moved.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class RankEditor(Editor):
    """Order the choices, most important first: drag, the arrow buttons, or Alt+Up/Down.

    The order shown at first is not an answer yet: the agent confirms it by moving an item
    or with "Keep this order".
    """

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.choices: list[Choice] = list(question.choices)
        self._answered = False
        self.list = RankList()
        self.list.setObjectName("rankList")
        self.list.moved.connect(self._moved)
        self.up = QToolButton()
        self.up.setArrowType(Qt.ArrowType.UpArrow)
        self.up.clicked.connect(lambda: self.list.move_current(-1))
        self.down = QToolButton()
        self.down.setArrowType(Qt.ArrowType.DownArrow)
        self.down.clicked.connect(lambda: self.list.move_current(1))
        self.keep = QPushButton()
        self.keep.setObjectName("keepOrder")
        self.keep.clicked.connect(self._moved)
        side = QVBoxLayout()
        side.addWidget(self.up)
        side.addWidget(self.down)
        side.addStretch(1)
        side.addWidget(self.keep)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(side)
        self.setFocusProxy(self.list)
        self._fill([c.name for c in self.choices])
        self.retranslate()

    def _fill(self, names: list[str]) -> None:
        by_name = {c.name: c for c in self.choices}
        current = self.list.currentRow()
        self.list.clear()
        for position, name in enumerate(names, start=1):
            choice = by_name.get(name)
            if choice is None:
                continue
            item = QListWidgetItem(f"{position}. {choice_text(choice, self.lang, self.fallback)}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        rows = self.list.count()
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * max(rows, 1) + 8)
        self.list.setCurrentRow(min(max(current, 0), rows - 1))

    def _names(self) -> list[str]:
        return [
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
        ]

    def _moved(self) -> None:
        self._answered = True
        self._fill(self._names())  # renumber
        self.retranslate()
        self.changed.emit()

    def retranslate(self) -> None:
        self.up.setToolTip(self.tr("Move up (Alt+Up)"))
        self.down.setToolTip(self.tr("Move down (Alt+Down)"))
        self.up.setAccessibleName(self.tr("Move up"))
        self.down.setAccessibleName(self.tr("Move down"))
        self.keep.setText(self.tr("Keep this order"))
        self.keep.setVisible(not self._answered and self.isEnabled())

    def value(self) -> Any:
        return self._names() if self._answered else None

    def set_value(self, value: Any) -> None:
        names = [c.name for c in self.choices]
        if isinstance(value, list) and value:
            self._answered = True
            order = [n for n in value if n in names] + [n for n in names if n not in value]
        else:
            self._answered = False
            order = names
        if order != self._names():
            self._fill(order)
        self.retranslate()

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] == [c.name for c in self.choices]:
            return
        names = self._names()
        self.choices = list(choices)
        wanted = {c.name for c in choices}
        self._fill(
            [n for n in names if n in wanted] + [c.name for c in choices if c.name not in names]
        )

    def set_language(self, lang: str, fallback: str) -> None:
        super().set_language(lang, fallback)
        self._fill(self._names())

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.retranslate()

    def focus_target(self) -> QWidget:
        return self.list

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
