"""The coordinator's workspace: dashboard, map, review queue and assignments (tabs).

Reads are quick indexed queries on the UI thread; the dashboard's figures are computed on the
worker pool with their own connection (`fieldapp.indicators`), and every write (a review
decision, an assignment) goes through `Tasks` to the writer thread and the outbox.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QEvent, QIODevice, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldapp import indicators
from fieldapp.domain import Survey
from fieldapp.forms import Form
from fieldapp.store import Store, StoreError
from ui.coordinator.answers import answer_rows, answers_html, repeat_tables, text_of
from ui.coordinator.charts import Chart
from ui.coordinator.mapview import MapView
from ui.labels import establishment_name, region_label, status_label
from ui.languages import current_language, isolated
from ui.tasks import Tasks
from ui.widgets import FoldedCompleter, TypeAheadCombo, TypeAheadList

FormFor = Callable[[str, str], Form | None]


def choice_label(form: Form | None, question: str, code: str) -> str:
    if form is None:
        return code
    try:
        q = form.question(question)
    except KeyError:
        return code
    for choice in q.choices:
        if choice.name == code:
            return text_of(choice.label, current_language())
    return code


def compute_dashboard(
    data_dir: Path, regions: Sequence[str], form: Form | None
) -> indicators.Dashboard:
    """Runs on the pool, with its own connection (never the UI thread's)."""
    with Store.open(data_dir) as store:
        return indicators.compute(store, form, regions=regions)


def thumbnail_data_url(data: bytes, side: int = 240) -> str:
    """A photo as a small JPEG data URL (the review page shows it; nothing is written)."""
    image = QImage.fromData(data)
    if image.isNull():
        return ""
    if max(image.width(), image.height()) > side:
        image = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 80)
    return "data:image/jpeg;base64," + bytes(buffer.data().toBase64().data()).decode()


