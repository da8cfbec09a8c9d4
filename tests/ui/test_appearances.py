"""XLSForm appearances in the desktop form (issue 16): likert and horizontal choices in a row,
columns-N, minimal as a drop-down (of check boxes for a select_multiple), multiline text,
quick moving on after a choice; unknown appearances ignored with a `form check` warning."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from tests.core.forms.formkit import workbook
from tests.core.forms.test_forms_cli import cli
from tests.ui.test_type_ahead import type_text
from ui.survey.checklist import ChecklistEditor
from ui.survey.choice_editors import SelectMultipleEditor, SelectOneEditor


def _t(fr: str) -> dict[str, str]:
    return {"fr": fr}


AGREE = [
    {"name": n, "label": _t(t)}
    for n, t in (
        ("1", "Pas du tout"),
        ("2", "Peu"),
        ("3", "Moyennement"),
        ("4", "Beaucoup"),
        ("5", "Tout à fait"),
    )
]
FORM: dict[str, Any] = {
    "format": "fieldapp-form",
    "format_version": 1,
    "id": "appearances_test",
    "version": "1",
    "title": _t("Apparences"),
    "default_language": "fr",
    "languages": ["fr"],
    "choice_lists": {"agree": AGREE},
    "children": [
        {
            "type": "select_one",
            "name": "satisfied",
            "label": _t("Satisfait ?"),
            "choices": "agree",
            "appearance": "likert",
        },
        {
            "type": "select_one",
            "name": "fast",
            "label": _t("Rapide ?"),
            "choices": "agree",
            "appearance": "quick",
        },
        {"type": "text", "name": "after_fast", "label": _t("Ensuite")},
        {
            "type": "select_one",
            "name": "dropdown",
            "label": _t("Liste"),
            "choices": "agree",
            "appearance": "minimal quick",
        },
        {
            "type": "select_multiple",
            "name": "grid",
            "label": _t("Colonnes"),
            "choices": "agree",
            "appearance": "columns-2",
        },
        {
            "type": "select_one",
            "name": "row",
            "label": _t("En ligne"),
            "choices": "agree",
            "appearance": "horizontal",
        },
        {"type": "text", "name": "story", "label": _t("Récit"), "appearance": "multiline"},
        {"type": "text", "name": "odd", "label": _t("Bizarre"), "appearance": "sparkly"},
    ],
}


def test_likert_and_horizontal_put_the_choices_in_one_row(qtbot, survey_form_of) -> None:
    form = survey_form_of(FORM)
    for name in ("satisfied", "row"):
        editor = form.question_view(name).editor
        assert isinstance(editor, SelectOneEditor)
        tops = {b.geometry().top() for b in editor.buttons}
        lefts = [b.mapTo(editor, b.rect().topLeft()).x() for b in editor.buttons]
        assert len(tops) == 1, name  # one row
        assert lefts == sorted(lefts) and len(set(lefts)) == 5, name  # in reading order
    # Still numbered and picked by digit, as every choice list.
    editor = form.question_view("satisfied").editor
    editor.focus_target().setFocus()
    qtbot.keyClick(editor.focus_target(), Qt.Key.Key_4)
    assert editor.value() == "4"


def test_columns_n_and_plain_lists(qtbot, survey_form_of) -> None:
    form = survey_form_of(FORM)
    grid = form.question_view("grid").editor
    assert isinstance(grid, SelectMultipleEditor)
    rows = sorted({b.geometry().top() for b in grid.boxes})
    columns = sorted({b.geometry().left() for b in grid.boxes})
    assert (len(rows), len(columns)) == (3, 2)
    story = form.question_view("story").editor
    assert isinstance(story.focus_target(), QPlainTextEdit)  # multiline
    dropdown = form.question_view("dropdown").editor
    assert isinstance(dropdown, SelectOneEditor) and dropdown.combo is not None  # minimal


def test_quick_moves_on_after_a_pick_but_not_while_browsing(qtbot, survey_form_of) -> None:
    form = survey_form_of(FORM)
    fast = form.question_view("fast").editor
    after = form.question_view("after_fast").editor.focus_target()
    fast.focus_target().setFocus()
    qtbot.waitUntil(lambda: fast.focus_target().hasFocus())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # browsing: stays here
    QApplication.processEvents()
    assert fast.value() is None and fast.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    qtbot.waitUntil(after.hasFocus)
    assert fast.value() == "3"
    form.save()
    qtbot.waitUntil(lambda: not form.dirty and not form.saving)

    dropdown = form.question_view("dropdown").editor
    assert isinstance(dropdown, SelectOneEditor) and dropdown.combo is not None
    dropdown.combo.setFocus()
    qtbot.keyClicks(dropdown.combo, "B")  # type-ahead picks "Beaucoup", then on to the next
    qtbot.waitUntil(lambda: not dropdown.combo.hasFocus())
    assert dropdown.value() == "4"


def test_unknown_appearances_are_warned_by_form_check(tmp_path: Path, capsys) -> None:
    path = workbook(
        tmp_path / "apparences.xlsx",
        [
            ["type", "name", "label", "appearance"],
            ["select_one yn", "ok", "D'accord ?", "likert"],
            ["text", "notes", "Notes", "multiline"],
            ["text", "odd", "Bizarre", "sparkly w3"],
            ["select_one yn", "pick", "Choix", "columns-3 quick"],
        ],
        [["list_name", "name", "label"], ["yn", "yes", "Oui"], ["yn", "no", "Non"]],
    )
    code, out, _err = cli("check", str(path), capsys=capsys)
    assert code == 0
    assert "odd: appearance 'sparkly' is not known here and is ignored" in out
    assert out.count("appearance") == 1  # likert, multiline, w3, columns-3, quick are known


ENERGY: dict[str, Any] = {
    "format": "fieldapp-form",
    "format_version": 1,
    "id": "checklist_test",
    "version": "1",
    "title": {"fr": "Énergie", "ar": "الطاقة"},
    "default_language": "fr",
    "languages": ["fr", "ar"],
    "choice_lists": {
        "sources": [
            {"name": n, "label": {"fr": fr, "ar": ar}}
            for n, fr, ar in (
                ("grid", "Réseau électrique", "الشبكة الكهربائية"),
                ("gas", "Gaz butane", "الغاز"),
                ("solar", "Énergie solaire", "الطاقة الشمسية"),
                ("wood", "Bois", "الحطب"),
                ("other", "Autre", "أخرى"),
            )
        ]
    },
    "children": [
        {
            "type": "select_multiple",
            "name": "sources",
            "label": {"fr": "Sources d'énergie", "ar": "مصادر الطاقة"},
            "choices": "sources",
            "appearance": "minimal",
        },
        {"type": "text", "name": "after", "label": {"fr": "Ensuite", "ar": "بعد"}},
    ],
}


def test_minimal_select_multiple_is_a_drop_down_of_check_boxes(qtbot, survey_form_of) -> None:
    form = survey_form_of(ENERGY)
    editor = form.question_view("sources").editor
    assert isinstance(editor, ChecklistEditor)
    combo = editor.combo
    assert combo.summary == "Aucun choix"
    # Where the pointer rests does not move the current item (Space acts on it).
    qtbot.mouseMove(combo, combo.rect().center())
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    # A letter finds a choice as every type-ahead does, accents folded: the list opens on it.
    qtbot.keyClick(combo, "e")
    qtbot.waitUntil(combo.view().isVisible)
    view = combo.view()
    assert view.currentIndex().row() == 2  # "Énergie solaire": a label's start first
    qtbot.keyClick(view, Qt.Key.Key_Space)  # checked; the list stays open
    assert view.isVisible() and editor.value() == ["solar"]
    qtbot.keyClick(view, "g")  # "Gaz butane"
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert editor.value() == ["gas", "solar"]  # in the choices' order
    # A click checks too, and keeps the list open.
    rect = view.visualRect(combo.items.index(3, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.isVisible() and editor.value() == ["gas", "solar", "wood"]
    qtbot.keyClick(view, Qt.Key.Key_Space)  # the clicked one, unchecked again
    assert editor.value() == ["gas", "solar"]
    combo.hidePopup()
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.summary == "Gaz butane, Énergie solaire"
    assert combo.accessibleDescription() == combo.summary
    qtbot.waitUntil(lambda: form.answers.get("sources") == ["gas", "solar"])

    # Delete on the closed box clears every choice.
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Delete)
    assert editor.value() is None and combo.summary == "Aucun choix"

    # In Arabic: the article is ignored by the type-ahead ("غ" finds "الغاز").
    editor.set_language("ar", "fr")
    type_text(combo, "غ")
    qtbot.waitUntil(combo.view().isVisible)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Space)
    combo.hidePopup()
    assert editor.value() == ["gas"] and combo.summary == "الغاز"
    editor.set_value(["grid", "gas", "solar", "wood"])
    assert combo.summary.startswith("4 ")
