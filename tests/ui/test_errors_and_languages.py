"""Problems a person meets, said in their language; languages switched at run time; the
translation files complete."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.store import Store, StoreError, StoreErrorCode
from ui import app as app_module
from ui import languages
from ui.errors import describe

I18N = Path(languages.__file__).parent / "i18n"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_ui_string_is_translated(lang):
    root = ET.parse(I18N / f"fieldapp_{lang}.ts").getroot()
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert unfinished == []


@pytest.mark.parametrize("code", list(StoreErrorCode))
def test_each_store_problem_is_told_in_french_and_arabic(translations, code):
    error = StoreError(code, "english detail", path="/data/fieldapp.db")
    translations.apply("fr")
    what_fr, todo_fr = describe(error)
    translations.apply("ar")
    what_ar, todo_ar = describe(error)
    assert what_fr and todo_fr and what_ar and todo_ar
    assert what_fr != what_ar


def test_a_save_on_a_full_disk_says_so_and_keeps_the_answers(qtbot, open_window, monkeypatch):
    window = open_window()
    window.start_survey(window.model.id_at(0))
    qtbot.waitUntil(lambda: window.survey_form is not None)
    form = window.survey_form

    def full(self, survey_id, answers, **_kept):  # audit_rows= since f9e00b6
        raise StoreError(StoreErrorCode.DISK_FULL, "disk full", path="/data")

    monkeypatch.setattr(Store, "save_answers", full)
    qtbot.keyClicks(form.question_view("respondent_name").editor.focus_target(), "Amina")
    form.save()
    qtbot.waitUntil(lambda: bool(window.errors.shown))
    box = window.errors.shown[-1]
    assert box.text() == "Le disque est plein : la dernière modification n'a pas été enregistrée."
    assert "Journal : " in box.informativeText() and "fieldapp.log" in box.informativeText()
    assert form.save_state.text() == "Non enregistré !"
    assert form.answers["respondent_name"] == "Amina"
    assert form.dirty  # it will be saved again at the next edit or Ctrl+S
    monkeypatch.undo()  # room again: closing saves instead of asking (test_unsaved_answers.py)


def test_the_app_explains_a_foreign_file_instead_of_opening_it(qtbot, data_dir, monkeypatch):
    (data_dir / "fieldapp.db").write_bytes(b"this is a spreadsheet, not a database")
    monkeypatch.setattr(app_module, "setup_logging", lambda: None, raising=False)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.done(0)

    QTimer.singleShot(200, read_and_close)
    assert app_module.run(data_dir) == app_module.EXIT_CANNOT_OPEN
    assert seen and seen[0].startswith("Le fichier ") and "FieldApp" in seen[0]
    assert (data_dir / "fieldapp.db").read_bytes().startswith(b"this is a spreadsheet")


def test_language_switches_at_run_time_from_the_settings(qtbot, open_window, profile):
    window = open_window("fr")
    assert window.app_menu.title() == "&FieldApp"
    assert window.help_menu.title() == "&Aide"
    window.show_settings()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitUntil(lambda: window.help_menu.title() == "&مساعدة")  # LanguageChange is posted
    assert window.filters.status.itemText(0) == "جميع الحالات"
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "الرمز"
    assert window.settings.language == "ar"  # kept for the next start


def test_without_compiled_translations_the_ts_are_compiled_or_french_source_is_shown(
    tmp_path, monkeypatch
):
    sources = tmp_path / "i18n"
    sources.mkdir()
    shutil.copy(I18N / "fieldapp_fr.ts", sources)
    monkeypatch.setattr(languages, "I18N_DIR", sources)
    compiled = languages.qm_path("fr")
    assert compiled is not None and compiled.exists() and compiled.stat().st_size > 0
    monkeypatch.setattr(languages, "_lrelease", lambda: None)
    assert languages.qm_path("ar") is None  # no .ts, no tool: source strings, no crash


def test_a_second_app_on_a_profile_in_use_says_which_process_holds_it(qtbot, data_dir, monkeypatch):
    from tests.core.test_profile_lock import holder_process

    monkeypatch.setattr(app_module, "setup_logging", lambda: None, raising=False)
    seen: list[tuple[str, str]] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.informativeText()))
        box.done(0)

    with holder_process(data_dir) as proc:
        QTimer.singleShot(6000, read_and_close)  # after the brief wait for the profile
        assert app_module.run(data_dir) == app_module.EXIT_CANNOT_OPEN
    assert seen[0][0] == (
        f"Ce profil est déjà ouvert dans un autre FieldApp (processus {proc.pid}, fieldapp sync)."
    )
    assert "attendez la fin de la commande" in seen[0][1]
    assert not (data_dir / "fieldapp.db").exists()  # nothing was written


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Ce profil est déjà ouvert dans un autre FieldApp (processus 4242, fieldapp sync)."),
        (
            "ar",
            "هذا الملف الشخصي مفتوح بالفعل في نسخة أخرى من FieldApp "
            "(العملية \u20684242\u2069، \u2068fieldapp sync\u2069).",  # isolated: keep their order
        ),
        ("en", "This profile is already open in another FieldApp (process 4242, fieldapp sync)."),
    ],
)
def test_a_profile_in_use_is_told_in_each_language(translations, lang, expected):
    from fieldapp.store.profile_lock import Holder, ProfileInUse

    holder = Holder(pid=4242, program="fieldapp sync", host="laptop", since="2026-01-01 10:00 UTC")
    error = ProfileInUse("english line", path="/data", holder=holder)
    translations.apply(lang)
    what, todo = describe(error)
    assert what == expected and todo
