"""A new laptop says what to do (enroll, and what a code is); F5 always gives something to
see: not enrolled, the enrollment dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.mainwindow import MainWindow


def test_first_start_explains_enrollment_and_f5_opens_it(qtbot, data_dir, translations):
    translations.apply("fr")
    window = MainWindow(data_dir, translations=translations)  # an empty, new profile
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.model.rowCount() == 0
    assert window.first_start.isVisible()
    assert "code d'inscription" in window.first_start.text.text()
    assert window.first_start.enroll.text() == "Inscrire cet ordinateur…"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.enroll_dialog is not None)
    assert "pas encore inscrit" in window.status.currentMessage()
    window.enroll_dialog.reject()


def test_a_profile_with_establishments_shows_no_first_start(qtbot, open_window):
    window = open_window()
    assert not window.first_start.isVisible()


def test_an_unreachable_server_is_said_in_the_status_bar_with_the_next_try(qtbot, open_window):
    window = open_window()
    window.status.set_connectivity("offline")
    window.status.set_next_try(90)
    text = window.status.connectivity.text()
    assert text.startswith("● Serveur injoignable · nouvel essai à "), text
    assert text[-5:-3].isdigit() and text[-3] == ":"
