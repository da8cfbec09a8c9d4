"""`FieldApp --self-test`: proves an installed bundle works, on the laptop it was installed on.

IT staff run it after installing from a USB stick, and CI runs it on the frozen build. It
touches nothing of the agent's: everything happens in a temporary data dir. Each check
prints one line; the first failure prints what failed and the exit code is 1.
"""

from __future__ import annotations

import logging
import os
import random
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_FAILED = 1
# The translations a field laptop needs; English is the source language, there is no file.
CHECKED_LANGUAGES = ("fr", "ar")
ENTRY_POINTS = (("fieldapp.gui", "desktop"), ("fieldapp.commands", "sync"))


class SelfTestFailure(Exception):
    """A check found something wrong: the message says what, for the person reading it."""


class SelfTest:
    """The checks, in order, sharing one temporary profile and one QApplication."""

    def __init__(self, root: Path, out: TextIO) -> None:
        self.root = root
        self.profile = root / "profile"
        self.out = out
        self.app: Any = None
        self.survey_id = ""
        self.passed = 0

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def check(self, name: str, fn: Callable[[], str]) -> None:
        """Run one check; its return value is a short detail for the 'ok' line."""
        started = time.perf_counter()
        detail = fn()
        ms = (time.perf_counter() - started) * 1000
        self.passed += 1
        self.say(f"ok   {name}: {detail} ({ms:.0f} ms)")

    # -- the checks -------------------------------------------------------------------------

    def entry_points(self) -> str:
        # The `fieldapp` CLI finds the desktop app and the sync commands through the package
        # metadata: a bundle without entry_points.txt starts to a "not installed" error.
        from importlib import metadata

        found = []
        for group, name in ENTRY_POINTS:
            matches = metadata.entry_points(group=group, name=name)
            if not matches:
                raise SelfTestFailure(f"entry point {group}:{name} missing (package metadata)")
            next(iter(matches)).load()
            found.append(f"{group}:{name}")
        return ", ".join(found)

    def store(self) -> str:
        import secrets

        from fieldapp.demo import make_establishments
        from fieldapp.store import SCHEMA_VERSION, Store, cipher

        # The self-test's own throwaway profile: encrypted like any other, with a random PIN.
        cipher.unlock(self.profile, secrets.token_urlsafe(16))
        with Store.open(self.profile, actor="self-test") as store:
            sqlcipher = store.conn.execute("PRAGMA cipher_version").fetchone()
            if not sqlcipher or not sqlcipher[0]:
                raise SelfTestFailure("the profile database is not SQLCipher")
            if store.schema_version != SCHEMA_VERSION:
                raise SelfTestFailure(
                    f"schema version {store.schema_version} after migration, "
                    f"expected {SCHEMA_VERSION}"
                )
            store.upsert_establishments(make_establishments(2, random.Random(8)))
            report = store.check()
            if not report.ok:
                raise SelfTestFailure(f"integrity check failed: {report.integrity}")
        if cipher.is_plaintext(self.profile / "fieldapp.db"):
            raise SelfTestFailure("the profile database was written in plaintext")
        return f"schema {SCHEMA_VERSION}, integrity ok, SQLCipher {sqlcipher[0]}"

    def baseline_form(self) -> str:
        from fieldapp.forms import baseline_form

        form = baseline_form()
        if not form.sections:
            raise SelfTestFailure("the baseline form has no sections")
        return f"{form.id} {form.version}, {len(form.sections)} sections"

    def save_and_reload(self) -> str:
        from fieldapp.forms import baseline_form, demo_answers
        from fieldapp.store import Store

        form = baseline_form()
        answers = demo_answers(form, random.Random(3), complete=True)
        with Store.open(self.profile, actor="self-test") as store:
            establishment_id = store.find_establishment_ids()[0]
            survey = store.start_survey(establishment_id, form.id, form.version)
            store.save_answers(survey.id, answers)
        # A fresh connection reads what is on disk, not what the first one cached.
        with Store.open(self.profile, actor="self-test") as store:
            reloaded = store.get_survey(survey.id)
            if reloaded.answers != answers:
                raise SelfTestFailure("the survey read back differs from the one saved")
            outbox = store.outbox_count()
        if outbox < 2:
            raise SelfTestFailure(f"{outbox} outbox entries after a start and a save")
        self.survey_id = survey.id
        return f"{len(answers)} answers, outbox {outbox}"

    def qt(self) -> str:
        # Offscreen unless told otherwise: the self-test runs on machines with no display.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6 import __version__ as pyside_version
        from PySide6.QtGui import QImageReader
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        # Photos are JPEG: the one image plugin the bundle must keep.
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        if "jpeg" not in formats:
            raise SelfTestFailure(f"no JPEG support (image formats: {sorted(formats)})")
        return f"PySide6 {pyside_version}, platform {self.app.platformName()}, jpeg"

    def translations(self) -> str:
        from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

        from ui.languages import DOMAINS, I18N_DIR, Translations, qm_path

        translations = Translations(self.app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        shown = []
        try:
            for lang in CHECKED_LANGUAGES:
                # Every part of the UI has its own file (the app's, the coordinator
                # workspace's, …): each one must be in the bundle and load.
                for domain in DOMAINS:
                    path = qm_path(lang, domain)
                    if path is None or path.parent != I18N_DIR:
                        raise SelfTestFailure(f"{domain}_{lang}.qm is not in {I18N_DIR}")
                    translator = QTranslator()
                    if not translator.load(str(path)) or translator.isEmpty():
                        raise SelfTestFailure(f"{path.name} does not load")
                if translations.apply(lang) != lang:
                    raise SelfTestFailure(f"language {lang} refused")
                quit_text = QCoreApplication.translate("MainWindow", "&Quit")
                if quit_text == "&Quit":
                    raise SelfTestFailure(f"fieldapp_{lang}.qm loaded but translates nothing")
                dashboard = QCoreApplication.translate("CoordinatorWorkspace", "Dashboard")
                if dashboard == "Dashboard":
                    raise SelfTestFailure(f"coordinator_{lang}.qm loaded but translates nothing")
                # Qt's own strings (standard buttons, dialogs): the bundle keeps only these.
                if not QTranslator().load(f"qtbase_{lang}", qt_dir):
                    raise SelfTestFailure(f"qtbase_{lang}.qm missing in {qt_dir}")
                shown.append(f"{lang} '{quit_text}' '{dashboard}'")
        finally:
            translations.apply("fr")
        return f"{', '.join(shown)} ({len(DOMAINS)} files each)"

    def map_outline(self) -> str:
        # The coordinator's offline map draws the outline shipped in ui/morocco.geojson.
        from ui.coordinator.mapview import MapView, load_outline

        features = load_outline()
        if not any(f.get("properties", {}).get("code") == "MA" for f in features):
            raise SelfTestFailure("ui/morocco.geojson has no outline of Morocco")
        view = MapView()
        try:
            view.resize(400, 300)
            image = view.grab().toImage()
            if image.isNull():
                raise SelfTestFailure("the map did not render")
        finally:
            view.close()
        return f"{len(features)} shapes, rendered {image.width()}x{image.height()}"

    def survey_form(self) -> str:
        from PySide6.QtWidgets import QApplication

        from fieldapp.forms import baseline_form
        from fieldapp.store import Store
        from ui.survey.form import SurveyForm
        from ui.tasks import Tasks

        errors: list[BaseException] = []
        form = baseline_form()
        with Store.open(self.profile, actor="self-test") as store:
            survey = store.get_survey(self.survey_id)
            establishment = store.get_establishment(survey.establishment_id)
            read_attachment = store.read_attachment
        # Synchronous tasks: the save below is done when save() returns.
        tasks = Tasks(self.profile, actor="self-test", synchronous=True, on_error=errors.append)
        widget = SurveyForm(
            form,
            survey,
            establishment,
            tasks,
            report_error=errors.append,
            read_attachment=read_attachment,
        )
        try:
            widget.resize(1180, 720)
            widget.show()
            rendered = 0
            for number in range(len(form.sections)):
                widget.go_to_section(number, focus=False)
                QApplication.processEvents()
                image = widget.grab().toImage()
                if image.isNull() or widget.stack.currentWidget() is not widget.pages[number]:
                    raise SelfTestFailure(f"section {number + 1} did not render")
                rendered += 1
            if errors:
                raise SelfTestFailure(f"rendering reported: {errors[0]!r}")
            view = next(
                (
                    v
                    for (_name, index), v in widget.views.items()
                    if v.question.type == "text" and not index and v.relevant and not v.read_only
                ),
                None,
            )
            if view is None:
                raise SelfTestFailure("no editable text question in the baseline form")
            view.editor.set_value("self-test")
            view.edited.emit(view)
            widget.save()
            if errors:
                raise SelfTestFailure(f"saving from the form failed: {errors[0]!r}")
            name = view.question.name
        finally:
            widget.close()
            tasks.close()
        with Store.open(self.profile, actor="self-test") as store:
            if store.get_survey(self.survey_id).answers.get(name) != "self-test":
                raise SelfTestFailure(f"the answer to {name} typed in the form was not saved")
        return f"{rendered} sections rendered, {len(widget.views)} questions, edit saved"

    def window_fits(self) -> str:
        # The main window, an open survey and the settings dialog within this screen's free
        # area (a 1366x768 laptop at 150 % leaves 911x512): the status bar is never cut off.
        from ui.screencheck import measure

        report = measure(self.profile)
        misfits = [name for name, ok in report["fits"].items() if not ok]
        if misfits:
            raise SelfTestFailure(
                f"does not fit the {report['available'][2]}x{report['available'][3]} "
                f"screen: {', '.join(misfits)}"
            )
        return (
            f"{len(report['fits'])} checks on a {report['available'][2]}x"
            f"{report['available'][3]} screen ({report['platform']})"
        )

    def error_dialog(self) -> str:
        # An uncaught exception in a slot must become a dialog naming the log file.
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from ui.errors import ErrorReporter, install_excepthook, log_file, setup_logging

        written = setup_logging(self.root / "logs")
        if written is None or not written.exists():
            raise SelfTestFailure(f"cannot write the log in {self.root / 'logs'}")
        reporter = ErrorReporter(None)
        saved_hooks = sys.excepthook
        install_excepthook(reporter.report)
        try:

            def fail() -> None:
                raise RuntimeError("self-test: a deliberate error")

            QTimer.singleShot(0, fail)
            deadline = time.monotonic() + 5
            while not reporter.shown and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.01)
        finally:
            sys.excepthook = saved_hooks
        if not reporter.shown:
            raise SelfTestFailure("an uncaught exception showed no dialog")
        box = reporter.shown[0]
        if str(log_file()) not in box.informativeText():
            raise SelfTestFailure("the error dialog does not name the log file")
        box.close()
        for handler in logging.getLogger().handlers:
            handler.flush()
        if "deliberate error" not in written.read_text(encoding="utf-8"):
            raise SelfTestFailure(f"the traceback is not in {written}")
        return f"dialog shown, traceback in {written.name}"

    def cryptography(self) -> str:
        # Sneakernet bundles are sealed with a key derived by scrypt and AES-GCM
        # (sync/bundle.py, through cryptography's compiled library): seal one and open it,
        # and make sure a wrong passphrase and a changed byte are refused.
        from sync.bundle import KIND_BUNDLE, BundleError, BundleErrorCode, seal, unseal

        passphrase = secrets.token_urlsafe(12)
        sealed = seal(KIND_BUNDLE, b"FieldApp self-test", passphrase)
        if unseal(sealed, passphrase) != (KIND_BUNDLE, b"FieldApp self-test"):
            raise SelfTestFailure("a sealed bundle does not open to what was sealed")
        tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
        for data, secret, expected in (
            (sealed, "another passphrase", BundleErrorCode.WRONG_PASSPHRASE),
            (tampered, passphrase, BundleErrorCode.TAMPERED),
        ):
            try:
                unseal(data, secret)
            except BundleError as exc:
                if exc.code != expected:
                    raise SelfTestFailure(f"{expected} expected, got {exc.code}") from exc
            else:
                raise SelfTestFailure(f"a bundle with {expected} was opened")
        return "scrypt + AES-GCM bundle sealed and opened; wrong passphrase, tampering refused"

    def pdf(self) -> str:
        # PDF reports (ui/reports.py) are painted on a QPdfWriter, which is part of QtGui
        # (not QtPdf, which only reads PDFs and stays out): a regional summary of the
        # self-test's profile, in Arabic (right to left, its own translation file).
        from fieldapp.forms import baseline_form
        from ui.reports import write_region_report

        target = self.root / "self-test-region.pdf"
        result = write_region_report(self.profile, [], baseline_form(), target, "ar")
        data = target.read_bytes()
        if not data.startswith(b"%PDF") or b"/Font" not in data:
            raise SelfTestFailure("the regional report written has no text")
        return f"regional report in Arabic, {result.pages} page(s), {len(data)} bytes"

    def network_information(self) -> str:
        # Informative only: without a back-end the app still probes the server (ui/autosync).
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError as exc:
            return f"no QtNetwork ({exc}); reachability by probing only"
        backends = QNetworkInformation.availableBackends()
        return f"back-ends: {', '.join(backends) or 'none'}"

    def keyring(self) -> str:
        # Informative only: a laptop without a keyring keeps the token in a 0600 file.
        try:
            import keyring

            backend = keyring.get_keyring()
        except Exception as exc:  # the sync client falls back to a file; say what broke
            return f"no keyring ({type(exc).__name__}: {exc}); tokens go to a file"
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def run(self) -> None:
        self.check("package metadata", self.entry_points)
        self.check("store opened and migrated", self.store)
        self.check("baseline form", self.baseline_form)
        self.check("survey saved and reloaded", self.save_and_reload)
        self.check("Qt", self.qt)
        self.check("translations", self.translations)
        self.check("map outline", self.map_outline)
        self.check("survey form", self.survey_form)
        self.check("window fits the screen", self.window_fits)
        self.check("error dialog and log", self.error_dialog)
        self.check("cryptography", self.cryptography)
        self.check("PDF", self.pdf)
        self.check("network information", self.network_information)
        self.check("keyring", self.keyring)


