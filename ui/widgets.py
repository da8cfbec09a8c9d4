"""Small widgets shared by the list and the survey."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget


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
