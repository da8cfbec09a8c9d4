"""The main window: the establishment list with its detail pane, and the survey form.

The list and the survey share one window (a stack of two pages), as on a field laptop one
thing at a time is easier to follow than floating windows. The window reads the store on the
UI thread only for quick indexed queries (measured by bench/ui.py); every write goes through
`Tasks` to the writer thread. Synchronisation (a dock with the Sync panel and the conflict
list, automatic sync, enrollment) is wired here; it lives in ui/syncing.py and its neighbours.

Start-up: the window is built with only what the list needs. The sync client (requests,
pydantic, keyring), automatic sync, the conflict list and the coordinator workspace and bundle
menus are imported and built right after the first paint (`_finish_startup`), or at once when
one of them is asked for earlier; the survey form and the form engine on the first survey.
That takes a third to half a second off the time to a usable window (docs/packaging.md).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import Change, Establishment, Survey, SurveyStatus
from fieldapp.geo import REGION_BY_CODE
from fieldapp.store import Store, StoreError, StoreErrorCode, cipher
from fieldapp.store.unsent import UnsentCounts, sent_on, unsent_counts
from fieldapp.text import fold
from ui.errors import ErrorReporter
from ui.establishments import (
    EstablishmentDetail,
    EstablishmentFilters,
    EstablishmentTable,
    EstablishmentTableModel,
)
from ui.languages import Translations
from ui.lock import IdleLock
from ui.settings import Settings, SettingsDialog
from ui.statusbar import SyncStatus
from ui.tasks import Tasks

if TYPE_CHECKING:
    # Imported where used: the form engine, the sync client and what depends on them are
    # not needed to show the list (see the module's docstring).
    from fieldapp.forms import Form, Question
    from ui.autosync import AutoSync
    from ui.conflicts import ConflictList
    from ui.coordinator import Coordination
    from ui.enroll import EnrollDialog
    from ui.survey.form import SurveyForm
    from ui.sync_panel import SyncPanel
    from ui.syncing import SyncController

log = logging.getLogger(__name__)

# sync.client's STATE_SERVER and STATE_LAST_SYNC, read for the status bar before the sync
# client is imported (tests/packaging/test_startup.py checks that they stay equal).
STATE_SERVER = "server_url"
STATE_LAST_SYNC = "last_sync"
STARTUP_FALLBACK_MS = 3000

# Answers a new survey starts with, copied from the registry (the agent checks them on site).
PREFILL = {
    "eps_code": "code",
    "name_fr": "name_fr",
    "name_ar": "name_ar",
    "eps_type": "type",
    "capacity": "capacity",
    "manager": "manager",
    "manager_name": "manager",
    "region": "region",
    "province": "province",
    "commune": "commune",
    "ocp_site": "site",
}


def _pick_choice(question: Question, value: str) -> str | None:
    """The choice a registry value stands for: by name, or by its label in any language
    ('MA-07' is the region 'Marrakech-Safi'; 'Khouribga' the province or the OCP site)."""
    names = {c.name for c in question.choices}
    if value in names:
        return value
    wanted = {fold(value)}
    region = REGION_BY_CODE.get(value)
    if region is not None:
        wanted |= {fold(region.name_fr), fold(region.name_ar)}
    for choice in question.choices:
        if any(fold(label) in wanted for label in choice.label.values()):
            return choice.name
    return None


def prefill(form: Form, establishment: Establishment) -> dict[str, Any]:
    """The form's defaults plus what the registry already knows about the establishment."""
    answers = form.initial_answers()
    for question_name, attribute in PREFILL.items():
        try:
            question = form.question(question_name)
        except KeyError:
            continue
        value = getattr(establishment, attribute, None)
        if value in (None, "") or question.repeats or question_name in answers:
            continue
        if question.type == "select_one":
            picked = _pick_choice(question, str(value))
            if picked is not None:
                answers[question_name] = picked
        elif question.type == "integer" and isinstance(value, int):
            answers[question_name] = value
        elif question.type == "text":
            answers[question_name] = str(value)
    return answers


def _baseline_form() -> Form:
    from fieldapp.forms import baseline_form

    return baseline_form()


