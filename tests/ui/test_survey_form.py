"""The survey form's details: closing saves, keyboard, ranks, repeats, photos, geopoints,
returned surveys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.forms import Form, baseline_form, load_form
from fieldapp.store import Store
from ui.mainwindow import FormCatalog, MainWindow
from ui.survey.checks import parse_path
from ui.survey.form import SurveyForm
from ui.survey.photos import MAX_IMAGE_SIDE

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def open_survey(qtbot, window: MainWindow, position: int = 0) -> SurveyForm:
    establishment_id = window.model.id_at(position)
    assert establishment_id is not None
    window.start_survey(establishment_id)
    qtbot.waitUntil(lambda: window.survey_form is not None)
    assert window.survey_form is not None
    return window.survey_form


def stored_answers(profile: Path, survey_id: str) -> dict:
    with Store.open(profile) as store:
        return store.get_survey(survey_id).answers


def test_closing_the_window_saves_what_was_just_typed(qtbot, open_window, profile):
    window = open_window()
    form = open_survey(qtbot, window)
    qtbot.waitUntil(lambda: not form.saving)
    view = form.question_view("respondent_name")
    qtbot.keyClicks(view.editor.focus_target(), "Latifa Benali")
    assert form.dirty  # the autosave timer has not fired yet
    window.close()
    assert stored_answers(profile, form.survey.id)["respondent_name"] == "Latifa Benali"


def test_sections_change_with_the_keyboard_and_leaving_saves(qtbot, open_window, profile):
    window = open_window()
    form = open_survey(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClicks(form.question_view("respondent_name").editor.focus_target(), "Said")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert form.current_section == 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert form.pages[1].isAncestorOf(QApplication.focusWidget())
    qtbot.waitUntil(lambda: not form.dirty and not form.saving)
    assert stored_answers(profile, form.survey.id)["respondent_name"] == "Said"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, CTRL)
    assert form.current_section == 0
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, CTRL)
    assert window.pages.currentWidget() is window.list_page


def test_ranking_by_keyboard(qtbot, open_window):
    window = open_window()
    form = open_survey(qtbot, window)
    view = form.question_view("priority_needs")
    editor = view.editor
    assert editor.value() is None  # the first order shown is not an answer
    first = [c.name for c in view.question.choices]
    editor.list.setCurrentRow(0)
    qtbot.keyClick(editor.list, Qt.Key.Key_Down, ALT)
    assert editor.value() == [first[1], first[0], *first[2:]]
    assert form.answers["priority_needs"] == editor.value()
    assert editor.list.item(0).text().startswith("1. ")
    qtbot.mouseClick(editor.up, Qt.MouseButton.LeftButton)
    assert editor.value() == first


def cards_form() -> Form:
    """The baseline with its repeats shown as cards (no `grid`), as other forms'."""
    data = baseline_form().to_json()
    for section in data["children"]:
        for item in section.get("children", []):
            if item["type"] == "repeat":
                item.pop("appearance", None)
    return load_form(data)


def test_repeats_add_and_remove_with_confirmation(qtbot, open_window):
    window = open_window(forms=FormCatalog(cards_form))
    form = open_survey(qtbot, window)
    staff = form.repeat_view("staff")
    assert staff.instances == []
    qtbot.mouseClick(staff.add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(staff.add, Qt.MouseButton.LeftButton)
    assert len(staff.instances) == 2
    for position, count in ((0, 2), (1, 4)):
        number = form.question_view("staff_number", (position,))
        number.editor.set_value(count)
        number.editor.changed.emit()
    assert form.answers["staff"][1]["staff_number"] == 4
    assert form.evaluation.value("staff_total") == 6
    qtbot.mouseClick(staff.instances[0].remove, Qt.MouseButton.LeftButton)
    box = form.confirm_box
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)
    assert len(form.answers["staff"]) == 1
    assert form.answers["staff"][0]["staff_number"] == 4
    assert form.question_view("staff_number", (0,)).editor.value() == 4


