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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from fieldapp.forms import Choice, Group, Question
from fieldapp.forms.evaluation import Evaluation
from fieldapp.forms.references import format_number
from ui.languages import isolated
from ui.survey.choice_editors import ChoiceCombo
from ui.survey.dates import date_text, parse_date_text
from ui.survey.editors import (
    DECIMAL_RE,
    INTEGER_RE,
    RADIO_LIMIT,
    choice_text,
    numbered,
    parse_number,
)
from ui.survey.registry import HIDDEN_TYPES
from ui.survey.views import Index, RepeatView, text_in
from ui.widgets import ERROR_COLOUR, HINT_COLOUR, TypedLetters, tint, type_ahead_row

# `grid`: FieldApp's own appearance (pyxform passes it on, ODK Collect ignores it);
# `table-list`: XLSForm's table of same-list choices, which a grid shows as well.
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


def _month_year(question: Question) -> bool:
    return question.type == "date" and "month-year" in question.appearance


def cell_text(
    question: Question, value: Any, choices: list[Choice], lang: str, fallback: str
) -> str:
    """An answer as its cell shows it (the cards' formats: 20/11/2026, 11/2026, 1500.5)."""
    if value is None or value == "":
        return ""
    if question.type == "date":
        return date_text(value, month_year=_month_year(question))
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


class CellDelegate(QStyledItemDelegate):
    """The cell editors: a line for text, numbers (same validators as the cards) and dates, a
    drop-down of numbered choices for a choice (F2). Enter and Tab commit and move on."""

    def __init__(self, table: GridTable) -> None:
        super().__init__(table)
        self.table = table

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        grid = self.table.grid
        question = grid.columns[index.column()]
        if question.type == "select_one":
            combo = ChoiceCombo(parent)
            combo.setObjectName("cellChoices")
            combo.addItem("", None)
            for position, choice in enumerate(grid.choices(index.row(), index.column()), 1):
                combo.addItem(numbered(position, choice_text(choice, *grid.lang)), choice.name)
            return combo
        edit = QLineEdit(parent)
        edit.setObjectName("cellEdit")
        if question.type in ("integer", "decimal"):
            pattern = INTEGER_RE if question.type == "integer" else DECIMAL_RE
            edit.setValidator(QRegularExpressionValidator(pattern, edit))
        if question.type in ("integer", "decimal", "date"):
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # numbers read LTR
        if question.type == "date":
            edit.setPlaceholderText(
                QCoreApplication.translate(
                    "DateEditor", "mm/yyyy" if _month_year(question) else "dd/mm/yyyy"
                )
            )
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        # Once: the form evaluates again while a cell is typed in (other pages being built,
        # the autosave), and what is being typed must stay.
        if editor.property("filled"):
            return
        editor.setProperty("filled", True)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, ChoiceCombo):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, ChoiceCombo):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            assert isinstance(event, QKeyEvent)
            move = _move_of(event)
            if move is not None:
                if isinstance(watched, ChoiceCombo) and watched.view().isVisible():
                    return False  # the open list takes Enter itself
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                self.table.move(move)
                return True
        return super().eventFilter(watched, event)


