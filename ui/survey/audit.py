"""The audit log as the agent moves (a part of SurveyForm): a question's visit starts when the
focus enters its editor and ends when it leaves; with `track-changes=true` the answer before
and after is kept. The events go into the survey's `audit.csv` when the survey is left or
finalized, in the same write as the answers (`saving.with_audit`): one file per session, not
one per autosave. Until then each autosave has the store keep the rows not yet in the file
(`Store.save_answers(audit_rows=...)`, with the answers, in one transaction): a killed app
loses no more of the log than of the answers, and the next session puts them in the file.

`identify-user=true`: the form asks the enumerator's name when it opens (the signed-in agent
offered, a name required) and every row of the session carries it. `location-priority`: a
laptop has no location provider, so the session logs what Collect logs then, and the
location columns stay empty.
"""

from __future__ import annotations

import copy
import dataclasses
import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms.audit import (
    NO_LOCATION_EVENTS,
    AuditEvent,
    answer_text,
    asks_change_reason,
    audit_question,
    events_from_json,
    events_json,
    identifies_user,
    node,
    tracks_changes,
    tracks_location,
)
from fieldapp.store import Store
from ui.survey.views import QuestionView


def now_ms() -> int:
    return int(time.time() * 1000)


class KeptRows:
    """The rows an earlier session left in the store (the app was killed before it wrote
    them into audit.csv). Read, and let go, only on the writer thread, in the order of the
    writes: the session's first write reads them, the write of the file lets them go."""

    def __init__(self, survey_id: str) -> None:
        self.survey_id = survey_id
        self.rows: list[AuditEvent] | None = None

    def take(self, store: Store) -> list[AuditEvent]:
        if self.rows is None:
            self.rows = events_from_json(store.audit_rows(self.survey_id))
        return list(self.rows)

    def written(self) -> None:
        self.rows = []