@contextmanager
def _report_stream() -> Iterator[TextIO]:
    """Where the report goes: stdout, or a file when there is none (a windowed Windows
    executable has no console; the file is then in the log dir)."""
    if sys.stdout is not None:
        yield sys.stdout
        return
    from fieldapp.paths import log_dir

    directory = log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "self-test.txt").open("w", encoding="utf-8") as stream:
        yield stream


def run_self_test() -> int:
    """Run every check in a temporary data dir; 0 when all pass, 1 (and why) otherwise."""
    from fieldapp import __version__

    started = time.perf_counter()
    with (
        _report_stream() as out,
        tempfile.TemporaryDirectory(prefix="fieldapp-selftest-") as tmp,
    ):
        test = SelfTest(Path(tmp), out)
        frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
        test.say(f"FieldApp {__version__} self-test ({frozen}, {sys.platform})")
        try:
            test.run()
        except SelfTestFailure as exc:
            test.say(f"self-test: FAILED: {exc}")
            return EXIT_FAILED
        except Exception as exc:
            test.say(traceback.format_exc().rstrip())
            test.say(f"self-test: FAILED: {type(exc).__name__}: {exc}")
            return EXIT_FAILED
        finally:
            logging.shutdown()
        test.say(f"self-test: ok ({test.passed} checks, {time.perf_counter() - started:.1f} s)")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(run_self_test())
