"""The Sync panel: start a sync by hand, follow it phase by phase, cancel it, read what it did.

It shows one progress bar per phase (changes, attachments, pull), the counts of the run
(sent, merged, conflicts, set aside, received), a log with one timestamped line per step and
failures in plain words, and the changes the server set aside with their reasons. It only
reads the store (quick queries on the UI thread) and listens to the `SyncController`: the run
itself is in a worker thread, so the panel never freezes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import Change
from fieldapp.store import Store, StoreError
from sync.client import CLOCK_SKEW_WARN_S, STATE_LAST_SYNC, Phase, parse_refusal, question_of
from sync.errors import SyncErrorCode
from ui.labels import establishment_name
from ui.languages import isolated
from ui.pulled_set_aside import PulledSetAsideDialog
from ui.refusals import set_aside_reason
from ui.syncing import (
    COUNT_NAMES,
    PHASES,
    SyncController,
    describe_sync_error,
    store_is_open,
)

MAX_LOG_LINES = 2000


class SyncPanel(QWidget):
    """Sync now / Cancel, progress per phase, counts, log, set-aside changes."""

    def __init__(
        self,
        controller: SyncController,
        store: Store,
        *,
        describe_change: Callable[[Change], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncPanel")
        self.controller = controller
        self.store = store
        self.describe_change = describe_change or (lambda c: f"{c.entity} {c.entity_id[:8]}")
        self.headline = QLabel()
        self.headline.setObjectName("syncHeadline")
        self.headline.setWordWrap(True)
        bold = self.headline.font()
        bold.setBold(True)
        self.headline.setFont(bold)
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(lambda: self.controller.start("manual"))
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelSync")
        self.cancel_button.clicked.connect(self._cancel)
        # The headline above its buttons, the counts on two lines: the panel stays narrow
        # enough to sit beside the list on a 1280x720 screen at 150 % (ui/screencheck.py).
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        top = QVBoxLayout()
        top.addWidget(self.headline)
        top.addLayout(buttons)

        self.phase_box = QGroupBox()
        phases = QGridLayout(self.phase_box)
        self.phase_captions: dict[str, QLabel] = {}
        self.bars: dict[str, QProgressBar] = {}
        for row, phase in enumerate(PHASES):
            caption = QLabel()
            bar = QProgressBar()
            bar.setObjectName(f"progress_{phase}")
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setTextVisible(True)
            caption.setBuddy(bar)
            self.phase_captions[phase] = caption
            self.bars[phase] = bar
            phases.addWidget(caption, row, 0)
            phases.addWidget(bar, row, 1)
        phases.setColumnStretch(1, 1)

        self.count_box = QGroupBox()
        counts = QGridLayout(self.count_box)
        self.count_captions: dict[str, QLabel] = {}
        self.count_values: dict[str, QLabel] = {}
        for position, name in enumerate(COUNT_NAMES):
            row, column = 2 * (position // 3), position % 3
            caption = QLabel()
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value = QLabel("0")
            value.setObjectName(f"count_{name}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.4)
            font.setBold(True)
            value.setFont(font)
            self.count_captions[name] = caption
            self.count_values[name] = value
            counts.addWidget(value, row, column)
            counts.addWidget(caption, row + 1, column)

        self.log_caption = QLabel()
        self.log = QPlainTextEdit()
        self.log.setObjectName("syncLog")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(MAX_LOG_LINES)
        self.log_caption.setBuddy(self.log)

        self.set_aside_caption = QLabel()
        self.set_aside = QTableWidget(0, 3)
        self.set_aside.setObjectName("setAsideTable")
        self.set_aside.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.set_aside.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.set_aside.verticalHeader().hide()
        header = self.set_aside.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.phase_box)
        layout.addWidget(self.count_box)
        layout.addWidget(self.log_caption)
        layout.addWidget(self.log, 2)
        layout.addWidget(self.set_aside_caption)
        layout.addWidget(self.set_aside, 1)
        # What this laptop received but did not apply (ui/pulled_set_aside.py).
        self.pulled_button = QPushButton()
        self.pulled_button.setObjectName("pulledSetAside")
        self.pulled_button.clicked.connect(self.show_pulled_set_aside)
        pulled = QHBoxLayout()
        pulled.addWidget(self.pulled_button)
        pulled.addStretch(1)
        layout.addLayout(pulled)
        self.pulled_dialog: PulledSetAsideDialog | None = None

        controller.started.connect(self._started)
        controller.progress.connect(self._progress)
        controller.counts_changed.connect(self._show_counts)
        controller.phase_done.connect(self._phase_done)
        controller.finished.connect(self._finished)
        controller.next_try.connect(self._next_try_in)
        self._totals: dict[str, int] = {}
        self._next_try: QDateTime | None = None
        self.retranslate()
        self.refresh()

    # -- showing ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.sync_button.setText(self.tr("&Synchronise now"))
        self.sync_button.setToolTip("F5")
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stops at the next safe point: nothing is lost, the rest is sent next time")
        )
        self.phase_box.setTitle(self.tr("Progress"))
        words = {
            Phase.CHANGES: self.tr("Changes"),
            Phase.ATTACHMENTS: self.tr("Photos"),
            Phase.PULL: self.tr("Received"),
        }
        for phase, caption in self.phase_captions.items():
            caption.setText(words[Phase(phase)])
        self.count_box.setTitle(self.tr("This sync"))
        names = {
            "pushed": self.tr("sent"),
            "merged": self.tr("merged"),
            "conflicts": self.tr("conflicts"),
            "set_aside": self.tr("set aside"),
            "pulled": self.tr("received"),
        }
        for name, caption in self.count_captions.items():
            caption.setText(names[name])
        self.log_caption.setText(self.tr("Log"))
        self.set_aside.setHorizontalHeaderLabels(
            [self.tr("Change"), self.tr("Made on"), self.tr("Why the server refused it")]
        )
        self.refresh()

    def refresh(self) -> None:
        """Re-read what the store knows: last sync, set-aside changes."""
        if not store_is_open(self.store):
            return  # the window closed; a language switch still reaches the panel
        self._show_buttons()
        self._show_headline()
        try:
            changes = self.store.set_aside_changes()
        except StoreError:
            changes = []
        self.set_aside_caption.setText(
            self.tr("Set aside by the server (%n)", "", len(changes))
            if changes
            else self.tr("Set aside by the server: none")
        )
        try:
            pulled = len(self.store.pulled_set_aside())
        except StoreError:
            pulled = 0
        self.pulled_button.setText(self.tr("Received but set aside (%n)…", "", pulled))
        self.pulled_button.setVisible(pulled > 0)
        self.set_aside.setRowCount(len(changes))
        for row, change in enumerate(changes):
            cells = (
                self.describe_change(change),
                _local_time(change.created_at),
                self.refusal(change),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the server's English message, with ids, is in the log
                self.set_aside.setItem(row, column, item)

    def show_pulled_set_aside(self) -> None:
        """The list of received items set aside, with what to do about each."""
        if self.pulled_dialog is None:
            self.pulled_dialog = PulledSetAsideDialog(self.store, self)
            self.pulled_dialog.finished.connect(lambda _result: self.refresh())
        self.pulled_dialog.refresh()
        self.pulled_dialog.show()
        self.pulled_dialog.raise_()
        self.pulled_dialog.activateWindow()
        self.pulled_dialog.table.setFocus()

    def refusal(self, change: Change) -> str:
        """Why the server refused `change`, naming its establishment and question by label."""
        _code, field, _message = parse_refusal(change.reason)
        payload = change.payload if isinstance(change.payload, dict) else {}
        establishment = ""
        try:
            establishment_id = str(payload.get("establishment_id") or "")
            if not establishment_id and change.entity in ("survey", "conflict_resolution"):
                establishment_id = self.store.get_survey(change.entity_id).establishment_id
            if establishment_id:
                e = self.store.get_establishment(establishment_id)
                establishment = establishment_name({"name_fr": e.name_fr, "name_ar": e.name_ar})
        except StoreError:
            establishment = ""
        name = question_of(field)
        question = _question_label(self.store, payload, name) if name else ""
        return set_aside_reason(change.reason, establishment=establishment, question=question)

    def _show_headline(self) -> None:
        if self.controller.running:
            self.headline.setText(
                self.tr("Cancelling…") if self.controller.cancelling else self.tr("Synchronising…")
            )
            return
        if self._next_try is not None:
            self.headline.setText(
                self.tr("Server unreachable")
                + " · "
                + self.tr("next try at %1").replace("%1", isolated(self._next_try_text()))
            )
            return
        try:
            last = self.store.get_state(STATE_LAST_SYNC)
        except StoreError:
            last = None
        self.headline.setText(
            self.tr("Last sync: %1").replace("%1", isolated(_local_time(last)))
            if last
            else self.tr("Never synchronised")
        )

    def _show_buttons(self) -> None:
        running = self.controller.running
        self.sync_button.setEnabled(not running)
        self.cancel_button.setEnabled(running and not self.controller.cancelling)

    def _show_counts(self) -> None:
        for name, label in self.count_values.items():
            label.setText(QLocale().toString(self.controller.counts.get(name, 0)))

    def add_log(self, text: str) -> None:
        stamp = QLocale().toString(QDateTime.currentDateTime().time(), "HH:mm:ss")
        self.log.appendPlainText(f"{stamp}  {text}")

    def log_lines(self) -> list[str]:
        return self.log.toPlainText().splitlines()

    # -- following a run ----------------------------------------------------------------------

    def _cancel(self) -> None:
        self.controller.cancel()
        self.add_log(self.tr("Cancelling: the sync stops after the current step."))
        self._show_buttons()
        self._show_headline()

    def _next_try_text(self) -> str:
        return QLocale().toString(self._next_try.time(), "HH:mm") if self._next_try else ""

    def _next_try_in(self, seconds: float) -> None:
        self._next_try = QDateTime.currentDateTime().addSecs(max(1, round(seconds)))
        self.add_log(
            self.tr("The server cannot be reached; next try at %1.").replace(
                "%1", isolated(self._next_try_text())
            )
        )
        self._show_headline()

    def _started(self, reason: str) -> None:
        self._next_try = None
        for bar in self.bars.values():
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setFormat("")
        self._totals = {}
        self._show_counts()
        words = {
            "manual": self.tr("Sync started by hand."),
            "reachable": self.tr("Sync started: the server is reachable."),
            "changes": self.tr("Sync started: changes are waiting to be sent."),
            "periodic": self.tr("Periodic sync started."),
        }
        self.add_log(words.get(reason, self.tr("Sync started.")))
        self._show_buttons()
        self._show_headline()

    def _progress(self, phase: str, done: int, total: int) -> None:
        bar = self.bars.get(phase)
        if bar is None:
            return
        if phase not in self._totals:
            self._totals[phase] = total
            if phase == Phase.CHANGES:
                self.add_log(self.tr("Sending changes: %n waiting.", "", max(total, 0)))
            elif phase == Phase.ATTACHMENTS and total > 0:
                self.add_log(self.tr("Uploading photos: %1.").replace("%1", isolated(_size(total))))
            elif phase == Phase.PULL:
                self.add_log(self.tr("Receiving what changed on the server."))
        if total < 0:
            bar.setRange(0, 0)  # busy: the feed's length is not known in advance
            bar.setFormat(self.tr("%n received", "", done))
        elif total == 0:
            bar.setRange(0, 1)
            bar.setValue(1)
            bar.setFormat(self.tr("nothing to do"))
        elif phase == Phase.ATTACHMENTS:
            bar.setRange(0, 1000)
            bar.setValue(int(1000 * min(done, total) / total))
            bar.setFormat(f"{_size(done)} / {_size(total)}")
        else:
            bar.setRange(0, total)
            bar.setValue(min(done, total))
            bar.setFormat(f"{QLocale().toString(done)} / {QLocale().toString(total)}")

    def _phase_done(self, phase: str) -> None:
        bar = self.bars.get(phase)
        counts = self.controller.counts
        if bar is not None and bar.maximum() == 0:
            bar.setRange(0, 1)
            bar.setValue(1)
        if phase == Phase.CHANGES and self._totals.get(phase, 0) > 0:
            self.add_log(
                self.tr(
                    "Changes: %1 sent and acknowledged (%2 merged, %3 in conflict), %4 set aside."
                )
                .replace("%1", isolated(str(counts["pushed"])))
                .replace("%2", isolated(str(counts["merged"])))
                .replace("%3", isolated(str(counts["conflicts"])))
                .replace("%4", isolated(str(counts["set_aside"])))
            )
        elif phase == Phase.ATTACHMENTS and self._totals.get(phase, 0) > 0:
            self.add_log(self.tr("Photos: upload done."))
        elif phase == Phase.PULL:
            self.add_log(self.tr("Received: %n change(s) from the server.", "", counts["pulled"]))

    def _finished(self) -> None:
        summary = self.controller.summary
        self._show_buttons()
        self._show_headline()
        if summary is None:
            return
        if summary.error is not None:
            code = summary.error.get("code", "")
            what, todo = describe_sync_error(code, summary.error.get("detail", ""))
            if code == SyncErrorCode.CANCELLED:
                self.add_log(
                    self.tr(
                        "Cancelled. Nothing was lost: %n change(s) still to send.",
                        "",
                        summary.outbox_remaining,
                    )
                )
            else:
                self.add_log(
                    self.tr("Failed: %1 %2")
                    .replace("%1", isolated(what))
                    .replace("%2", isolated(todo))
                )
            for bar in self.bars.values():
                if bar.maximum() == 0:
                    bar.setRange(0, 1)
                    bar.setValue(0)
                    bar.setFormat(self.tr("stopped"))
        else:
            seconds = QLocale().toString(summary.duration_s, "f", 1)
            self.add_log(self.tr("Sync finished in %1 s.").replace("%1", isolated(seconds)))
            if summary.outbox_remaining:
                self.add_log(self.tr("%n change(s) still to send.", "", summary.outbox_remaining))
        if summary.relay_remaining:
            self.add_log(
                self.tr(
                    "%n change(s) of imported bundles still to relay to the server.",
                    "",
                    summary.relay_remaining,
                )
            )
        if summary.server_change:
            sent = QLocale().toString(summary.resent)
            if summary.server_change == "restored":
                line = self.tr(
                    "The server was restored from an older backup: %1 change(s) it had lost "
                    "were sent again."
                )
            else:
                line = self.tr(
                    "This server is another database than the last one: %1 change(s) it did "
                    "not hold were sent."
                )
            self.add_log(line.replace("%1", isolated(sent)))
        skew = summary.clock_offset_s
        if skew is not None and abs(skew) > CLOCK_SKEW_WARN_S:
            line = (
                self.tr(
                    "This laptop's clock is %1 min ahead of the server's: set its date and time."
                )
                if skew > 0
                else self.tr(
                    "This laptop's clock is %1 min behind the server's: set its date and time."
                )
            )
            self.add_log(line.replace("%1", isolated(QLocale().toString(abs(skew) // 60))))
        if summary.set_aside:
            self.add_log(
                self.tr(
                    "%n change(s) set aside by the server: see the list below.",
                    "",
                    summary.set_aside,
                )
            )
        if summary.conflicts:
            self.add_log(
                self.tr(
                    "%n question(s) in conflict wait for your choice (Conflicts).",
                    "",
                    summary.conflicts,
                )
            )
        if summary.conflicts_closed:
            self.add_log(
                self.tr(
                    "%n conflict(s) decided on another laptop: closed here.",
                    "",
                    summary.conflicts_closed,
                )
            )
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _question_label(store: Store, payload: dict[str, object], name: str) -> str:
    """The label of question `name` in the form version the change was made with."""
    from fieldapp.forms import FormError, baseline_form, load_form
    from ui.languages import current_language

    form_id = str(payload.get("form_id") or "")
    version = str(payload.get("form_version") or "")
    form = None
    try:
        definition = store.form_definition(form_id, version)
        form = load_form(definition) if definition else None
    except (StoreError, FormError):
        form = None
    if form is None:
        built_in = baseline_form()
        form = built_in if built_in.id == form_id else None
    if form is None:
        return name
    try:
        label = form.question(name).label
    except KeyError:
        return name
    return label.get(current_language()) or label.get(form.default_language) or name


def _local_time(iso: str | None) -> str:
    if not iso:
        return ""
    moment = QDateTime.fromString(iso.replace("Z", "+00:00")[:25], Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


def _size(count: int) -> str:
    return QLocale().formattedDataSize(count, 1)
