"""Grid cells logged as audit visits (issue 16): in a repeat shown as a grid, each cell the
cursor enters is a `question` event of its own, its node naming the instance as ODK Collect
does (`/data/bills[2]/amount`), with the old and new answer under track-changes; the focus
staying in the table from cell to cell, and the cell editor opening, do not hide or split
visits. Typed with key events on the focused widget, as an agent does."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.forms.audit import events_from_json
from fieldapp.store import Store
from tests.ui.test_audit_log import stored_log
from ui.survey.grid import RepeatGrid


def _t(fr: str) -> dict[str, str]:
    return {"fr": fr}


def audited_grid(track: bool = True) -> dict[str, Any]:
    return {
        "format": "fieldapp-form",
        "format_version": 1,
        "id": "grid_audit",
        "version": "1",
        "title": _t("Audit des grilles"),
        "default_language": "fr",
        "languages": ["fr"],
        "choice_lists": {
            "yes_no": [{"name": "yes", "label": _t("Oui")}, {"name": "no", "label": _t("Non")}]
        },
        "children": [
            {
                "type": "audit",
                "name": "audit",
                "parameters": {"track-changes": "true"} if track else {},
            },
            {
                "type": "group",
                "name": "energy",
                "label": _t("Énergie"),
                "children": [
                    {"type": "text", "name": "provider", "label": _t("Fournisseur")},
                    {
                        "type": "repeat",
                        "name": "bills",
                        "label": _t("Factures"),
                        "appearance": "grid",
                        "children": [
                            {"type": "integer", "name": "amount", "label": _t("Montant")},
                            {
                                "type": "select_one",
                                "name": "paid",
                                "label": _t("Payée"),
                                "choices": "yes_no",
                            },
                        ],
                    },
                    {"type": "text", "name": "remarks", "label": _t("Remarques")},
                ],
            },
        ],
    }


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the focus is nowhere"
    return widget


def keys(*presses: str | Qt.Key) -> None:
    for press in presses:
        for key in press if isinstance(press, str) else [press]:
            QTest.keyClick(focus(), key)  # each to the widget that has the focus then
            QApplication.processEvents()


def visits(rows: list[list[str]]) -> list[tuple[str, str, str]]:
    """(node, old, new) of each question event."""
    return [(r[1], r[4], r[5]) for r in rows[1:] if r[0] == "question"]


def into_grid(qtbot, form) -> RepeatGrid:
    grid = form.grid("bills")
    form.go_to_section(form._section_of["bills"])
    grid.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(grid.table.hasFocus)
    return grid


def test_each_cell_entered_is_a_visit_named_by_its_instance(qtbot, survey_form_of, profile: Path):
    form = survey_form_of(audited_grid())
    survey_id = form.survey.id
    grid = into_grid(qtbot, form)
    # Typed in the new row: 1200, Enter, 1 picks "Oui", Enter goes to the next new row; 900,
    # Enter; then up to row 1's choice and left to its amount, both kept as they are.
    keys("1200", Qt.Key.Key_Return, "1", Qt.Key.Key_Return, "900", Qt.Key.Key_Return)
    assert grid.rows == 2
    keys(Qt.Key.Key_Up, Qt.Key.Key_Left)
    form.question_view("remarks").editor.focus_target().setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: not grid.table.hasFocus())
    keys("ok")
    assert form.leave()

    answers, rows = stored_log(profile, survey_id)
    assert answers["bills"] == [{"amount": 1200, "paid": "yes"}, {"amount": 900}]
    assert visits(rows) == [
        ("/data/energy/bills[1]/amount", "", "1200"),
        ("/data/energy/bills[1]/paid", "", "yes"),
        ("/data/energy/bills[2]/amount", "", "900"),
        ("/data/energy/bills[2]/paid", "", ""),  # Enter went there; Up left it unanswered
        ("/data/energy/bills[1]/paid", "yes", "yes"),
        ("/data/energy/bills[1]/amount", "1200", "1200"),
        ("/data/energy/remarks", "", "ok"),
    ]
    stamps = [(int(r[2]), int(r[3])) for r in rows[1:] if r[0] == "question"]
    for (start, end), (after, _) in pairwise(stamps):
        assert start <= end <= after  # one visit after the other, never overlapping


def test_a_cell_edited_with_f2_is_one_visit_with_old_and_new(qtbot, survey_form_of, profile):
    form = survey_form_of(audited_grid())
    survey_id = form.survey.id
    grid = into_grid(qtbot, form)
    keys("75", Qt.Key.Key_Return)
    keys(Qt.Key.Key_Left)  # back on bills[1]/amount
    keys(Qt.Key.Key_F2, Qt.Key.Key_Backspace, "0", Qt.Key.Key_Return)  # 75 -> 70
    assert grid.value(0, 0) == 70
    assert form.leave()
    _answers, rows = stored_log(profile, survey_id)
    assert visits(rows) == [
        ("/data/energy/bills[1]/amount", "", "75"),
        ("/data/energy/bills[1]/paid", "", ""),  # Enter went there, Left came back
        ("/data/energy/bills[1]/amount", "75", "70"),
        ("/data/energy/bills[1]/paid", "", ""),  # the cursor was there when the survey was left
    ]


def test_without_track_changes_cells_are_visits_without_values(qtbot, survey_form_of, profile):
    form = survey_form_of(audited_grid(track=False))
    survey_id = form.survey.id
    into_grid(qtbot, form)
    keys("4321", Qt.Key.Key_Return)
    assert form.leave()
    _answers, rows = stored_log(profile, survey_id)
    assert rows[0] == ["event", "node", "start", "end"]
    assert [r[1] for r in rows[1:] if r[0] == "question"] == [
        "/data/energy/bills[1]/amount",
        "/data/energy/bills[1]/paid",
    ]
    assert "4321" not in str(rows)


def test_an_autosave_keeps_the_cell_visit_under_way(qtbot, survey_form_of, profile: Path):
    # What a killed app keeps (the recorder's kept rows, tests/ui/test_audit_log.py): the cell
    # the cursor is in, with what was typed there, as for a question's editor.
    form = survey_form_of(audited_grid())
    into_grid(qtbot, form)
    keys("640", Qt.Key.Key_Return, Qt.Key.Key_Left)  # back on bills[1]/amount, staying there
    form.save()
    form.tasks.settle()
    with Store.open(profile) as store:
        kept = events_from_json(store.audit_rows(form.survey.id))
    visits = [(e.node, e.old, e.new) for e in kept if e.event == "question"]
    assert visits[-1] == ("/data/energy/bills[1]/amount", "640", "640")
    assert ("/data/energy/bills[1]/amount", "", "640") in visits
