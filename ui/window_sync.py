"""The main window's synchronisation: the Sync dock (panel and conflict list), automatic
sync, F5, enrollment, and what a finished sync refreshes (list, detail, open survey).

A mixin of `ui.mainwindow.MainWindow` (it uses the window's store, tasks, status bar and
survey form). The sync client and everything under it are imported after the first paint
(`_finish_startup`), or at once when one of them is asked for earlier (see ui/mainwindow.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QTabWidget, QWidget

from fieldapp.domain import Change, Survey, SurveyStatus
from fieldapp.store import StoreError
from ui.languages import isolated

if TYPE_CHECKING:
    from ui.autosync import AutoSync
    from ui.conflicts import ConflictList
    from ui.coordinator import Coordination
    from ui.sync_panel import SyncPanel
    from ui.syncing import SyncController

# sync.client's STATE_SERVER and STATE_LAST_SYNC, read for the status bar before the sync
# client is imported (tests/packaging/test_startup.py checks that they stay equal).
STATE_SERVER = "server_url"
STATE_LAST_SYNC = "last_sync"


class WindowSync:
    """Synchronisation in the main window (mixed into `MainWindow`)."""

    def _finish_startup(self) -> None:
        """Import and build synchronisation, automatic sync, the conflict list and the
        coordinator workspace: once, after the first paint or when one is asked for."""
        if self._started or self._closing:
            return
        self._started = True
        from sync.client import STATE_CA_BUNDLE
        from ui.autosync import AutoSync
        from ui.conflicts import ConflictList
        from ui.coordinator import install as install_coordination
        from ui.sync_panel import SyncPanel
        from ui.syncing import SyncController

        actor, sync_options, autosync_options = self._sync_options
        sync = self._sync = SyncController(self.data_dir, actor=actor, run_options=sync_options)
        self._sync_panel = SyncPanel(sync, self.store, describe_change=self._describe_change)
        self._conflict_list = ConflictList(
            self.store, self.tasks, self.form_for, report_error=self.errors.report
        )
        self._conflict_list.resolved.connect(self._conflict_resolved)
        self._sync_tabs = QTabWidget()
        self._sync_tabs.addTab(self._sync_panel, "")
        self._sync_tabs.addTab(self._conflict_list, "")
        self._sync_dock = QDockWidget()
        self._sync_dock.setObjectName("syncDock")
        # Scrolls rather than pushing the window past a small screen (1280x720 at 150 %).
        scroll = QScrollArea()
        scroll.setObjectName("syncScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._sync_tabs)
        self._sync_dock.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._sync_dock)
        self._sync_dock.hide()
        autosync = self._autosync = AutoSync(
            sync,
            self.tasks,
            lambda: (self.store.get_state(STATE_SERVER), self.store.get_state(STATE_CA_BUNDLE)),
            enabled=self.settings.auto_sync,
            **autosync_options,
        )
        autosync.connectivity_changed.connect(self.status.set_connectivity)
        autosync.next_try.connect(self.status.set_next_try)
        sync.finished.connect(self._sync_finished)
        self.status.clicked.connect(self.show_sync_panel)
        self._coordination = install_coordination(self)
        self._retranslate_sync()
        QTimer.singleShot(0, self, self._start_autosync)

    def _start_autosync(self) -> None:
        if not self._closing and self._autosync is not None:
            self._autosync.start()
            waiting, self._outbox_waiting = self._outbox_waiting, None
            if waiting is not None:
                self._autosync.local_changed(waiting)

    @property
    def sync(self) -> SyncController:
        self._finish_startup()
        assert self._sync is not None, "the window is closing"
        return self._sync

    @property
    def autosync(self) -> AutoSync:
        self._finish_startup()
        assert self._autosync is not None, "the window is closing"
        return self._autosync

    @property
    def sync_panel(self) -> SyncPanel:
        self._finish_startup()
        assert self._sync_panel is not None, "the window is closing"
        return self._sync_panel

    @property
    def conflict_list(self) -> ConflictList:
        self._finish_startup()
        assert self._conflict_list is not None, "the window is closing"
        return self._conflict_list

    @property
    def sync_tabs(self) -> QTabWidget:
        self._finish_startup()
        assert self._sync_tabs is not None, "the window is closing"
        return self._sync_tabs

    @property
    def sync_dock(self) -> QDockWidget:
        self._finish_startup()
        assert self._sync_dock is not None, "the window is closing"
        return self._sync_dock

    @property
    def coordination(self) -> Coordination:
        self._finish_startup()
        assert self._coordination is not None, "the window is closing"
        return self._coordination

    @property
    def startup_finished(self) -> bool:
        """True once synchronisation and the coordinator workspace are built."""
        return self._started

    def _retranslate_sync(self) -> None:
        if self._sync_dock is None or self._sync_tabs is None:
            return
        self._sync_dock.setWindowTitle(self.tr("Synchronisation"))
        self._sync_tabs.setTabText(0, self.tr("Sync"))
        self._sync_tabs.setTabText(1, self.tr("Conflicts"))

    def _show_sync_state(self) -> None:
        enrolled = bool(self.store.get_state(STATE_SERVER))
        state = self._autosync.state if self._autosync is not None else "offline"
        if state in ("offline", "not_enrolled"):
            self.status.set_connectivity("offline" if enrolled else "not_enrolled")
        self.status.set_last_sync(self.store.get_state(STATE_LAST_SYNC))
        self.status.set_conflicts(len(self.store.open_conflicts()))
        self._show_unsent()

    def _show_sync_dock(self) -> None:
        if not self.sync_dock.isVisible():
            self.sync_dock.show()
            width = max(480, self.width() * 2 // 5)
            self.resizeDocks([self.sync_dock], [width], Qt.Orientation.Horizontal)
        self.sync_dock.raise_()

    def sync_now(self) -> None:
        """F5 and Synchronisation > Sync now: always something to see. Not enrolled: the
        enrollment dialog; already running: said; else the run starts, the panel shows it."""
        if not self.store.get_state(STATE_SERVER):
            self.status.showMessage(
                self.tr(
                    "This laptop is not enrolled yet: enroll it with the code from your "
                    "coordinator."
                ),
                10_000,
            )
            self.show_enroll()
            return
        if self.sync.running:
            self.status.showMessage(self.tr("A synchronisation is already running."), 5_000)
        else:
            self.sync.start("manual")
            self.status.showMessage(self.tr("Synchronisation started…"), 5_000)
        self.show_sync_panel()

    def show_sync_panel(self) -> None:
        self._show_sync_dock()
        self.sync_tabs.setCurrentWidget(self.sync_panel)

    def show_conflicts(self) -> None:
        self._show_sync_dock()
        self.sync_tabs.setCurrentWidget(self.conflict_list)

    def _describe_change(self, change: Change) -> str:
        """A change as a person knows it: what, and of which establishment (its code)."""
        payload = change.payload if isinstance(change.payload, dict) else {}
        survey_id = change.entity_id if change.entity != "review" else payload.get("survey_id")
        try:
            if change.entity == "assignment":
                establishment_id = str(payload.get("establishment_id") or "")
            else:
                establishment_id = self.store.get_survey(str(survey_id)).establishment_id
            code = self.store.get_establishment(establishment_id).code
        except StoreError:
            code = "?"
        words = {
            "survey": self.tr("Survey of %1"),
            "conflict_resolution": self.tr("Survey of %1"),
            "review": self.tr("Review of the survey of %1"),
            "assignment": self.tr("Assignment of %1"),
        }
        if change.entity == "attachment":
            return self.tr("Photo %1").replace("%1", isolated(change.entity_id[:12]))
        return words.get(change.entity, self.tr("Change of %1")).replace("%1", isolated(code))

    def _sync_finished(self) -> None:
        if self._closing:
            return
        summary = self.sync.summary
        self._show_sync_state()
        if summary is not None and summary.error is not None:
            from ui.syncing import describe_sync_error

            # Said where the eyes are, not only in the panel's log.
            what, _todo = describe_sync_error(
                summary.error.get("code", ""), summary.error.get("detail", "")
            )
            self.status.showMessage(what, 30_000)
        self.sync_panel.refresh()
        self.conflict_list.refresh()
        if summary is None or not (summary.pulled or summary.pushed):
            return
        # What the server sent (statuses, review decisions, merged answers) shows at once.
        self._forms.clear()
        selected = self.detail.establishment.id if self.detail.establishment else ""
        self.model.index_.reload()
        self.model.refresh()
        if selected:
            self.select_establishment(selected)
            self.show_detail(selected)
        if self.survey_form is not None:
            self._refresh_open_survey(self.survey_form.survey.id)

    def _conflict_resolved(self, survey_id: str, outbox: int) -> None:
        self._show_unsent()
        self.status.set_conflicts(len(self.store.open_conflicts()))
        self.autosync.local_changed(outbox)
        if self.survey_form is not None and self.survey_form.survey.id == survey_id:
            self._refresh_open_survey(survey_id)

    def _refresh_open_survey(self, survey_id: str) -> None:
        """Show in the open survey what a sync or a conflict choice changed in the store,
        keeping what the person typed since the last save."""
        # Read on the writer, after any save already queued.
        self.tasks.write(
            lambda store: store.get_survey(survey_id), success=self._reconcile_open_survey
        )

    def _reconcile_open_survey(self, stored: Survey) -> None:
        form = self.survey_form
        if self._closing or form is None or form.survey.id != stored.id:
            return
        if form.saving:  # a save is on its way: look again once it is written
            self._refresh_open_survey(stored.id)
            return
        before = form.survey
        if (stored.answers, stored.status, stored.review_comment, stored.form_version) == (
            before.answers,
            before.status,
            before.review_comment,
            before.form_version,
        ):
            return
        from ui.syncing import three_way_answers

        answers = three_way_answers(before.answers, stored.answers, form.answers)
        section = form.current_section
        definition = form.form
        if stored.form_version != before.form_version:
            # The server kept a newer version (a move made on another laptop): show it in it.
            definition = self.form_for(stored.form_id, stored.form_version) or definition
        establishment = form.establishment
        # The old page must not autosave its stale copy over what the sync brought.
        form.read_only = True

        def show(survey: Survey) -> None:
            self._show_survey(survey, definition, establishment)
            if self.survey_form is not None:
                self.survey_form.go_to_section(section)

        if answers != stored.answers and stored.status in (
            SurveyStatus.DRAFT,
            SurveyStatus.RETURNED,
        ):
            self.tasks.write(
                lambda store: store.save_answers(stored.id, answers),
                success=show,
                failure=lambda _exc: show(stored),
            )
        else:
            show(stored)

    def _enrolled_as(self) -> str:
        from sync.client import STATE_USERNAME

        server = self.store.get_state(STATE_SERVER)
        if not server:
            return ""
        return f"{self.store.get_state(STATE_USERNAME) or ''} — {server}"

    def show_enroll(self, parent: QWidget | None = None) -> None:
        from sync.client import STATE_CA_BUNDLE
        from ui.enroll import EnrollDialog

        dialog = EnrollDialog(
            self.data_dir,
            self.tasks,
            server_url=self.store.get_state(STATE_SERVER) or "",
            ca_bundle=self.store.get_state(STATE_CA_BUNDLE) or "",
            parent=parent or self,
        )
        dialog.enrolled.connect(self._enrolled)
        dialog.finished.connect(dialog.deleteLater)
        self.enroll_dialog = dialog
        dialog.open()

    def _enrolled(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.set_enrolled_as(self._enrolled_as())
        self.autosync.start()
        self._show_sync_state()
