"""What the desktop app's sync tests share: the real server of tests/sync (a Django child
process on loopback), enrolled device profiles, and a main window opened on one of them.

Imported by tests/ui/test_sync_panel.py and tests/ui/test_conflicts.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from sync.schedule import ProbeBackoff
from sync.transport import RetryPolicy
from tests.sync.conftest import FORM_ID, Device, answers, make_device, sync_server, unique
from ui.languages import Translations
from ui.mainwindow import MainWindow
from ui.settings import Settings

__all__ = [
    "FAST",
    "FORM_ID",
    "Device",
    "answers",
    "click",
    "make_device",
    "open_sync_window",
    "run_sync",
    "sync_server",
    "unique",
]

FAST = RetryPolicy(connect_timeout=2, read_timeout=10, attempts=2, backoff_base=0.05, deadline=60)


def open_sync_window(
    qtbot: Any,
    translations: Translations,
    data_dir: Path,
    *,
    actor: str = "",
    lang: str = "fr",
    auto_sync: bool = False,
    policy: RetryPolicy = FAST,
    sync_options: dict[str, Any] | None = None,
    **autosync: Any,
) -> MainWindow:
    """The main window on an enrolled profile, with fast retries and probes for tests."""
    translations.apply(lang)
    settings = Settings(data_dir)
    settings.auto_sync = auto_sync
    options: dict[str, Any] = {
        "backoff": ProbeBackoff(base_s=0.2, cap_s=1.0),
        "probe_timeout_s": 2.0,
        "network_information": False,
    }
    options.update(autosync)
    window = MainWindow(
        data_dir,
        translations=translations,
        settings=settings,
        actor=actor,
        sync_options={"policy": policy, **(sync_options or {})},
        autosync_options=options,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def run_sync(qtbot: Any, window: MainWindow, timeout_ms: int = 60_000) -> Any:
    """Start a sync with the panel's button and wait for its end; returns the summary."""
    window.show_sync_panel()
    window.sync.summary = None
    with qtbot.waitSignal(window.sync.finished, timeout=timeout_ms):
        click(qtbot, window.sync_panel.sync_button)
    assert window.sync.summary is not None
    return window.sync.summary
