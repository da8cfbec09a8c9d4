"""Editors for the XLSForm types real forms use beyond the baseline's (issue 16).

time, datetime (typed), barcode (typed, or by a USB reader, which types), range (a slider on
the question's parameters start/end/step), geotrace/geoshape (points typed one per line, or
clicked on the offline map),
acknowledge (a check box). Each shows and returns the stored form of its answer, like the
editors of `editors.py`, and emits `changed` only when the agent changes it.
"""

from __future__ import annotations

import re
from typing import Any, Final

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Question, geometry
from fieldapp.forms.answers import AnswerError, normalize
from fieldapp.forms.expressions import format_number
from ui.languages import isolated
from ui.survey.editors import Editor
from ui.survey.trace_map import TraceMap
from ui.widgets import ERROR_COLOUR, tint

_TIME_RE: Final = re.compile(r"\s*(\d{1,2})[:hH.](\d{2})(?::(\d{2}))?\s*\Z")


def parse_time(text: str) -> str | None:
    """'8:05', '08h05', '8.05' -> '08:05'; None when it is no time of day."""
    m = _TIME_RE.match(text)
    if m is None:
        return None
    hours, minutes = int(m[1]), int(m[2])
    seconds = int(m[3]) if m[3] else None
    if hours > 23 or minutes > 59 or (seconds is not None and seconds > 59):
        return None
    return f"{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds is not None else "")


class _Translated(Editor):
    """Re-reads its texts when the interface language changes."""

    def retranslate(self) -> None:
        pass

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _LineEditor(_Translated):
    """A typed answer with a placeholder and a message when the text is not an answer."""

    placeholder = ""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = QLineEdit()
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.textEdited.connect(self._typed)
        self.problem = QLabel()
        tint(self.problem, ERROR_COLOUR, bold=True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.placeholder_text())

    def placeholder_text(self) -> str:
        return ""

    def problem_text(self) -> str:
        return ""

    def parse(self, text: str) -> Any:
        return text

    def show_value(self, value: Any) -> str:
        return str(value)

    def _typed(self) -> None:
        text = self.edit.text()
        bad = bool(text.strip()) and self.parse(text) is None
        self.problem.setText(self.problem_text() if bad else "")
        self.problem.setVisible(bad)
        self.changed.emit()

    def value(self) -> Any:
        text = self.edit.text()
        return self.parse(text) if text.strip() else None

    def set_value(self, value: Any) -> None:
        text = "" if value in (None, "") else self.show_value(value)
        if self.edit.text() != text:
            self.edit.setText(text)
        self.problem.hide()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class TimeEditor(_LineEditor):
    def placeholder_text(self) -> str:
        return self.tr("HH:MM")

    def problem_text(self) -> str:
        return self.tr("Type a time of day, e.g. 14:30.")

    def parse(self, text: str) -> Any:
        return parse_time(text)


class DateTimeEditor(_LineEditor):
    def placeholder_text(self) -> str:
        return self.tr("YYYY-MM-DD HH:MM")

    def problem_text(self) -> str:
        return self.tr("Type a date and a time, e.g. 2025-03-01 14:30.")

    def parse(self, text: str) -> Any:
        day, _, clock = text.strip().replace("T", " ").partition(" ")
        time_text = parse_time(clock) if clock.strip() else "00:00"
        if time_text is None:
            return None
        try:
            return normalize("datetime", f"{day}T{time_text}")
        except AnswerError:
            return None

    def show_value(self, value: Any) -> str:
        return str(value).replace("T", " ")


class BarcodeEditor(_LineEditor):
    """Typed, or scanned by a USB reader (which types the code and Enter)."""

    def placeholder_text(self) -> str:
        return self.tr("Type or scan the code")

    def parse(self, text: str) -> Any:
        return text.strip()


def length_text(metres: float) -> str:
    return f"{metres / 1000:.2f} km" if metres >= 1000 else f"{metres:.0f} m"


def area_text(square_metres: float) -> str:
    if square_metres >= 10_000:
        return f"{square_metres / 10_000:.2f} ha"
    return f"{square_metres:.0f} m²"


