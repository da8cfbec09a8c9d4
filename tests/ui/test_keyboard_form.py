"""The survey form's keyboard details: choices by arrows and digits, dates as typed in
Morocco, the Tab chain after a drop-down is rebuilt, clearing without a Tab stop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from ui.survey.dates import date_text, months_before, parse_date_text
from ui.survey.form import SurveyForm

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize(
    ("typed", "month_year", "stored"),
    [
        ("20/11/2026", False, "2026-11-20"),
        ("2026-11-20", False, "2026-11-20"),
        ("20112026", False, "2026-11-20"),
        ("٢٠/١١/٢٠٢٦", False, "2026-11-20"),
        ("3/2/2026", False, "2026-02-03"),
        ("31/02/2026", False, None),
        ("Pas de date0261201", False, None),
        ("31/12/1899", False, None),
        ("01/01/1900", False, None),
        ("03/2026", True, "2026-03-01"),
        ("2026-03", True, "2026-03-01"),
        ("032026", True, "2026-03-01"),
        ("13/2026", True, None),
    ],
)
def test_dates_are_read_as_typed(typed, month_year, stored):
    assert parse_date_text(typed, month_year=month_year) == stored


def test_dates_are_shown_day_first_and_months_count_back_from_the_visit():
    assert date_text("2026-11-20") == "20/11/2026"
    assert date_text("2026-03-01", month_year=True) == "03/2026"
    months = months_before("2026-01-15", 12)
    assert months[0] == "2025-01-01" and months[-1] == "2025-12-01" and len(months) == 12


def open_form(qtbot, window) -> SurveyForm:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_survey(window.model.id_at(0))
    qtbot.waitUntil(lambda: window.survey_form is not None)
    form = window.survey_form
    qtbot.waitUntil(lambda: form.stack.isAncestorOf(QApplication.focusWidget()))
    return form


def test_radio_choices_by_arrows_digits_and_delete(qtbot, open_window):
    form = open_form(qtbot, open_window())
    editor = form.question_view("respondent_role").editor
    assert editor.buttons[0].text().startswith("1. ")
    first = editor.focus_target()
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert editor.value() == editor.buttons[1].property("choice")
    assert editor.buttons[1].hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), "4")
    assert editor.value() == editor.buttons[3].property("choice")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert editor.value() is None
    # One Tab stop per question; "clear the answer" is not one.
    assert [b for b in editor.buttons if b.focusPolicy() & Qt.FocusPolicy.TabFocus] == [
        editor.buttons[3]
    ]
    assert all(
        b.focusPolicy() == Qt.FocusPolicy.NoFocus
        for b in form.findChildren(QToolButton, "clearAnswer")
    )


def test_select_multiple_by_digits_and_space(qtbot, open_window):
    form = open_form(qtbot, open_window())
    form.go_to_section(form._section_of["hot_water_source"])
    editor = form.question_view("hot_water_source").editor
    editor.focus_target().setFocus()
    qtbot.keyClick(QApplication.focusWidget(), "2")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert editor.value() == ["gas", "solar"]


def test_tab_reaches_every_question_in_order_after_the_province_list_is_rebuilt(qtbot, open_window):
    form = open_form(qtbot, open_window())
    region = form.question_view("region").editor.focus_target()
    region.setFocus()
    before = form.question_view("province").editor.combo.count()
    qtbot.keyClick(region, Qt.Key.Key_Down)  # another region: the provinces change
    assert form.question_view("province").editor.combo.count() != before or before
    order = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        for (name, _index), view in form.views.items():
            if view.isAncestorOf(QApplication.focusWidget()) and name not in order:
                order.append(name)
    assert order[:5] == ["province", "commune", "gps", "ocp_site", "ocp_distance_km"], order


def test_enter_goes_to_the_next_question_and_a_bad_date_says_so(qtbot, open_window):
    form = open_form(qtbot, open_window())
    date_editor = form.question_view("visit_date").editor
    date_editor.focus_target().setFocus()
    qtbot.keyClicks(date_editor.focus_target(), "2026-12-01x")
    assert date_editor.problem.isVisibleTo(form) and date_editor.value() is None
    assert "visit_date" not in form.answers
    date_editor.focus_target().clear()
    qtbot.keyClicks(date_editor.focus_target(), "01/12/2026")
    assert form.answers["visit_date"] == "2026-12-01"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert form.question_view("respondent_name").editor.isAncestorOf(QApplication.focusWidget())
