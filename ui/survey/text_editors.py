"""Editors for what is typed as it is read: text, numbers, and the read-only value of notes
and calculations.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from fieldapp.forms import Question
from ui.survey.editors import (
    DECIMAL_RE,
    INTEGER_RE,
    Editor,
    parse_number,
)


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
            QRegularExpressionValidator(INTEGER_RE if self.integer else DECIMAL_RE, self.edit)
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
