"""Grid cells as audit visits (a part of SurveyForm, beside `ui.survey.audit`'s recorder).

The recorder logs a question's visit while the focus is in its editor. A grid is one widget
for many questions: the focus stays in its table while the cursor goes from cell to cell. So
each cell the cursor enters is a visit of its own, logged as ODK Collect logs a question of a
repeat: a `question` event whose node names the instance, 1-based
(`/data/energy/bills[3]/bill_amount`), with the old and new answer under track-changes. A
visit ends when the cursor moves to another cell, when the focus leaves the table (its cell
editor is still the table), and when the survey is left or finalized. Nothing is logged for
the new row (marked +) unless something typed in it made it a row.

The events go into the recorder's own list and are written with its own (`_take_audit`);
an autosave keeps the visit under way too (`_audit_unwritten`), so a killed app keeps it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.forms.audit import AuditEvent, answer_text, node
from ui.survey.audit import now_ms
from ui.survey.grid import RepeatGrid
from ui.survey.grid_table import GridTable


class GridAudit:
    """Mixed into SurveyForm before SurveyAudit, whose focus handler and closing it extends."""

    # grid, row, column, when the visit started, the answer then
    _cell_visit: tuple[RepeatGrid, int, int, int, str] | None = None

    def _audit_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._cell_under_focus(new) is None:
            # Leaving the grid: the cell's visit ends before the next question's starts, so
            # the two never overlap (they did by a millisecond when ended after).
            self._end_cell_visit()
        super()._audit_focus(old, new)  # type: ignore[misc]
        self._follow_cell(new)

    def _take_audit(self, closing: str) -> list[AuditEvent]:
        self._end_cell_visit()
        return super()._take_audit(closing)  # type: ignore[misc,no-any-return]

    def _audit_pending(self) -> bool:
        pending = super()._audit_pending()  # type: ignore[misc]
        return bool(pending) or (self._audit_on and self._cell_visit is not None)  # type: ignore[attr-defined]

    def _grid_cursor_moved(self, _grid: RepeatGrid) -> None:
        """A grid's current cell changed (connected to `RepeatGrid.cursor_moved`)."""
        self._follow_cell(QApplication.focusWidget())

    def _cell_under_focus(self, widget: QWidget | None) -> tuple[RepeatGrid, int, int] | None:
        while widget is not None:
            if isinstance(widget, GridTable):
                if not self.isAncestorOf(widget):  # type: ignore[attr-defined]
                    return None
                index = widget.currentIndex()
                return (widget.grid, index.row(), index.column()) if index.isValid() else None
            widget = widget.parentWidget()
        return None

    def _follow_cell(self, widget: QWidget | None) -> None:
        if not self._audit_on:  # type: ignore[attr-defined]
            return
        where = self._cell_under_focus(widget)
        visit = self._cell_visit
        if where is not None and visit is not None and visit[:3] == where:
            return
        self._end_cell_visit()
        if where is not None:
            grid, row, column = where
            self._cell_visit = (grid, row, column, now_ms(), self._cell_answer(grid, row, column))

    def _cell_answer(self, grid: RepeatGrid, row: int, column: int) -> str:
        if grid.is_new_row(row):
            return ""
        question = grid.columns[column]
        value: Any = self._answer(question, (*grid.parent_index, row))  # type: ignore[attr-defined]
        return answer_text(value)

    def _cell_event(self, end: int) -> AuditEvent | None:
        visit = self._cell_visit
        if visit is None or not self._audit_on:  # type: ignore[attr-defined]
            return None
        grid, row, column, start, old = visit
        if grid.is_new_row(row) or column >= len(grid.columns):
            return None  # the new row, left as it was: no instance was made
        question = grid.columns[column]
        track = self._audit_track  # type: ignore[attr-defined]
        return AuditEvent(
            "question",
            node(question.path, (*grid.parent_index, row), question.repeats),
            start,
            end,
            old if track else "",
            self._cell_answer(grid, row, column) if track else "",
        )

    def _end_cell_visit(self) -> None:
        event = self._cell_event(now_ms())
        self._cell_visit = None
        if event is not None:
            self._audit_events.append(event)  # type: ignore[attr-defined]

    def _audit_unwritten(self) -> list[AuditEvent]:
        """What an autosave has the store keep, with the cell visit under way (as the
        recorder keeps its question visit under way)."""
        rows: list[AuditEvent] = super()._audit_unwritten()  # type: ignore[misc]
        ongoing = self._cell_event(now_ms())
        if ongoing is None:
            return rows
        return [*rows, *self._signed([ongoing])]  # type: ignore[attr-defined]
