"""The app never drops typed answers (issue 11, item 7): after a save failed on a full disk
(SQLite's own, through max_page_count on the writer's connection), leaving the survey, closing
it or quitting asks Retry / Stay / Leave and lose; results of a save that arrive after the
survey was closed never show a false error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from fieldapp.store import Store
from ui.mainwindow import MainWindow
from ui.survey.form import SurveyForm

LONG = "Toit en terrasse, 120 m², orienté plein sud. " * 400  # needs new pages in the file


def open_survey(qtbot, window: MainWindow) -> SurveyForm:
    window.start_survey(window.model.id_at(0))
    qtbot.waitUntil(lambda: window.survey_form is not None)
    form = window.survey_form
    assert form is not None
    qtbot.waitUntil(lambda: not form.saving)
    return form


def fill_disk(window: MainWindow, full: bool = True) -> None:
    """The disk is full for the app's writer (or has room again)."""

    def op(store: Store) -> None:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count={pages if full else 1_000_000_000}")

    window.tasks.write(op)
    window.tasks.settle()


def type_observations(qtbot, form: SurveyForm) -> None:
    qtbot.keyClicks(form.question_view("respondent_name").editor.focus_target(), "Amina")
    form.go_to_section(form._section_of["observations_text"])
    form.question_view("observations_text").editor.focus_target().setPlainText(LONG)
    assert form.dirty


def failed_save(qtbot, open_window, lang: str = "fr") -> tuple[MainWindow, SurveyForm]:
    """A window on a survey whose last save failed on a full disk (its dialog closed)."""
    window = open_window(lang)
    form = open_survey(qtbot, window)
    fill_disk(window)
    type_observations(qtbot, form)
    form.save()
    qtbot.waitUntil(lambda: bool(window.errors.shown))
    for box in list(window.errors.shown):
        box.done(0)
    assert form._save_failed
    return window, form


def stored(profile: Path, survey_id: str) -> dict:
    with Store.open(profile) as store:
        return store.get_survey(survey_id).answers


