"""Received items set aside, listed for a person (ui/pulled_set_aside.py), against a real server
holding rows this laptop refuses to apply: reachable from the Sync panel by the keyboard, in
fr/ar/en, with what to do about each, and gone once the server's correction is received."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from bench._syncserver import SyncServer
from sync.client import STATE_CURSOR
from tests.ui.sync_fixtures import (
    Device,
    answers,
    make_device,
    open_sync_window,
    run_sync,
    sync_server,
    unique,
)

__all__ = ["make_device", "sync_server", "unique"]  # fixtures used by name

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def rows(dialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(1, 4)) for r in range(table.rowCount())]


def test_received_items_set_aside_are_listed_with_what_to_do_and_leave_once_corrected(
    qtbot, translations, make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    device = make_device(establishments=1)
    est = device.establishments[0]
    bad_text = sync_server.call(
        "stored_survey", establishment_id=est, answers=answers(notes="bad \ud800 text")
    )
    bad_photo = sync_server.call(
        "stored_survey",
        establishment_id=est,
        answers=answers(photo={"sha256": "../../etc/passwd", "filename": "x.jpg"}),
    )
    window = open_sync_window(qtbot, translations, device.data_dir, actor=device.username)
    summary = run_sync(qtbot, window)
    assert summary.ok and summary.pulled_set_aside == 2
    panel = window.sync_panel
    button = panel.pulled_button
    assert button.isVisible() and button.text() == "Reçus mais mis de côté (2)…"

    # By the keyboard: the button takes the focus and Space opens the list.
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = panel.pulled_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5_000)
    assert dialog.focusWidget() is dialog.table
    assert sorted(rows(dialog)) == sorted(
        [
            (
                "Une enquête",
                "Il contient des caractères qui ne sont pas du texte valide",
                "Copiez les détails pour votre coordinateur, qui le corrige sur le serveur ; "
                "puis recevez tout à nouveau.",
            ),
            (
                "Une enquête",
                "Il désigne une photo d'une façon que l'application refuse",
                "Copiez les détails pour votre coordinateur, qui le corrige sur le serveur ; "
                "puis recevez tout à nouveau.",
            ),
        ]
    )
    assert dialog.intro.text().startswith("Le serveur a envoyé 2 éléments")
    translations.apply("ar")
    qtbot.waitUntil(lambda: dialog.copy_button.text() == "&نسخ التفاصيل", timeout=5_000)
    assert {r[1] for r in rows(dialog)} == {
        "يحتوي على رموز ليست نصا صالحا",
        "يشير إلى صورة بطريقة يرفضها التطبيق",
    }
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    translations.apply("en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Received items set aside", timeout=5_000)
    assert {r[0] for r in rows(dialog)} == {"A survey"}
    translations.apply("fr")

    # Copy the details: what the coordinator needs to find them on the server.
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert bad_text in copied and bad_photo in copied and "invalid_text" in copied

    # The coordinator corrects one on the server: the next sync applies it, it leaves.
    sync_server.call(
        "stored_survey", establishment_id=est, answers=answers(notes="fixed"), survey_id=bad_text
    )
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert run_sync(qtbot, window).ok
    assert device.store.get_survey(bad_text).answers["notes"] == "fixed"
    assert button.text() == "Reçu mais mis de côté (1)…"
    panel.show_pulled_set_aside()
    assert [r[1] for r in rows(dialog)] == [
        "Il désigne une photo d'une façon que l'application refuse"
    ]

    # Receive everything again: the cursor is dropped; what is still wrong comes back set
    # aside once (one row, not two), nothing else changes.
    qtbot.mouseClick(dialog.again_button, Qt.MouseButton.LeftButton)
    assert device.store.get_state(STATE_CURSOR) is None
    again = run_sync(qtbot, window)
    assert again.ok and again.pulled_set_aside == 1
    dialog.refresh()
    assert dialog.table.rowCount() == 1

    # Hidden once read: the panel's button goes, the audit log keeps them.
    qtbot.mouseClick(dialog.hide_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0
    assert dialog.intro.text() == "Rien de ce qui a été reçu n'a été mis de côté."
    dialog.reject()
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=5_000)
    logged = device.store.conn.execute(
        "SELECT count(*) FROM audit WHERE action = 'pull_set_aside'"
    ).fetchone()[0]
    assert logged == 3
