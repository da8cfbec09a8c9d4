"""Desktop app entry point: `fieldapp` with no sub-command calls `run(data_dir)`."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_CANNOT_OPEN = 2


def run(data_dir: Path) -> int:
    """Open the profile in `data_dir` and run the desktop app until its window closes."""
    from PySide6.QtWidgets import QApplication

    from fieldapp.store import StoreError
    from ui.errors import ErrorReporter, error_box, install_excepthook, setup_logging
    from ui.languages import Translations
    from ui.lock import IdleLock, unlock_profile
    from ui.mainwindow import MainWindow
    from ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("FieldApp")
    app.setApplicationDisplayName("FieldApp")
    setup_logging()
    settings = Settings(Path(data_dir))
    translations = Translations(app)
    translations.apply(settings.language)
    startup_errors = ErrorReporter(None)
    install_excepthook(startup_errors.report)
    try:
        # The PIN first: nothing of the profile is read before its key is unwrapped.
        if not unlock_profile(Path(data_dir)):
            return EXIT_CANNOT_OPEN
        window = MainWindow(
            Path(data_dir), settings=settings, translations=translations, ask_before_quit=True
        )
    except StoreError as exc:
        # Nothing to show behind it: a modal dialog, then exit without touching the data.
        error_box(None, exc).exec()
        return EXIT_CANNOT_OPEN
    install_excepthook(window.errors.report)
    window.idle_lock = IdleLock(window, Path(data_dir), settings.lock_minutes)
    window.show()
    return int(app.exec())
