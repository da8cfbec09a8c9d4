"""A repeat shown as an editable grid: one row per instance, one column per question, entered
like a spreadsheet (or a CSPro roster) with the keyboard alone.

Which repeats: those whose appearance has `grid` (or XLSForm's `table-list`) and whose
questions are all short (numbers, dates, month-years, one-line text, single choices;
labelled calculations show as read-only columns). Any other repeat keeps its cards
(`views.RepeatView`).

Keys, when a cell is current (not editing):
- arrows move (mirrored right to left in Arabic, as the columns are); Tab / Shift+Tab go to
  the next / previous cell that can be answered, and off the grid at either end;
- Enter goes to the next cell of the row, from its last cell to the next row's first cell
  still to answer (a prefilled month is skipped); from the last row it leaves the grid for
  the next question;
- typing starts editing the cell (F2 too); in a choice column a digit picks the n-th choice
  (as in the cards) and letters search the labels (type-ahead ignoring case, accents, the
  Arabic article); Delete / Backspace clear the cell;
- Ctrl+Insert goes to the new row, Ctrl+Delete removes the current row (after a question).
When editing: Enter / Tab commit and move as above, Esc cancels.

A repeat without a fixed count has an empty last row marked "+": typing in it adds the
instance; Enter or Tab on it while it is empty leaves the grid.

The grid never owns answers: edits go to the survey form (`cell_edited`), which saves them,
evaluates the form and gives the grid the result (`apply`): relevance (a cell that is not
relevant is greyed and skipped), required marks, constraint messages and calculated values.
Text that is not a date or a number stays in its cell, in red, and gives no answer.

The parts: `grid_model` (which repeats, the columns, the cells' text, the Qt model),
`grid_table` (the table, its cell editors and keys), this module (the widget the form sees,
with what is shown under the table: totals, the current cell's problem and help).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from fieldapp.forms import Choice, Group, Question
from fieldapp.forms.evaluation import Evaluation
from fieldapp.forms.references import format_number
from ui.languages import isolated
from ui.survey.dates import parse_date_text
from ui.survey.editors import RADIO_LIMIT, choice_text, numbered, parse_number
from ui.survey.grid_model import (
    GRID_APPEARANCES,
    Cell,
    RepeatTableModel,
    cell_text,
    grid_columns,
    month_year,
    tr,
)
from ui.survey.grid_table import GridTable
from ui.survey.views import Index, RepeatView, text_in
from ui.widgets import ERROR_COLOUR, HINT_COLOUR, tint

__all__ = ["GRID_APPEARANCES", "RepeatGrid", "cell_text", "grid_columns"]


class RepeatGrid(RepeatView):
    """A repeat as a grid (a RepeatView to the form: same title, hint, message, add button,
    relevance and count)."""

    cell_edited = Signal(object, int, object, object)  # grid, row, question, value
    remove_row_requested = Signal(object, int)  # grid, row
    left = Signal(str)  # the cursor went off the grid: 'enter', 'tab' or 'backtab'
    cursor_moved = Signal(object)  # grid: another cell is current (an audit visit)

    def __init__(self, group: Group, parent_index: Index, columns: list[Question]) -> None:
        super().__init__(group, parent_index, _no_cards)
        self.setObjectName(self.objectName() + "_grid")
        self.columns = columns
        self.rows = 0
        self.read_only = False
        self.lang: tuple[str, str] = ("fr", "fr")
        self.instances_data: list[dict[str, Any]] = []
        self.cells: dict[tuple[int, int], Cell] = {}
        self.typed: dict[tuple[int, int], str] = {}  # text that is not an answer (yet)
        self.issues: dict[tuple[int, int], str] = {}  # finalize problems (a missing answer)
        self.evaluation: Evaluation | None = None
        self.refused: tuple[int, int] | None = None  # a number cell given a letter
        self._new_row_shown = True  # fixed_count is None at first
        self.empty.hide()
        self.add.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # from the keyboard: Ctrl+Insert
        self.add.clicked.disconnect()
        self.add.clicked.connect(self.go_to_new_row)
        self.current_help = QLabel()
        self.current_help.setObjectName("gridCellHelp")
        self.current_help.setWordWrap(True)
        tint(self.current_help, HINT_COLOUR)
        self.current_problem = QLabel()
        self.current_problem.setObjectName("gridCellProblem")
        self.current_problem.setWordWrap(True)
        tint(self.current_problem, ERROR_COLOUR, bold=True)
        self.current_problem.hide()
        self.totals = QLabel()
        self.totals.setObjectName("gridTotals")
        self.totals.setWordWrap(True)
        self.keys_help = QLabel()
        self.keys_help.setObjectName("gridKeys")
        self.keys_help.setWordWrap(True)
        tint(self.keys_help, HINT_COLOUR)
        self.model = RepeatTableModel(self)
        self.table = GridTable(self)
        self.table.setModel(self.model)
        self.instances_box.addWidget(self.table)
        self.instances_box.addWidget(self.totals)
        self.instances_box.addWidget(self.current_problem)
        self.instances_box.addWidget(self.current_help)
        self.instances_box.addWidget(self.keys_help)
        self._fit_height()

    # -- what the form asks ------------------------------------------------------------------

    def stops(self) -> list[QWidget]:
        return [self.table]

    def shown_count(self) -> int:
        return self.rows

    def has_new_row(self) -> bool:
        return not self.read_only and self.fixed_count is None

    def new_row_shown(self) -> bool:
        return self._new_row_shown

    def _sync_new_row(self) -> None:
        """The new row comes and goes with a fixed count and read-only: the model starts
        again when it does."""
        if self.has_new_row() != self._new_row_shown:
            self.model.beginResetModel()
            self._new_row_shown = self.has_new_row()
            self.model.endResetModel()
            self._fit_height()

    def show_count(self, count: int) -> None:
        self._sync_new_row()
        if count == self.rows:
            return
        extra = int(self._new_row_shown)
        if count > self.rows:
            # Added at the end, after the new row: the cursor stays on the row typed in.
            self.model.beginInsertRows(QModelIndex(), self.rows + extra, count + extra - 1)
            self.rows = count
            self.model.endInsertRows()
        else:
            self.model.beginResetModel()
            self.rows = count
            self.typed.clear()
            self.model.endResetModel()
        self._fit_height()
        self.rebuilt.emit()

    def set_language(self, lang: str, fallback: str) -> None:
        super().set_language(lang, fallback)
        self.lang = (lang, fallback)
        name = text_in(self.group.label, lang, fallback, self.group.name)
        self.table.setAccessibleName(name)
        self.add.setText(tr("+ Add a row (Ctrl+Insert)"))
        self.add.setToolTip(tr("Or type in the last row, marked +"))
        self.keys_help.setText(
            tr(
                "Enter: next cell · Tab: next cell, off the grid at its end · F2: edit · "
                "Esc: cancel · Delete: clear the cell · Ctrl+Insert: new row · "
                "Ctrl+Delete: remove the row"
            )
            if not self.read_only
            else ""
        )
        self.model.refresh()
        self._show_totals()
        self.show_current()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._sync_new_row()
        self.add.setVisible(self.has_new_row())

    def apply(
        self,
        evaluation: Evaluation,
        instances: list[Any],
        constraint_text: Callable[[Question, Index], str],
        *,
        read_only: bool,
    ) -> None:
        """Show what the form's evaluation says of every cell."""
        self.set_read_only(read_only)
        self._sync_new_row()
        self.evaluation = evaluation
        self.instances_data = [i if isinstance(i, dict) else {} for i in instances]
        cells: dict[tuple[int, int], Cell] = {}
        for row in range(self.rows):
            index = (*self.parent_index, row)
            for column, question in enumerate(self.columns):
                relevant = evaluation.is_relevant(question.name, index)
                cells[(row, column)] = Cell(
                    relevant=relevant,
                    required=relevant and evaluation.is_required(question.name, index),
                    read_only=read_only
                    or bool(question.calculation)
                    or evaluation.is_readonly(question.name, index),
                    message=constraint_text(question, index) if relevant else "",
                    value=evaluation.value(question.name, index) if question.calculation else None,
                )
        self.cells = cells
        self.model.refresh()
        self._show_totals()
        self.show_current()

    def set_issues(self, issues: dict[tuple[str, Index], str]) -> None:
        """The finalize problems of the grid's cells ((question, index) -> message)."""
        found: dict[tuple[int, int], str] = {}
        for column, question in enumerate(self.columns):
            for row in range(self.rows):
                text = issues.get((question.name, (*self.parent_index, row)))
                if text:
                    found[(row, column)] = text
        if found != self.issues:
            self.issues = found
            self.model.refresh()
            self.show_current()

    def focus_cell(self, question: str, position: int) -> bool:
        """Put the cursor on a cell (a line of the validation panel was chosen)."""
        for column, q in enumerate(self.columns):
            if q.name == question and 0 <= position < self.rows:
                self.table.setFocus(Qt.FocusReason.MouseFocusReason)
                self.table.go(position, column)
                return True
        return False

    # -- cells -------------------------------------------------------------------------------

    def is_new_row(self, row: int) -> bool:
        return row >= self.rows

    def has_typed(self, row: int, question: str) -> bool:
        """Text typed in this cell is there that is not an answer."""
        return any(
            (row, column) in self.typed
            for column, q in enumerate(self.columns)
            if q.name == question
        )

    def cell(self, row: int, column: int) -> Cell:
        if self.is_new_row(row):
            question = self.columns[column]
            # In the new row what a new instance would be: nothing hangs on other answers yet.
            return Cell(relevant=not question.relevant, read_only=bool(question.calculation))
        return self.cells.get((row, column), Cell())

    def can_edit(self, row: int, column: int) -> bool:
        if self.read_only:
            return False
        cell = self.cell(row, column)
        return cell.relevant and not cell.read_only

    def value(self, row: int, column: int) -> Any:
        question = self.columns[column]
        if self.is_new_row(row):
            return None
        if question.calculation:
            return self.cell(row, column).value
        if row >= len(self.instances_data):
            return None
        found = self.instances_data[row].get(question.name)
        return None if found in (None, "", []) else found

    def choices(self, row: int, column: int) -> list[Choice]:
        question = self.columns[column]
        if question.choice_filter and self.evaluation is not None and not self.is_new_row(row):
            return self.evaluation.choices(question.name, (*self.parent_index, row))
        return list(question.choices)

    def column_required(self, column: int) -> bool:
        question = self.columns[column]
        if question.required is True:
            return True
        return any(self.cell(row, column).required for row in range(self.rows))

    def problem(self, row: int, column: int) -> str:
        """What is wrong with a cell: text that is not an answer, a constraint, a finalize
        problem (in this order)."""
        if (row, column) in self.typed:
            question = self.columns[column]
            if question.type == "date":
                return QCoreApplication.translate(
                    "DateEditor",
                    "Not a month: type it as mm/yyyy, e.g. 03/2026."
                    if month_year(question)
                    else "Not a date: type it as dd/mm/yyyy, e.g. 20/11/2026.",
                )
            return tr("Not a number: type digits, with a comma or a point for decimals.")
        if self.is_new_row(row):
            return ""
        cell = self.cell(row, column)
        if not cell.relevant:
            return ""
        return cell.message or self.issues.get((row, column), "")

    def cell_name(self, row: int, column: int) -> str:
        """'Factures d'électricité … 3 · Montant de la facture (MAD)': the row and column a
        message is about (the validation panel names them the same way)."""
        repeat = text_in(self.group.label, *self.lang, self.group.name)
        label = text_in(self.columns[column].label, *self.lang, self.columns[column].name)
        where = tr("new row") if self.is_new_row(row) else str(row + 1)
        return f"{repeat} {where} · {label}"

    def refuse_key(self, row: int, column: int) -> None:
        """A letter was typed in a number cell: the line under the grid says what it takes."""
        self.refused = (row, column)
        self.show_current()

    def enter(self, row: int, column: int, value: Any) -> bool:
        """A cell was typed in or picked (`value`: the text typed, a choice's name, or None
        to clear): parse it and tell the form."""
        if not self.can_edit(row, column):
            return False
        question = self.columns[column]
        answer: Any = value
        key = (row, column)
        self.refused = None
        self.typed.pop(key, None)
        if isinstance(value, str) and question.type != "select_one":
            text = value.strip()
            if question.type in ("integer", "decimal"):
                answer = parse_number(text, integer=question.type == "integer") if text else None
            elif question.type == "date":
                answer = parse_date_text(text, month_year=month_year(question)) if text else None
            else:
                answer = value if text else None
            if text and answer is None:
                if self.is_new_row(row):
                    return False
                self.typed[key] = value  # kept in red, no answer: the message says why
        if answer is None and self.is_new_row(row):
            return False
        if answer == self.value(row, column) and key not in self.typed:
            self.model.refresh()
            self.show_current()
            return True
        self.cell_edited.emit(self, row, question, answer)
        return True

    # -- rows --------------------------------------------------------------------------------

    def go_to_new_row(self) -> None:
        if self.read_only:
            return
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.new_row_shown():
            column = self.table.to_answer(self.rows)
            if column is not None:
                self.table.go(self.rows, column)

    def ask_remove(self, row: int) -> None:
        removable = self.fixed_count is None or row >= self.fixed_count
        if self.read_only or self.is_new_row(row) or not removable:
            return
        self.remove_row_requested.emit(self, row)

    def leave(self, kind: str) -> None:
        """Off the grid: Tab and Shift+Tab to the neighbouring widget, Enter to the next
        question to answer (the form decides which)."""
        if kind == "enter":
            self.left.emit(kind)
        else:
            QWidget.focusNextPrevChild(self.table, kind == "tab")

    # -- what is shown around the table ------------------------------------------------------

    def show_current(self) -> None:
        """Under the table: the current cell's problem, and how to answer it (the numbered
        choices a digit picks, the date format)."""
        index = self.table.currentIndex()
        focused = QApplication.focusWidget()
        if (
            not index.isValid()
            or focused is None
            or not (
                focused is self.table or self.table.isAncestorOf(focused)  # or its cell editor
            )
        ):
            self.current_problem.hide()
            self.current_help.hide()
            return
        row, column = index.row(), index.column()
        problem = self.problem(row, column)
        if not problem and self.refused == (row, column):
            problem = tr(
                "This cell takes a number: type digits, with a comma or a point for decimals."
            )
        where = self.cell_name(row, column)
        text = f"{where} — {problem}" if problem else ""
        newly = bool(text) and text != self.current_problem.text()
        self.current_problem.setText(text)
        self.current_problem.setVisible(bool(problem))
        if newly:
            # Under twelve rows the line is off the page: bring it in, the cell staying too.
            QTimer.singleShot(0, self, lambda: self._show_problem(index))
        question = self.columns[column]
        help_text = ""
        if question.type == "select_one":
            choices = self.choices(row, column)
            if len(choices) <= RADIO_LIMIT:
                help_text = "   ".join(
                    numbered(p, choice_text(c, *self.lang)) for p, c in enumerate(choices, 1)
                )
            else:
                help_text = tr("Type the first letters of the choice; F2 opens the list.")
        elif question.type == "date":
            help_text = QCoreApplication.translate(
                "DateEditor", "mm/yyyy" if month_year(question) else "dd/mm/yyyy"
            )
        hint = text_in(question.hint, *self.lang)
        if hint:
            help_text = f"{hint}  {help_text}".strip()
        self.current_help.setText(help_text)
        self.current_help.setVisible(bool(help_text))

    def _show_problem(self, index: QModelIndex | QPersistentModelIndex) -> None:
        area = self.table.scroll_area()
        if area is not None and self.current_problem.isVisible():
            area.ensureWidgetVisible(self.current_problem, 0, 8)
            if index.isValid():
                self.table._show_in_page(self.model.index(index.row(), index.column()))

    def _show_totals(self) -> None:
        parts = []
        for column, question in enumerate(self.columns):
            if question.type not in ("integer", "decimal"):
                continue
            values = [self.value(row, column) for row in range(self.rows)]
            numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
            label = text_in(question.label, *self.lang, question.name)
            parts.append(f"{label} : {isolated(format_number(float(sum(numbers))))}")
        text = (tr("Total") + " — " + " · ".join(parts)) if parts and self.rows else ""
        self.totals.setText(text)
        self.totals.setVisible(bool(text))

    def _fit_height(self) -> None:
        """As tall as its rows: the page scrolls, never the table inside it."""
        rows = self.model.rowCount()
        height = self.table.horizontalHeader().sizeHint().height()
        height += self.table.verticalHeader().defaultSectionSize() * rows
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())


def _no_cards(repeat: RepeatView, position: int) -> Any:
    raise AssertionError("a grid has no cards")
