"""One input widget per question type.

Every editor shows and returns the *stored* form of an answer (int for an integer, list of
choice names for a select_multiple or a rank, {'lat','lon','accuracy'} for a geopoint,
{'sha256','filename'} for an image; None when unanswered) and emits `changed` only when the
agent changes it, never when the form sets it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Choice, Question
from fieldapp.text import fold
from ui.survey.dates import FIRST_YEAR, date_text, parse_date_text
from ui.widgets import ERROR_COLOUR, HINT_COLOUR, tint

# Arabic-Indic and Persian digits count as digits: an agent typing in Arabic uses them.
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_INTEGER_RE = QRegularExpression(f"[-\u2212]?[{_DIGITS}]{{0,15}}")
_DECIMAL_RE = QRegularExpression(f"[-\u2212]?[{_DIGITS}]{{0,15}}([.,\u066b][{_DIGITS}]{{0,8}})?")
_SIGNED_DECIMAL_RE = _DECIMAL_RE
RADIO_LIMIT = 8  # more choices than this: a drop-down list instead of radio buttons


def parse_number(text: str, *, integer: bool) -> int | float | None:
    """The number in what the agent typed ('1 200,5', '١٢', '−3'), or None."""
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    cleaned = cleaned.replace(",", ".").replace("\u066b", ".")
    if cleaned in ("", "-", "."):
        return None
    try:
        # int()/float() read any Unicode decimal digit, Arabic-Indic included.
        if integer:
            return int(cleaned)
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def choice_text(choice: Choice, lang: str, fallback: str) -> str:
    return choice.label.get(lang) or choice.label.get(fallback) or choice.name


class Editor(QWidget):
    """Base of every editor: value in and out, `changed` when the agent edits; `rebuilt` when
    its widgets were made anew (the form then puts the Tab order right again)."""

    changed = Signal()
    rebuilt = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = "fr"
        self.fallback = "fr"

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def set_language(self, lang: str, fallback: str) -> None:
        self.lang = lang
        self.fallback = fallback

    def set_choices(self, choices: list[Choice]) -> None:
        """Only select editors use this (choice filters change the offer)."""

    def focus_target(self) -> QWidget:
        return self

    def inputs(self) -> list[QWidget]:
        """Where Enter stops in this editor, in order (the form moves on after the last)."""
        return [self.focus_target()]


def _digit(event: QKeyEvent) -> int | None:
    """1-9 for a digit key without modifiers (Arabic-Indic digits too), else None."""
    if event.modifiers() & ~(
        Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
    ):
        return None
    text = event.text()
    if len(text) == 1 and text.isdigit() and text != "0":
        try:
            return int(text)
        except ValueError:
            return None
    return None


def numbered(position: int, text: str) -> str:
    """A choice's label with the digit that picks it ('3. Fibre optique')."""
    return f"{position}. {text}" if position <= 9 else text


class RovingFocus(QObject):
    """One Tab stop for a list of buttons: Up/Down (and Left/Right) move between them, the
    digits 1-9 act on the n-th, Delete/Backspace clear; only the current button is in the Tab
    chain, so Tab goes to the next question, not to the next choice."""

    def __init__(
        self,
        owner: QWidget,
        act: Callable[[QAbstractButton], None],
        clear: Callable[[], None],
        *,
        select_on_move: bool,
    ) -> None:
        super().__init__(owner)
        self.buttons: list[QAbstractButton] = []
        self.act = act
        self.clear = clear
        self.select_on_move = select_on_move

    def set_buttons(self, buttons: list[QAbstractButton]) -> None:
        self.buttons = list(buttons)
        for button in self.buttons:
            button.installEventFilter(self)
        self.set_current(self.current())

    def current(self) -> QAbstractButton | None:
        for button in self.buttons:
            if button.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return button
        for button in self.buttons:
            if button.isChecked():
                return button
        return self.buttons[0] if self.buttons else None

    def set_current(self, current: QAbstractButton | None) -> None:
        for button in self.buttons:
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if button is current else Qt.FocusPolicy.ClickFocus
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched not in self.buttons:
            return False
        if event.type() == QEvent.Type.FocusIn:
            self.set_current(watched)  # type: ignore[arg-type]
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        position = self.buttons.index(watched)  # type: ignore[arg-type]
        step = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
        }.get(Qt.Key(key))
        if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and watched.isRightToLeft():
                step = -step
            target = self.buttons[(position + step) % len(self.buttons)]
            self.set_current(target)
            target.setFocus(Qt.FocusReason.TabFocusReason)
            if self.select_on_move:
                self.act(target)
            return True
        digit = _digit(event)
        if digit is not None:
            if digit <= len(self.buttons):
                target = self.buttons[digit - 1]
                self.set_current(target)
                target.setFocus(Qt.FocusReason.TabFocusReason)
                self.act(target)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
            return True
        return False


