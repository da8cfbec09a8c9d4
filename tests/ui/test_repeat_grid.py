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
from ui.mainwindow import FormCatalog, MainWindow
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


def open_bills(qtbot, profile: Path, window: MainWindow, visit: date) -> SurveyForm:
    """A draft with a visit date and a grid connection: the twelve bills are asked."""
    return open_draft(
        qtbot, profile, window, {"visit_date": visit.isoformat(), "grid_connected": "yes"}
    )


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
    form = open_bills(qtbot, profile, window, visit)
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
    form = open_bills(qtbot, profile, window, visit)
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


def test_each_cell_says_what_is_wrong_and_the_panel_names_row_and_column(
    qtbot, open_window, profile
):
    window = open_window()
    visit = visit_day()
    form = open_bills(qtbot, profile, window, visit)
    grid = form.grid("bills")
    into_grid(form, grid)
    type_("5")  # below the 20 MAD the form allows
    enter()
    message = "Le montant doit être compris entre 20 et 200 000 MAD."
    cell = grid.model.index(0, 1)
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == message
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    grid.table.go(0, 1)
    assert grid.current_problem.isVisible()
    assert grid.current_problem.text() == (
        f"Factures d'électricité des 12 derniers mois 1 · Montant de la facture (MAD) — {message}"
    )
    # Text that is not a month stays in its cell, in red, and is no answer.
    grid.table.go(3, 0)
    type_("13/2026")
    enter()
    assert grid.model.index(3, 0).data() == "13/2026"
    assert (
        grid.model.index(3, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Ce n'est pas un mois")
    )
    assert "bill_month" not in form.answers["bills"][3]  # and no month prefilled over it
    # Required cells are marked in their column's heading.
    heading = grid.model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert heading == "Montant de la facture (MAD) *"

    press(Qt.Key.Key_Return, CTRL)  # finalize: the panel lists what stops it
    lines = form.panel.lines()
    assert f"Montant de la facture (MAD) — {message}" in lines
    assert any(line.startswith("Mois de la facture — ") for line in lines)
    headings = [
        form.panel.list.topLevelItem(i).text(0) for i in range(form.panel.list.topLevelItemCount())
    ]
    assert "4. Énergie et électricité › Factures d'électricité des 12 derniers mois 1" in headings
    # A missing kWh is shown on its cell too, once finalizing was tried.
    assert grid.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) != "Consommation (kWh)"
    form.panel.select("bills[1]/amount_mad")
    form.panel.list.setFocus()
    press(Qt.Key.Key_Return)  # jumps to the cell
    assert focus() is grid.table and current(grid) == (0, "amount_mad")
    # Fixed: the message goes.
    press(Qt.Key.Key_F2)
    type_("0")  # 50
    enter()
    assert grid.problem(0, 1) == ""
    assert form.answers["bills"][0]["amount_mad"] == 50


def test_staff_rows_added_by_typing_removed_with_confirmation(qtbot, open_window, profile):
    window = open_window()
    form = open_draft(qtbot, profile, window, {})
    grid = form.grid("staff")
    assert grid.model.rowCount() == 1  # only the new row, marked +
    assert grid.model.headerData(0, Qt.Orientation.Vertical) == "+"
    into_grid(form, grid)
    assert current(grid) == (0, "staff_role")
    type_("dir")  # type-ahead: Direction
    assert form.answers["staff"] == [{"staff_role": "director"}]
    assert grid.model.rowCount() == 2 and current(grid) == (0, "staff_role")
    enter()
    assert current(grid) == (0, "staff_number")  # 'Précisez' is not asked for a director
    type_("3")
    enter()
    type_("2")
    enter()
    assert current(grid) == (0, "staff_contract")
    assert "1. Fonctionnaire" in grid.current_help.text()  # the digits are shown
    type_("2")
    assert form.answers["staff"][0]["staff_contract"] == "association"
    enter()
    assert current(grid) == (1, "staff_role")  # the new row
    type_("aut")  # Autre: now 'Précisez la fonction' is asked, and Enter goes there
    enter()
    assert current(grid) == (1, "staff_role_other")
    type_("Chauffeur")
    press(Qt.Key.Key_Escape)  # cancelled: nothing typed
    assert "staff_role_other" not in form.answers["staff"][1]
    assert focus() is grid.table
    press(Qt.Key.Key_F2)
    type_("Chauffeur")
    enter()
    assert form.answers["staff"][1]["staff_role_other"] == "Chauffeur"
    assert current(grid) == (1, "staff_number")
    type_("7")
    press(Qt.Key.Key_Tab)
    type_("9")  # more women than people
    press(Qt.Key.Key_Tab)
    assert grid.problem(1, 3) == "Pas plus de femmes que de personnes dans cette fonction."
    assert "Total — " in grid.totals.text() and "Nombre de personnes : 10" in grid.totals.text()

    # Remove the first row: asked first; Cancel keeps it, Remove removes it.
    grid.table.go(0, 2)
    press(Qt.Key.Key_Delete, CTRL)
    box = form.confirm_box
    assert box is not None and "Personnel par fonction · 1" in box.text()
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: form.confirm_box is None)
    assert len(form.answers["staff"]) == 2
    grid.table.setFocus()
    grid.table.go(0, 2)
    press(Qt.Key.Key_Delete, CTRL)
    assert form.confirm_box is not None
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.confirm_box is None)
    assert [s["staff_role"] for s in form.answers["staff"]] == ["other"]
    assert grid.model.rowCount() == 2
    assert focus() is grid.table

    # Delete clears a cell; Enter on the empty new row leaves the grid for the next question.
    grid.table.go(0, 3)
    press(Qt.Key.Key_Delete)
    assert "staff_women" not in form.answers["staff"][0]
    grid.table.go(1, 0)
    enter()
    assert form.question_view("volunteers").editor.isAncestorOf(focus())


