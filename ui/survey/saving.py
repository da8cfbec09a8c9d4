"""Every write of the survey form, in one place: autosave, Ctrl+S, finalize, the move to a
newer form version; each runs on the writer thread (`Tasks.write`) and reports back here.

Typed answers are never dropped: leaving the survey (back to the list, another survey, quitting)
goes through `leave()`, which saves, waits for the result, and while the last save failed (a
full disk) asks Retry / Stay / Leave and lose. Once the form is closed, results still arriving
are ignored: its widgets are gone, and the person was already asked."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTime
from PySide6.QtWidgets import QMessageBox

from fieldapp.domain import Survey
from fieldapp.forms import Form, fit_answers
from fieldapp.forms.audit import FILENAME as AUDIT_FILENAME
from fieldapp.forms.audit import AuditEvent, append_csv, audit_question, columns
from fieldapp.forms.meta import fill_metadata
from fieldapp.store import Store
from ui.errors import describe
from ui.labels import STATUS_COLOURS, status_label
from ui.languages import isolated
from ui.survey.audit import audit_rows_in_op
from ui.survey.upgrade import MoveDialog


def with_metadata(
    store: Store, form: Form, survey_id: str, answers: dict[str, Any]
) -> dict[str, Any]:
    """The answers with the form's metadata questions (start, end, today, deviceid,
    username, start-geopoint) filled, keeping what the survey already holds, and what ODK
    sets once (dynamic defaults, once(), triggers) settled; run in the write op."""
    survey = store.get_survey(survey_id)
    establishment = store.get_establishment(survey.establishment_id)
    position = (
        (establishment.latitude, establishment.longitude)
        if establishment.latitude is not None and establishment.longitude is not None
        else None
    )
    return fill_metadata(
        form,
        answers,
        previous=survey.answers,
        now=datetime.now(UTC).astimezone(),
        device_id=store.get_state("device_id"),
        username=store.get_state("username") or store.actor or None,
        instance_id=survey_id,
        last_saved=(
            store.last_saved_answers(form.id, excluding=survey_id)
            if form.reads_last_saved
            else None
        ),
        position=position,
    )


def with_audit(
    store: Store, form: Form, survey_id: str, answers: dict[str, Any], events: list[AuditEvent]
) -> dict[str, Any]:
    """The answers with this session's audit events appended to the survey's audit.csv (a
    new attachment holding the old rows then the new); run in the write op."""
    question = audit_question(form)
    if question is None or not events:
        return answers
    previous = store.get_survey(survey_id).answers.get(question.name)
    old: bytes | None = None
    if isinstance(previous, dict) and previous.get("sha256"):
        try:
            old = store.read_attachment(str(previous["sha256"]))
        except FileNotFoundError:
            old = None  # a log pulled without its file: this session's rows start a new one
    data = append_csv(old, events, header=columns(question))
    sha = store.add_attachment(data, "text/csv")
    return {**answers, question.name: {"sha256": sha, "filename": AUDIT_FILENAME}}


AUTOSAVE_MS = 800


class SurveySaving:
    """The survey form's writes (a part of SurveyForm)."""

    _closed = False  # the form left the screen: late results are ignored
    _last_error: BaseException | None = None  # why the last save failed
    unsaved_box: QMessageBox | None = None  # the Retry / Stay / Leave question, while shown

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def saving(self) -> bool:
        return self._saving > 0

    def save(self) -> None:
        """Write the answers now (autosave, Ctrl+S, leaving a section)."""
        self._autosave.stop()
        audit = self._leaving and self._audit_pending()
        if self.read_only or not (self._dirty or audit) or self._closed:
            return
        snapshot = copy.deepcopy(self.answers)
        survey_id = self.survey.id
        self._dirty = False
        self._saving += 1
        self._show_save_state()

        form = self.form
        # The audit log is written when the survey is left, not at each autosave: until then
        # the store keeps its rows with the answers.
        rows = self._audit_rows_op(self._take_audit("form exit") if audit else None)

        def op(store: Store) -> tuple[Survey, int]:
            answers = with_metadata(store, form, survey_id, snapshot)
            events, unwritten = audit_rows_in_op(store, rows)
            answers = with_audit(store, form, survey_id, answers, events)
            saved = (
                store.save_answers(survey_id, answers)
                if unwritten is None  # no audit question
                else store.save_answers(survey_id, answers, audit_rows=unwritten)
            )
            if events and rows[0] is not None:
                rows[0].written()
            return saved, store.outbox_count()

        self.tasks.write(op, success=self._saved, failure=self._save_failed_with)

    def _saved(self, result: tuple[Survey, int]) -> None:
        if self._closed:
            return
        survey, outbox = result
        self._saving -= 1
        self._save_failed = False
        self._last_error = None
        self.survey = survey
        # What the save settled (once(), triggers, defaults) is shown from now on.
        if self.form._plan.carry_into(self.answers, survey.answers):
            self._refresh()
        self._saved_at = QTime.currentTime().toString("HH:mm:ss")
        self._show_save_state()
        self._show_status()
        self.saved.emit(survey, outbox)

    def _save_failed_with(self, exc: BaseException) -> None:
        if self._closed:
            return
        self._saving -= 1
        self._dirty = True  # try again at the next edit or Ctrl+S
        self._save_failed = True
        self._last_error = exc
        self._show_save_state()
        if not self._leaving:
            self.report_error(exc)  # while leaving, the question below says it

    _leaving = False

    def flush(self) -> None:
        """Save what is pending and wait for it (the window is closing)."""
        self._prebuild.stop()
        self.save()
        self.tasks.flush()

    def leave(self, *, close: bool = True) -> bool:
        """May the survey leave the screen? Saves what is typed and waits for the result;
        while the last save failed, asks Retry / Stay / Leave and lose. True: it may go (and
        with `close`, nothing of it is written any more); False: the person stays on it.
        `close=False` when something else may still keep it on screen (quitting asks about
        unsent surveys next)."""
        if self._closed:
            return True
        if not self.read_only and not self._audit_reason_given():
            return False
        self._prebuild.stop()
        self._leaving = True
        try:
            while True:
                self.save()
                self.tasks.settle()  # the save's result is delivered here, not later
                if self.read_only or not self._save_failed:
                    break
                choice = self._ask_unsaved()
                if choice == "stay":
                    return False
                if choice == "lose":
                    self._dirty = False  # chosen: what the failed saves held is let go
                    break
                self._dirty = True  # retry
        finally:
            self._leaving = False
        if close:
            self.close_form()
        return True

    def close_form(self) -> None:
        """The form leaves the screen: no more writes, late results ignored."""
        self._stop_audit()
        self._autosave.stop()
        self._prebuild.stop()
        self._closed = True

    def _ask_unsaved(self) -> str:
        """'retry', 'stay' or 'lose': the person's answer to a failed save when leaving."""
        tr = QCoreApplication.translate
        box = QMessageBox(self)
        box.setObjectName("unsavedBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("SurveyForm", "Answers not saved"))
        box.setText(tr("SurveyForm", "Your last answers could not be saved."))
        why = describe(self._last_error)[0] if self._last_error is not None else ""
        box.setInformativeText(
            (why + "\n\n" if why else "")
            + tr(
                "SurveyForm",
                "They are still on the screen. Try saving again, stay on the survey, or leave "
                "it and lose the answers typed since the last save.",
            )
        )
        retry = box.addButton(tr("SurveyForm", "Retry"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(tr("SurveyForm", "Stay"), QMessageBox.ButtonRole.RejectRole)
        lose = box.addButton(
            tr("SurveyForm", "Leave and lose the answers"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.setDefaultButton(retry)
        box.setEscapeButton(stay)
        self.unsaved_box = box
        try:
            box.exec()
        finally:
            self.unsaved_box = None
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is lose:
            return "lose"
        if clicked is retry:
            return "retry"
        return "stay"

    def go_back(self) -> None:
        if self.leave():
            self.back.emit(self.survey.establishment_id)

    def _show_save_state(self) -> None:
        if self.read_only:
            self.save_state.setText("")
        elif self._save_failed:
            self.save_state.setText(self.tr("Not saved!"))
            self.save_state.setStyleSheet("color: #b71c1c; font-weight: bold")
            return
        elif self._dirty or self._saving:
            self.save_state.setText(self.tr("Saving…"))
        elif self._saved_at:
            self.save_state.setText(self.tr("Saved at %1").replace("%1", isolated(self._saved_at)))
        else:
            self.save_state.setText(self.tr("All answers saved"))
        self.save_state.setStyleSheet("color: #555")

    def _show_status(self) -> None:
        status = str(self.survey.status)
        self.status.setText(status_label(status))
        colour = STATUS_COLOURS.get(status)
        self.status.setStyleSheet(
            f"color: {colour.name()}; font-weight: bold" if colour is not None else ""
        )

    def _finalize_now(self) -> None:
        if not self._audit_reason_given():
            return
        self._autosave.stop()
        snapshot = copy.deepcopy(self.answers)
        survey_id = self.survey.id
        form = self.form
        self._dirty = False
        self._saving += 1
        rows = self._audit_rows_op(self._take_audit("form finalize"))
        self._stop_audit()

        def op(store: Store) -> tuple[Survey, int]:
            answers = with_metadata(store, form, survey_id, snapshot)
            events, unwritten = audit_rows_in_op(store, rows)
            answers = with_audit(store, form, survey_id, answers, events)
            survey = store.finalize(
                survey_id,
                answers,
                validate=lambda s: form.validate(s.answers, finalize=True),
                audit_rows=unwritten,
            )
            if events and rows[0] is not None:
                rows[0].written()
            return survey, store.outbox_count()

        self.tasks.write(op, success=self._finalized, failure=self._save_failed_with)

    def _finalized(self, result: tuple[Survey, int]) -> None:
        if self._closed:
            return
        survey, outbox = result
        self._saving -= 1
        self.survey = survey
        self.read_only = True
        self.panel.hide()
        self._issues_shown = False
        self._refresh()
        self.retranslate()
        self.saved.emit(survey, outbox)
        self.finalized.emit(survey)
        # The form is read-only now: the way on is back to the list.
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def offer_move(self) -> None:
        """Show what moving the draft to the newer version keeps and drops; move on OK."""
        newer = self.newer
        if newer is None or self.read_only:
            return
        fit = fit_answers(newer, self.answers)
        dialog = MoveDialog(self.form, newer, fit, self)
        self.move_dialog = dialog

        def done(result: int) -> None:
            self.move_dialog = None
            dialog.deleteLater()
            if result == MoveDialog.DialogCode.Accepted:
                self._move_now(newer)

        dialog.finished.connect(done)
        dialog.open()

    def _move_now(self, newer: Form) -> None:
        # Fitted again from the answers as they are now (the same, unless typed meanwhile).
        # Edits stop while the move is written: a save of the old version's answers queued
        # after it would put the dropped answers back.
        fit = fit_answers(newer, self.answers)
        self._autosave.stop()
        self._dirty = False
        self.read_only = True
        self.setEnabled(False)
        self._saving += 1
        survey_id = self.survey.id

        def op(store: Store) -> tuple[Survey, int]:
            survey = store.move_to_form_version(survey_id, newer.version, fit.kept, fit.dropped)
            return survey, store.outbox_count()

        self.tasks.write(op, success=self._moved, failure=self._move_failed)

    def _moved(self, result: tuple[Survey, int]) -> None:
        if self._closed:
            return
        survey, outbox = result
        self._saving -= 1
        self.survey = survey
        self.saved.emit(survey, outbox)
        self.moved.emit(survey.id)

    def _move_failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self._saving -= 1
        self.read_only = False
        self.setEnabled(True)
        self._dirty = True
        self._show_save_state()
        self.report_error(exc)
