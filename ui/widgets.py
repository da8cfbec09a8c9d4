"""Small widgets shared by the list and the survey."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

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
