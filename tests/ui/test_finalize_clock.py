"""Finalizing on a laptop whose clock was off by more than a day at the last sync
(sync.clock): the confirmation says so first, in fr/ar/en, and finalizing anyway still works;
a clock within a day asks the usual question. The main window hands the form the measure."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldapp.store import Store
from sync.clock import ClockOffset, off_by_more_than_a_day, remember_offset

FORM = {
    "format": "fieldapp-form",
    "format_version": 1,
    "id": "clock_test",
    "version": "1",
    "title": {"fr": "Horloge", "ar": "الساعة"},
    "default_language": "fr",
    "languages": ["fr", "ar"],
    "children": [
        {"type": "integer", "name": "residents", "label": {"fr": "Résidents", "ar": "المقيمون"}},
    ],
}
WARNING = {
    "fr": "l'horloge de cet ordinateur avançait de 3 jours sur celle du serveur",
    "ar": "كانت ساعة هذا الحاسوب متقدمة بـ3 أيام على ساعة الخادم",
    "en": "this laptop's clock was 3 day(s) ahead of the server's",
}
ANYWAY = {"fr": "Finaliser quand même", "ar": "إنهاء على أي حال", "en": "Finalize anyway"}


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_finalizing_on_a_clock_days_off_says_so_first(
    qtbot, translations, profile: Path, survey_form_of, lang: str
) -> None:
    with Store.open(profile) as store:
        remember_offset(store, 3 * 86400 + 600, "2026-12-01T10:00:00Z")
    translations.apply(lang)
    store = Store.open(profile)
    try:
        form = survey_form_of(FORM, clock_offset=lambda: off_by_more_than_a_day(store))
        survey_id = form.survey.id
        form.finalize()
        box = form.confirm_box
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert WARNING[lang] in box.text()
        assert box.buttons()[0].text() == ANYWAY[lang]
        qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: form.read_only, timeout=5000)
        assert str(store.get_survey(survey_id).status) == "finalized"
    finally:
        store.close()
        translations.apply("fr")


def test_a_clock_within_a_day_asks_the_usual_question(
    qtbot, translations, profile: Path, survey_form_of
) -> None:
    with Store.open(profile) as store:
        remember_offset(store, -3600, "2026-12-01T10:00:00Z")  # an hour behind: a time zone
        assert off_by_more_than_a_day(store) is None
    translations.apply("fr")
    form = survey_form_of(FORM, clock_offset=lambda: None)
    form.finalize()
    box = form.confirm_box
    assert box is not None and box.text().startswith("Finaliser cette enquête ?")
    assert box.buttons()[0].text() == "Finaliser"
    box.reject()


def test_the_window_hands_the_survey_form_the_last_syncs_measure(
    qtbot, open_window, profile: Path
) -> None:
    with Store.open(profile) as store:
        remember_offset(store, -40 * 86400, "2026-12-01T10:00:00Z")
    window = open_window()
    establishment_id = window.model.id_at(0)
    assert establishment_id is not None
    window.start_survey(establishment_id)
    qtbot.waitUntil(lambda: window.survey_form is not None)
    assert window.survey_form.clock_offset() == ClockOffset(-40 * 86400, "2026-12-01T10:00:00Z")
