"""Desktop app test setup: real widgets offscreen, a real SQLite profile per test, the UI
language chosen per test (and put back to French afterwards)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from fieldapp.demo import make_establishments
from fieldapp.store import Store
from ui.languages import Translations
from ui.mainwindow import MainWindow


@pytest.fixture(scope="session")
def translations(qapp: QApplication) -> Translations:
    return Translations(qapp)


@pytest.fixture(autouse=True)
def french_afterwards(translations: Translations) -> Iterator[None]:
    translations.apply("fr")
    yield
    translations.apply("fr")


@pytest.fixture
def profile(data_dir: Path) -> Path:
    """A profile with 40 establishments and no survey yet."""
    with Store.open(data_dir) as store:
        store.upsert_establishments(make_establishments(40, random.Random(5)))
    return data_dir


@pytest.fixture
def open_window(qtbot, profile: Path, translations: Translations) -> Callable[..., MainWindow]:
    """Opens a main window on the profile, in a language; several may be opened in turn
    (close one, open the next: that is restarting the app)."""

    def open_(lang: str = "fr", **kwargs) -> MainWindow:
        translations.apply(lang)
        window = MainWindow(profile, translations=translations, **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_
