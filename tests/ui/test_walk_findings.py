"""What a keyboard-only walk of the app at 1366x768 found (the window at its 1280x720 size,
fr and ar), each checked on real widgets: the twelve bills' grid keeps the cursor and its
message on the page, the validation panel's lines are whole, the list's filters are not cut
with the Sync dock open, nor the surveys of an establishment."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from tests.ui.test_repeat_grid import (
    current,
    enter,
    into_grid,
    open_bills,
    press,
    type_,
    visit_day,
)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def shown_in(area: QScrollArea, widget: QWidget, rect: QRect | None = None) -> bool:
    """Whether `rect` of `widget` (all of it by default) is inside the scroll area's view."""
    rect = rect or widget.rect()
    top_left = widget.mapTo(area.viewport(), rect.topLeft())
    seen = QRect(top_left, rect.size())
    return area.viewport().rect().contains(seen)


def test_the_page_follows_the_grid_cursor_and_shows_its_message(qtbot, open_window, profile):
    window = open_window()
    window.resize(1280, 720)
    form = open_bills(qtbot, profile, window, visit_day())
    grid = form.grid("bills")
    into_grid(form, grid)
    area = grid.table.scroll_area()
    assert area is not None

    def cursor_shown() -> bool:
        cell = grid.table.visualRect(grid.table.currentIndex())
        return shown_in(area, grid.table.viewport(), cell)

    for key, row in ((Qt.Key.Key_PageDown, 11), (Qt.Key.Key_PageUp, 0)):
        press(key)  # to the last month and back: the page scrolls with the cursor
        assert current(grid)[0] == row
        qtbot.waitUntil(cursor_shown)
    # On the first month, a letter typed in the amount: the line saying why, under twelve
    # rows, is brought onto the page with the cell still on it.
    type_("x")
    assert grid.current_problem.isVisible()
    qtbot.waitUntil(lambda: shown_in(area, grid.current_problem))
    assert cursor_shown()


def test_the_validation_panel_lines_are_whole(qtbot, open_window, profile):
    window = open_window()
    window.resize(1280, 720)
    form = open_bills(qtbot, profile, window, visit_day())
    grid = form.grid("bills")
    into_grid(form, grid)
    type_("5")
    enter()
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # finalize: the panel
    panel = form.panel
    qtbot.waitUntil(panel.isVisible)
    tree = panel.list
    width = tree.viewport().width()
    checked = 0
    for i in range(tree.topLevelItemCount()):
        parent = tree.topLevelItem(i)
        for item in [parent, *(parent.child(j) for j in range(parent.childCount()))]:
            rect = tree.visualItemRect(item)
            if not rect.isValid():
                continue  # scrolled out of view
            text = item.text(0)
            needed = tree.fontMetrics().boundingRect(
                QRect(0, 0, rect.width(), 100_000), int(Qt.TextFlag.TextWordWrap), text
            )
            assert rect.height() >= needed.height(), text  # not cut to one line
            assert rect.right() <= width  # no line wider than the panel
            checked += 1
    assert checked > 5
    # The bills' headings end with the row: it is there to read, not elided away.
    heading = "4. Énergie et électricité › Factures d'électricité des 12 derniers mois 1"
    first = tree.findItems(heading, Qt.MatchFlag.MatchExactly)[0]
    assert tree.visualItemRect(first).height() > tree.fontMetrics().height() * 1.5


def _needed_width(combo: QComboBox, text: str) -> int:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    size = QSize(combo.fontMetrics().horizontalAdvance(text), combo.height())
    return (
        combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, size, combo).width()
    )


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_filters_and_surveys_are_not_cut_with_the_sync_dock_open(qtbot, open_window, lang):
    window = open_window(lang)
    window.resize(1280, 720)
    window.sync_panel_action.trigger()  # the Sync dock, as Ctrl+Shift+S opens it
    qtbot.waitUntil(lambda: window._sync_dock is not None and window._sync_dock.isVisible())
    qtbot.wait(50)
    for combo in (window.filters.status, window.filters.region, window.filters.type):
        assert combo.width() >= _needed_width(combo, combo.itemText(0)), combo.itemText(0)
    # The surveys of the establishment shown: every heading whole (was "nregistr"); the
    # agent's name gives up room first, never below a few letters.
    table = window.detail.survey_table
    header = table.horizontalHeader()
    for column in (0, 1, 3):
        text = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= table.fontMetrics().horizontalAdvance(text), text
    assert header.sectionSize(2) >= 64
    # The list keeps the establishment's name readable (it went down to "…" in Arabic): it
    # scrolls sideways instead.
    names = window.table.horizontalHeader()
    assert names.sectionSize(1) >= 200


def test_escape_closes_the_validation_panel_and_the_questions_take_the_keys(
    qtbot, open_window, profile
):
    window = open_window()
    form = open_bills(qtbot, profile, window, visit_day())
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # finalize: the list
    qtbot.waitUntil(lambda: form.panel.isVisible() and form.panel.list.hasFocus())
    press(Qt.Key.Key_Escape)
    assert form.panel.isHidden()
    qtbot.waitUntil(lambda: form.stack.isAncestorOf(QApplication.focusWidget()))