def test_tab_and_shift_tab_leave_the_grid_at_either_end(qtbot, open_window, profile):
    window = open_window()
    form = open_bills(qtbot, profile, window, visit_day())
    grid = form.grid("bills")
    into_grid(form, grid)
    grid.table.go(11, 2)
    press(Qt.Key.Key_Tab)
    assert form.question_view("outages").editor.isAncestorOf(focus())
    press(Qt.Key.Key_Tab, SHIFT)
    assert focus() is grid.table and current(grid) == (11, "kwh")  # back on the last cell
    grid.table.go(0, 0)
    press(Qt.Key.Key_Tab, SHIFT)
    assert form.question_view("distributor").editor.isAncestorOf(focus())
    # Arrows move like in a spreadsheet.
    grid.table.setFocus()
    grid.table.go(0, 0)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Right)
    assert current(grid) == (1, "amount_mad")


def test_arabic_grid_runs_right_to_left_with_western_digits(qtbot, open_window, profile):
    window = open_window("ar")
    visit = visit_day()
    form = open_bills(qtbot, profile, window, visit)
    grid = form.grid("bills")
    assert grid.table.isRightToLeft()
    month, amount = (grid.table.visualRect(grid.model.index(0, c)) for c in (0, 1))
    assert month.x() > amount.x()  # the month is the first column, on the right
    heading = grid.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert heading == "شهر الفاتورة *"
    first = months_before(visit.isoformat(), 12)[0]
    assert grid.model.index(0, 0).data() == f"{first[5:7]}/{first[:4]}"
    into_grid(form, grid)
    type_("١٥٠٠")  # Arabic-Indic digits typed are numbers too
    enter()
    assert form.answers["bills"][0]["amount_mad"] == 1500
    grid.table.go(0, 1)
    press(Qt.Key.Key_Left)  # right to left: Left goes to the next column
    assert current(grid) == (0, "kwh")
    assert "المجموع" in grid.totals.text()
    assert "\u20681\xa0500\u2069" in grid.totals.text()  # the number keeps its order
    staff = form.grid("staff")
    into_grid(form, staff)
    type_("طب")  # طبيب, the doctor
    assert form.answers["staff"][0]["staff_role"] == "doctor"


def test_the_grid_stores_what_the_cards_store_for_the_same_keys(qtbot, open_window, profile):
    staff = [("dir", "3", "2", "2"), ("méd", "1", "0", "3")]

    window = open_window()
    form = open_draft(qtbot, profile, window, {})
    grid = form.grid("staff")
    into_grid(form, grid)
    for role, number, women, contract in staff:
        for typed in (role, number, women, contract):
            type_(typed)
            enter()
    assert focus() is grid.table  # on the new row
    form.save()
    qtbot.waitUntil(lambda: not form.saving and not form.dirty)
    from_grid = stored(profile, form.survey.id)["staff"]
    window.close()

    cards = load_form(_without_grids(baseline_form().to_json()))
    window = open_window(forms=FormCatalog(lambda: cards))
    form = open_draft(qtbot, profile, window, {}, cards)
    repeat = form.repeat_view("staff")
    assert not isinstance(repeat, RepeatGrid)
    form.go_to_section(form._section_of["staff"], focus=False)
    for position, (role, number, women, contract) in enumerate(staff):
        repeat.add.setFocus()
        press(Qt.Key.Key_Space)
        for name, typed in (
            ("staff_role", role),
            ("staff_number", number),
            ("staff_women", women),
            ("staff_contract", contract),
        ):
            where = [k for k, v in form.views.items() if v.isAncestorOf(focus())]
            assert where == [(name, (position,))], (where, form.answers.get("staff"))
            type_(typed)
            enter()
    form.save()
    qtbot.waitUntil(lambda: not form.saving and not form.dirty)
    from_cards = stored(profile, form.survey.id)["staff"]
    assert from_grid == from_cards
    assert from_grid[1] == {
        "staff_role": "doctor",
        "staff_number": 1,
        "staff_women": 0,
        "staff_contract": "contractor",
    }


