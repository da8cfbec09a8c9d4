"""The smallest PySide6 app: QApplication + QMainWindow + QLabel, frozen with build.spec's own
options (FIELDAPP_BUNDLE=minimal) so that bench/dist.py can put the app next to the floor Qt
itself sets. Prints `FIELDAPP_READY <unix time>` after its first paint, then quits, as
ui/readyprobe.py does for the app.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    def __init__(self, app: QApplication, window: QMainWindow) -> None:
        super().__init__(app)
        self.app = app
        self.window = window
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and watched is self.window and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.ready)
        return False

    def ready(self) -> None:
        print(f"FIELDAPP_READY {time.time():.6f} rows=0", flush=True)
        self.window.close()
        self.app.quit()


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("FieldApp"))
    probe = FirstPaint(app, window)
    app.installEventFilter(probe)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
