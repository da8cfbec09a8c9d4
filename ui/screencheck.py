"""Does the app fit the laptop's screen? The main window, an open survey and the dialogs
measured against the screen's free area, on whatever platform Qt runs (xcb under Xvfb in CI,
the real display in `--self-test` on a field laptop).

A 1366x768 screen at 125 or 150 % leaves 1093x614 or 911x512 logical pixels: the status bar
with the unsent surveys, the Finalize button and every dialog's buttons must stay inside.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QRect
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _inside(widget: QWidget, free: QRect) -> bool:
    """The widget's whole area, in screen coordinates, within the free area (a pixel of
    rounding allowed at fractional scales)."""
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    area = QRect(top_left, widget.size())
    return free.adjusted(-1, -1, 1, 1).contains(area)


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
    window.show_settings()
    for _ in range(10):
        app.processEvents()
    dialogs = [w for w in app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    for dialog in dialogs:
        fits[f"dialog: {dialog.objectName() or type(dialog).__name__}"] = free.adjusted(
            -1, -1, 1, 1
        ).contains(dialog.frameGeometry())
        dialog.close()
    window.close()
    report["all_fit"] = all(fits.values())
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