def answer_the_question(
    choice: str, seen: list[QMessageBox], then: Callable[[], None] | None = None
) -> None:
    """When the question shows, note it, run `then`, and press `choice` (a button text)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "unsavedBox":
            QTimer.singleShot(50, press)
            return
        seen.append(box)
        if then is not None:
            then()
        [button] = [b for b in box.findChildren(QPushButton) if b.text() == choice]
        button.click()

    QTimer.singleShot(50, press)


def test_back_after_a_failed_save_asks_and_stay_keeps_the_answers(qtbot, open_window, profile):
    window, form = failed_save(qtbot, open_window)
    assert form.save_state.text() == "Non enregistré !"
    seen: list[QMessageBox] = []
    answer_the_question("Rester", seen)
    form.back_button.click()
    assert seen and seen[0].text() == "Vos dernières réponses n'ont pas pu être enregistrées."
    assert "Le disque est plein" in seen[0].informativeText()
    assert window.survey_form is form and window.pages.currentWidget() is form
    assert form.answers["respondent_name"] == "Amina" and form.answers["observations_text"] == LONG
    assert window.errors.shown == []  # the question said it; no second dialog
    fill_disk(window, full=False)  # room again: the window closes at the end of the test


def test_retry_once_there_is_room_saves_then_leaves(qtbot, open_window, profile):
    window, form = failed_save(qtbot, open_window)
    survey_id = form.survey.id
    seen: list[QMessageBox] = []
    answer_the_question("Réessayer", seen, then=lambda: fill_disk(window, full=False))
    form.back_button.click()
    assert len(seen) == 1
    assert window.pages.currentWidget() is window.list_page
    answers = stored(profile, survey_id)
    assert answers["respondent_name"] == "Amina" and answers["observations_text"] == LONG


def test_retry_on_a_still_full_disk_asks_again_until_leave_and_lose(qtbot, open_window, profile):
    window, form = failed_save(qtbot, open_window)
    survey_id = form.survey.id
    seen: list[QMessageBox] = []
    answer_the_question(
        "Réessayer", seen, then=lambda: answer_the_question("Quitter et perdre les réponses", seen)
    )
    form.back_button.click()
    assert len(seen) == 2  # asked again after the retry failed
    assert window.pages.currentWidget() is window.list_page
    assert "observations_text" not in stored(profile, survey_id)  # lost, as chosen
    qtbot.wait(300)
    assert window.errors.shown == []


def test_quitting_after_a_failed_save_asks_first(qtbot, open_window, profile):
    window, form = failed_save(qtbot, open_window)
    seen: list[QMessageBox] = []
    answer_the_question("Rester", seen)
    assert window.close() is False  # the person stays: the window too
    assert window.isVisible() and window.survey_form is form and len(seen) == 1
    answer_the_question("Réessayer", seen, then=lambda: fill_disk(window, full=False))
    assert window.close() is True
    assert stored(profile, form.survey.id)["observations_text"] == LONG


def test_opening_another_survey_after_a_failed_save_asks_first(qtbot, open_window, profile):
    window, form = failed_save(qtbot, open_window)
    seen: list[QMessageBox] = []
    answer_the_question("Rester", seen)
    window.open_survey(form.survey.id)  # e.g. the Sync panel reopens it after a merge
    assert len(seen) == 1 and window.survey_form is form
    fill_disk(window, full=False)


def test_closing_right_after_typing_saves_and_shows_no_false_error(qtbot, open_window, profile):
    window = open_window()
    form = open_survey(qtbot, window)
    qtbot.keyClicks(form.question_view("respondent_name").editor.focus_target(), "Khadija")
    form.back_button.click()  # within a second of typing: the autosave had not run
    assert window.pages.currentWidget() is window.list_page
    qtbot.wait(500)  # late results, if any, would arrive here
    assert window.errors.shown == []
    assert stored(profile, form.survey.id)["respondent_name"] == "Khadija"


def test_a_save_result_after_the_form_closed_is_ignored(qtbot, open_window, profile):
    window = open_window()
    form = open_survey(qtbot, window)
    qtbot.keyClicks(form.question_view("respondent_name").editor.focus_target(), "Nadia")
    form.close_form()  # closed by any other path while its save is on the writer thread
    form._dirty = True
    form._closed = False
    form.save()
    form.close_form()
    window.tasks.settle()
    assert window.errors.shown == []


@pytest.mark.parametrize(
    ("lang", "text", "buttons"),
    [
        (
            "fr",
            "Vos dernières réponses n'ont pas pu être enregistrées.",
            {"Réessayer", "Rester", "Quitter et perdre les réponses"},
        ),
        (
            "ar",
            "تعذر حفظ إجاباتك الأخيرة.",
            {"إعادة المحاولة", "البقاء", "المغادرة وفقدان الإجابات"},
        ),
        (
            "en",
            "Your last answers could not be saved.",
            {"Retry", "Stay", "Leave and lose the answers"},
        ),
    ],
)
def test_the_question_in_each_language(qtbot, open_window, lang, text, buttons):
    window, form = failed_save(qtbot, open_window, lang)
    seen: list[QMessageBox] = []
    stay = {"fr": "Rester", "ar": "البقاء", "en": "Stay"}[lang]

    def check() -> None:
        box = seen[0]
        assert box.text() == text
        assert {b.text() for b in box.findChildren(QPushButton)} == buttons

    answer_the_question(stay, seen, then=lambda: check())
    form.back_button.click()
    assert len(seen) == 1 and window.survey_form is form
    fill_disk(window, full=False)


def test_an_open_survey_follows_the_version_a_sync_kept(qtbot, open_window, profile):
    """A sync answered that the server kept the survey on a newer version (moved on another
    laptop): the open form is shown in that version, with what was typed since kept."""
    import json

    from fieldapp.forms import baseline_form
    from fieldapp.store.store import ServerItem

    window = open_window()
    form = open_survey(qtbot, window)
    survey_id = form.survey.id
    definition = baseline_form().to_json()
    definition = json.loads(definition) if isinstance(definition, str) else definition
    newer = f"{definition['version']}.1"
    with Store.open(profile) as store:  # what the sync thread writes
        store.apply_server_changes(
            [ServerItem("form", "f", {"id": definition["id"], "version": newer,
                                      "definition": {**definition, "version": newer}})]
        )  # fmt: skip
        store.move_to_form_version(survey_id, newer, store.get_survey(survey_id).answers)
    window._refresh_open_survey(survey_id)
    qtbot.waitUntil(lambda: window.survey_form is not None and window.survey_form is not form)
    assert window.survey_form.form.version == newer
    assert window.errors.shown == []
