"""The main window: the establishment list with its detail pane, and the survey form.

The list and the survey share one window (a stack of two pages), as on a field laptop one
thing at a time is easier to follow than floating windows. The window reads the store on the
UI thread only for quick indexed queries (measured by bench/ui.py); every write goes through
`Tasks` to the writer thread. Its parts, one module per concern: synchronisation in the window
(the Sync dock, automatic sync, F5, enrollment: `ui/window_sync.py`, a mixin), which form a
survey is filled with (`ui/formcatalog.py`), the first-start state (`ui/firststart.py`).

Start-up: the window is built with only what the list needs. The sync client (requests,
pydantic, keyring), automatic sync, the conflict list and the coordinator workspace and bundle
menus are imported and built right after the first paint (`_finish_startup`), or at once when
one of them is asked for earlier; the survey form and the form engine on the first survey.
That takes a third to half a second off the time to a usable window (docs/packaging.md).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import Establishment, Survey, SurveyStatus
from fieldapp.store import Store, StoreError, StoreErrorCode, cipher
from fieldapp.store.unsent import UnsentCounts, sent_on, unsent_counts
from ui.errors import ErrorReporter
from ui.establishments import (
    EstablishmentDetail,
    EstablishmentFilters,
    EstablishmentTable,
    EstablishmentTableModel,
)
from ui.firststart import FirstStart
from ui.formcatalog import FormCatalog, prefill
from ui.languages import Translations
from ui.lock import IdleLock
from ui.settings import Settings, SettingsDialog
from ui.statusbar import SyncStatus
from ui.tasks import Tasks
from ui.window_sync import STATE_SERVER, WindowSync

if TYPE_CHECKING:
    # Imported where used: the form engine, the sync client and what depends on them are
    # not needed to show the list (see the module's docstring).
    from fieldapp.forms import Form
    from ui.autosync import AutoSync
    from ui.conflicts import ConflictList
    from ui.coordinator import Coordination
    from ui.enroll import EnrollDialog
    from ui.survey.form import SurveyForm
    from ui.sync_panel import SyncPanel
    from ui.syncing import SyncController

log = logging.getLogger(__name__)

STARTUP_FALLBACK_MS = 3000
# The warm-up waits for a pause in the typing (no key or click for this long), so a search
# typed as soon as the window shows is not slowed by it; at the latest at STARTUP_FALLBACK_MS.
WARM_UP_PAUSE_MS = 400

# Imported after the first paint, at the first pause in the typing: the sync client's stack
# (requests, pydantic, keyring, cryptography: no Qt, nothing a survey needs) on a worker
# thread, then the UI modules one per event-loop turn on the UI thread (a key typed meanwhile
# waits for one of them, ~0.05 s), then `_finish_startup` builds.
THREAD_WARM_UP = ("sync.client",)
WARM_UP_MODULES = (
    "ui.syncing",
    "ui.sync_panel",
    "ui.conflicts",
    "ui.autosync",
    "ui.coordinator",
)


class _InputWatch(QObject):
    """When the person last pressed a key or a mouse button (anywhere in the app)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.last = time.monotonic()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.last = time.monotonic()
        return False

    def quiet_ms(self) -> int:
        return int((time.monotonic() - self.last) * 1000)

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.deleteLater()


