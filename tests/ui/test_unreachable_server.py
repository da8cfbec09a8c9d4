"""F5 with the server down: the status bar and the Sync panel say "Serveur injoignable ·
nouvel essai à HH:MM" within seconds (a closed port, and a silent address that takes the
connection and never answers), with the app's own timeouts. Real sockets, a real window;
the bound below only keeps a broken build from hanging (bench/reach.py measures the time)."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sync.client import STATE_SERVER, SyncRun
from sync.errors import SyncErrorCode
from sync.transport import RetryPolicy
from tests.ui.sync_fixtures import (
    FAST,
    FORM_ID,
    Device,
    answers,
    make_device,
    open_sync_window,
    sync_server,
    unique,
)

__all__ = ["make_device", "sync_server", "unique"]  # fixtures used by name

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(params=["closed", "silent"])
def dead_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        if request.param == "silent":
            sock.listen(1)  # connections queue in the kernel; nothing ever answers
            yield f"http://127.0.0.1:{port}"
            return
    yield f"http://127.0.0.1:{port}"  # closed: the machine refuses


@pytest.mark.parametrize(
    ("lang", "status", "headline"),
    [
        ("fr", "● Serveur injoignable · nouvel essai à ", "Serveur injoignable · nouvel essai à "),
        ("ar", "● تعذّر الوصول إلى الخادم · المحاولة التالية على الساعة ", "تعذّر الوصول إلى الخادم"),
    ],
    ids=["fr", "ar"],
)
def test_f5_with_the_server_down_says_unreachable_and_when_the_next_try_is(
    qtbot, translations, make_device: Callable[..., Device], dead_url: str, lang, status, headline
) -> None:
    device = make_device(establishments=1)
    assert SyncRun(device.store, policy=FAST).run().ok
    device.store.start_survey(device.establishments[0], FORM_ID, "1", answers=answers())
    device.store.set_state(STATE_SERVER, dead_url)  # the server went away
    window = open_sync_window(
        qtbot, translations, device.data_dir, actor=device.username, lang=lang,
        policy=RetryPolicy(),  # the app's own timeouts and retries, not the tests' fast ones
    )  # fmt: skip
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.sync.summary = None
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F5)

    qtbot.waitUntil(lambda: window.status.connectivity.text().startswith(status), timeout=20_000)
    summary = window.sync.summary
    assert summary is not None and summary.error is not None
    assert summary.error["code"] == SyncErrorCode.UNREACHABLE
    # The panel (opened by F5) says it too, with the same time, and why in the log.
    panel = window.sync_panel
    assert window.sync_dock.isVisible()
    assert panel.headline.text().startswith(headline)
    found = re.search(r"\d\d:\d\d", window.status.connectivity.text())
    assert found is not None  # Western digits, isolated inside Arabic text
    when = found.group()
    assert when in panel.headline.text()
    assert any(when in line for line in panel.log_lines())
    assert device.store.outbox_count() == 1  # nothing lost