class GeotraceEditor(_Translated):
    """A line or an area as its points, one 'latitude longitude' per line, drawn on the
    offline map where a click adds a point; its length (a shape: area and perimeter)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.setFixedHeight(self.edit.fontMetrics().height() * 5)
        self.edit.textChanged.connect(self._typed)
        self.problem = QLabel()
        tint(self.problem, ERROR_COLOUR, bold=True)
        self.problem.hide()
        self.shape = question.type == "geoshape"
        # Drawn on the offline map as well: a click adds a point, typed lines stay.
        self.map = TraceMap()
        self.map.setFixedHeight(240)
        self.map.point_added.connect(self._clicked)
        self.measure = QLabel()
        self.measure.setObjectName("traceMeasure")
        self.close_shape = QPushButton()
        self.close_shape.setObjectName("closeShape")
        self.close_shape.clicked.connect(self._close)
        self.close_shape.setVisible(False)
        below = QHBoxLayout()
        below.addWidget(self.measure)
        below.addStretch(1)
        below.addWidget(self.close_shape)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.map)
        layout.addLayout(below)
        self.setFocusProxy(self.edit)
        self._setting = False
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            self.tr("One point per line: latitude longitude (or click on the map)")
        )
        self.problem.setText(self.tr("Each line must be 'latitude longitude' on the globe."))
        self.close_shape.setText(self.tr("Close the shape"))
        self._show_trace(fit=False)

    def _corners(self) -> list[tuple[float, float]]:
        return [(p["lat"], p["lon"]) for p in self._points() or []]

    def _show_trace(self, *, fit: bool) -> None:
        corners = self._corners()
        self.map.set_trace(corners, shape=self.shape, fit=fit)
        if self.shape:
            self.close_shape.setVisible(
                len(corners) >= 3 and not geometry.closed(corners) and not self.edit.isReadOnly()
            )
        if len(corners) < 2:
            self.measure.setText("")
        elif self.shape and len(corners) >= 3:
            self.measure.setText(
                self.tr("Area: %1 · perimeter: %2")
                .replace("%1", isolated(area_text(geometry.area_m2(corners))))
                .replace("%2", isolated(length_text(geometry.length_m([*corners, corners[0]]))))
            )
        else:
            self.measure.setText(
                self.tr("Length: %1").replace(
                    "%1", isolated(length_text(geometry.length_m(corners)))
                )
            )

    def _append(self, lat: float, lon: float) -> None:
        text = self.edit.toPlainText().rstrip("\n")
        line = f"{format_number(round(lat, 6))} {format_number(round(lon, 6))}"
        self.edit.setPlainText(f"{text}\n{line}" if text else line)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)

    def _clicked(self, lat: float, lon: float) -> None:
        if self.edit.isReadOnly():
            return
        self._append(lat, lon)

    def _close(self) -> None:
        corners = self._corners()
        if len(corners) >= 3 and not geometry.closed(corners):
            self._append(*corners[0])

    def _points(self) -> list[dict[str, Any]] | None:
        lines = [line for line in self.edit.toPlainText().splitlines() if line.strip()]
        if not lines:
            return None
        try:
            value = normalize(self.question.type, ";".join(lines))
        except AnswerError:
            return None
        return list(value)

    def _typed(self) -> None:
        if self._setting:
            return
        bad = bool(self.edit.toPlainText().strip()) and self._points() is None
        self.problem.setVisible(bad)
        self._show_trace(fit=False)
        self.changed.emit()

    def value(self) -> Any:
        return self._points()

    def set_value(self, value: Any) -> None:
        points: list[Any] = []
        if value not in (None, "", []):
            try:
                points = list(normalize(self.question.type, value))
            except AnswerError:
                points = []
        text = "\n".join(f"{format_number(p['lat'])} {format_number(p['lon'])}" for p in points)
        if self.edit.toPlainText() != text:
            self._setting = True
            self.edit.setPlainText(text)
            self._setting = False
        self.problem.hide()
        self._show_trace(fit=True)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.map.setEnabled(not read_only)
        self._show_trace(fit=False)

    def focus_target(self) -> QWidget:
        return self.edit


class RangeEditor(_Translated):
    """A slider over the question's parameters (start, end, step), empty until moved."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.start, self.end, self.step = question.range_parameters
        self.steps = max(round(abs(self.end - self.start) / self.step), 1)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.steps)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._moved)
        self.shown = QLabel()
        self.shown.setMinimumWidth(60)
        self.clear = QPushButton()
        self.clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear.clicked.connect(self._clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.shown)
        layout.addWidget(self.clear)
        self.setFocusProxy(self.slider)
        self._value: float | None = None
        self._setting = False
        self.retranslate()

    def retranslate(self) -> None:
        self.clear.setText(self.tr("Clear"))
        self._show()

    def _number(self, position: int) -> float:
        direction = 1.0 if self.end >= self.start else -1.0
        return self.start + direction * self.step * position

    def _show(self) -> None:
        if self._value is None:
            self.shown.setText(self.tr("not set"))
        else:
            v = self._value
            self.shown.setText(format_number(v))

    def _moved(self, position: int) -> None:
        if self._setting:
            return
        self._value = self._number(position)
        self._show()
        self.changed.emit()

    def _clear(self) -> None:
        self._value = None
        self._show()
        self.changed.emit()

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        self._value = float(number) if number is not None else None
        self._setting = True
        if self._value is not None:
            self.slider.setValue(round(abs(self._value - self.start) / self.step))
        else:
            self.slider.setValue(0)
        self._setting = False
        self._show()

    def set_read_only(self, read_only: bool) -> None:
        self.slider.setEnabled(not read_only)
        self.clear.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.slider


class AcknowledgeEditor(_Translated):
    """An 'OK' to tick: the answer is 'OK', or nothing."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.box = QCheckBox()
        self.box.toggled.connect(self._toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addStretch(1)
        self.setFocusProxy(self.box)
        self._setting = False
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setText(self.tr("OK"))

    def _toggled(self) -> None:
        if not self._setting:
            self.changed.emit()

    def value(self) -> Any:
        return "OK" if self.box.isChecked() else None

    def set_value(self, value: Any) -> None:
        self._setting = True
        self.box.setChecked(value not in (None, ""))
        self._setting = False

    def set_read_only(self, read_only: bool) -> None:
        self.box.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.box
