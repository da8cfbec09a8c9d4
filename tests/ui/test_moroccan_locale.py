"""Moroccan locale: Western digits (0-9) in the Arabic UI, as Morocco writes them; Arabic
type-ahead in drop-downs that ignores the article and hamza forms."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale

from ui.survey.choice_editors import type_ahead_keys


def test_the_arabic_ui_writes_western_digits(translations):
    translations.apply("ar")
    locale = QLocale()
    assert locale.name() == "ar_MA"
    assert locale.toString(44) == "44"
    moment = QDateTime.fromString("2026-12-06T15:55:00", "yyyy-MM-ddTHH:mm:ss")
    text = locale.toString(moment, QLocale.FormatType.ShortFormat)
    assert not any("\u0660" <= c <= "\u0669" for c in text), text
    translations.apply("fr")
    assert QLocale().name() == "fr_MA"


def test_arabic_type_ahead_ignores_the_article_and_hamza_forms():
    keys = type_ahead_keys("المدير أو المديرة")
    assert any(k.startswith("مدير") for k in keys)
    assert any(k.startswith("او") for k in keys)  # أو found by a plain alef
    assert any(k.startswith("medecin") for k in type_ahead_keys("Médecin"))


def test_codes_and_paths_keep_their_order_inside_arabic_text(translations):
    from ui.languages import isolated

    translations.apply("ar")
    assert isolated("EPS-07-00012") == "\u2068EPS-07-00012\u2069"
    translations.apply("fr")
    assert isolated("EPS-07-00012") == "EPS-07-00012"