class TextEditor(Editor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.multiline = "multiline" in question.appearance or question.name.endswith(
            ("observations", "comments", "notes")
        )
        if self.multiline:
            self.edit: QLineEdit | QPlainTextEdit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(self.edit.fontMetrics().height() * 5)
            self.edit.textChanged.connect(self._typed)
        else:
            self.edit = QLineEdit()
            self.edit.textEdited.connect(self.changed)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._setting = False

    def _typed(self) -> None:
        if not self._setting:
            self.changed.emit()

    def value(self) -> Any:
        text = (
            self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()
        )
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.edit, QPlainTextEdit):
            if self.edit.toPlainText() != text:
                self._setting = True
                self.edit.setPlainText(text)
                self._setting = False
        elif self.edit.text() != text:
            self.edit.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class NumberEditor(Editor):
    """Integer or decimal, typed in a line: spin boxes cannot be empty and eat the wheel."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.integer = question.type == "integer"
        self.edit = QLineEdit()
        self.edit.setValidator(
            QRegularExpressionValidator(_INTEGER_RE if self.integer else _DECIMAL_RE, self.edit)
        )
        self.edit.setMaximumWidth(220)
        self.edit.textEdited.connect(self.changed)
        # Numbers read left to right, also in Arabic.
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        return parse_number(self.edit.text(), integer=self.integer)

    def set_value(self, value: Any) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.integer or (float(value).is_integer() and not self.edit.text().endswith(".")):
                text = str(int(value)) if float(value).is_integer() else repr(float(value))
            else:
                text = repr(float(value))
        else:
            text = "" if value is None else str(value)
        current = parse_number(self.edit.text(), integer=self.integer)
        if current != value or (value is None and self.edit.text() and current is not None):
            self.edit.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class SelectOneEditor(Editor):
    """Radio buttons, numbered: Up/Down move and select, the digits 1-9 pick the n-th choice,
    Delete/Backspace clear; or a drop-down for long lists (type-ahead, Delete clears)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.choices: list[Choice] = list(question.choices)
        self.use_combo = len(self.choices) > RADIO_LIMIT or "minimal" in question.appearance
        self._value: str | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(2)
        self.combo: QComboBox | None = None
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so that "clear" can uncheck; exclusivity kept by hand
        self.buttons: list[QRadioButton] = []
        self.roving = RovingFocus(self, self._pick, self._clear, select_on_move=True)
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
            self.combo.setCurrentIndex(max(self.combo.findData(self._value), 0))
            self.combo.blockSignals(False)
            self.layout_.removeWidget(self.clear)
            self.layout_.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignLeading)
            self._retranslate_clear()
            return
        rebuilt = bool(self.buttons)
        for button in self.buttons:
            self.group.removeButton(button)
            button.deleteLater()
        self.buttons = []
        while self.layout_.count():
            self.layout_.takeAt(0)
        for position, choice in enumerate(self.choices, start=1):
            button = QRadioButton(numbered(position, choice_text(choice, self.lang, self.fallback)))
            button.setProperty("choice", choice.name)
            button.setChecked(choice.name == self._value)
            button.setAutoExclusive(False)
            self.group.addButton(button)
            button.toggled.connect(lambda on, b=button: self._toggled(b, on))
            # As wide as its text: a click in the empty space beside it does nothing.
            self.layout_.addWidget(button, 0, Qt.AlignmentFlag.AlignLeading)
            self.buttons.append(button)
        self.roving.set_buttons(list(self.buttons))
        if self.buttons:
            self.setFocusProxy(self._focus_button())
        self.layout_.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignLeading)
        self._retranslate_clear()
        if rebuilt:
            self.rebuilt.emit()

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

    def _combo_picked(self, index: int) -> None:
        assert self.combo is not None
        name = self.combo.itemData(index)
        if name != self._value:
            self._value = name
            self._retranslate_clear()
            self.changed.emit()

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

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] == [c.name for c in self.choices]:
            return
        self.choices = list(choices)
        self._build()

    def set_language(self, lang: str, fallback: str) -> None:
        super().set_language(lang, fallback)
        by_name = {c.name: c for c in self.choices}
        for position, button in enumerate(self.buttons, start=1):
            text = choice_text(by_name[button.property("choice")], lang, fallback)
            button.setText(numbered(position, text))
        if self.combo is not None:
            for i in range(1, self.combo.count()):
                self.combo.setItemText(
                    i, choice_text(by_name[self.combo.itemData(i)], lang, fallback)
                )
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


