"""Desktop app test setup: real widgets offscreen, a real SQLite profile per test, the UI
language chosen per test (and put back to French afterwards)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from fieldapp.demo import make_establishments
from fieldapp.forms import load_form
from fieldapp.store import Store
from ui.languages import Translations
from ui.mainwindow import MainWindow
from ui.survey.form import SurveyForm
from ui.tasks import Tasks


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Any:
    """A test that fails with a window holding unsaved answers left its teardown (pytest-qt
    closes the windows) waiting on the modal "unsaved answers" question until the 900 s
    timeout, holding CI for a quarter of an hour: at teardown a modal left open is cancelled."""
    app = QApplication.instance()
    timer = QTimer()
    timer.setInterval(100)

    def cancel_left_modal() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            modal.reject()
        elif modal is not None:
            modal.close()

    timer.timeout.connect(cancel_left_modal)
    if app is not None:
        timer.start()
    try:
        return (yield)
    finally:
        timer.stop()


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


class SurveyForms:
    """Survey forms shown on a profile (real store, real writer thread); `close()` leaves
    each (saved, nothing written after) and checks nothing was reported."""

    def __init__(self, qtbot: Any, data_dir: Path, actor: str = "agent") -> None:
        self.qtbot = qtbot
        self.data_dir = data_dir
        self.actor = actor
        self.tasks = Tasks(data_dir, actor=actor)
        self.errors: list[BaseException] = []
        self.made: list[SurveyForm] = []

    def open(
        self,
        definition: dict[str, Any],
        survey_id: str | None = None,
        establishment_id: str | None = None,
        **options: Any,
    ) -> SurveyForm:
        """A new draft (of `establishment_id`, else the first establishment), or the survey
        `survey_id` opened again (a later session); `options` go to SurveyForm."""
        with Store.open(self.data_dir, actor=self.actor) as store:
            if survey_id is None:
                eid = establishment_id or store.find_establishment_ids()[0]
                survey = store.start_survey(eid, definition["id"], str(definition["version"]))
            else:
                survey = store.get_survey(survey_id)
            establishment = store.get_establishment(survey.establishment_id)
        form = SurveyForm(
            load_form(definition),
            survey,
            establishment,
            self.tasks,
            report_error=self.errors.append,
            read_attachment=self.read_attachment,
            **options,
        )
        self.qtbot.addWidget(form)
        form.resize(1000, 700)
        form.show()
        self.qtbot.waitExposed(form)
        self.made.append(form)
        return form

    def read_attachment(self, sha: str) -> bytes:
        with Store.open(self.data_dir) as store:
            return store.read_attachment(sha)

    def close(self) -> None:
        for form in self.made:
            assert form.leave()
        self.tasks.close()
        assert not self.errors, self.errors


@pytest.fixture
def survey_form_of(qtbot, profile: Path) -> Iterator[Callable[..., SurveyForm]]:
    """`survey_form_of(definition)`: a survey form, shown, on a new draft of that form for the
    profile's first establishment; `survey_id=` opens that survey again."""
    forms = SurveyForms(qtbot, profile)
    yield forms.open
    forms.close()