class AuditTextDialog(QDialog):
    """A question the audit log needs answered (a name, a reason): OK needs some text."""

    def __init__(
        self, name: str, title: str, intro_text: str, field: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName(name + "Text")
        self.name.setAccessibleName(field)
        intro.setBuddy(self.name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._allow)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.name)
        layout.addWidget(self.buttons)
        self._allow()

    def offer(self, name: str) -> None:
        if not self.name.text():
            self.name.setText(name)
            self.name.selectAll()

    def _allow(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def accept(self) -> None:
        if self.name.text().strip():
            super().accept()


def user_dialog(parent: QWidget) -> AuditTextDialog:
    """identify-user: who fills in this survey now (Collect asks it when the form opens).
    The signed-in agent is offered; OK needs a name; Cancel leaves the survey."""
    tr = QCoreApplication.translate
    return AuditTextDialog(
        "auditUserDialog",
        tr("SurveyForm", "Who is filling in this survey?"),
        tr("SurveyForm", "This form records who fills it in. Enter your name to continue."),
        tr("SurveyForm", "Your name"),
        parent,
    )


def reason_dialog(parent: QWidget) -> AuditTextDialog:
    """track-changes-reasons=on-form-edit: why a survey saved before was changed."""
    tr = QCoreApplication.translate
    return AuditTextDialog(
        "changeReasonDialog",
        tr("SurveyForm", "Why did you change this survey?"),
        tr(
            "SurveyForm",
            "This form records the reason for any change to a survey saved before. "
            "Cancel goes back to the survey.",
        ),
        tr("SurveyForm", "Reason for the change"),
        parent,
    )


class SurveyAudit:
    """Records the visits of questions when the form has an `audit` question."""

    _audit_events: list[AuditEvent]
    _audit_visit: tuple[QuestionView, int, str] | None = None  # view, start, old value
    _audit_on = False
    _audit_user = ""  # identify-user: the name given when the form opened
    _audit_kept: KeptRows | None = None
    _audit_reasons = False  # track-changes-reasons=on-form-edit, on a survey saved before
    _audit_opened: dict[str, object] | None = None  # the answers the reason is asked against
    audit_user_dialog: AuditTextDialog | None = None
    change_reason_dialog: AuditTextDialog | None = None

    def _start_audit(self) -> None:
        question = audit_question(self.form)
        self._audit_events = []
        self._audit_on = question is not None and not self.read_only
        if not self._audit_on:
            return
        assert question is not None
        self._audit_track = tracks_changes(question)
        self._audit_kept = KeptRows(self.survey.id)
        first = not self.answers.get(question.name)
        stamp = now_ms()
        self._audit_events.append(AuditEvent("form start" if first else "form resume", "", stamp))
        if tracks_location(question):
            self._audit_events += [AuditEvent(event, "", stamp) for event in NO_LOCATION_EVENTS]
        QApplication.instance().focusChanged.connect(self._audit_focus)  # type: ignore[union-attr]
        self._audit_reasons = asks_change_reason(question) and not first
        self._audit_opened = copy.deepcopy(self.answers) if self._audit_reasons else None
        if identifies_user(question):
            # Once the form is in its window (the main window adds it after building it), so
            # that the question is modal over that window.
            QTimer.singleShot(0, self, self._ask_audit_user)

    def _audit_reason_given(self) -> bool:
        """track-changes-reasons=on-form-edit: before a survey saved before is left or
        finalized with changed answers, ask why (a `change reason` row). False: the agent
        cancelled, and stays on the survey."""
        if not (self._audit_on and self._audit_reasons) or self.answers == self._audit_opened:
            return True
        dialog = reason_dialog(self)
        self.change_reason_dialog = dialog
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.change_reason_dialog = None
            dialog.deleteLater()
        if not accepted:
            return False
        reason = dialog.name.text().strip()
        self._audit_events.append(AuditEvent("change reason", "", now_ms(), reason=reason))
        self._audit_opened = copy.deepcopy(self.answers)  # asked again only for new changes
        return True

    def _ask_audit_user(self) -> None:
        if not self._audit_on:
            return  # left before the question was asked
        dialog = user_dialog(self)
        self.audit_user_dialog = dialog

        def done(result: int) -> None:
            self.audit_user_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                self._audit_user = dialog.name.text().strip()
                # Back from the question, the keyboard starts on the survey's first answer.
                self.window().activateWindow()
                self.go_to_section(self.current_section)
            else:
                self.go_back()  # Collect: no name, no form

        def offered(name: str) -> None:
            if self.audit_user_dialog is dialog:
                dialog.offer(name)

        dialog.finished.connect(done)
        dialog.open()
        self.tasks.write(
            lambda store: store.get_state("username") or store.actor or "", success=offered
        )

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

    def _visit_event(self, end: int) -> AuditEvent | None:
        if self._audit_visit is None:
            return None
        view, start, old = self._audit_visit
        question = view.question
        return AuditEvent(
            "question",
            node(question.path, view.index, question.repeats),
            start,
            end,
            old if self._audit_track else "",
            answer_text(view.editor.value()) if self._audit_track else "",
        )

    def _end_visit(self) -> None:
        event = self._visit_event(now_ms())
        self._audit_visit = None
        if event is not None:
            self._audit_events.append(event)

    def _audit_pending(self) -> bool:
        return self._audit_on and (len(self._audit_events) > 1 or self._audit_visit is not None)

    def _signed(self, events: list[AuditEvent]) -> list[AuditEvent]:
        """The session's rows with the name given for identify-user."""
        if not self._audit_user:
            return events
        return [e if e.user else dataclasses.replace(e, user=self._audit_user) for e in events]

    def _audit_unwritten(self) -> list[AuditEvent]:
        """What an autosave has the store keep: the session's rows so far, the visit under
        way ending now (the next save keeps it with its real end)."""
        if not self._audit_on:
            return []
        ongoing = self._visit_event(now_ms())
        return self._signed([*self._audit_events, *([ongoing] if ongoing else [])])

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
        return self._signed(events)

    def _audit_rows_op(
        self, events: list[AuditEvent] | None
    ) -> tuple[KeptRows | None, list[AuditEvent], str | None]:
        """For a write op built now: the kept rows' holder, the events to put in the file
        (`events`, when the log is written) and the rows for the store to keep (None: the
        form has no audit; '' : none once the file is written)."""
        kept = self._audit_kept
        if kept is None or (not self._audit_on and events is None):
            return None, [], None
        if events is not None:
            return kept, events, ""
        return kept, [], events_json(self._audit_unwritten())


def audit_rows_in_op(
    store: Store, rows: tuple[KeptRows | None, list[AuditEvent], str | None]
) -> tuple[list[AuditEvent], str | None]:
    """On the writer thread: (events for the file, rows for the store to keep), with the rows
    a killed session left put first."""
    kept, events, unwritten = rows
    if kept is None:
        return events, unwritten
    earlier = kept.take(store)
    if events:
        return [*earlier, *_resumed(earlier, events)], ""
    if unwritten is None:
        return [], None
    later = _resumed(earlier, events_from_json(unwritten))
    return [], events_json([*earlier, *later])


def _resumed(earlier: list[AuditEvent], events: list[AuditEvent]) -> list[AuditEvent]:
    """A session after a killed one resumes the form (its rows came first, not in a file)."""
    if earlier and events and events[0].event == "form start":
        return [dataclasses.replace(events[0], event="form resume"), *events[1:]]
    return events