class _Preloader(QObject):
    """Imports modules on a worker thread and says when it is done (`done`, delivered on the
    UI thread). On the UI thread, the sync client's import (~0.3-0.5 s: requests, pydantic,
    keyring) was the first key the agent typed: bench/ui.py's slowest keystroke. Only modules
    without Qt and that nothing on screen waits for run there: a survey opened meanwhile never
    waits for the thread's import lock, only shares the interpreter with it."""

    done = Signal()

    def __init__(self, parent: QObject, modules: tuple[str, ...]) -> None:
        super().__init__(parent)
        self._modules = modules
        self._thread = threading.Thread(target=self._run, name="fieldapp-warm-up", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        for name in self._modules:
            try:
                importlib.import_module(name)
            except Exception:  # said again, where it is used, by the import on the UI thread
                log.exception("warm-up: importing %s failed", name)
                break
        with contextlib.suppress(RuntimeError):  # the window went meanwhile
            self.done.emit()


class _AfterFirstPaint(QObject):
    """Calls `then` once `window` has been painted for the first time (after that paint pass,
    so the person sees the window first), then goes away."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, self._then)
            self.deleteLater()
        return False


class MainWindow(WindowSync, QMainWindow):
    """Establishments, their detail and surveys; the survey form; the status bar."""

    def __init__(
        self,
        data_dir: Path,
        *,
        forms: FormCatalog | None = None,
        settings: Settings | None = None,
        translations: Translations | None = None,
        synchronous: bool = False,
        actor: str = "",
        sync_options: dict[str, Any] | None = None,
        autosync_options: dict[str, Any] | None = None,
        ask_before_quit: bool = False,
    ) -> None:
        """`ask_before_quit`: closing with finalized surveys not yet sent asks first (the
        app does; tests and the self-test close without asking)."""
        # Opened before the window exists: a profile that cannot be opened leaves no
        # half-built window behind to receive events.
        store = Store.open(Path(data_dir), actor=actor)
        super().__init__()
        self.setObjectName("mainWindow")
        self.data_dir = Path(data_dir)
        self.ask_before_quit = ask_before_quit
        self.quit_box: QMessageBox | None = None
        self.unsent: UnsentCounts | None = None
        self.errors = ErrorReporter(self)
        self.store = store
        self.forms = forms or FormCatalog()
        self.settings = settings or Settings(self.data_dir)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.translations = translations or Translations(app)
        if not self.translations.language:
            self.translations.apply(self.settings.language)
        self._base_point_size = app.font().pointSizeF()
        self._apply_text_size(self.settings.text_size)
        self.tasks = Tasks(
            self.data_dir, actor=actor, synchronous=synchronous, on_error=self.errors.report
        )
        self.survey_form: SurveyForm | None = None
        # ui.app.run installs it (tests open windows without one).
        self.idle_lock: IdleLock | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.enroll_dialog: EnrollDialog | None = None
        self._forms: dict[tuple[str, str], Form | None] = {}
        self._closing = False
        # Built by _finish_startup, after the first paint or when first asked for.
        self._sync_options = (actor, sync_options or {}, autosync_options or {})
        self._started = False
        self._sync: SyncController | None = None
        self._autosync: AutoSync | None = None
        self._outbox_waiting: int | None = None  # a save made before automatic sync was built
        self._sync_panel: SyncPanel | None = None
        self._conflict_list: ConflictList | None = None
        self._sync_tabs: QTabWidget | None = None
        self._sync_dock: QDockWidget | None = None
        self._coordination: Coordination | None = None

        self.model = EstablishmentTableModel(self.store, self)
        self.filters = EstablishmentFilters(self.store)
        self.filters.changed.connect(self._filter_changed)
        # Enter in the search box goes to the list (selected row: Enter again opens it).
        self.filters.search.returnPressed.connect(self._to_the_list)
        self.table = EstablishmentTable(self.model)
        self.table.activated_id.connect(self.open_establishment)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._after_reset)
        self.detail = EstablishmentDetail()
        self.detail.open_survey.connect(self.open_survey)
        self.detail.start_survey.connect(self.start_survey)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")

        list_page = QWidget()
        list_page.setObjectName("listPage")
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 440])
        layout = QVBoxLayout(list_page)
        layout.addWidget(self.filters)
        layout.addWidget(self.count_label)
        self.first_start = FirstStart()
        self.first_start.enroll.clicked.connect(lambda: self.show_enroll())
        self.first_start.hide()
        layout.addWidget(self.first_start)
        layout.addWidget(splitter, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(list_page)
        self.list_page = list_page
        self.setCentralWidget(self.pages)

        self.status = SyncStatus()
        self.setStatusBar(self.status)
        self._build_menus()
        self.retranslate()
        self.model.refresh()
        self._show_sync_state()
        self.place_on_screen()
        self._input = _InputWatch(self)
        self._preloader: _Preloader | None = None
        _AfterFirstPaint(self, self._warm_up)
        # A window that is not painted soon (started minimised, on another desktop), or an
        # agent typing without a pause, still gets automatic sync.
        QTimer.singleShot(STARTUP_FALLBACK_MS, self, lambda: self._warm_up(now=True))

    # -- start-up ----------------------------------------------------------------------------

    def place_on_screen(self) -> None:
        """The geometry the window had when last closed, if it fits this screen; else as
        large as comfortable within the screen's free area (a 1366x768 laptop, maybe at 125
        or 150 % scale: the status bar with the unsent surveys must never be cut off)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 720)
            return
        free = screen.availableGeometry()
        saved = self.settings.geometry
        if (
            saved is not None
            and self.restoreGeometry(saved)
            and (free.contains(self.frameGeometry()) or free.contains(self.geometry()))
        ):
            return
        # Room for the title bar and borders the window manager adds around the window.
        width = min(1280, free.width() - 16)
        height = min(780, free.height() - 48)
        self.resize(max(width, 320), max(height, 240))
        self.move(
            free.x() + (free.width() - self.width()) // 2,
            free.y() + max((free.height() - height - 40) // 2, 0),
        )

    def _warm_up(self, now: bool = False) -> None:
        """At the first pause in the typing, import what `_finish_startup` needs on a worker
        thread (a key typed meanwhile waits for none of it), then build on the UI thread."""
        if self._started or self._closing or self._preloader is not None:
            return
        quiet = self._input.quiet_ms()
        if not now and quiet < WARM_UP_PAUSE_MS:
            QTimer.singleShot(WARM_UP_PAUSE_MS - quiet, self, self._warm_up)
            return
        self._input.stop()
        self._preloader = _Preloader(self, THREAD_WARM_UP)
        self._preloader.done.connect(lambda: self._import_in_turns(WARM_UP_MODULES))
        self._preloader.start()

    def _import_in_turns(self, remaining: tuple[str, ...]) -> None:
        if self._started or self._closing:
            return
        if not remaining:
            self._finish_startup()
            return
        importlib.import_module(remaining[0])
        QTimer.singleShot(0, self, lambda: self._import_in_turns(remaining[1:]))

    # -- chrome ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        self.app_menu = self.menuBar().addMenu("")
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.show_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.app_menu.addAction(self.settings_action)
        self.app_menu.addSeparator()
        self.app_menu.addAction(self.quit_action)
        self.sync_menu = self.menuBar().addMenu("")
        self.sync_now_action = QAction(self)
        self.sync_now_action.setShortcut(QKeySequence("F5"))
        self.sync_now_action.triggered.connect(self.sync_now)
        self.sync_panel_action = QAction(self)
        self.sync_panel_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_panel_action.triggered.connect(self.show_sync_panel)
        self.conflicts_action = QAction(self)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        for action in (self.sync_now_action, self.sync_panel_action, self.conflicts_action):
            self.sync_menu.addAction(action)
        self.help_menu = self.menuBar().addMenu("")
        self.keys_action = QAction(self)
        self.keys_action.setShortcut(QKeySequence("F1"))
        self.keys_action.triggered.connect(self.show_keys)
        self.help_menu.addAction(self.keys_action)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Baseline survey of social-protection establishments"))
        self.app_menu.setTitle(self.tr("&FieldApp"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.keys_action.setText(self.tr("&Keyboard shortcuts"))
        self.sync_menu.setTitle(self.tr("S&ynchronisation"))
        self.sync_now_action.setText(self.tr("&Synchronise now"))
        self.sync_panel_action.setText(self.tr("Sync &panel"))
        self.conflicts_action.setText(self.tr("&Conflicts to resolve"))
        self._retranslate_sync()
        self._show_count()
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n establishment(s)", "", self.model.rowCount()))

    def _show_unsent(self) -> None:
        """Surveys to send, drafts, refused: counted on the writer, after the pending writes,
        off the UI thread."""
        self.tasks.write(lambda store: unsent_counts(store.conn), success=self._unsent_counted)

    def _unsent_counted(self, counts: UnsentCounts) -> None:
        self.unsent = counts
        self.status.set_unsent(counts)

    # -- synchronisation ---------------------------------------------------------------------

    def form_for(self, form_id: str, version: str) -> Form | None:
        """The definition a survey was started with: received from the server, else built in."""
        key = (form_id, version)
        if key not in self._forms:
            from fieldapp.forms import FormError, load_form

            form: Form | None = None
            definition = self.store.form_definition(form_id, version)
            if definition:
                try:
                    form = load_form(definition)
                except FormError:
                    log.warning("form %s %s from the server does not load", form_id, version)
            self._forms[key] = form or self.forms.get(form_id, version)
        return self._forms[key]

    def show_keys(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("keysBox")
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setText(
            "\n".join(
                (
                    self.tr("Ctrl+F: search establishments"),
                    self.tr("Enter: open the selected establishment's survey"),
                    self.tr("Tab / Shift+Tab: next / previous question"),
                    self.tr("Enter: next question (from the last one, the next section)"),
                    self.tr("1-9: pick the numbered choice; Up / Down: move between choices"),
                    self.tr("Space: tick a box, add to a list (+ Add), choose a photo"),
                    self.tr("Delete / Backspace on a choice: clear the answer"),
                    self.tr("Dates: type dd/mm/yyyy (a month: mm/yyyy); F4: calendar"),
                    self.tr("Ctrl+PgDown / Ctrl+PgUp: next / previous section"),
                    self.tr("Alt+Up / Alt+Down: move a ranked item"),
                    self.tr("Ctrl+S: save now (answers are also saved as you type)"),
                    self.tr("Ctrl+Enter: finalize the survey"),
                    self.tr("F8: go to the list of missing answers"),
                    self.tr("Ctrl+W: back to the list"),
                    self.tr("Ctrl+,: settings"),
                )
            )
        )
        box.open()

    # -- settings ----------------------------------------------------------------------------

    def show_settings(self) -> None:
        dialog = SettingsDialog(
            self.translations.language,
            self.settings.text_size,
            self.data_dir,
            self,
            auto_sync=self.settings.auto_sync,
            enrolled_as=self._enrolled_as(),
            lock_minutes=self.settings.lock_minutes,
            remember_pin=(self.data_dir / cipher.KEYRING_MARKER).exists(),
        )
        dialog.accepted.connect(
            lambda: self.apply_settings(
                dialog.chosen_language(), dialog.chosen_text_size(), dialog.chosen_auto_sync()
            )
        )
        dialog.accepted.connect(
            lambda: self.apply_lock_settings(
                dialog.chosen_lock_minutes(), dialog.chosen_remember_pin()
            )
        )
        dialog.enroll_requested.connect(lambda: self.show_enroll(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def apply_settings(self, language: str, text_size: int, auto_sync: bool | None = None) -> None:
        if auto_sync is not None:
            self.settings.auto_sync = auto_sync
            self.autosync.set_enabled(auto_sync)
        self.settings.language = language
        self.settings.text_size = text_size
        self._apply_text_size(text_size)
        self.set_language(language)

    def set_language(self, language: str) -> None:
        self.translations.apply(language)

    def apply_lock_settings(self, minutes: int, remember_pin: bool) -> None:
        """The idle lock's delay, and whether the OS keyring keeps a copy of the profile key."""
        self.settings.lock_minutes = minutes
        if self.idle_lock is not None:
            self.idle_lock.set_minutes(minutes)
        if remember_pin != (self.data_dir / cipher.KEYRING_MARKER).exists():
            try:
                kept = cipher.remember_in_keyring(self.data_dir, remember_pin)
            except StoreError as exc:
                self.errors.report(exc)
                return
            if not kept:
                QMessageBox.warning(
                    self,
                    self.tr("Settings"),
                    self.tr("No system keyring works on this laptop: the PIN stays asked."),
                )

    def _apply_text_size(self, percent: int) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        font = app.font()
        font.setPointSizeF(self._base_point_size * percent / 100)
        app.setFont(font)

    # -- the list ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        if self.pages.currentWidget() is self.list_page:
            self.filters.search.setFocus()
            self.filters.search.selectAll()

    def _to_the_list(self) -> None:
        if self.model.rowCount():
            if not self.table.selectionModel().hasSelection():
                self.table.select_row(0)
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _filter_changed(self) -> None:
        query, status, region, type_ = self.filters.values()
        self.model.set_filter(query, status=status, region=region, type_=type_)

    def _after_reset(self) -> None:
        self._show_count()
        # An empty profile that is not enrolled: say what to do, not just an empty list.
        empty = self.model.rowCount() == 0 and not any(self.filters.values())
        first = empty and not self.store.get_state(STATE_SERVER)
        self.first_start.setVisible(first)
        if first:
            self.first_start.enroll.setFocus()
        if self.model.rowCount():
            self.table.select_row(0)
        else:
            self.detail.show_establishment(None, [])

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        establishment_id = self.model.id_at(indexes[0].row())
        if establishment_id is not None:
            self.show_detail(establishment_id)

    def show_detail(self, establishment_id: str) -> None:
        try:
            establishment = self.store.get_establishment(establishment_id)
            surveys = self.store.surveys_for(establishment_id)
        except StoreError as exc:
            self.errors.report(exc)
            return
        finalized = [x.id for x in surveys if x.status == SurveyStatus.FINALIZED]
        self.detail.show_establishment(establishment, surveys, sent_on(self.store.conn, finalized))

    def select_establishment(self, establishment_id: str) -> None:
        row = self.model.row_of(establishment_id)
        if row >= 0:
            self.table.select_row(row)
            self.table.scrollTo(self.model.index(row, 0))

    def open_establishment(self, establishment_id: str) -> None:
        """Enter on a row: continue its open survey, else start one, else show the last."""
        surveys = self.store.surveys_for(establishment_id)
        open_ones = [s for s in surveys if s.status in (SurveyStatus.DRAFT, SurveyStatus.RETURNED)]
        if open_ones:
            self.open_survey(open_ones[0].id)
        elif not surveys:
            self.start_survey(establishment_id)
        else:
            self.open_survey(surveys[0].id)

    # -- surveys -----------------------------------------------------------------------------

    def start_survey(self, establishment_id: str) -> None:
        try:
            establishment = self.store.get_establishment(establishment_id)
            form = self.forms.for_new_survey(self.store)
        except StoreError as exc:
            self.errors.report(exc)
            return
        last = self.store.last_saved_answers(form.id) if form.reads_last_saved else None
        answers = prefill(form, establishment, last)
        self.tasks.write(
            lambda store: store.start_survey(
                establishment_id, form.id, form.version, answers=answers
            ),
            success=lambda survey: self._survey_started(survey, form, establishment),
        )

    def _survey_started(self, survey: Survey, form: Form, establishment: Establishment) -> None:
        self._show_survey(survey, form, establishment)
        self.tasks.write(lambda store: store.outbox_count(), success=self._outbox_grew)

    def _outbox_grew(self, outbox: int) -> None:
        self._show_unsent()
        self._local_changed(outbox)

    def _local_changed(self, outbox: int) -> None:
        """Tell automatic sync that a save added to the outbox. Not built yet, it is not
        built now, on the UI thread, for a save (the agent is typing): the warm-up builds it
        and it is told then (`_start_autosync`)."""
        if self._autosync is None:
            self._outbox_waiting = outbox
            self._warm_up(now=True)
            return
        self._autosync.local_changed(outbox)

    def open_survey(self, survey_id: str) -> None:
        try:
            survey = self.store.get_survey(survey_id)
            establishment = self.store.get_establishment(survey.establishment_id)
        except StoreError as exc:
            self.errors.report(exc)
            return
        form = self.form_for(survey.form_id, survey.form_version)
        if form is None:
            self.errors.report(
                StoreError(
                    StoreErrorCode.NOT_FOUND,
                    f"form {survey.form_id} {survey.form_version} is not on this laptop",
                )
            )
            return
        self._show_survey(survey, form, establishment)

    def _show_survey(self, survey: Survey, form: Form, establishment: Establishment) -> None:
        if self._closing or not self._close_survey_form():
            return
        from sync.clock import off_by_more_than_a_day
        from ui.survey.form import SurveyForm

        survey_form = SurveyForm(
            form,
            survey,
            establishment,
            self.tasks,
            report_error=self.errors.report,
            read_attachment=self.store.read_attachment,
            newer=self.forms.newer_for(self.store, survey),
            clock_offset=lambda: off_by_more_than_a_day(self.store),
        )
        survey_form.back.connect(self.back_to_list)
        survey_form.saved.connect(self._survey_saved)
        survey_form.moved.connect(self.open_survey)
        self.survey_form = survey_form
        self.pages.addWidget(survey_form)
        self.pages.setCurrentWidget(survey_form)
        # Focus after the page is shown: a hidden widget cannot take it.
        QTimer.singleShot(
            0, survey_form, lambda: survey_form.go_to_section(survey_form.current_section)
        )

    def _survey_saved(self, survey: Survey, outbox: int) -> None:
        self._show_unsent()
        self.model.forget(survey.establishment_id)
        self._local_changed(outbox)

    def _close_survey_form(self) -> bool:
        """Close the open survey once what is typed is saved (`SurveySaving.leave`); False
        when the person chose to stay on it after a failed save."""
        form = self.survey_form
        if form is None:
            return True
        if not form.leave():
            return False
        if self.survey_form is form:  # leave() delivers queued results, which may open one
            self.survey_form = None
        self.pages.removeWidget(form)
        form.deleteLater()
        return True

    def back_to_list(self, establishment_id: str = "") -> None:
        if not self._close_survey_form():
            return
        self.pages.setCurrentWidget(self.list_page)
        # The status column and the detail pane show the survey's new state once the
        # queued save is written; reading now would race it.
        self.tasks.write(
            lambda _store: None,
            success=lambda _none: self._refresh_after_survey(establishment_id),
        )
        self.table.setFocus()

    def _refresh_after_survey(self, establishment_id: str) -> None:
        if self._closing:
            return
        if establishment_id:
            self.model.forget(establishment_id)
            self.select_establishment(establishment_id)
            self.show_detail(establishment_id)

    # -- closing -----------------------------------------------------------------------------

    def _ask_to_quit(self, counts: UnsentCounts) -> None:
        box = QMessageBox(self)
        box.setObjectName("quitWithUnsent")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Surveys not sent"))
        box.setText(
            self.tr(
                "%n finalized survey(s) not sent yet. They stay on this laptop and go at the "
                "next synchronisation (F5 when a connection is there).",
                "",
                counts.finalized_to_send,
            )
        )
        quit_button = box.addButton(self.tr("Quit anyway"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("Stay"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)

        def answered() -> None:
            leave = box.clickedButton() is quit_button
            box.deleteLater()
            if leave:
                self.ask_before_quit = False
                self.close()
            self.quit_box = None

        box.finished.connect(answered)
        self.quit_box = box
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the open survey and wait for every write before the window goes (while its
        last save failed, the person may stay: the window then stays open); with finalized
        surveys not yet sent, say so and ask first."""
        if self.survey_form is not None and not self.survey_form.leave(close=False):
            event.ignore()
            return
        self.settings.geometry = self.saveGeometry()
        if self.ask_before_quit and self.quit_box is None:
            self.tasks.flush()
            counts = unsent_counts(self.store.conn)
            if counts.finalized_to_send:
                event.ignore()
                self._ask_to_quit(counts)
                return
        self._closing = True
        if self._autosync is not None:
            self._autosync.stop()
        if self._sync is not None:
            self._sync.close()
        self.tasks.close()
        self.store.close()
        event.accept()
