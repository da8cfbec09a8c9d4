"""Desktop app entry point."""

from __future__ import annotations

import sys
from pathlib import Path


def run(data_dir: Path) -> int:
    """Open the profile in `data_dir` and run the desktop app until its window closes."""
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from fieldapp.store import Store

    app = QApplication.instance() or QApplication(sys.argv)
    store = Store.open(data_dir)
    window = QMainWindow()
    window.setWindowTitle("FieldApp")
    window.setCentralWidget(
        QLabel(window.tr("%n establishment(s)", "", len(store.find_establishment_ids())))
    )
    window.show()
    return int(app.exec())
