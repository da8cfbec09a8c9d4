"""What a field agent does all day, in French and in Arabic, checked the way a person would:
by what the screen says and shows.

Find an establishment, start its baseline survey, answer so that questions appear and
disappear, meet a constraint message, let it autosave, close the app and reopen it, find the
draft with its answers, try to finalize (see what is missing, jump to it), fill it in,
finalize.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QRadioButton, QWidget

from fieldapp.forms import Group, baseline_form, demo_answers
from fieldapp.store import Store
from ui.mainwindow import MainWindow
from ui.survey.form import SurveyForm
from ui.survey.grid import RepeatGrid
from ui.survey.media_editors import ImageEditor

LANGS = ["fr", "ar"]
CTRL = Qt.KeyboardModifier.ControlModifier
WORDS = {
    "fr": {
        "one": "1 établissement",
        "draft": "Brouillon",
        "finalized": "Finalisée",
        "continue": "&Continuer l'enquête",
        "saved": "Enregistré à",
        "nothing_missing": "Rien ne manque : l'enquête peut être finalisée.",
    },
    "ar": {
        "one": "مؤسسة واحدة",
        "draft": "مسودة",
        "finalized": "منتهية",
        "continue": "&متابعة الاستمارة",
        "saved": "تم الحفظ على الساعة",
        "nothing_missing": "لا شيء ناقص: يمكن إنهاء الاستمارة.",
    },
}


def first_establishment(profile: Path, position: int = 0) -> Any:
    with Store.open(profile) as store:
        return store.get_establishment(store.find_establishment_ids()[position])


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type like a keyboard does, Arabic letters included (QTest.keyClicks only knows
    Latin-1 keys and aborts on others)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def search(qtbot, window: MainWindow, text: str) -> None:
    window.filters.search.clear()
    type_text(qtbot, window.filters.search, text)


def visible_codes(window: MainWindow) -> list[str]:
    return [window.model.index(r, 0).data() for r in range(window.model.rowCount())]


def radio(form: SurveyForm, question: str, choice: str) -> QRadioButton:
    view = form.question_view(question)
    # Let a page just shown lay itself out, and bring the question into view, as a person
    # scrolls to it before clicking.
    QApplication.processEvents()
    form.pages[form.current_section].ensureWidgetVisible(view)
    for button in view.editor.buttons:  # type: ignore[attr-defined]
        if button.property("choice") == choice:
            return button
    raise AssertionError(f"no choice {choice} in {question}")


def start_survey(qtbot, window: MainWindow, code: str) -> SurveyForm:
    search(qtbot, window, code)
    assert visible_codes(window) == [code]
    qtbot.mouseClick(window.detail.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.survey_form is not None)
    assert window.survey_form is not None
    return window.survey_form


def wait_saved(qtbot, form: SurveyForm) -> None:
    qtbot.waitUntil(lambda: not form.dirty and not form.saving, timeout=5000)


def photo(tmp_path: Path, name: str) -> Path:
    """A camera-sized picture (bigger than what is stored)."""
    image = QImage(3200, 2400, QImage.Format.Format_RGB32)
    image.fill(QColor("#5a8"))
    path = tmp_path / name
    assert image.save(str(path), "PNG")
    return path


def fill_completely(qtbot, form: SurveyForm, answers: dict[str, Any], tmp_path: Path) -> None:
    """Give every answer through its editor, repeats and photos included."""

    def give(name: str, index: tuple[int, ...], value: Any) -> None:
        view = form.question_view(name, index)
        if view.question.type in ("calculate", "note"):
            return
        if isinstance(view.editor, ImageEditor):
            form.attach_image(view, str(photo(tmp_path, f"{name}.png")))
            qtbot.waitUntil(lambda: view.editor.value() is not None, timeout=10000)
            return
        view.editor.set_value(value)
        view.editor.changed.emit()

    for name, value in answers.items():
        item = form.form.item(name)
        if isinstance(item, Group):
            repeat = form.repeat_view(name)
            if isinstance(repeat, RepeatGrid):  # the bills and the staff: cell by cell
                columns = [q.name for q in repeat.columns]
                for position, instance in enumerate(value):
                    for key, inner in instance.items():
                        if key in columns:
                            repeat.enter(position, columns.index(key), inner)
                continue
            while len(repeat.instances) < len(value):
                qtbot.mouseClick(repeat.add, Qt.MouseButton.LeftButton)
            for position, instance in enumerate(value):
                for key, inner in instance.items():
                    give(key, (position,), inner)
        else:
            give(name, (), value)


@pytest.mark.parametrize("lang", LANGS)
def test_agent_finds_an_establishment_by_typing(qtbot, open_window, profile, lang):
    window = open_window(lang)
    target = first_establishment(profile, 7)
    assert window.model.rowCount() == 40

    search(qtbot, window, target.code.lower())

    assert visible_codes(window) == [target.code]
    assert window.count_label.text() == WORDS[lang]["one"]
    name = target.name_ar if lang == "ar" else target.name_fr
    assert window.model.index(0, 1).data() == name
    assert window.detail.title.text() == name
    if lang == "ar":
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.table.isRightToLeft() and window.detail.isRightToLeft()
        # An agent types the Arabic name, with or without hamza or ta marbuta.
        search(qtbot, window, target.name_ar.replace("أ", "ا").replace("ة", "ه"))
        assert target.code in visible_codes(window)
    else:
        assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize("lang", LANGS)
def test_agent_fills_a_survey_over_two_visits_and_finalizes_it(
    qtbot, open_window, profile, tmp_path, lang
):
    words = WORDS[lang]
    target = first_establishment(profile, 3)
    window = open_window(lang)
    form = start_survey(qtbot, window, target.code)

    # What the registry knows is already there for the agent to check.
    assert form.question_view("eps_code").editor.value() == target.code
    assert form.title.text().endswith(target.code)

    # Relevance: the provider is asked only once there is a connection.
    form.step_section(2)
    provider = form.question_view("provider")
    assert provider.isHidden()
    qtbot.mouseClick(radio(form, "connection_type", "router_4g"), Qt.MouseButton.LeftButton)
    assert provider.isVisible()
    assert provider.label_text() == provider.question.label[lang]
    qtbot.mouseClick(radio(form, "connection_type", "none"), Qt.MouseButton.LeftButton)
    assert provider.isHidden()
    assert form.question_view("download_mbps").isHidden()
    qtbot.mouseClick(radio(form, "connection_type", "router_4g"), Qt.MouseButton.LeftButton)
    assert provider.isVisible()

    # A constraint: more working computers than computers.
    computers = form.question_view("computers")
    working = form.question_view("computers_working")
    assert working.isHidden()  # asked only when there are computers
    qtbot.keyClicks(computers.editor.focus_target(), "3")
    assert working.isVisible()
    qtbot.keyClicks(working.editor.focus_target(), "5")
    assert working.message.isVisible()
    assert working.message.text() == working.question.constraint_message[lang]
    qtbot.keyClick(working.editor.focus_target(), Qt.Key.Key_Backspace)
    qtbot.keyClicks(working.editor.focus_target(), "2")
    assert working.message.isHidden()

    # Autosave: nothing to press.
    wait_saved(qtbot, form)
    assert form.save_state.text().startswith(words["saved"])
    survey_id = form.survey.id
    with Store.open(profile) as store:
        saved = store.get_survey(survey_id)
    assert saved.answers["computers"] == 3
    assert saved.answers["computers_working"] == 2
    assert saved.answers["connection_type"] == "router_4g"

    # The laptop is closed; the next day the agent opens the app again.
    window.close()
    window = open_window(lang)
    search(qtbot, window, target.code)
    assert window.detail.survey_table.rowCount() == 1
    assert window.detail.survey_table.item(0, 1).text() == words["draft"]
    assert window.model.index(0, 5).data() == words["draft"]
    assert not window.detail.start_button.isEnabled()
    assert window.detail.open_button.text() == words["continue"]
    qtbot.mouseClick(window.detail.open_button, Qt.MouseButton.LeftButton)
    form = window.survey_form
    assert form is not None and form.survey.id == survey_id
    assert form.question_view("computers_working").editor.focus_target().text() == "2"
    # Two sections on, with the keyboard.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert form.current_section == 2
    assert radio(form, "connection_type", "router_4g").isChecked()
    assert form.question_view("provider").isVisible()

    # Finalize too early: what is missing is listed, and a line leads to its question.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert form.panel.isVisible()
    assert form.panel.count > 10
    provider_label = form.question_view("provider").label_text()
    assert any(line.startswith(provider_label) for line in form.panel.lines())
    assert form.question_view("provider").message.isVisible()
    form.panel.select("provider")
    qtbot.keyClick(form.panel.list, Qt.Key.Key_Return)
    assert form.current_section == 2
    target_widget = form.question_view("provider").editor.focus_target()
    qtbot.waitUntil(target_widget.hasFocus)

    # Fill in everything, then finalize for real.
    answers = demo_answers(form.form, random.Random(11), complete=True)
    fill_completely(qtbot, form, answers, tmp_path)
    assert not form.question_view("provider").message.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert form.panel.lines() == []
    assert form.panel.title.text() == words["nothing_missing"]
    box = form.confirm_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.read_only, timeout=5000)
    assert form.status.text() == words["finalized"]
    assert form.read_only_banner.isVisible()
    assert not form.finalize_button.isVisible()
    with Store.open(profile) as store:
        final = store.get_survey(survey_id)
        assert str(final.status) == "finalized"
        assert final.answers["photo_roof"]["sha256"]
        assert store.attachment_path(final.answers["photo_roof"]["sha256"]).exists()

    # Back in the list, the establishment says so too.
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.index(0, 5).data() == words["finalized"])


def test_the_baseline_is_the_form_new_surveys_use():
    assert baseline_form().id == "eps_baseline"