class FirstStart(QFrame):
    """What a new laptop shows instead of an empty list: enroll it, and what a code is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStart")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#firstStart { background: #e3f2fd; border: 1px solid #90caf9 }")
        self.title = QLabel()
        self.title.setObjectName("firstStartTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.enroll = QPushButton()
        self.enroll.setObjectName("enrollThisLaptop")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.enroll, 0, Qt.AlignmentFlag.AlignLeading)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("No establishments on this laptop yet"))
        self.text.setText(
            self.tr(
                "Enroll this laptop with the central server: your coordinator gives you an "
                "enrollment code, a one-time code of a few letters and digits that is valid "
                "for a few hours. Once enrolled, the first synchronisation brings the "
                "establishments assigned to you and the survey form."
            )
        )
        self.enroll.setText(self.tr("Enroll this laptop…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FormCatalog:
    """Which form definition a survey is filled with."""

    def __init__(self, default: Callable[[], Form] | None = None) -> None:
        # The form engine is imported with the first survey, not with the window.
        self._default = default or _baseline_form
        self._received: dict[tuple[str, str], Form | None] = {}

    def for_new_survey(self, store: Store | None = None) -> Form:
        """The newest version of the form this laptop has (see `latest`)."""
        form = self._default()
        if store is None:
            return form
        return self.latest(store, form.id) or form

    def get(self, form_id: str, version: str) -> Form | None:
        form = self._default()
        if form.id == form_id:
            if form.version != version:
                log.warning("survey in %s %s shown with version %s", form_id, version, form.version)
            return form
        return None

    # Form versions arrive by sync, in the order the server published them: among received
    # versions the last one is the newest. The built-in form came with the installer and has
    # no arrival, so it is compared with the last received one by `version`, in natural order
    # (2024.10 after 2024.9). A version equal to the built-in one is the built-in form.

    def latest(self, store: Store, form_id: str) -> Form | None:
        """The newest version of `form_id` on this laptop: the last received one, unless the
        built-in form is a later version; None when there is neither."""
        from fieldapp.forms import version_key

        builtin = self._default()
        own = builtin if builtin.id == form_id else None
        version = store.latest_form_version(form_id)
        received = self.received(store, form_id, version) if version else None
        if received is None:
            return own
        if own is None or version_key(received.version) > version_key(own.version):
            return received
        return own

    def received(self, store: Store, form_id: str, version: str) -> Form | None:
        """A version received from the server, loaded once; None if absent or broken."""
        key = (form_id, version)
        if key not in self._received:
            from fieldapp.forms import FormError, load_form

            form: Form | None = None
            definition = store.form_definition(form_id, version)
            if definition:
                try:
                    form = load_form(definition)
                except FormError:
                    log.warning("form %s %s from the server does not load", form_id, version)
            self._received[key] = form
        return self._received[key]

    def newer_for(self, store: Store, survey: Survey) -> Form | None:
        """The version a draft can move to, or None: a finalized or approved survey keeps its
        version, and so does a survey already in the newest one."""
        if survey.status not in (SurveyStatus.DRAFT, SurveyStatus.RETURNED):
            return None
        latest = self.latest(store, survey.form_id)
        if latest is None or latest.version == survey.form_version:
            return None
        from fieldapp.forms import version_key

        arrived = [version for _, version in store.form_versions(survey.form_id)]
        if survey.form_version in arrived and latest.version in arrived:
            older = arrived.index(survey.form_version) < arrived.index(latest.version)
        else:
            older = version_key(survey.form_version) < version_key(latest.version)
        return latest if older else None


# Imported after the first paint, in this order (the heaviest first: requests and pydantic).
WARM_UP_MODULES = (
    "sync.client",
    "ui.syncing",
    "ui.sync_panel",
    "ui.conflicts",
    "ui.autosync",
    "ui.coordinator",
)


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


class MainWindow(QMainWindow):
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
        _AfterFirstPaint(self, self._warm_up)
        # A window that is not painted soon (started minimised, on another desktop) still
        # gets automatic sync.
        QTimer.singleShot(STARTUP_FALLBACK_MS, self, self._finish_startup)

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

    def _warm_up(self, remaining: tuple[str, ...] = WARM_UP_MODULES) -> None:
        """Import what `_finish_startup` needs one module per event-loop turn, so a key typed
        meanwhile waits for one import (~0.1 s), not for all of them; then build."""
        if self._started or self._closing:
            return
        if not remaining:
            self._finish_startup()
            return
        importlib.import_module(remaining[0])
        QTimer.singleShot(0, self, lambda: self._warm_up(remaining[1:]))

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
        self._sync_dock.setWidget(self._sync_tabs)
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
        self.setWindowTitle(
            self.tr("FieldApp — Baseline survey of social-protection establishments")
        )
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

    def _retranslate_sync(self) -> None:
        if self._sync_dock is None or self._sync_tabs is None:
            return
        self._sync_dock.setWindowTitle(self.tr("Synchronisation"))
        self._sync_tabs.setTabText(0, self.tr("Sync"))
        self._sync_tabs.setTabText(1, self.tr("Conflicts"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n establishment(s)", "", self.model.rowCount()))

    def _show_sync_state(self) -> None:
        enrolled = bool(self.store.get_state(STATE_SERVER))
        state = self._autosync.state if self._autosync is not None else "offline"
        if state in ("offline", "not_enrolled"):
            self.status.set_connectivity("offline" if enrolled else "not_enrolled")
        self.status.set_last_sync(self.store.get_state(STATE_LAST_SYNC))
        self.status.set_conflicts(len(self.store.open_conflicts()))
        self._show_unsent()

    def _show_unsent(self) -> None:
        """Surveys to send, drafts, refused: counted on the writer, after the pending writes,
        off the UI thread."""
        self.tasks.write(lambda store: unsent_counts(store.conn), success=self._unsent_counted)

    def _unsent_counted(self, counts: UnsentCounts) -> None:
        self.unsent = counts
        self.status.set_unsent(counts)

    # -- synchronisation ---------------------------------------------------------------------

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

    def _describe_change(self, change: Change) -> str:
        if change.entity in ("survey", "conflict_resolution"):
            try:
                survey = self.store.get_survey(change.entity_id)
                code = self.store.get_establishment(survey.establishment_id).code
            except StoreError:
                code = change.entity_id[:8]
            return self.tr("Survey of %1").replace("%1", code)
        if change.entity == "attachment":
            return self.tr("Photo %1").replace("%1", change.entity_id[:12])
        return f"{change.entity} {change.entity_id[:8]}"

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
        answers = prefill(form, establishment)
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
        self.autosync.local_changed(outbox)

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
        from ui.survey.form import SurveyForm

        survey_form = SurveyForm(
            form,
            survey,
            establishment,
            self.tasks,
            report_error=self.errors.report,
            read_attachment=self.store.read_attachment,
            newer=self.forms.newer_for(self.store, survey),
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
        self.autosync.local_changed(outbox)

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
