"""The audit log as the agent moves (a part of SurveyForm): a question's visit starts when the
focus enters its editor and ends when it leaves; with `track-changes=true` the answer before
and after is kept. The events wait here until the survey is left or finalized, then go into
the survey's `audit.csv` in the same write as the answers (`saving.with_audit`): one file per
session, not one per autosave.
"""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.forms.audit import AuditEvent, answer_text, audit_question, node, tracks_changes
from ui.survey.views import QuestionView


def now_ms() -> int:
    return int(time.time() * 1000)


class SurveyAudit:
    """Records the visits of questions when the form has an `audit` question."""

    _audit_events: list[AuditEvent]
    _audit_visit: tuple[QuestionView, int, str] | None = None  # view, start, old value
    _audit_on = False

    def _start_audit(self) -> None:
        question = audit_question(self.form)
        self._audit_events = []
        self._audit_on = question is not None and not self.read_only
        if not self._audit_on:
            return
        assert question is not None
        self._audit_track = tracks_changes(question)
        first = not self.answers.get(question.name)
        self._audit_events.append(
            AuditEvent("form start" if first else "form resume", "", now_ms())
        )
        QApplication.instance().focusChanged.connect(self._audit_focus)  # type: ignore[union-attr]

    def _stop_audit(self) -> None:
        if self._audit_on:
            self._audit_on = False
            QApplication.instance().focusChanged.disconnect(self._audit_focus)  # type: ignore[union-attr]

    def _view_of(self, widget: QWidget | None) -> QuestionView | None:
        while widget is not None:
            if isinstance(widget, QuestionView):
                return widget if self.isAncestorOf(widget) else None
            widget = widget.parentWidget()
        return None

    def _audit_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        view = self._view_of(new)
        if self._audit_visit is not None and self._audit_visit[0] is view:
            return
        self._end_visit()
        if view is not None:
            self._audit_visit = (view, now_ms(), answer_text(view.editor.value()))

    def _end_visit(self) -> None:
        if self._audit_visit is None:
            return
        view, start, old = self._audit_visit
        self._audit_visit = None
        question = view.question
        self._audit_events.append(
            AuditEvent(
                "question",
                node(question.path, view.index, question.repeats),
                start,
                now_ms(),
                old if self._audit_track else "",
                answer_text(view.editor.value()) if self._audit_track else "",
            )
        )

    def _audit_pending(self) -> bool:
        return self._audit_on and (len(self._audit_events) > 1 or self._audit_visit is not None)

    def _take_audit(self, closing: str) -> list[AuditEvent]:
        """The events to write now, ending with `closing` ('form exit', 'form finalize');
        the log starts afresh ('form resume') for what follows."""
        if not self._audit_on:
            return []
        self._end_visit()
        stamp = now_ms()
        events = [*self._audit_events, AuditEvent("form save", "", stamp)]
        events.append(AuditEvent(closing, "", stamp))
        self._audit_events = [AuditEvent("form resume", "", stamp)]
        return events
