"""Work around PySide6 6.12's lost references to None, True and False on Python 3.11.

This PySide build treats None, True and False as immortal, as they are from Python 3.12 on:
every void method call (`label.setText(...)`), every `emit()` and every `data()` answered
None gives back a reference it never took. On 3.11 their counts fall with each call, and
after some thousands of calls (an afternoon of typing) CPython frees None or True and aborts
("none_dealloc: deallocating None"). We probe once at import; when a call really loses a
reference we make the three singletons immortal the way Python 3.12 does: their reference
count is set far above anything a process can use. They are static objects that are never
freed anyway, so nothing else changes. On Python 3.12+ or a fixed PySide this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

# Python 3.12's own immortal count for these objects is 2**32 - 1; far more than enough.
IMMORTAL = 1 << 40


class _Probe(QObject):
    fired = Signal()


def _calls_lose_references() -> bool:
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.setObjectName("probe")
        probe.fired.emit()
    return sys.getrefcount(None) < none_before or sys.getrefcount(True) < true_before


def _immortalize(obj: object) -> None:
    # ob_refcnt is the first field of every CPython object (non-debug build).
    count = ctypes.c_ssize_t.from_address(id(obj))
    if count.value < IMMORTAL:
        count.value += IMMORTAL


def _install() -> bool:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not _calls_lose_references():
        return False
    for obj in (None, True, False):
        _immortalize(obj)
    return True


INSTALLED = _install()
