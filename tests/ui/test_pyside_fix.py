"""PySide6 6.12 gives back references to None and True it never took (on Python 3.11); the
app must survive a long day of typing: hundreds of thousands of such calls."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

import ui  # noqa: F401  (installs the fix)


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
    assert None is None and True  # still alive: the process did not abort
