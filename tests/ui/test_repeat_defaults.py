"""A repeat row added by typing in its grid (the survey form's `_container`) gets its
dynamic defaults at once, as the agent sees it created, not at the next save (issue 16)."""

from __future__ import annotations

from fieldapp.forms import Form, load_form
from tests.ui.test_repeat_grid import _t, into_grid, open_draft, type_
from ui.mainwindow import FormCatalog


def rooms_form() -> Form:
    yes_no = [{"name": n, "label": _t(label)} for n, label in (("y", "Oui"), ("n", "Non"))]
    return load_form(
        {
            "format": "fieldapp-form",
            "format_version": 1,
            "id": "rooms",
            "version": "1",
            "title": _t("Rooms"),
            "default_language": "fr",
            "languages": ["fr", "ar", "en"],
            "choice_lists": {"yn": yes_no},
            "children": [
                {
                    "type": "group",
                    "name": "house",
                    "label": _t("Maison"),
                    "appearance": "field-list",
                    "children": [
                        {"type": "integer", "name": "beds", "label": _t("Lits")},
                        {
                            "type": "repeat",
                            "name": "rooms",
                            "label": _t("Chambres"),
                            "appearance": "table-list",
                            "children": [
                                {"type": "select_one", "name": "heated",
                                 "label": _t("Chauffée"), "choices": "yn"},
                                {"type": "integer", "name": "floor", "label": _t("Étage"),
                                 "default": "${beds} + 1"},
                            ],
                        },
                    ],
                }
            ],
        }
    )  # fmt: skip


def test_a_row_typed_into_the_grid_has_its_dynamic_defaults_at_once(qtbot, open_window, profile):
    rooms = rooms_form()
    window = open_window(forms=FormCatalog(lambda: rooms))
    form = open_draft(qtbot, profile, window, {"beds": 3}, rooms)
    grid = form.grid("rooms")
    into_grid(form, grid)
    type_("1")  # the new row's first cell: the instance is created by typing
    assert form.answers["rooms"] == [{"floor": 4, "heated": "y"}]  # no '_new' left to settle
    assert grid.model.rowCount() == 2
