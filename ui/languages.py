"""The UI's languages: French (default), Arabic (right to left) and English.

UI strings go through Qt's translation files: `ui/i18n/fieldapp_<lang>.ts` are the sources in
the repository, the build compiles them to `.qm`. A fresh source checkout has no `.qm`: we then
compile the `.ts` with `pyside6-lrelease` into a cache dir if it is there, and otherwise run
with the source strings. A missing translation never stops the app.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "ar", "en")
DEFAULT_LANGUAGE = "fr"
RIGHT_TO_LEFT = frozenset({"ar"})
I18N_DIR = Path(__file__).resolve().parent / "i18n"

_current = DEFAULT_LANGUAGE


def current_language() -> str:
    """The UI language now: form labels and establishment names follow it."""
    return _current


def language_name(lang: str) -> str:
    """A language's name in that language: what a person looks for in a list."""
    return {"fr": "Français", "ar": "العربية", "en": "English"}.get(lang, lang)


def _lrelease() -> str | None:
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    if candidate.exists():
        return str(candidate)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


# Translation files: the app's, the coordinator workspace's and the PDF reports' (kept apart
# so that the parts of the UI can be translated without editing the same file).
DOMAINS = ("fieldapp", "coordinator", "reports")


def isolated(value: object) -> str:
    """A code, path, number or time to put inside a sentence: in a right-to-left UI it keeps
    its own order (a first-strong isolate, as HTML's <bdi>), so "EPS-07-00012" or
    "/home/agent/fieldapp.log" never comes out garbled inside Arabic text."""
    text = str(value)
    if text and current_language() in RIGHT_TO_LEFT:
        return f"\u2068{text}\u2069"
    return text


# The locale behind each language: numbers, dates and times as Morocco writes them.
LOCALES = {"ar": "ar_MA", "fr": "fr_MA"}


def qm_path(lang: str, domain: str = "fieldapp") -> Path | None:
    """The compiled translation for `lang`: the built one, else one compiled now into a
    cache dir from the `.ts` source, else None (the UI then shows source strings)."""
    built = I18N_DIR / f"{domain}_{lang}.qm"
    if built.exists():
        return built
    source = I18N_DIR / f"{domain}_{lang}.ts"
    tool = _lrelease()
    if not source.exists() or tool is None:
        return None
    cache = Path(tempfile.gettempdir()) / "fieldapp-i18n"
    target = cache / f"{domain}_{lang}-{int(source.stat().st_mtime)}.qm"
    if target.exists():
        return target
    try:
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [tool, "-silent", str(source), "-qm", str(target)],
            check=True,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot compile %s: %s", source, exc)
        return None
    return target if target.exists() else None


class Translations:
    """Installs one language's translators on the application and sets its direction.

    Installing a translator sends QEvent.LanguageChange to every widget: each one retranslates
    its own texts in `changeEvent`.
    """

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = ""

    def apply(self, lang: str) -> str:
        """Switch the UI to `lang` (unknown codes fall back to French); returns the code used."""
        if lang not in LANGUAGES:
            lang = DEFAULT_LANGUAGE
        global _current
        _current = lang
        self.language = lang
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if lang != "en":
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qt_translator = QTranslator(self._app)
            if qt_translator.load(f"qtbase_{lang}", qt_dir):
                self._installed.append(qt_translator)
        for domain in DOMAINS:
            path = qm_path(lang, domain)
            if path is not None:
                translator = QTranslator(self._app)
                if translator.load(str(path)):
                    self._installed.append(translator)
                else:
                    log.warning("cannot load %s", path)
            else:
                log.warning("no %s translation for %s: showing source strings", domain, lang)
        # Moroccan formats: ar_MA writes 0-9 (plain "ar" is Egypt's ٠-٩), fr_MA dates day first.
        QLocale.setDefault(QLocale(LOCALES.get(lang, lang)))
        if isinstance(self._app, QApplication):
            self._app.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft
                if lang in RIGHT_TO_LEFT
                else Qt.LayoutDirection.LeftToRight
            )
        # Installed last so that the LanguageChange they send arrives with the new direction
        # and language already set.
        for translator in self._installed:
            self._app.installTranslator(translator)
        return lang
