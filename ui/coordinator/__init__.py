"""The coordinator's workspace and the sneakernet bundle actions, plugged into the main window.

`install(window)` adds, for a profile enrolled as coordinator (or admin), a page with the
dashboard, map, review and assignments and a Coordination menu; for every profile a Bundles
menu (export, import a bundle or a receipt, write a receipt). The workspace refreshes after
each sync (`window.sync.finished`) and after each import; an agent never sees it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from sync.state import STATE_REGIONS, STATE_ROLE
from ui.languages import isolated

if TYPE_CHECKING:
    from ui.coordinator.workspace import CoordinatorWorkspace
    from ui.mainwindow import MainWindow

# Light on purpose: the survey's trace map imports ui.coordinator.mapview, which runs this
# module first; importing the sync client or the workspace here put them (~0.4 s) on the
# opening of the first survey. They are imported where used.

COORDINATOR_ROLES = ("coordinator", "admin")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Coordination", text)


def bundle_message(kind: str, report: Any) -> str:
    """One sentence for what an import, an export or a receipt did."""
    if kind == "export":
        return (
            _tr("Bundle written: %1 changes and %2 photos. Give it to your coordinator.")
            .replace("%1", isolated(str(report.changes)))
            .replace("%2", isolated(str(report.attachments)))
        )
    if kind == "receipt":
        return (
            _tr("Receipt written: %1 acknowledged by the server, %2 not yet sent.")
            .replace("%1", isolated(str(report.acknowledged)))
            .replace("%2", isolated(str(report.pending)))
        )
    if report.kind == "receipt":
        return _tr("Receipt imported: %1 changes cleared from the outbox.").replace(
            "%1", isolated(str(report.new))
        )
    if report.already:
        return _tr("This bundle was already imported: nothing changed.")
    return (
        _tr("Bundle from %1 imported: %2 new changes, sent to the server at the next sync.")
        .replace("%1", isolated(report.origin_user or "?"))
        .replace("%2", isolated(str(report.new)))
    )


class Coordination(QObject):
    """Menus and pages of the coordinator workspace and of bundles, for one main window."""

    message = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        store = window.store
        self.is_coordinator = store.get_state(STATE_ROLE) in COORDINATOR_ROLES
        try:
            self.regions = [str(r) for r in json.loads(store.get_state(STATE_REGIONS) or "[]")]
        except ValueError:
            self.regions = []
        self.workspace: CoordinatorWorkspace | None = None
        self.last_message = ""
        self.message.connect(self._show_message)
        if self.is_coordinator:
            from fieldapp.forms import baseline_form
            from ui.coordinator.workspace import CoordinatorWorkspace

            self.workspace = CoordinatorWorkspace(
                window.data_dir, store, window.tasks, window.form_for, baseline_form,
                self.regions, window.errors.report,
            )  # fmt: skip
            window.pages.addWidget(self.workspace)
            self.workspace.map.establishment_chosen.connect(self.choose_establishment)
            window.sync.finished.connect(self.refresh)
        from ui.reports import ReportActions

        # An establishment's PDF from its detail pane for everyone; the regional summary
        # from the dashboard and the Coordination menu.
        self.reports = ReportActions(window, self.regions, self.is_coordinator)
        if self.workspace is not None:
            self.workspace.dashboard.report_button.clicked.connect(self.reports.ask_region)
        self._build_menus()
        self.retranslate()
        window.installEventFilter(self)
        if self.workspace is not None:
            self.workspace.refresh()

    # -- menus -------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        self.coordination_menu = None
        self.page_actions: list[QAction] = []
        if self.workspace is not None:
            self.coordination_menu = bar.addMenu("")
            self.list_action = QAction(self)
            self.list_action.setShortcut(QKeySequence("Ctrl+1"))
            self.list_action.triggered.connect(self.show_list)
            self.coordination_menu.addAction(self.list_action)
            for index in range(4):
                action = QAction(self)
                action.setShortcut(QKeySequence(f"Ctrl+{index + 2}"))
                action.triggered.connect(lambda _=False, i=index: self.show_tab(i))
                self.coordination_menu.addAction(action)
                self.page_actions.append(action)
            self.coordination_menu.addSeparator()
            self.coordination_menu.addAction(self.reports.region_action)
        self.bundle_menu = bar.addMenu("")
        self.export_action = QAction(self)
        self.export_action.triggered.connect(self.ask_export)
        self.import_action = QAction(self)
        self.import_action.triggered.connect(self.ask_import)
        self.receipt_action = QAction(self)
        self.receipt_action.triggered.connect(self.ask_receipt)
        self.bundle_menu.addAction(self.export_action)
        self.bundle_menu.addAction(self.import_action)
        if self.workspace is not None:
            self.bundle_menu.addAction(self.receipt_action)

    def retranslate(self) -> None:
        if self.coordination_menu is not None:
            self.coordination_menu.setTitle(_tr("&Coordination"))
            self.list_action.setText(_tr("&Establishments"))
            for action, text in zip(
                self.page_actions,
                (_tr("&Dashboard"), _tr("&Map"), _tr("&Review"), _tr("&Assignments")),
                strict=True,
            ):
                action.setText(text)
        self.reports.retranslate()
        self.bundle_menu.setTitle(_tr("&Bundles"))
        self.export_action.setText(_tr("&Export a bundle for the coordinator…"))
        self.import_action.setText(_tr("&Import a bundle or a receipt…"))
        self.receipt_action.setText(_tr("Write a &receipt for a bundle…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # -- pages -------------------------------------------------------------------------------

    def show_tab(self, index: int) -> None:
        if self.workspace is None:
            return
        if self.window.survey_form is not None:
            self.window.back_to_list()
        self.window.pages.setCurrentWidget(self.workspace)
        self.workspace.setCurrentIndex(index)

    def show_list(self) -> None:
        if self.window.survey_form is None:
            self.window.pages.setCurrentWidget(self.window.list_page)

    def choose_establishment(self, establishment_id: str) -> None:
        """A point on the map: the same as choosing the establishment in the list."""
        self.show_list()
        self.window.select_establishment(establishment_id)
        self.window.show_detail(establishment_id)

    def refresh(self) -> None:
        if self.workspace is not None and not self.window._closing:
            self.workspace.refresh()

    def _show_message(self, text: str) -> None:
        self.last_message = text
        self.window.statusBar().showMessage(text, 15000)

    # -- bundles -----------------------------------------------------------------------------

    def export_to(self, path: Path, passphrase: str) -> None:
        from sync.bundle import export_bundle

        self.window.tasks.write(
            lambda store: export_bundle(store, path, passphrase),
            success=lambda report: self.message.emit(bundle_message("export", report)),
            failure=self._failed,
        )

    def import_from(self, path: Path, passphrase: str) -> None:
        from sync.bundle import import_file

        def done(report: Any) -> None:
            self.message.emit(bundle_message("import", report))
            self.window.model.refresh()
            self.window._show_sync_state()
            self.refresh()

        self.window.tasks.write(
            lambda store: import_file(store, path, passphrase), success=done, failure=self._failed
        )

    def receipt_for(self, bundle: Path, out: Path, passphrase: str) -> None:
        from sync.bundle import write_receipt

        self.window.tasks.write(
            lambda store: write_receipt(store, bundle, out, passphrase),
            success=lambda report: self.message.emit(bundle_message("receipt", report)),
            failure=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        from sync.bundle import BundleError

        if isinstance(exc, BundleError):
            text = {
                "wrong_passphrase": _tr("Wrong passphrase for this file."),
                "tampered": _tr("This file was altered or damaged: it was refused."),
                "truncated": _tr("This file is incomplete (truncated): copy it again."),
                "not_a_bundle": _tr("This file is not a FieldApp bundle."),
                "nothing": _tr("The outbox is empty: there is nothing to carry."),
                "not_enrolled": _tr("Enroll this laptop once before exporting bundles."),
                "not_coordinator": _tr("A bundle is imported on a coordinator's laptop."),
                "wrong_device": _tr("This receipt belongs to another laptop."),
            }.get(str(exc.code), str(exc))
            self.message.emit(text)
            QMessageBox.warning(self.window, _tr("Bundle"), text)
            return
        self.window.errors.report(exc)

    def _passphrase(self, confirm: bool) -> str | None:
        text, ok = QInputDialog.getText(
            self.window, _tr("Bundle"), _tr("Passphrase:"), QLineEdit.EchoMode.Password
        )
        if not ok or not text:
            return None
        if confirm:
            again, ok = QInputDialog.getText(
                self.window, _tr("Bundle"), _tr("Passphrase again:"), QLineEdit.EchoMode.Password
            )
            if not ok or again != text:
                self.message.emit(_tr("The passphrases differ."))
                return None
            if len(text) < 8:
                self.message.emit(_tr("Choose a passphrase of at least 8 characters."))
                return None
        return text

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, _tr("Export a bundle"), "fieldapp-bundle.fab", "FieldApp (*.fab)"
        )
        passphrase = self._passphrase(True) if path else None
        if path and passphrase:
            self.export_to(Path(path), passphrase)

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, _tr("Import a bundle or a receipt"), "", "FieldApp (*.fab);;* (*)"
        )
        passphrase = self._passphrase(False) if path else None
        if path and passphrase:
            self.import_from(Path(path), passphrase)

    def ask_receipt(self) -> None:
        bundle, _ = QFileDialog.getOpenFileName(
            self.window, _tr("Bundle imported here"), "", "FieldApp (*.fab);;* (*)"
        )
        if not bundle:
            return
        out, _ = QFileDialog.getSaveFileName(
            self.window, _tr("Write the receipt"), "fieldapp-receipt.fab", "FieldApp (*.fab)"
        )
        passphrase = self._passphrase(False) if out else None
        if out and passphrase:
            self.receipt_for(Path(bundle), Path(out), passphrase)


def install(window: MainWindow) -> Coordination:
    return Coordination(window)