def type_ahead_keys(label: str) -> list[str]:
    """What a typed prefix may match in a choice's label: the whole label and each of its
    words, folded (case, accents, hamza forms), and Arabic words without their article, so
    that "م" finds "المدير" as "m" finds "Médecin"."""
    folded = fold(label)
    words = folded.split()
    keys = [folded, *words]
    keys += [w[2:] for w in words if w.startswith("ال") and len(w) > 2]
    return keys


class ChoiceCombo(QComboBox):
    """A drop-down of choices: type-ahead on folded words (Arabic article and hamza forms
    ignored), Delete/Backspace clear the answer."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._typed_at = 0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.isEditable():
            self.cleared.emit()
            return
        text = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if plain and text and text.isprintable() and not text.isspace():
            self._search(text)
            return
        super().keyPressEvent(event)

    def _search(self, text: str) -> None:
        now = event_time_ms()
        if now - self._typed_at > QApplication.keyboardInputInterval():
            self._typed = ""
        self._typed_at = now
        repeated = bool(self._typed) and set(self._typed + text) == {text}
        self._typed += text
        rows = [r for r in range(1, self.count()) if self._matches(r, fold(self._typed))]
        if not rows and repeated:
            # The same letter again: the next choice starting with it (as Qt's own does).
            rows = [r for r in range(1, self.count()) if self._matches(r, fold(text))]
            after = [r for r in rows if r > self.currentIndex()]
            rows = after or rows
        if not rows:
            return
        row = rows[0]
        if row != self.currentIndex():
            self.setCurrentIndex(row)
            self.activated.emit(row)

    def _matches(self, row: int, wanted: str) -> bool:
        return any(key.startswith(wanted) for key in type_ahead_keys(self.itemText(row)))


def event_time_ms() -> int:
    return int(time.monotonic() * 1000)


class SelectMultipleEditor(Editor):
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
        self.boxes = []
        columns = 2 if len(self.choices) > 6 else 1
        rows = math.ceil(len(self.choices) / columns) if self.choices else 0
        for i, choice in enumerate(self.choices):
            box = QCheckBox(numbered(i + 1, choice_text(choice, self.lang, self.fallback)))
            box.setProperty("choice", choice.name)
            box.setChecked(choice.name in self._value)
            box.toggled.connect(self._toggled)
            # Column-major, so that the numbers run down the first column first.
            self.grid.addWidget(box, i % rows, i // rows)
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

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] == [c.name for c in self.choices]:
            return
        self.choices = list(choices)
        self._build()

    def set_language(self, lang: str, fallback: str) -> None:
        super().set_language(lang, fallback)
        by_name = {c.name: c for c in self.choices}
        for position, box in enumerate(self.boxes, start=1):
            box.setText(
                numbered(position, choice_text(by_name[box.property("choice")], lang, fallback))
            )

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


class DateEditor(Editor):
    """A date typed as jj/mm/aaaa (or ISO, or its 8 digits), a month-year question as mm/aaaa.

    A calendar (the button, F4 or Alt+Down) opens on the date typed, else on the reference
    date the form gives (the visit), else on today; Enter in it takes the date. Text that is
    not a date stays as typed, with a message, and gives no answer.
    """

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.month_year = "month-year" in question.appearance
        self.edit = QLineEdit()
        self.edit.setObjectName("dateText")
        self.edit.setMaximumWidth(160)
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("openCalendar")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.today = QToolButton()
        self.today.setObjectName("today")
        self.today.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.today.clicked.connect(self._set_today)
        self.problem = QLabel()
        self.problem.setObjectName("dateProblem")
        tint(self.problem, ERROR_COLOUR, bold=True)
        self.problem.hide()
        self.calendar: QCalendarWidget | None = None
        self.reference: str | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.calendar_button)
        row.addWidget(self.today)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            self.tr("mm/yyyy") if self.month_year else self.tr("dd/mm/yyyy")
        )
        self.calendar_button.setText("▾")  # in every font, unlike an emoji
        self.calendar_button.setToolTip(self.tr("Calendar (F4)"))
        self.calendar_button.setAccessibleName(self.tr("Calendar"))
        self.today.setText(self.tr("This month") if self.month_year else self.tr("Today"))
        self._check()

    def _check(self) -> bool:
        text = self.edit.text().strip()
        bad = bool(text) and parse_date_text(text, month_year=self.month_year) is None
        self.problem.setText(
            (
                self.tr("Not a month: type it as mm/yyyy, e.g. 03/2026.")
                if self.month_year
                else self.tr("Not a date: type it as dd/mm/yyyy, e.g. 20/11/2026.")
            )
            if bad
            else ""
        )
        self.problem.setVisible(bad)
        return not bad

    def _typed(self) -> None:
        self._check()
        self.changed.emit()

    def _set(self, iso: str) -> None:
        self.edit.setText(date_text(iso, month_year=self.month_year))
        self._check()
        self.changed.emit()

    def _set_today(self) -> None:
        self._set(QDate.currentDate().toString("yyyy-MM-dd"))

    def set_reference(self, iso: str | None) -> None:
        """The date the calendar opens on when nothing is typed (the visit's)."""
        self.reference = iso

    def open_calendar(self) -> None:
        if self.edit.isReadOnly():
            return
        calendar = QCalendarWidget(self, Qt.WindowType.Popup)
        calendar.setObjectName("calendarPopup")
        calendar.setMinimumDate(QDate(FIRST_YEAR, 1, 1))
        calendar.setGridVisible(True)
        start = self.value() or self.reference
        day = QDate.fromString(start[:10], "yyyy-MM-dd") if start else QDate.currentDate()
        calendar.setSelectedDate(day if day.isValid() else QDate.currentDate())
        calendar.activated.connect(lambda d: self._calendar_picked(calendar, d))
        calendar.clicked.connect(lambda d: self._calendar_picked(calendar, d))
        calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar = calendar
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _calendar_picked(self, calendar: QCalendarWidget, day: QDate) -> None:
        calendar.close()
        calendar.deleteLater()
        self.calendar = None
        if self.month_year:
            day = QDate(day.year(), day.month(), 1)
        self._set(day.toString("yyyy-MM-dd"))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if event.key() == Qt.Key.Key_F4 or alt_down:
                self.open_calendar()
                return True
        return False

    def value(self) -> Any:
        return parse_date_text(self.edit.text(), month_year=self.month_year)

    def set_value(self, value: Any) -> None:
        wanted = value if isinstance(value, str) and value else None
        if wanted != self.value() and not (wanted is None and not self._check()):
            self.edit.setText(date_text(wanted, month_year=self.month_year))
            self._check()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.today.setEnabled(not read_only)
        self.calendar_button.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.edit

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class GeopointEditor(Editor):
    """Latitude, longitude and accuracy typed from a GPS (laptops have none), checked as typed.

    "Use the establishment's position" copies the registry's coordinates.
    """

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.lat = QLineEdit()
        self.lat.setObjectName("latitude")
        self.lon = QLineEdit()
        self.lon.setObjectName("longitude")
        self.accuracy = QLineEdit()
        self.accuracy.setObjectName("accuracy")
        for edit in (self.lat, self.lon, self.accuracy):
            edit.setValidator(QRegularExpressionValidator(_SIGNED_DECIMAL_RE, edit))
            edit.setMaximumWidth(140)
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            edit.textEdited.connect(self._edited)
        self.lat_caption, self.lon_caption, self.acc_caption = QLabel(), QLabel(), QLabel()
        self.lat_caption.setBuddy(self.lat)
        self.lon_caption.setBuddy(self.lon)
        self.acc_caption.setBuddy(self.accuracy)
        self.problem = QLabel()
        self.problem.setObjectName("geopointProblem")
        tint(self.problem, ERROR_COLOUR, bold=True)
        self.problem.hide()
        self.use_registry = QPushButton()
        self.use_registry.setObjectName("useEstablishmentPosition")
        self.use_registry.clicked.connect(self._use_registry)
        self.use_registry.hide()
        self.registry_position: tuple[float, float] | None = None
        row = QHBoxLayout()
        for caption, edit in (
            (self.lat_caption, self.lat),
            (self.lon_caption, self.lon),
            (self.acc_caption, self.accuracy),
        ):
            row.addWidget(caption)
            row.addWidget(edit)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.use_registry, 0, Qt.AlignmentFlag.AlignLeading)
        self.setFocusProxy(self.lat)
        self.retranslate()

    def retranslate(self) -> None:
        self.lat_caption.setText(self.tr("Latitude"))
        self.lon_caption.setText(self.tr("Longitude"))
        self.acc_caption.setText(self.tr("Accuracy (m)"))
        self.lat.setPlaceholderText("32.23600")
        self.lon.setPlaceholderText("-7.95400")
        self.use_registry.setText(self.tr("Use the establishment's registered position"))
        self._check()

    def set_registry_position(self, lat: float | None, lon: float | None) -> None:
        self.registry_position = None if lat is None or lon is None else (lat, lon)
        self.use_registry.setVisible(self.registry_position is not None and self.isEnabled())

    def _use_registry(self) -> None:
        if self.registry_position is None:
            return
        self.lat.setText(f"{self.registry_position[0]:.5f}")
        self.lon.setText(f"{self.registry_position[1]:.5f}")
        self._edited()

    def _check(self) -> str:
        lat = parse_number(self.lat.text(), integer=False)
        lon = parse_number(self.lon.text(), integer=False)
        acc = parse_number(self.accuracy.text(), integer=False)
        problem = ""
        if self.lat.text().strip() and (lat is None or not -90 <= lat <= 90):
            problem = self.tr("The latitude must be between -90 and 90.")
        elif self.lon.text().strip() and (lon is None or not -180 <= lon <= 180):
            problem = self.tr("The longitude must be between -180 and 180.")
        elif (lat is None) != (lon is None):
            problem = self.tr("Give both the latitude and the longitude.")
        elif self.accuracy.text().strip() and (acc is None or acc < 0):
            problem = self.tr("The accuracy is a number of metres, 0 or more.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        return problem

    def _edited(self) -> None:
        self._check()
        self.changed.emit()

    def value(self) -> Any:
        lat = parse_number(self.lat.text(), integer=False)
        lon = parse_number(self.lon.text(), integer=False)
        acc = parse_number(self.accuracy.text(), integer=False)
        if lat is None and lon is None:
            return None
        if self._check():
            # Keep what was typed so nothing is lost; validation names the problem.
            return f"{self.lat.text().strip()} {self.lon.text().strip()}".strip()
        return {"lat": lat, "lon": lon, "accuracy": acc}

    def set_value(self, value: Any) -> None:
        if isinstance(value, dict):
            texts = [value.get("lat"), value.get("lon"), value.get("accuracy")]
        elif isinstance(value, str):
            parts = value.split()
            texts = [*parts[:2], None] if len(parts) >= 2 else [value, None, None]
        else:
            texts = [None, None, None]
        for edit, part in zip((self.lat, self.lon, self.accuracy), texts, strict=True):
            text = "" if part is None else str(part)
            if parse_number(edit.text(), integer=False) != parse_number(text, integer=False):
                edit.setText(text)
        self._check()

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.lat, self.lon, self.accuracy):
            edit.setReadOnly(read_only)
        self.use_registry.setVisible(self.registry_position is not None and not read_only)

    def focus_target(self) -> QWidget:
        return self.lat

    def inputs(self) -> list[QWidget]:
        return [self.lat, self.lon, self.accuracy]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


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


class NoEditor(Editor):
    """Notes and calculations: a value to read, nothing to type."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.label = QLabel()
        self.label.setObjectName("calculatedValue")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self._value: Any = None
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def inputs(self) -> list[QWidget]:
        return []

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value
        if isinstance(value, float):
            text = f"{value:,.2f}".replace(",", "\u202f")
        elif isinstance(value, int) and not isinstance(value, bool):
            text = f"{value:,}".replace(",", "\u202f")
        else:
            text = "" if value in (None, "") else str(value)
        self.label.setText(text)
        self.label.setVisible(bool(text))
