"""Does the app fit the laptop's screen? The main window, an open survey and the dialogs
measured against the screen's free area, on whatever platform Qt runs (xcb under Xvfb in CI,
the real display in `--self-test` on a field laptop).

A 1366x768 screen at 125 or 150 % leaves 1093x614 or 911x512 logical pixels: the status bar
with the unsent surveys, the Finalize button and every dialog's buttons must stay inside.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _inside(widget: QWidget, free: QRect) -> bool:
    """The widget's whole area, in screen coordinates, within the free area (a pixel of
    rounding allowed at fractional scales)."""
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    area = QRect(top_left, widget.size())
    return free.adjusted(-1, -1, 1, 1).contains(area)


OUTSIDE: list[str] = []  # what did not fit, for the report


def _fits(widget: QWidget, free: QRect) -> bool:
    """The widget's frame within the free area, and every visible button of it too (a
    dialog taller than the screen is moved up by nobody: its OK would be out of reach)."""
    placed = (
        free.adjusted(-1, -1, 1, 1).contains(widget.frameGeometry())
        if widget.isWindow()
        else _inside(_reached_through(widget), free)
    )
    if not placed:
        OUTSIDE.append(f"{type(widget).__name__} {_rect(widget.frameGeometry())}")
        return False
    buttons = [b for b in widget.findChildren(QAbstractButton) if b.isVisible()]
    outside = [b for b in buttons if not _inside(_reached_through(b), free)]
    OUTSIDE.extend(f"{b.objectName() or type(b).__name__} '{b.text()}'" for b in outside)
    return not outside


def _combo_shows(combo: QComboBox, text: str) -> bool:
    """Whether a drop-down is wide enough for `text` (its frame and arrow included)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    size = QSize(combo.fontMetrics().horizontalAdvance(text), combo.height())
    needed = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, size, combo)
    return combo.width() >= needed.width()


def whole_texts(window: Any) -> dict[str, bool]:
    """Texts a keyboard walk found cut beside the Sync dock at 1366x768: the list's filters
    ("Toutes les régions"), the establishment's name column, the headings of its surveys."""
    found: dict[str, bool] = {}
    filters = window.filters
    for name, combo in (
        ("status", filters.status),
        ("region", filters.region),
        ("type", filters.type),
    ):
        found[f"filter: {name}"] = _combo_shows(combo, combo.itemText(0))
    found["list: name column"] = window.table.horizontalHeader().sectionSize(1) >= 200
    table = window.detail.survey_table
    header = table.horizontalHeader()
    for column in (0, 1, 3):
        text = table.horizontalHeaderItem(column).text()
        found[f"surveys: {text}"] = header.sectionSize(column) >= (
            table.fontMetrics().horizontalAdvance(text)
        )
    return found


def _reached_through(button: QWidget) -> QWidget:
    """What must be on screen for a person to reach `button`: the outermost scroll area
    holding it (they scroll to it), else the button itself."""
    holder: QWidget = button
    parent = button.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            holder = parent
        parent = parent.parentWidget()
    return holder


def _dialogs(window: Any) -> dict[str, Callable[[], object]]:
    """Every dialog a person meets, opened the way the app opens it (name -> opener)."""
    from fieldapp.forms import fit_answers
    from fieldapp.store import StoreError, StoreErrorCode
    from fieldapp.store.unsent import UnsentCounts
    from ui.errors import error_box
    from ui.lock import PinDialog
    from ui.reports.actions import ReportDialog
    from ui.survey.audit import reason_dialog, user_dialog
    from ui.survey.upgrade import MoveDialog

    form = window.forms.for_new_survey(window.store)
    long_answer = {"question_not_in_this_version": "réponse " * 40}
    disk_full = StoreError(StoreErrorCode.DISK_FULL, "full", path=str(window.data_dir))
    return {
        "settings": window.show_settings,
        "enroll": window.show_enroll,
        "keyboard shortcuts": window.show_keys,
        "quit with unsent surveys": lambda: window._ask_to_quit(UnsentCounts(3, 1, 2, 1, 0)),
        "error": lambda: error_box(window, disk_full).open(),
        "PIN": lambda: PinDialog(lambda _pin: None, new=True, parent=window).open(),
        "report export": lambda: ReportDialog(
            window, "Rapport", window.data_dir / "rapport.pdf", [("MA-07", "Marrakech-Safi")]
        ).open(),
        "form version move": lambda: MoveDialog(
            form, form, fit_answers(form, long_answer), window
        ).open(),
        "received items set aside": lambda: window.sync_panel.show_pulled_set_aside(),
        "audit: who fills in": lambda: user_dialog(window).open(),
        "audit: reason for a change": lambda: reason_dialog(window).open(),
    }


def measure(data_dir: Path, shot: Path | None = None) -> dict[str, Any]:
    """Open the main window on a profile, then a survey and the dialogs; what fits."""
    from ui.mainwindow import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(data_dir)
    window.show()
    for _ in range(20):
        app.processEvents()
    screen = window.screen()
    free = screen.availableGeometry()
    report: dict[str, Any] = {
        "platform": app.platformName(),
        "screen": _rect(screen.geometry()),
        "available": _rect(free),
        "scale": screen.devicePixelRatio(),
        "window": _rect(window.frameGeometry()),
        "fits": {},
    }
    fits = report["fits"]
    fits["main window"] = free.adjusted(-1, -1, 1, 1).contains(window.frameGeometry())
    fits["status bar"] = window.statusBar().isVisible() and _inside(window.statusBar(), free)
    establishment = window.model.id_at(0)
    if establishment is not None:
        window.start_survey(establishment)
        deadline = time.monotonic() + 20
        while window.survey_form is None and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        form = window.survey_form
        if form is not None:
            for _ in range(20):
                app.processEvents()
            fits["survey: Finalize button"] = _inside(form.finalize_button, free)
            fits["survey: status bar"] = _inside(window.statusBar(), free)
            if shot is not None:  # the whole screen, as a person would see it
                screen.grabWindow(0).save(str(shot))
        window.back_to_list()
    # The Sync dock, with its panel then the conflict list: the window and their buttons.
    for name, show, panel in (
        ("sync panel", window.show_sync_panel, lambda: window.sync_panel),
        ("conflicts", window.show_conflicts, lambda: window.conflict_list),
    ):
        show()
        for _ in range(10):
            app.processEvents()
        fits[f"dock: {name}"] = _fits(window, free) and _fits(panel(), free)
        if name == "sync panel":
            report["whole"] = whole_texts(window)
    window.sync_dock.hide()
    for name, open_dialog in _dialogs(window).items():
        open_dialog()
        for _ in range(10):
            app.processEvents()
        shown = [w for w in app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        fits[f"dialog: {name}"] = bool(shown) and all(_fits(d, free) for d in shown)
        for dialog in shown:
            dialog.reject()
        for _ in range(5):
            app.processEvents()
    window.close()
    report["all_fit"] = all(fits.values())
    report["all_whole"] = all(report.get("whole", {}).values())
    report["outside"] = OUTSIDE
    return report


def main() -> None:
    """`python -m ui.screencheck DATA_DIR [SCREENSHOT.png]`: print the report as one JSON
    line (and grab the screen with a survey open)."""
    import json
    import sys

    app = QApplication(sys.argv[:1])
    report = measure(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    print(json.dumps(report))
    app.quit()


if __name__ == "__main__":
    main()