class Dashboard(QWidget):
    """Progress per region, site or agent, and the baseline's indicators as charts."""

    refreshed = Signal()

    def __init__(
        self, data_dir: Path, tasks: Tasks, form: Callable[[], Form | None], regions: list[str]
    ) -> None:
        super().__init__()
        self.setObjectName("dashboard")
        self.data_dir, self.tasks, self.form, self.regions = data_dir, tasks, form, regions
        self.board: indicators.Dashboard | None = None
        self.group = TypeAheadCombo()
        self.group.currentIndexChanged.connect(self._show)
        self.summary = QLabel()
        self.summary.setObjectName("dashboardSummary")
        self.progress = Chart()
        self.connected = Chart()
        self.connection_types = Chart()
        self.hot_water = Chart()
        self.bills = Chart()
        self.roof = Chart()
        self.needs = Chart()
        head = QHBoxLayout()
        self.group_label = QLabel()
        head.addWidget(self.group_label)
        head.addWidget(self.group)
        head.addStretch(1)
        head.addWidget(self.summary)
        self.report_button = QPushButton()
        self.report_button.setObjectName("regionReportButton")
        head.addWidget(self.report_button)
        grid = QGridLayout()
        charts = (self.connected, self.connection_types, self.hot_water, self.bills, self.roof)
        for i, chart in enumerate((*charts, self.needs)):
            chart.setMinimumHeight(170)
            grid.addWidget(chart, i // 2, i % 2)
        inner = QWidget()
        body = QVBoxLayout(inner)
        self.progress.setMinimumHeight(200)
        body.addWidget(self.progress)
        body.addLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.group_label.setText(self.tr("Progress by"))
        self.report_button.setText(self.tr("Regional summary (PDF)…"))
        index = max(0, self.group.currentIndex())
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItems([self.tr("Region"), self.tr("OCP site"), self.tr("Agent")])
        self.group.setCurrentIndex(index)
        self.group.blockSignals(False)
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Recompute on the pool (after a sync, an import, a review)."""
        form = self.form()
        self.tasks.run(
            lambda: compute_dashboard(self.data_dir, self.regions, form), success=self._computed
        )

    def _computed(self, board: indicators.Dashboard) -> None:
        self.board = board
        self._show()
        self.refreshed.emit()

    def state_label(self, state: str) -> str:
        if state == "synced":
            return self.tr("Synced")
        return status_label(state)

    def _show(self) -> None:
        board = self.board
        if board is None:
            return
        form = self.form()
        p, ind = board.progress, board.indicators
        group = [p.by_region, p.by_site, p.by_agent][max(0, self.group.currentIndex())]
        names = {0: region_label}.get(self.group.currentIndex(), lambda s: s)
        rows = [
            (names(k) if k else self.tr("(none)"), dict(v))
            for k, v in sorted(group.items(), key=lambda kv: kv[0])
        ]
        self.progress.set_rows(
            self.tr("Establishments by survey progress"),
            rows,
            indicators.PROGRESS,
            self.state_label,
        )
        self.summary.setText(
            self.tr("%1 establishments, %2 surveyed (finalized or approved)")
            .replace("%1", isolated(str(sum(p.total.values()))))
            .replace("%2", isolated(str(ind.surveyed)))
        )
        share = round(100 * ind.connected_share)
        self.connected.set_bars(
            self.tr("Connected to the Internet: %1%").replace("%1", isolated(str(share))),
            [
                (self.tr("Connected"), ind.connected),
                (self.tr("Not connected"), ind.connection_answered - ind.connected),
            ],
        )
        self.connection_types.set_bars(
            self.tr("Connection type"),
            [
                (choice_label(form, "connection_type", k), v)
                for k, v in ind.connection_types.most_common()
            ],
        )
        self.hot_water.set_bars(
            self.tr("Hot-water source"),
            [
                (choice_label(form, "hot_water_source", k), v)
                for k, v in ind.hot_water.most_common()
            ],
        )
        total = f"{ind.bills_total_mad:,.0f}".replace(",", " ")
        self.bills.set_bars(
            self.tr("Monthly electricity bill (MAD), total billed %1 MAD").replace(
                "%1", isolated(total)
            ),
            ind.bills_histogram(),
        )
        self.roof.set_bars(
            self.tr("Usable roof area (m²): %1 m², about %2 kWp of solar")
            .replace("%1", isolated(f"{ind.roof_area_total:,.0f}".replace(",", " ")))
            .replace("%2", isolated(f"{ind.solar_potential_kwp:,.0f}".replace(",", " "))),
            ind.roof_histogram(),
        )
        self.needs.set_bars(
            self.tr("Priority needs (rank score)"),
            [(choice_label(form, "priority_needs", k), v) for k, v in ind.ranked_needs()],
        )


class ReviewPanel(QWidget):
    """Finalized surveys of the coordinator's regions; answers read-only with what changed
    since the previous revision highlighted, repeats as tables, photos as thumbnails;
    approve, or return with a comment, each confirmed."""

    decided = Signal(str, str)  # survey id, decision

    def __init__(
        self,
        store: Store,
        tasks: Tasks,
        form_for: FormFor,
        regions: list[str],
        report_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.setObjectName("reviewPanel")
        self.store, self.tasks, self.form_for, self.regions = store, tasks, form_for, regions
        self.report_error = report_error
        self.queue = TypeAheadList()
        self.queue.setObjectName("reviewQueue")
        self.queue.currentItemChanged.connect(self._current_changed)
        self.title = QLabel()
        self.title.setObjectName("reviewTitle")
        self.title.setWordWrap(True)
        self.answers = QTextBrowser()
        self.answers.setObjectName("reviewAnswers")
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setMaximumHeight(90)
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(lambda: self.decide("approve"))
        self.return_button = QPushButton()
        self.return_button.setObjectName("returnButton")
        self.return_button.clicked.connect(lambda: self.decide("return"))
        self.message = QLabel()
        self.message.setObjectName("reviewMessage")
        self.comment_label = QLabel()
        right = QWidget()
        r = QVBoxLayout(right)
        r.addWidget(self.title)
        r.addWidget(self.answers, 1)
        r.addWidget(self.comment_label)
        r.addWidget(self.comment)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        r.addLayout(buttons)
        self.queue_label = QLabel()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.queue_label)
        lv.addWidget(self.queue, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.survey_id = ""
        self.confirm_box: QMessageBox | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.approve_button.setText(self.tr("&Approve"))
        self.return_button.setText(self.tr("&Return for correction"))
        self.comment_label.setText(self.tr("Comment for the agent (required to return):"))
        self.queue_label.setText(self.tr("%n survey(s) to review", "", self.queue.count()))
        if self.survey_id and self.isVisible():  # a closed window's store is gone
            self.show_survey(self.survey_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():  # the queue names establishments in the UI language
                self.refresh()
        super().changeEvent(event)

    def refresh(self) -> None:
        current = self.survey_id
        self.queue.blockSignals(True)
        self.queue.clear()
        for row in self.store.review_queue(self.regions):
            who = f"{row['author']} · {row['updated_at'][:10]}"
            text = f"{row['code']} — {establishment_name(row)}\n{who}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row["survey_id"])
            self.queue.addItem(item)
        self.queue.blockSignals(False)
        self.queue_label.setText(self.tr("%n survey(s) to review", "", self.queue.count()))
        ids = [self.queue.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.queue.count())]
        if current in ids:
            self.queue.setCurrentRow(ids.index(current))
        elif ids:
            self.queue.setCurrentRow(0)
        else:
            self.survey_id = ""
            self.title.setText(self.tr("Nothing to review."))
            self.answers.clear()
        enabled = bool(ids)
        self.approve_button.setEnabled(enabled)
        self.return_button.setEnabled(enabled)

    def _current_changed(self, item: QListWidgetItem | None, _previous: Any) -> None:
        if item is not None:
            self.show_survey(str(item.data(Qt.ItemDataRole.UserRole)))

    def show_survey(self, survey_id: str) -> None:
        try:
            survey = self.store.get_survey(survey_id)
            establishment = self.store.get_establishment(survey.establishment_id)
            previous = self.store.previous_answers(survey_id)
        except StoreError as exc:
            self.report_error(exc)
            return
        self.survey_id = survey_id
        form = self.form_for(survey.form_id, survey.form_version)
        name = establishment_name(
            {"name_fr": establishment.name_fr, "name_ar": establishment.name_ar}
        )
        changed_note = (
            self.tr("Highlighted: changed since the previous revision.")
            if previous is not None
            else self.tr("First revision received.")
        )
        self.title.setText(
            f"<b>{establishment.code} — {name}</b><br>"
            + self.tr("By %1, revision %2.")
            .replace("%1", isolated(survey.author))
            .replace("%2", isolated(str(survey.base_revision)))
            + " "
            + changed_note
        )
        if form is None:
            self.answers.setPlainText(str(survey.answers))
            return
        rows = answer_rows(form, survey.answers, previous)
        tables = repeat_tables(form, survey.answers, previous)
        self.answers.setHtml(answers_html(rows, self.tr("was:"), tables, self._photos(survey)))

    def _photos(self, survey: Survey) -> dict[str, str]:
        """The photos of the survey that are on this laptop: shown as thumbnails."""
        found = {}
        for value in survey.answers.values():
            if isinstance(value, dict) and value.get("sha256"):
                # Sealed on disk: a small thumbnail goes into the page as a data URL.
                try:
                    data = self.store.read_attachment(str(value["sha256"]))
                except (OSError, StoreError):
                    continue
                name = str(value.get("filename") or value["sha256"][:12])
                found[name] = thumbnail_data_url(data)
        return found

    def decide(self, decision: str) -> None:
        survey_id = self.survey_id
        if not survey_id:
            return
        comment = self.comment.toPlainText().strip()
        if decision == "return" and not comment:
            self.message.setText(self.tr("Write what the agent must correct."))
            self.comment.setFocus()
            return
        # One click must not approve a survey: the decision goes to the agent and the server.
        box = QMessageBox(self)
        box.setObjectName("confirmDecision")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Please confirm"))
        box.setText(
            self.tr("Approve this survey? The agent can no longer change it.")
            if decision == "approve"
            else self.tr("Return this survey to the agent with your comment?")
        )
        yes = box.addButton(
            self.tr("Approve") if decision == "approve" else self.tr("Return"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)

        def answered() -> None:
            self.confirm_box = None
            box.deleteLater()
            if box.clickedButton() is yes:
                self._decide_now(survey_id, decision, comment)

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def _decide_now(self, survey_id: str, decision: str, comment: str) -> None:
        def done(_survey: Any) -> None:
            self.comment.clear()
            self.message.setText(
                self.tr("Approved; sent at the next sync.")
                if decision == "approve"
                else self.tr("Returned; the agent sees your comment after the next syncs.")
            )
            self.decided.emit(survey_id, decision)
            self.refresh()

        self.tasks.write(
            lambda store: store.review_survey(survey_id, decision, comment),
            success=done,
            failure=self.report_error,
        )


class AssignmentsPanel(QWidget):
    """Assign establishments of the coordinator's regions to agents (through the outbox)."""

    assigned = Signal(int)

    def __init__(
        self,
        store: Store,
        tasks: Tasks,
        regions: list[str],
        report_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.setObjectName("assignmentsPanel")
        self.store, self.tasks, self.regions = store, tasks, regions
        self.report_error = report_error
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("assignmentTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.agent = QComboBox()
        self.agent.setObjectName("agentChoice")
        self.agent.setEditable(True)
        # Typed letters find an agent anywhere in the name, folded as every filter is.
        FoldedCompleter(self.agent)
        self.assign_button = QPushButton()
        self.assign_button.setObjectName("assignButton")
        self.assign_button.clicked.connect(lambda: self.apply(True))
        self.unassign_button = QPushButton()
        self.unassign_button.setObjectName("unassignButton")
        self.unassign_button.clicked.connect(lambda: self.apply(False))
        self.agent_label = QLabel()
        self.message = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.agent_label)
        bar.addWidget(self.agent, 1)
        bar.addWidget(self.assign_button)
        bar.addWidget(self.unassign_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        self.ids: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Name"), self.tr("Commune"), self.tr("Survey"),
             self.tr("Agents")]
        )  # fmt: skip
        self.agent_label.setText(self.tr("Agent:"))
        self.assign_button.setText(self.tr("A&ssign selected"))
        self.unassign_button.setText(self.tr("&Unassign selected"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():  # a closed window's store is gone
                self.refresh()
        super().changeEvent(event)

    def refresh(self) -> None:
        ids: list[str] = []
        for region in self.regions or [None]:
            ids += self.store.find_establishment_ids(region=region)
        rows = self.store.establishment_rows(ids)
        self.ids = [i for i in ids if i in rows]
        self.table.setRowCount(len(self.ids))
        for r, eid in enumerate(self.ids):
            row = rows[eid]
            agents = ", ".join(self.store.establishment_agents(eid))
            values = (row["code"], establishment_name(row), row["commune"] or "",
                      status_label(row["survey_status"] or "not_started"), agents)  # fmt: skip
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(value)))
        current = self.agent.currentText()
        self.agent.clear()
        self.agent.addItems(self.store.known_agents())
        self.agent.setCurrentText(current)

    def select(self, establishment_ids: Sequence[str]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for eid in establishment_ids:
            if eid in self.ids:
                self.table.selectRow(self.ids.index(eid))
        self.table.setSelectionMode(mode)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.ids[r] for r in rows]

    def apply(self, assign: bool) -> None:
        ids = self.selected_ids()
        username = self.agent.currentText().strip()
        if not ids or not username:
            self.message.setText(self.tr("Select establishments and an agent."))
            return

        def done(count: int) -> None:
            self.message.setText(self.tr("%n change(s) queued; sent at the next sync.", "", count))
            self.refresh()
            self.assigned.emit(count)

        self.tasks.write(
            lambda store: store.assign(ids, username, assign=assign),
            success=done,
            failure=self.report_error,
        )


class CoordinatorWorkspace(QTabWidget):
    """Dashboard, map, review and assignments; `refresh()` after each sync or import."""

    def __init__(
        self,
        data_dir: Path,
        store: Store,
        tasks: Tasks,
        form_for: FormFor,
        dashboard_form: Callable[[], Form | None],
        regions: list[str],
        report_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.setObjectName("coordinatorWorkspace")
        self.store = store
        self.regions = regions
        self.dashboard = Dashboard(data_dir, tasks, dashboard_form, regions)
        self.map = MapView()
        self.review = ReviewPanel(store, tasks, form_for, regions, report_error)
        self.assignments = AssignmentsPanel(store, tasks, regions, report_error)
        self.review.decided.connect(lambda *_: self._after_write())
        self.assignments.assigned.connect(lambda *_: self._after_write())
        for widget in (self.dashboard, self.map, self.review, self.assignments):
            self.addTab(widget, "")
        self.retranslate()

    def retranslate(self) -> None:
        for i, text in enumerate(
            (self.tr("Dashboard"), self.tr("Map"), self.tr("Review"), self.tr("Assignments"))
        ):
            self.setTabText(i, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _after_write(self) -> None:
        self.refresh_map()
        self.dashboard.refresh()

    def refresh_map(self) -> None:
        sql = (
            "SELECT id, longitude, latitude, survey_status, code FROM establishments "
            "WHERE longitude IS NOT NULL AND latitude IS NOT NULL"
        )
        if self.regions:
            sql += " AND region IN (" + ",".join("?" * len(self.regions)) + ")"
        rows = self.store.conn.execute(sql, self.regions)
        self.map.set_points([(r[0], r[1], r[2], r[3] or "not_started", r[4]) for r in rows])

    def refresh(self) -> None:
        self.dashboard.refresh()
        self.refresh_map()
        self.review.refresh()
        self.assignments.refresh()
