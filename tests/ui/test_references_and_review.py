"""Labels and notes read other answers live (`${name}`), and the review pane shows every
answer as the form does: repeats as tables, GPS, dates and choices formatted."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fieldapp.forms import baseline_form, demo_answers
from ui.coordinator.answers import answer_rows, answers_html, repeat_tables


def test_the_bills_note_follows_the_amounts_as_they_are_typed(qtbot, open_window):
    window = open_window()
    window.start_survey(window.model.id_at(0))
    qtbot.waitUntil(lambda: window.survey_form is not None)
    form = window.survey_form
    form.go_to_section(form._section_of["grid_connected"])
    grid = form.question_view("grid_connected").editor
    grid.focus_target().setFocus()
    qtbot.keyClick(grid.focus_target(), "1")  # yes
    note = form.question_view("bills_summary")
    assert "${" not in note.label_text()
    assert "MAD" in note.label_text()  # the numbers come when all twelve are there
    bills = form.grid("bills")
    bills.table.setFocus()
    for position in range(12):
        for column, typed in ((1, "100"), (2, "80")):
            bills.table.go(position, column)
            for key in typed:  # the first key opens the cell's editor, which takes the rest
                qtbot.keyClick(QApplication.focusWidget(), key)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert note.label_text() == "Total sur la période : 1\u00a0200 MAD pour 960 kWh."
    bills.table.go(0, 1)
    qtbot.keyClick(bills.table, Qt.Key.Key_F2)  # edit: the cursor after the 100
    qtbot.keyClicks(QApplication.focusWidget(), "0")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert note.label_text().startswith("Total sur la période : 2\u00a0100 MAD")


def test_the_review_shows_repeats_as_tables_and_answers_as_the_form_does():
    form = baseline_form()
    answers = next(
        a
        for seed in range(20)
        if (a := demo_answers(form, random.Random(seed), complete=True)).get("bills")
    )
    previous = {**answers, "staff": answers["staff"][:-1]}
    rows = {label: value for label, value, _before, _changed in answer_rows(form, answers, None)}
    gps = answers["gps"]
    assert rows[form.question("gps").label["fr"]] == f"{gps['lat']:.5f}, {gps['lon']:.5f}"
    day = answers["visit_date"]
    assert rows[form.question("visit_date").label["fr"]] == f"{day[8:10]}/{day[5:7]}/{day[:4]}"
    tables = {t.title: t for t in repeat_tables(form, answers, previous)}
    staff = tables[form.item("staff").label["fr"]]
    assert len(staff.rows) == len(answers["staff"])
    assert staff.changed == [False] * (len(answers["staff"]) - 1) + [True]
    bills = tables[form.item("bills").label["fr"]]
    assert len(bills.rows) == 12 and bills.rows[0][0].count("/") == 1  # mm/yyyy
    html = answers_html(list(answer_rows(form, answers, previous)), "was:", list(tables.values()))
    assert html.count("<table") == 1 + len(tables)
    assert "{'lat'" not in html


def test_the_arabic_review_keeps_a_gps_position_and_codes_in_their_order(translations):
    form = baseline_form()
    answers = demo_answers(form, random.Random(3), complete=True)
    translations.apply("ar")
    rows = list(answer_rows(form, answers, None))
    html = answers_html(rows, "was:", list(repeat_tables(form, answers, None)))
    gps = answers["gps"]
    # Isolated: "32.77122, -6.40839" would read "6.40839- ,32.77122" in the right-to-left table.
    assert f"\u2068{gps['lat']:.5f}, {gps['lon']:.5f}\u2069" in html