def _move_of(event: QKeyEvent) -> str | None:
    """'enter', 'tab' or 'backtab' for the keys that commit and move, else None."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    key = event.key()
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers:
        return "enter"
    if key == Qt.Key.Key_Backtab or (
        key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.ShiftModifier
    ):
        return "backtab"
    if key == Qt.Key.Key_Tab and not modifiers:
        return "tab"
    return None


class GridTable(QTableView):
    """The table of a grid, with the spreadsheet keys (see the module's docstring)."""

    def __init__(self, grid: RepeatGrid) -> None:
        super().__init__(grid)
        self.grid = grid
        self.setObjectName("repeatGrid")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setTabKeyNavigation(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The columns stretch to the page's width (at least 90 px each): no scroll bar.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(False)
        self.setItemDelegate(CellDelegate(self))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._letters = TypedLetters()

    # -- where the cursor goes ---------------------------------------------------------------

    def _editable_in(self, row: int) -> list[int]:
        return [c for c in range(len(self.grid.columns)) if self.grid.can_edit(row, c)]

    def to_answer(self, row: int) -> int | None:
        """The row's first cell still to answer, else its first cell that can be."""
        editable = self._editable_in(row)
        for column in editable:
            if self.grid.value(row, column) is None:
                return column
        return editable[0] if editable else None

    def go(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self._show_in_page(index)

    def _show_in_page(self, index: QModelIndex) -> None:
        """The page scrolls, not the table (it is as tall as its rows)."""
        widget: QWidget | None = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            rect = self.visualRect(index)
            point = self.viewport().mapTo(widget.widget(), rect.center())
            widget.ensureVisible(point.x(), point.y(), 40, rect.height() * 2)

    def enter_first(self, backwards: bool = False) -> None:
        """The cursor comes into the grid: on the first cell still to answer (from below:
        the last row's last cell)."""
        rows = self.model().rowCount()
        if backwards:
            for row in range(rows - 1, -1, -1):
                editable = self._editable_in(row)
                if editable and not (self.grid.new_row_shown() and row == self.grid.rows):
                    self.go(row, editable[-1])
                    return
        for row in range(rows):
            editable = self._editable_in(row)
            if any(self.grid.value(row, c) is None for c in editable):
                column = self.to_answer(row)
                assert column is not None
                self.go(row, column)
                return
        for row in range(rows):
            column = self.to_answer(row)
            if column is not None:
                self.go(row, column)
                return

    def move(self, kind: str) -> None:
        """Enter, Tab or Shift+Tab from the current cell (after a commit)."""
        current = self.currentIndex()
        row, column = (current.row(), current.column()) if current.isValid() else (0, -1)
        grid = self.grid
        on_new_row = grid.new_row_shown() and row >= grid.rows
        if kind == "backtab":
            earlier = [c for c in self._editable_in(row) if c < column]
            if earlier:
                self.go(row, earlier[-1])
                return
            for above in range(row - 1, -1, -1):
                editable = self._editable_in(above)
                if editable:
                    self.go(above, editable[-1])
                    return
            self.grid.leave(kind)
            return
        if on_new_row:
            self.grid.leave(kind)  # nothing typed in the new row: the grid is done
            return
        later = [c for c in self._editable_in(row) if c > column]
        if later:
            self.go(row, later[0])
            return
        rows = self.model().rowCount()
        for below in range(row + 1, rows):
            target = self.to_answer(below) if kind == "enter" else None
            if kind == "tab":
                editable = self._editable_in(below)
                target = editable[0] if editable else None
            if target is not None:
                self.go(below, target)
                return
        self.grid.leave(kind)

    def edit(self, index: Any, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        if trigger is None:
            return super().edit(index)  # type: ignore[call-arg]
        opened = super().edit(index, trigger, event)
        editor = self.indexWidget(index)
        if opened and trigger == QAbstractItemView.EditTrigger.EditKeyPressed:
            if isinstance(editor, QLineEdit):
                editor.deselect()  # F2 edits what is there, the cursor after it
                editor.end(False)
            elif isinstance(editor, ChoiceCombo):
                editor.showPopup()
        return opened

    # -- keys --------------------------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab and Shift+Tab move between cells; off either end, out of the grid.
        self.move("tab" if next else "backtab")
        return True

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.BacktabFocusReason:
            self.enter_first(backwards=True)
        elif event.reason() == Qt.FocusReason.TabFocusReason:
            # Tab, or Enter from the question before (a closed cell editor gives the focus
            # back for another reason, and the cursor stays where it is).
            self.enter_first()
        self.grid.show_current()

    def currentChanged(
        self,
        current: QModelIndex | QPersistentModelIndex,
        previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().currentChanged(current, previous)
        self._letters = TypedLetters()  # a new cell: a new search
        self.grid.show_current()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        current = self.currentIndex()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = modifiers == Qt.KeyboardModifier.ControlModifier
        key = event.key()
        move = _move_of(event)
        if move is not None:
            self.move(move)
            return
        if ctrl and key in (Qt.Key.Key_Insert, Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.grid.go_to_new_row()
            return
        if ctrl and key in (Qt.Key.Key_Delete, Qt.Key.Key_Minus):
            if current.isValid():
                self.grid.ask_remove(current.row())
            return
        if not current.isValid():
            super().keyPressEvent(event)
            return
        row, column = current.row(), current.column()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not modifiers:
            if self.grid.can_edit(row, column) and not self.grid.is_new_row(row):
                self.grid.enter(row, column, None)
            return
        question = self.grid.columns[column]
        text = event.text()
        plain = not modifiers or modifiers == Qt.KeyboardModifier.ShiftModifier
        if (
            question.type == "select_one"
            and plain
            and text
            and text.isprintable()
            and not text.isspace()
        ):
            if self.grid.can_edit(row, column):
                self._pick(row, column, text)
            return
        super().keyPressEvent(event)

    def _pick(self, row: int, column: int, text: str) -> None:
        """A digit picks the n-th choice of a short list; letters search the labels."""
        choices = self.grid.choices(row, column)
        if len(choices) <= RADIO_LIMIT and len(text) == 1 and text.isdigit() and text != "0":
            position = int(text)
            if position <= len(choices):
                self.grid.enter(row, column, choices[position - 1].name)
            return
        labels = [choice_text(choice, *self.grid.lang) for choice in choices]
        names = [choice.name for choice in choices]
        value = self.grid.value(row, column)
        now = names.index(value) if value in names else -1
        found = type_ahead_row(labels, now, self._letters, text)
        if found is not None and names[found] != value:
            self.grid.enter(row, column, names[found])


class RepeatGrid(RepeatView):
    """A repeat as a grid (a RepeatView to the form: same title, hint, message, add button,
    relevance and count)."""

    cell_edited = Signal(object, int, object, object)  # grid, row, question, value
    remove_row_requested = Signal(object, int)  # grid, row
    left = Signal(str)  # the cursor went off the grid: 'enter', 'tab' or 'backtab'

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
                    if _month_year(question)
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

    def enter(self, row: int, column: int, value: Any) -> bool:
        """A cell was typed in or picked (`value`: the text typed, a choice's name, or None
        to clear): parse it and tell the form."""
        if not self.can_edit(row, column):
            return False
        question = self.columns[column]
        answer: Any = value
        key = (row, column)
        self.typed.pop(key, None)
        if isinstance(value, str) and question.type != "select_one":
            text = value.strip()
            if question.type in ("integer", "decimal"):
                answer = parse_number(text, integer=question.type == "integer") if text else None
            elif question.type == "date":
                answer = parse_date_text(text, month_year=_month_year(question)) if text else None
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
        if not index.isValid() or not self.table.hasFocus():
            self.current_problem.hide()
            self.current_help.hide()
            return
        row, column = index.row(), index.column()
        problem = self.problem(row, column)
        where = self.cell_name(row, column)
        self.current_problem.setText(f"{where} — {problem}" if problem else "")
        self.current_problem.setVisible(bool(problem))
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
                "DateEditor", "mm/yyyy" if _month_year(question) else "dd/mm/yyyy"
            )
        hint = text_in(question.hint, *self.lang)
        if hint:
            help_text = f"{hint}  {help_text}".strip()
        self.current_help.setText(help_text)
        self.current_help.setVisible(bool(help_text))

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