def _without_grids(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for name in ("staff", "bills"):
        _repeat(data, name).pop("appearance", None)
    return data


def test_a_finalized_survey_shows_its_grids_read_only(qtbot, open_window, profile, qtmodeltester):
    window = open_window()
    form = open_draft(qtbot, profile, window, {})
    grid = form.grid("staff")
    qtmodeltester.check(grid.model)
    into_grid(form, grid)
    for typed in ("dir", "3", "2", "1"):
        type_(typed)
        enter()
    qtmodeltester.check(grid.model)
    grid.read_only = False
    grid.apply(form.evaluation, form.answers["staff"], lambda q, i: "", read_only=True)
    assert grid.model.rowCount() == 1  # no new row
    assert not grid.model.flags(grid.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not grid.add.isVisible()
    qtmodeltester.check(grid.model)


def _t(text: str) -> dict[str, str]:
    return {"fr": text, "ar": text, "en": text}


def xlsform_tables(*, rooms_first: bool = False) -> Form:
    """XLSForm's table-list and field-list appearances, as pyxform writes them."""
    same = [
        {"name": n, "label": _t(label)}
        for n, label in (("y", "Oui"), ("n", "Non"), ("p", "En partie"))
    ]
    data = (
        {
            "format": "fieldapp-form",
            "format_version": 1,
            "id": "tables",
            "version": "1",
            "title": _t("Tables"),
            "default_language": "fr",
            "languages": ["fr", "ar", "en"],
            "choice_lists": {"ynp": same},
            "children": [
                {
                    "type": "group",
                    "name": "services",
                    "label": _t("Services"),
                    "appearance": "field-list",
                    "children": [
                        {
                            "type": "group",
                            "name": "offered",
                            "label": _t("Offerts"),
                            "appearance": "table-list",
                            "children": [
                                {"type": "select_one", "name": q, "label": _t(q.title()),
                                 "choices": "ynp"}
                                for q in ("meals", "laundry", "transport")
                            ],
                        },
                        {
                            "type": "repeat",
                            "name": "rooms",
                            "label": _t("Chambres"),
                            "appearance": "table-list",
                            "children": [
                                {"type": "select_one", "name": q, "label": _t(q.title()),
                                 "choices": "ynp"}
                                for q in ("heated", "lit")
                            ],
                        },
                        {"type": "integer", "name": "beds", "label": _t("Lits")},
                    ],
                }
            ],
        }
    )  # fmt: skip
    if rooms_first:
        children = data["children"][0]["children"]
        children.insert(0, children.pop(1))
    return load_form(data)


def test_table_list_and_field_list_are_honoured(qtbot, open_window, profile):
    tables = xlsform_tables()
    window = open_window(forms=FormCatalog(lambda: tables))
    form = open_draft(qtbot, profile, window, {}, tables)
    page = form.pages[0]
    # field-list: the whole group on one screen (a section is one page).
    for name in ("meals", "laundry", "transport", "beds"):
        assert page.isAncestorOf(form.question_view(name))
    # table-list group: the choices named once, each question's buttons on its line.
    table = form.group_views[("offered", ())]
    assert table.legend.text() == "1. Oui   2. Non   3. En partie"
    meals = form.question_view("meals")
    buttons = meals.editor.buttons
    assert [b.text() for b in buttons] == ["1", "2", "3"]
    assert buttons[1].toolTip() == "Non"
    assert abs(meals.label.geometry().center().y() - meals.editor.geometry().center().y()) < 12
    meals.editor.focus_target().setFocus()
    type_("2")
    enter()
    assert form.question_view("laundry").editor.isAncestorOf(focus())
    type_("3")
    assert form.answers["meals"] == "n" and form.answers["laundry"] == "p"
    # table-list repeat: a grid of choices, picked by digit.
    rooms = form.grid("rooms")
    into_grid(form, rooms)
    type_("1")
    enter()
    type_("2")
    assert form.answers["rooms"] == [{"heated": "y", "lit": "n"}]


def test_a_section_that_opens_with_a_grid_puts_the_cursor_in_it(qtbot, open_window, profile):
    tables = xlsform_tables(rooms_first=True)
    window = open_window(forms=FormCatalog(lambda: tables))
    form = open_draft(qtbot, profile, window, {}, tables)
    form.go_to_section(0)
    rooms = form.grid("rooms")
    assert focus() is rooms.table and current(rooms) == (0, "heated")


def test_a_letter_in_a_number_cell_says_what_the_cell_takes(qtbot, open_window, profile):
    window = open_window()
    form = open_draft(qtbot, profile, window, {})
    grid = form.grid("staff")
    into_grid(form, grid)
    type_("dir")  # Direction; Enter goes on to the number of people
    enter()
    assert current(grid) == (0, "staff_number")
    type_("t")  # a letter first: no empty editor swallowing it, a line that says why
    assert focus() is grid.table
    assert grid.current_problem.isVisible()
    assert grid.current_problem.text().endswith(
        "Cette case attend un nombre : tapez des chiffres, avec une virgule ou un point pour "
        "les décimales."
    )
    assert "Nombre de personnes" in grid.current_problem.text()  # which cell
    type_("4")  # a digit edits as before, and the note goes
    assert not grid.current_problem.isVisible()
    type_("x2")  # a letter while typing: refused and said again, the digits kept
    assert grid.current_problem.isVisible()
    enter()
    assert form.answers["staff"][0]["staff_number"] == 42
    assert not grid.current_problem.isVisible()
