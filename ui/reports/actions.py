"""Reports in the app: the dialog asking where and in which language, generation on the
worker pool with a progress dialog, problems told as sentences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import (
    QAction,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from ui.languages import LANGUAGES, current_language, isolated, language_name
from ui.reports.establishment import EstablishmentData, write_establishment_report
from ui.reports.region import write_region_report
from ui.reports.sheet import ReportError, ReportProgress, ReportResult
from ui.reports.wording import Wording


class ReportDialog(QDialog):
    """Where to write a report and in which language (default: the UI's); for a regional
    summary, which region."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        default_path: Path,
        regions: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(title)
        self.language = QComboBox()
        self.language.setObjectName("reportLanguage")
        for lang in LANGUAGES:
            self.language.addItem(language_name(lang), lang)
        self.language.setCurrentIndex(max(0, LANGUAGES.index(current_language())))
        self.region = QComboBox()
        self.region.setObjectName("reportRegion")
        for code, label in regions:
            self.region.addItem(label, code)
        self.path = QLineEdit(str(default_path))
        self.path.setObjectName("reportPath")
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Language of the report:"), self.language)
        if regions:
            form.addRow(self.tr("Region:"), self.region)
        form.addRow(self.tr("File:"), where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(), "PDF (*.pdf)"
        )
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def choice(self) -> tuple[str, str, Path]:
        """(language, region code, path)."""
        return (
            str(self.language.currentData()),
            str(self.region.currentData() or ""),
            Path(self.path.text().strip()),
        )


class ReportActions(QObject):
    """The report buttons of a main window: an establishment's report from its detail pane
    (agents and coordinators), a regional summary for coordinators. Generation runs on the
    worker pool with a progress dialog that can cancel."""

    def __init__(self, window: Any, regions: Sequence[str], coordinator: bool) -> None:
        super().__init__(window)
        self.window = window
        self.regions = list(regions)
        self.coordinator = coordinator
        self.last_message = ""
        self.last_result: ReportResult | None = None
        self.shown: list[QMessageBox] = []
        self.progress: ReportProgress | None = None
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._poll)
        window.detail.report_requested.connect(self.ask_establishment)
        self.region_action = QAction(self)
        self.region_action.triggered.connect(self.ask_region)

    def retranslate(self) -> None:
        self.region_action.setText(self.tr("Regional &summary (PDF)…"))

    # -- asking ------------------------------------------------------------------------------

    def _default_dir(self) -> Path:
        documents = Path.home() / "Documents"
        return documents if documents.is_dir() else Path.home()

    def ask_establishment(self, establishment_id: str) -> None:
        establishment = self.window.store.get_establishment(establishment_id)
        dialog = ReportDialog(
            self.window,
            self.tr("Establishment report (PDF)"),
            self._default_dir() / f"{establishment.code}.pdf",
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            lang, _region, path = dialog.choice()
            self.establishment_report(establishment_id, path, lang)

    def region_choices(self) -> list[tuple[str, str]]:
        codes = self.regions or self.window.store.distinct_values("region")
        wording = Wording(current_language())
        choices = [(code, wording.region(code)) for code in codes]
        if len(codes) > 1:
            choices.insert(0, ("", self.tr("All my regions")))
        return choices

    def ask_region(self) -> None:
        choices = self.region_choices()
        dialog = ReportDialog(
            self.window,
            self.tr("Regional summary (PDF)"),
            self._default_dir() / "fieldapp-summary.pdf",
            choices,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            lang, region, path = dialog.choice()
            regions = [region] if region else self.regions
            self.region_report(regions, path, lang)

    # -- generating --------------------------------------------------------------------------

    def establishment_report(self, establishment_id: str, target: Path, lang: str) -> None:
        """Read what the report needs here (quick indexed reads), write it on the pool."""
        store = self.window.store
        establishment = store.get_establishment(establishment_id)
        surveys = store.surveys_for(establishment_id)
        survey = surveys[0] if surveys else None
        form = self.window.form_for(survey.form_id, survey.form_version) if survey else None
        data = EstablishmentData(establishment, survey, form, store.read_attachment)
        self._start(
            lambda progress: write_establishment_report(data, target, lang, progress),
            self.tr("Writing the report of %1…").replace("%1", isolated(establishment.code)),
        )

    def region_report(self, regions: Sequence[str], target: Path, lang: str) -> None:
        from fieldapp.forms import baseline_form

        data_dir, form, regions = self.window.data_dir, baseline_form(), list(regions)
        self._start(
            lambda progress: write_region_report(data_dir, regions, form, target, lang, progress),
            self.tr("Writing the regional summary…"),
        )

    def _start(self, work: Callable[[ReportProgress], ReportResult], label: str) -> None:
        if self.progress is not None:
            self._say(self.tr("A report is already being written."))
            return
        progress = self.progress = ReportProgress()
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self.window)
        self.dialog.setObjectName("reportProgress")
        self.dialog.setMinimumDuration(400)
        self.dialog.canceled.connect(progress.cancel)
        self._timer.start()
        self.window.tasks.run(lambda: work(progress), success=self._done, failure=self._failed)

    def _poll(self) -> None:
        if self.progress is not None and self.dialog is not None and self.progress.total:
            self.dialog.setMaximum(self.progress.total)
            self.dialog.setValue(min(self.progress.done, self.progress.total - 1))

    def _finish(self) -> None:
        self._timer.stop()
        self.progress = None
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, result: ReportResult) -> None:
        self._finish()
        self.last_result = result
        text = self.tr("Report written: %1 (%n page(s)).", "", result.pages).replace(
            "%1", isolated(str(result.path))
        )
        if result.missing_photos:
            text += " " + self.tr(
                "%n photo(s) missing on this computer are marked in the report.",
                "",
                len(result.missing_photos),
            )
        self._say(text)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if not isinstance(exc, ReportError):
            self.window.errors.report(exc)
            return
        if exc.code == "cancelled":
            self._say(self.tr("Report cancelled: no file was written."))
            return
        text = {
            "unwritable": self.tr(
                "The report cannot be written in %1: the folder does not exist or is "
                "read-only. Choose another folder."
            ),
            "disk_full": self.tr("The disk is full: the report was not written in %1."),
        }.get(exc.code, self.tr("The report could not be written in %1.")).replace(
            "%1", isolated(exc.path)
        )
        self._say(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Report"), text,
                          QMessageBox.StandardButton.Ok, self.window)  # fmt: skip
        box.finished.connect(lambda _=0, b=box: self.shown.remove(b) if b in self.shown else None)
        self.shown.append(box)
        box.open()

    def _say(self, text: str) -> None:
        self.last_message = text
        self.window.statusBar().showMessage(text, 20000)
