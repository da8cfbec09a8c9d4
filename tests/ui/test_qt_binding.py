"""The Qt binding must survive a long day of typing: PySide6 6.12.0 gave back references to
None and True it never took (on Python 3.11) and aborted the app; pyproject.toml excludes it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class Counter(QObject):
    ticked = Signal(object)


def test_a_long_day_of_calls_does_not_free_none_or_true(qtbot):
    counter = Counter()
    seen: list[object] = []
    counter.ticked.connect(seen.append)
    label = QLabel()
    qtbot.addWidget(label)
    for n in range(100_000):
        counter.ticked.emit(None if n % 2 else n)
        label.setText("x" if n % 2 else "y")
        label.setVisible(False)
    assert len(seen) == 100_000