def test_a_photo_is_scaled_stored_and_shown(qtbot, open_window, profile, tmp_path):
    window = open_window()
    form = open_survey(qtbot, window)
    image = QImage(4000, 3000, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    path = tmp_path / "roof.png"
    image.save(str(path))
    view = form.question_view("photo_roof")
    form.attach_image(view, str(path))
    qtbot.waitUntil(lambda: view.editor.value() is not None, timeout=10000)
    value = view.editor.value()
    assert value["filename"] == "roof.png"
    assert not view.editor.thumbnail.pixmap().isNull()
    with Store.open(profile) as store:
        stored = QImage.fromData(store.read_attachment(value["sha256"]))
    assert max(stored.width(), stored.height()) == MAX_IMAGE_SIDE
    assert stored.width() / stored.height() == pytest.approx(4 / 3, rel=0.01)


def test_an_unreadable_photo_is_explained(qtbot, open_window, tmp_path):
    window = open_window()
    form = open_survey(qtbot, window)
    broken = tmp_path / "meter.jpg"
    broken.write_bytes(b"not a picture")
    view = form.question_view("photo_roof")
    form.attach_image(view, str(broken))
    qtbot.waitUntil(lambda: bool(window.errors.shown))
    box = window.errors.shown[-1]
    assert box.text() == "L'image meter.jpg ne peut pas être lue."
    assert "fieldapp.log" in box.informativeText()
    assert view.editor.value() is None and view.editor.pick.isEnabled()


def test_geopoint_is_checked_as_typed_and_can_take_the_registry_position(qtbot, open_window):
    window = open_window()
    form = open_survey(qtbot, window)
    view = form.question_view("gps")
    editor = view.editor
    qtbot.keyClicks(editor.lat, "132")
    assert editor.problem.isVisible()
    assert editor.problem.text() == "La latitude doit être comprise entre -90 et 90."
    editor.lat.clear()
    qtbot.mouseClick(editor.use_registry, Qt.MouseButton.LeftButton)
    assert not editor.problem.isVisible()
    value = form.answers["gps"]
    assert value["lat"] == pytest.approx(form.establishment.latitude)
    assert value["lon"] == pytest.approx(form.establishment.longitude)


def test_a_returned_survey_opens_with_the_coordinators_comment(qtbot, open_window, profile):
    window = open_window()
    form = open_survey(qtbot, window)
    survey_id = form.survey.id
    qtbot.waitUntil(lambda: not form.saving)
    window.close()
    with Store.open(profile) as store:  # what a pulled review decision leaves behind
        store.conn.execute(
            "UPDATE surveys SET status = 'returned', review_comment = ? WHERE id = ?",
            ("Les factures de mars manquent.", survey_id),
        )
    window = open_window("ar")
    window.open_survey(survey_id)
    form = window.survey_form
    assert form.returned_banner.isVisible()
    assert form.returned_banner.text() == "أعادها منسقك للتصحيح:\nLes factures de mars manquent."
    assert form.finalize_button.isVisible()


def test_paths_of_issues_name_the_question_and_its_instance():
    assert parse_path("visit_date") == ("visit_date", ())
    assert parse_path("bills[3]/amount_mad") == ("amount_mad", (2,))
    assert parse_path("a[1]/b[2]/x") == ("x", (0, 1))
    assert parse_path("bills[2]") == ("bills", (1,))


def test_an_added_instance_shows_its_dynamic_defaults(qtbot, open_window):
    """A default that is an expression is evaluated when the agent adds the instance (ODK),
    with the survey's answers: here its position."""

    def numbered_staff() -> Form:
        data = cards_form().to_json()
        for section in data["children"]:
            for item in section.get("children", []):
                if item["name"] == "staff":
                    for child in item["children"]:
                        if child["name"] == "staff_number":
                            child["default"] = "position(..) * 10"
        return load_form(data)

    window = open_window(forms=FormCatalog(numbered_staff))
    form = open_survey(qtbot, window)
    staff = form.repeat_view("staff")
    qtbot.mouseClick(staff.add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(staff.add, Qt.MouseButton.LeftButton)
    assert [i.get("staff_number") for i in form.answers["staff"]] == [10, 20]
    assert form.question_view("staff_number", (1,)).editor.value() == 20
    assert form.evaluation.value("staff_total") == 30


def test_the_screen_shows_what_the_save_settled(qtbot, open_window, profile):
    """once(random()) shows the value the save stores (seeded by the survey's id), and a
    trigger calculation appears once its question is typed and saved."""

    def with_settled() -> Form:
        data = cards_form().to_json()
        data["children"][0]["children"] += [
            {"type": "calculate", "name": "draw", "calculation": "once(random())"},
            {"type": "calculate", "name": "named", "trigger": "${respondent_name}",
             "calculation": "concat('R:', ${respondent_name})"},
        ]  # fmt: skip
        return load_form(data)

    window = open_window(forms=FormCatalog(with_settled))
    form = open_survey(qtbot, window)
    shown = form.evaluation.value("draw")
    view = form.question_view("respondent_name")
    qtbot.keyClicks(view.editor.focus_target(), "Said")
    qtbot.keyClick(view.editor.focus_target(), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not form.dirty and not form.saving)
    stored = stored_answers(profile, form.survey.id)
    assert stored["draw"] == shown == form.evaluation.value("draw")
    assert stored["named"] == "R:Said" == form.evaluation.value("named")
