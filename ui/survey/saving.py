"""Every write of the survey form, in one place: autosave, Ctrl+S, finalize, the move to a
newer form version; each runs on the writer thread (`Tasks.write`) and reports back here."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTime

from fieldapp.domain import Survey
from fieldapp.forms import Form, fit_answers
from fieldapp.forms.meta import fill_metadata
from fieldapp.store import Store
from ui.labels import STATUS_COLOURS, status_label
from ui.languages import isolated
from ui.survey.upgrade import MoveDialog


def with_metadata(
    store: Store, form: Form, survey_id: str, answers: dict[str, Any]
) -> dict[str, Any]:
    """The answers with the form's metadata questions (start, end, today, deviceid,
    username) filled, keeping what the survey already holds; run in the write op."""
    previous = store.get_survey(survey_id).answers
    return fill_metadata(
        form,
        answers,
        previous=previous,
        now=datetime.now(UTC).astimezone(),
        device_id=store.get_state("device_id"),
        username=store.get_state("username") or store.actor or None,
    )


AUTOSAVE_MS = 800


class SurveySaving:
    """The survey form's writes (a part of SurveyForm)."""

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def saving(self) -> bool:
        return self._saving > 0

    def save(self) -> None:
        """Write the answers now (autosave, Ctrl+S, leaving a section)."""
        self._autosave.stop()
        if self.read_only or not self._dirty:
            return
        snapshot = copy.deepcopy(self.answers)
        survey_id = self.survey.id
        self._dirty = False
        self._saving += 1
        self._show_save_state()

        form = self.form

        def op(store: Store) -> tuple[Survey, int]:
            answers = with_metadata(store, form, survey_id, snapshot)
            return store.save_answers(survey_id, answers), store.outbox_count()

        self.tasks.write(op, success=self._saved, failure=self._save_failed_with)

    def _saved(self, result: tuple[Survey, int]) -> None:
        survey, outbox = result
        self._saving -= 1
        self._save_failed = False
        self.survey = survey
        self._saved_at = QTime.currentTime().toString("HH:mm:ss")
        self._show_save_state()
        self._show_status()
        self.saved.emit(survey, outbox)

    def _save_failed_with(self, exc: BaseException) -> None:
        self._saving -= 1
        self._dirty = True  # try again at the next edit or Ctrl+S
        self._save_failed = True
        self._show_save_state()
        self.report_error(exc)

    def flush(self) -> None:
        """Save what is pending and wait for it (the window is closing)."""
        self._prebuild.stop()
        self.save()
        self.tasks.flush()

    def go_back(self) -> None:
        self.save()
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
        self._autosave.stop()
        snapshot = copy.deepcopy(self.answers)
        survey_id = self.survey.id
        form = self.form
        self._dirty = False
        self._saving += 1

        def op(store: Store) -> tuple[Survey, int]:
            answers = with_metadata(store, form, survey_id, snapshot)
            survey = store.finalize(
                survey_id, answers, validate=lambda s: form.validate(s.answers, finalize=True)
            )
            return survey, store.outbox_count()

        self.tasks.write(op, success=self._finalized, failure=self._save_failed_with)

    def _finalized(self, result: tuple[Survey, int]) -> None:
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
        survey, outbox = result
        self._saving -= 1
        self.survey = survey
        self.saved.emit(survey, outbox)
        self.moved.emit(survey.id)

    def _move_failed(self, exc: BaseException) -> None:
        self._saving -= 1
        self.read_only = False
        self.setEnabled(True)
        self._dirty = True
        self._show_save_state()
        self.report_error(exc)
