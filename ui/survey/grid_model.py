"""The model of a repeat shown as a grid (`ui.survey.grid`): which repeats and columns, how an
answer reads in its cell, and the Qt table model over the form's instances.

The model writes nothing: `setData` hands what was typed to the grid, which tells the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from fieldapp.forms import Choice, Group, Question
from ui.survey.dates import date_text
from ui.survey.editors import choice_text
from ui.survey.registry import HIDDEN_TYPES
from ui.survey.views import text_in

if TYPE_CHECKING:
    from ui.survey.grid import RepeatGrid

GRID_APPEARANCES = frozenset({"grid", "table-list"})
# What fits in a cell: typed in one line, or one choice.
CELL_TYPES = frozenset({"integer", "decimal", "date", "text", "select_one"})
_ERROR_BACKGROUND = QColor("#fde0e0")
_OFF_BACKGROUND = QColor("#dedede")  # a cell not asked (greyed), or read-only
_NEW_ROW = "+"


def tr(text: str) -> str:
    return QCoreApplication.translate("RepeatGrid", text)


def grid_columns(group: Group) -> list[Question] | None:
    """The columns of a repeat shown as a grid, or None when it keeps its cards: neither
    `grid` nor `table-list`, or a question that does not fit in a cell (a photo, a
    multi-line text, a nested group or repeat, a note)."""
    if group.type != "repeat" or not GRID_APPEARANCES & set(group.appearance.split()):
        return None
    columns: list[Question] = []
    for item in group.children:
        if not isinstance(item, Question):
            return None
        if item.type in HIDDEN_TYPES or (item.type == "calculate" and not item.label):
            continue
        if item.type == "calculate" or (
            item.type in CELL_TYPES and "multiline" not in item.appearance
        ):
            columns.append(item)
            continue
        return None
    return columns or None


def month_year(question: Question) -> bool:
    """A date asked as a month and a year (`month-year`)."""
    return question.type == "date" and "month-year" in question.appearance


def cell_text(
    question: Question, value: Any, choices: list[Choice], lang: str, fallback: str
) -> str:
    """An answer as its cell shows it (the cards' formats: 20/11/2026, 11/2026, 1500.5)."""
    if value is None or value == "":
        return ""
    if question.type == "date":
        return date_text(value, month_year=month_year(question))
    if question.type == "select_one":
        for choice in choices:
            if choice.name == value:
                return choice_text(choice, lang, fallback)
        return str(value)
    if isinstance(value, float) and value.is_integer() and question.type != "decimal":
        return str(int(value))
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


@dataclass
class Cell:
    """What the last evaluation says of one cell."""

    relevant: bool = True
    required: bool = False
    read_only: bool = False
    message: str = ""  # a constraint's message, substituted
    value: Any = None  # a calculation's value


class RepeatTableModel(QAbstractTableModel):
    """The grid's rows (the repeat's instances, plus the new row) and columns (questions).

    It reads the instances the form holds and writes nothing itself: `setData` hands the
    parsed value to the grid, which tells the form."""

    def __init__(self, grid: RepeatGrid) -> None:
        super().__init__(grid)
        self.grid = grid

    @property
    def columns(self) -> list[Question]:
        return self.grid.columns

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self.grid.rows + int(self.grid.new_row_shown())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def is_new_row(self, row: int) -> bool:
        return row >= self.grid.rows

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.grid.can_edit(index.row(), index.column()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        question = self.columns[column]
        grid = self.grid
        cell = grid.cell(row, column)
        typed = grid.typed.get((row, column))
        if role == Qt.ItemDataRole.DisplayRole:
            if self.is_new_row(row) or not cell.relevant:
                return ""
            if typed is not None:
                return typed
            return cell_text(
                question, grid.value(row, column), grid.choices(row, column), *grid.lang
            )
        if role == Qt.ItemDataRole.EditRole:
            if typed is not None:
                return typed
            value = grid.value(row, column)
            if question.type == "select_one":
                return value
            return cell_text(question, value, [], *grid.lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            return grid.problem(row, column) or text_in(question.label, *grid.lang)
        if role == Qt.ItemDataRole.BackgroundRole:
            if grid.problem(row, column):
                return QBrush(_ERROR_BACKGROUND)
            if not self.is_new_row(row) and (not cell.relevant or not grid.can_edit(row, column)):
                return QBrush(_OFF_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if question.type in ("integer", "decimal", "calculate"):
                return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return grid.cell_name(row, column)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        grid = self.grid
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.columns):
                return None
            question = self.columns[section]
            label = text_in(question.label, *grid.lang, question.name)
            if role == Qt.ItemDataRole.DisplayRole:
                return label + (" *" if grid.column_required(section) else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return label
            if role == Qt.ItemDataRole.ForegroundRole and grid.column_required(section):
                return QBrush(QColor("#8e1b1b"))
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _NEW_ROW if self.is_new_row(section) else str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and self.is_new_row(section):
            return tr("New row: type in it to add one")
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = 2
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.grid.enter(index.row(), index.column(), value)

    def refresh(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.columnCount() - 1, 0))
