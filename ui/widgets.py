"""Small widgets shared by the list and the survey."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QLabel,
    QListView,
    QListWidget,
    QWidget,
)

from fieldapp.text import fold, matches, prefix_rank, query_words, starts_with

ERROR_COLOUR = "#b71c1c"
HINT_COLOUR = "#616161"
OK_COLOUR = "#2e7d32"


def tint(widget: QWidget, colour: str, *, bold: bool = False) -> None:
    """Colour a widget's text through its palette. Survey pages hold hundreds of widgets:
    a style sheet on each makes showing a page several times slower."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    widget.setPalette(palette)
    if bold:
        font = widget.font()
        font.setBold(True)
        widget.setFont(font)


def select_whole_row(view: QAbstractItemView, row: int) -> None:
    """Select a row of a table. Not QTableView.selectRow: right to left it looks for the
    column at x = viewport width, one pixel past the last, and selects nothing."""
    index = view.model().index(row, 0)
    if index.isValid():
        view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )


class AlignedLabel(QLabel):
    """A label aligned with the UI's reading direction, not with its text's script.

    QLabel aligns by the direction of its text, so a French name or a code would sit on the
    left of an Arabic (right-to-left) pane; this one follows the layout direction.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._align()

    def _align(self) -> None:
        side = (
            Qt.AlignmentFlag.AlignRight
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            else Qt.AlignmentFlag.AlignLeft
        )
        self.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._align()
        super().changeEvent(event)


class TypedLetters:
    """The letters typed in quick succession: one type-ahead search."""

    def __init__(self) -> None:
        self.text = ""
        self._at = 0

    def add(self, letter: str) -> tuple[str, bool]:
        """(letters typed so far, whether `letter` only repeats the same letter)."""
        now = event_time_ms()
        if now - self._at > QApplication.keyboardInputInterval():
            self.text = ""
        self._at = now
        repeated = bool(self.text) and set(self.text + letter) == {letter}
        self.text += letter
        return self.text, repeated


def type_ahead_row(
    labels: list[str], current: int, letters: TypedLetters, letter: str, first: int = 0
) -> int | None:
    """The row a typed `letter` goes to among `labels`, or None: each further letter narrows
    to the best match of all the letters typed so far (`fieldapp.text.prefix_rank`: a label
    that begins with them before one whose later word does, then the list's order; folded,
    with or without the Arabic article)."""
    typed, repeated = letters.add(letter)
    ranked = []
    for row in range(first, len(labels)):
        rank = prefix_rank(labels[row], typed)
        if rank is not None:
            ranked.append((rank, row))
    if ranked:
        return min(ranked)[1]
    if repeated:
        # The same letter again: the next item starting with it (as Qt's own does).
        rows = [r for r in range(first, len(labels)) if starts_with(labels[r], letter)]
        rows = [r for r in rows if r > current] or rows
        return rows[0] if rows else None
    return None


def _typed_letter(event: QKeyEvent) -> str:
    """The printable letter a key press types, or '' (a shortcut, a space, a move)."""
    text = event.text()
    plain = not event.modifiers() & ~(
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    )
    return text if plain and text and text.isprintable() and not text.isspace() else ""


class TypeAheadCombo(QComboBox):
    """A drop-down where typing finds an item by the start of any of its words, folded (case,
    accents, hamza forms) and without the Arabic article (`fieldapp.text.search_keys`): "د"
    finds "الدار البيضاء-سطات" as "c" finds "Casablanca-Settat". Qt's own type-ahead only
    matches the whole label's start, so most Arabic labels were out of reach."""

    first_row = 0  # rows before it (a "no answer" placeholder) are never picked by typing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._letters = TypedLetters()
        self.setView(_TypeAheadPopup(self))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        letter = _typed_letter(event)
        if letter and not self.isEditable():
            labels = [self.itemText(r) for r in range(self.count())]
            row = type_ahead_row(labels, self.currentIndex(), self._letters, letter, self.first_row)
            if row is not None and row != self.currentIndex():
                self.setCurrentIndex(row)
                self.activated.emit(row)
            return
        super().keyPressEvent(event)


class _TypeAheadPopup(QListView):
    """The open list of a `TypeAheadCombo` finds an item as the closed one does (Qt's own
    search matches only a whole label's start, so never a numbered choice's words)."""

    def __init__(self, combo: TypeAheadCombo) -> None:
        super().__init__()
        self._combo = combo
        self._letters = TypedLetters()

    def keyboardSearch(self, search: str) -> None:
        if not search or not search.isprintable() or search.isspace():
            return
        combo = self._combo
        labels = [combo.itemText(r) for r in range(combo.count())]
        row = type_ahead_row(
            labels, self.currentIndex().row(), self._letters, search[-1], combo.first_row
        )
        if row is not None:
            self.setCurrentIndex(self.model().index(row, combo.modelColumn()))


class _FoldedFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        text = self.sourceModel().index(row, 0, parent).data()
        return matches(fold(str(text or "")), self.words)


class FoldedCompleter(QCompleter):
    """Completion for an editable drop-down (the coordinator's agent box) that finds a name by
    what is typed anywhere in it, folded as every filter folds (`fieldapp.text`: case,
    accents, hamza forms, the Arabic article): "امينة" finds "أمينة", "elo" finds "Élodie".
    QCompleter's own matching knows only case."""

    def __init__(self, combo: QComboBox) -> None:
        self._filter = _FoldedFilter()
        self._filter.setSourceModel(combo.model())
        super().__init__(self._filter, combo)
        # The filter decides what is shown; the completer shows it all.
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        combo.setCompleter(self)
        line = combo.lineEdit()
        assert line is not None, "an editable drop-down"
        line.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        if hasattr(self._filter, "beginFilterChange"):  # Qt 6.9 and later
            self._filter.beginFilterChange()
            self._filter.words = query_words(text)
            self._filter.endFilterChange()
        else:
            self._filter.words = query_words(text)
            self._filter.invalidateFilter()
        if text.strip() and self._filter.rowCount():
            self.complete()
        else:
            popup = self.popup()
            if popup is not None:
                popup.hide()


class TypeAheadList(QListWidget):
    """A list where typing finds an item as in `TypeAheadCombo`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._letters = TypedLetters()

    def keyboardSearch(self, search: str) -> None:
        if not search or not search.isprintable() or search.isspace():
            return
        labels = [self.item(r).text() for r in range(self.count())]
        row = type_ahead_row(labels, self.currentRow(), self._letters, search[-1])
        if row is not None:
            self.setCurrentRow(row)


def event_time_ms() -> int:
    return int(time.monotonic() * 1000)
