"""The date editor: typed as dd/mm/yyyy (or mm/yyyy), with a calendar on F4."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Question
from ui.survey.dates import FIRST_YEAR, date_text, parse_date_text
from ui.survey.editors import (
    Editor,
)
from ui.widgets import ERROR_COLOUR, tint


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
