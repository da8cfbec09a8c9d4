"""One input widget per question type.

Every editor shows and returns the *stored* form of an answer (int for an integer, list of
choice names for a select_multiple or a rank, {'lat','lon','accuracy'} for a geopoint,
{'sha256','filename'} for an image; None when unanswered) and emits `changed` only when the
agent changes it, never when the form sets it.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QDate, QEvent, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
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
from ui.widgets import ERROR_COLOUR, HINT_COLOUR, tint

# Arabic-Indic and Persian digits count as digits: an agent typing in Arabic uses them.
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_INTEGER_RE = QRegularExpression(f"[-\u2212]?[{_DIGITS}]{{0,15}}")
_DECIMAL_RE = QRegularExpression(f"[-\u2212]?[{_DIGITS}]{{0,15}}([.,\u066b][{_DIGITS}]{{0,8}})?")
_SIGNED_DECIMAL_RE = _DECIMAL_RE
EMPTY_DATE = QDate(1899, 12, 31)  # below the engine's first year: shown as "no date"
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
    """Base of every editor: value in and out, `changed` when the agent edits."""

    changed = Signal()

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
    """Radio buttons (arrow keys move between them), or a drop-down for long lists."""

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
        self.clear = QToolButton()
        self.clear.setObjectName("clearAnswer")
        self.clear.setAutoRaise(True)
        self.clear.clicked.connect(self._clear)
        self._build()

    def _build(self) -> None:
        for button in self.buttons:
            self.group.removeButton(button)
            button.deleteLater()
        self.buttons = []
        if self.combo is not None:
            self.combo.deleteLater()
            self.combo = None
        while self.layout_.count():
            self.layout_.takeAt(0)
        if self.use_combo:
            self.combo = QComboBox()
            self.combo.addItem("", None)
            for choice in self.choices:
                self.combo.addItem(choice_text(choice, self.lang, self.fallback), choice.name)
            self.combo.setCurrentIndex(max(self.combo.findData(self._value), 0))
            self.combo.activated.connect(self._combo_picked)
            self.layout_.addWidget(self.combo)
            self.setFocusProxy(self.combo)
        else:
            for choice in self.choices:
                button = QRadioButton(choice_text(choice, self.lang, self.fallback))
                button.setProperty("choice", choice.name)
                button.setChecked(choice.name == self._value)
                button.setAutoExclusive(False)
                self.group.addButton(button)
                button.toggled.connect(lambda on, b=button: self._toggled(b, on))
                # As wide as its text: a click in the empty space beside it does nothing.
                self.layout_.addWidget(button, 0, Qt.AlignmentFlag.AlignLeading)
                self.buttons.append(button)
            if self.buttons:
                self.setFocusProxy(self._focus_button())
        self.layout_.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignLeading)
        self._retranslate_clear()

    def _focus_button(self) -> QRadioButton:
        for button in self.buttons:
            if button.isChecked():
                return button
        return self.buttons[0]

    def _retranslate_clear(self) -> None:
        self.clear.setText(self.tr("Clear answer"))
        self.clear.setVisible(self._value is not None and self.isEnabled())

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
        self._retranslate_clear()

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] == [c.name for c in self.choices]:
            return
        self.choices = list(choices)
        self._build()

    def set_language(self, lang: str, fallback: str) -> None:
        super().set_language(lang, fallback)
        by_name = {c.name: c for c in self.choices}
        for button in self.buttons:
            button.setText(choice_text(by_name[button.property("choice")], lang, fallback))
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
        return self._focus_button() if self.buttons else self

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_clear()
        super().changeEvent(event)


class SelectMultipleEditor(Editor):
    """Check boxes, in two columns when the list is long."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.choices: list[Choice] = list(question.choices)
        self._value: list[str] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(2)
        self.boxes: list[QCheckBox] = []
        self._build()

    def _build(self) -> None:
        for box in self.boxes:
            box.deleteLater()
        self.boxes = []
        columns = 2 if len(self.choices) > 6 else 1
        rows = math.ceil(len(self.choices) / columns) if self.choices else 0
        for i, choice in enumerate(self.choices):
            box = QCheckBox(choice_text(choice, self.lang, self.fallback))
            box.setProperty("choice", choice.name)
            box.setChecked(choice.name in self._value)
            box.toggled.connect(self._toggled)
            # Column-major, so that Tab walks down the first column first.
            self.grid.addWidget(box, i % rows, i // rows)
            self.boxes.append(box)
        if self.boxes:
            self.setFocusProxy(self.boxes[0])

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
        for box in self.boxes:
            box.setText(choice_text(by_name[box.property("choice")], lang, fallback))

    def focus_target(self) -> QWidget:
        return self.boxes[0] if self.boxes else self


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
    """A date with a calendar; the lowest date stands for "no date yet"."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(EMPTY_DATE)
        self.edit.setMaximumDate(QDate(2100, 12, 31))
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(EMPTY_DATE)
        self.edit.setMaximumWidth(220)
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.dateChanged.connect(self._changed)
        self.today = QToolButton()
        self.today.setObjectName("today")
        self.today.clicked.connect(self._set_today)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.today)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self._setting = False
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setSpecialValueText(self.tr("No date"))
        self.today.setText(self.tr("Today"))

    def _changed(self) -> None:
        if not self._setting:
            self.changed.emit()

    def _set_today(self) -> None:
        self.edit.setDate(QDate.currentDate())

    def value(self) -> Any:
        day = self.edit.date()
        return None if day == EMPTY_DATE else day.toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        day = QDate.fromString(value, "yyyy-MM-dd") if isinstance(value, str) else EMPTY_DATE
        if not day.isValid():
            day = EMPTY_DATE
        if day != self.edit.date():
            self._setting = True
            self.edit.setDate(day)
            self._setting = False

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.today.setEnabled(not read_only)

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
        self.busy.setVisible(busy)
        self.pick.setEnabled(not busy)

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
