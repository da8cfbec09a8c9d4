"""The table of a repeat grid (`ui.survey.grid`) and its cell editors: the spreadsheet keys.

Where the cursor goes (Enter along the row then to the next row's first cell to answer, Tab /
Shift+Tab off either end), typing or F2 to edit, Esc to cancel, Delete to clear, digits and
letters picking a choice, Ctrl+Insert / Ctrl+Delete for rows. See `ui.survey.grid`'s docstring
for the whole list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.survey.choice_editors import ChoiceCombo
from ui.survey.editors import DECIMAL_RE, INTEGER_RE, RADIO_LIMIT, choice_text, numbered
from ui.survey.grid_model import month_year
from ui.widgets import TypedLetters, type_ahead_row

if TYPE_CHECKING:
    from ui.survey.grid import RepeatGrid


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
                    "DateEditor", "mm/yyyy" if month_year(question) else "dd/mm/yyyy"
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
            if (
                isinstance(watched, QLineEdit)
                and watched.validator() is not None
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
                and not starts_number(event.text())
            ):
                index = self.table.currentIndex()
                self.table.grid.refuse_key(index.row(), index.column())
                return True
            move = _move_of(event)
            if move is not None:
                if isinstance(watched, ChoiceCombo) and watched.view().isVisible():
                    return False  # the open list takes Enter itself
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                self.table.move(move)
                return True
        return super().eventFilter(watched, event)


def starts_number(text: str) -> bool:
    """Whether a key's text can begin or continue a number cell (digits of either script, a
    sign, a decimal mark); a key that types nothing (a move, a shortcut) too."""
    if not text or not text.isprintable() or text.isspace():
        return True
    return all(ch.isdigit() or ch in "-\u2212+.,\u066b" for ch in text)


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

    def scroll_area(self) -> QScrollArea | None:
        """The page's scroll area (the table is as tall as its rows: the page scrolls)."""
        widget: QWidget | None = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        return widget if isinstance(widget, QScrollArea) else None

    def _show_in_page(self, index: QModelIndex) -> None:
        """The page scrolls, not the table (it is as tall as its rows)."""
        widget = self.scroll_area()
        if widget is not None and widget.widget() is not None:
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
        if opened and self.grid.refused is not None:
            self.grid.refused = None  # typing a number now: the note has done its work
            self.grid.show_current()
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
        self.grid.refused = None
        if current.isValid() and self.hasFocus():
            # Arrows, Page Down, Home and End move the cursor too: the page follows it.
            self._show_in_page(self.model().index(current.row(), current.column()))
        self.grid.show_current()
        self.grid.cursor_moved.emit(self.grid)

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
        if question.type in ("integer", "decimal") and plain and not starts_number(text):
            # A letter would open an empty editor (the validator refuses it): say what the
            # cell takes instead, and stay on it.
            if self.grid.can_edit(row, column):
                self.grid.refuse_key(row, column)
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
