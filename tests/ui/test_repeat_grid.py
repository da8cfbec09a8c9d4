"""Repeats as grids (ui/survey/grid.py): the twelve bills and the staff roster typed like a
spreadsheet, with the keys only: where Enter, Tab, arrows and typing go, each cell's
message, adding and removing rows, the months counted back from the visit, live totals, the
Arabic grid right to left, and the same answers stored as the cards store."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.forms import Form, baseline_form, load_form
from fieldapp.store import Store
from ui.mainwindow import MainWindow
from ui.survey.dates import months_before
from ui.survey.form import SurveyForm
from ui.survey.grid import RepeatGrid, grid_columns

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the focus is nowhere"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
    QTest.keyClick(focus(), key, modifier)
    QApplication.processEvents()


def type_(text: str) -> None:
    for char in text:
        if char.isascii():
            QTest.keyClick(focus(), char)
        else:  # an Arabic letter as the keyboard sends it
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(focus(), QKeyEvent(kind, 0, NO, char))
    QApplication.processEvents()


def enter() -> None:
    press(Qt.Key.Key_Return)


def visit_day() -> date:
    return date.today() - timedelta(days=10)


def open_draft(
    qtbot, profile: Path, window: MainWindow, answers: dict[str, Any], form: Form | None = None
) -> SurveyForm:
    establishment_id = window.model.id_at(0)
    assert establishment_id is not None
    form = form or baseline_form()
    with Store.open(profile, actor="agent.test") as store:
        survey_id = store.start_survey(establishment_id, form.id, form.version, answers=answers).id
    window.open_survey(survey_id)
    qtbot.waitUntil(lambda: window.survey_form is not None)
    assert window.survey_form is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window.survey_form


def into_grid(form: SurveyForm, grid: RepeatGrid) -> None:
    """Reach the grid as Enter does from the question before it."""
    form.go_to_section(form._section_of[grid.group.name], focus=False)
    grid.table.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert focus() is grid.table


def current(grid: RepeatGrid) -> tuple[int, str]:
    index = grid.table.currentIndex()
    return index.row(), grid.columns[index.column()].name


def stored(profile: Path, survey_id: str) -> dict[str, Any]:
    with Store.open(profile) as store:
        return store.get_survey(survey_id).answers


def test_the_baseline_shows_bills_and_staff_as_grids_and_other_repeats_keep_cards():
    form = baseline_form()
    assert [q.name for q in grid_columns(form.item("bills"))] == [
        "bill_month",
        "amount_mad",
        "kwh",
    ]
    assert [q.name for q in grid_columns(form.item("staff"))] == [
        "staff_role",
        "staff_role_other",
        "staff_number",
        "staff_women",
        "staff_contract",
    ]
    cards = copy.deepcopy(form.to_json())
    _repeat(cards, "bills")["appearance"] = ""
    assert grid_columns(load_form(cards).item("bills")) is None
    photo = copy.deepcopy(form.to_json())
    _repeat(photo, "bills")["children"].append(
        {"type": "image", "name": "bill_photo", "label": {"fr": "P", "ar": "P", "en": "P"}}
    )
    assert grid_columns(load_form(photo).item("bills")) is None  # a photo needs a card


def _repeat(data: dict[str, Any], name: str) -> dict[str, Any]:
    def walk(items: list[dict[str, Any]]) -> dict[str, Any] | None:
        for item in items:
            if item["name"] == name:
                return item
            found = walk(item.get("children", []))
            if found:
                return found
        return None

    found = walk(data["children"])
    assert found is not None
    return found


def test_bills_typed_like_a_spreadsheet_with_months_counted_back_and_live_totals(
    qtbot, open_window, profile
):
    window = open_window()
    visit = visit_day()
    form = open_draft(
        qtbot, profile, window, {"visit_date": visit.isoformat(), "grid_connected": "yes"}
    )
    grid = form.grid("bills")
    months = months_before(visit.isoformat(), 12)
    assert grid.model.rowCount() == 12  # repeat_count: no new row
    assert [b["bill_month"] for b in form.answers["bills"]] == months
    first = grid.model.index(0, 0).data()
    assert first == f"{months[0][5:7]}/{months[0][:4]}"

    into_grid(form, grid)
    assert current(grid) == (0, "amount_mad")  # the month is there: the amount is next
    type_("1500")
    enter()
    assert current(grid) == (0, "kwh")
    type_("1000")
    enter()
    assert current(grid) == (1, "amount_mad")  # next row, its first cell to answer
    assert form.answers["bills"][0] == {"bill_month": months[0], "amount_mad": 1500, "kwh": 1000}
    type_("1510,5")
    press(Qt.Key.Key_Tab)
    assert current(grid) == (1, "kwh")
    type_("1010")
    enter()
    assert form.answers["bills"][1]["amount_mad"] == 1510.5
    # Live totals: the grid's and the form's note.
    totals = grid.totals.text()
    assert "3\xa0010.5" in totals and "2\xa0010" in totals, totals
    summary = form.question_view("bills_summary").label_text()
    assert "3\xa0010.5 MAD pour 2\xa0010 kWh" in summary, summary


def test_visit_date_change_moves_only_the_months_not_typed(qtbot, open_window, profile):
    window = open_window()
    visit = visit_day()
    form = open_draft(
        qtbot, profile, window, {"visit_date": visit.isoformat(), "grid_connected": "yes"}
    )
    grid = form.grid("bills")
    into_grid(form, grid)
    grid.table.go(2, 0)
    months = months_before(visit.isoformat(), 12)
    typed = months[0]  # the agent corrects row 3 to the oldest month
    type_(f"{typed[5:7]}/{typed[:4]}")
    enter()
    assert form.answers["bills"][2]["bill_month"] == typed
    earlier = visit - timedelta(days=62)
    view = form.question_view("visit_date")
    edit = view.editor.focus_target()
    edit.setFocus()
    edit.selectAll()
    type_(earlier.strftime("%d/%m/%Y"))
    QApplication.processEvents()
    now = [b["bill_month"] for b in form.answers["bills"]]
    offered = months_before(earlier.isoformat(), 12)
    assert now[2] == typed  # typed by the agent: kept
    assert [m for i, m in enumerate(now) if i != 2] == [m for i, m in enumerate(offered) if i != 2]
