"""Why a connection failed, as the person reads it in French, Arabic and English."""

from __future__ import annotations

import pytest

from sync.errors import NetworkFailure, SyncErrorCode
from ui.syncing import describe_sync_error

CODE = {
    NetworkFailure.NOT_TLS: SyncErrorCode.CONFIG,
    NetworkFailure.CERTIFICATE: SyncErrorCode.TLS,
    NetworkFailure.CERTIFICATE_EXPIRED: SyncErrorCode.TLS,
    NetworkFailure.CERTIFICATE_NAME: SyncErrorCode.TLS,
}


@pytest.mark.parametrize("failure", list(NetworkFailure))
def test_each_network_failure_has_its_own_sentence_in_three_languages(translations, failure):
    code = CODE.get(failure, SyncErrorCode.UNREACHABLE)
    texts = {}
    for lang in ("en", "fr", "ar"):
        translations.apply(lang)
        texts[lang] = describe_sync_error(code, failure)
    generic = describe_sync_error(code)  # still Arabic: the code's own sentence
    assert texts["fr"] != texts["en"] and texts["ar"] != texts["en"] != texts["fr"]
    assert all(what and todo for what, todo in texts.values())
    if failure == NetworkFailure.CERTIFICATE:
        assert texts["ar"] == generic  # the TLS sentence is already the certificate's
    else:
        assert texts["ar"] != generic, failure
    assert any("\u0600" <= ch <= "\u06ff" for ch in "".join(texts["ar"]))


def test_relayed_bundle_changes_waiting_are_counted_in_each_language(translations):
    from PySide6.QtCore import QCoreApplication

    source = "%n change(s) of imported bundles still to relay to the server."
    expected = {
        "fr": "2 modifications de bundles importés restent à relayer au serveur.",
        "ar": "تعديلان من الحزم المستوردة متبقيان للإرسال إلى الخادم.",
        "en": "2 changes of imported bundles still to relay to the server.",
    }
    for lang, text in expected.items():
        translations.apply(lang)
        assert QCoreApplication.translate("SyncPanel", source, "", 2) == text
