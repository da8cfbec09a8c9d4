"""The survey form: one establishment's baseline survey, rendered from the form definition.

The form owns the answers. Every edit re-evaluates the definition (relevance, calculations,
constraints: a couple of ms), updates what is shown and restarts the autosave timer; the
save itself runs on the writer thread. At most the last burst of typing (AUTOSAVE_MS) is
ever unsaved, and leaving the survey or closing the window saves it first.

Pages are built when a section is first shown, so opening a long survey stays quick.

The form is one widget made of parts, one module per concern: `pages` (building sections,
moving between them), `answers` (the nested answers, repeat instances), `checks` (what stops
finalizing, section completeness), `saving` (every write to the store), `photos`.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import Establishment, Survey, SurveyStatus
from fieldapp.forms import Form, Question
from fieldapp.forms.evaluation import Evaluation
from fieldapp.forms.expressions import Context
from fieldapp.forms.model import Text
from fieldapp.forms.references import substitute
from sync.clock import ClockOffset
from ui.labels import establishment_name
from ui.languages import current_language
from ui.survey.answers import SurveyAnswers
from ui.survey.audit import SurveyAudit
from ui.survey.checks import Index, SurveyChecks, ValidationPanel
from ui.survey.grid import RepeatGrid
from ui.survey.grid_audit import GridAudit
from ui.survey.keyboard import SurveyKeyboard
from ui.survey.pages import PREBUILD_MS, SurveyPages
from ui.survey.photos import SurveyPhotos
from ui.survey.saving import AUTOSAVE_MS, SurveySaving
from ui.survey.upgrade import MoveDialog, NewerVersionBanner
from ui.survey.views import GroupView, QuestionView, RepeatView, text_in
from ui.tasks import Tasks

log = logging.getLogger(__name__)


class SurveyForm(
    SurveyKeyboard,
    SurveyPages,
    SurveyAnswers,
    SurveyChecks,
    SurveySaving,
    SurveyPhotos,
    GridAudit,
    SurveyAudit,
    QWidget,
):
    """Sections on one side, the current section's questions on the other, autosaved."""

    back = Signal(str)  # establishment id: the agent goes back to the list
    saved = Signal(object, int)  # survey, changes waiting in the outbox
    finalized = Signal(object)  # survey
    moved = Signal(str)  # survey id: moved to a newer form version, to reopen in it

    def __init__(
        self,
        form: Form,
        survey: Survey,
        establishment: Establishment,
        tasks: Tasks,
        *,
        report_error: Callable[[BaseException], None],
        read_attachment: Callable[[str], bytes] | None = None,
        newer: Form | None = None,
        clock_offset: Callable[[], ClockOffset | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("surveyForm")
        # How far off this laptop's clock was at the last sync, when past a day (sync.clock):
        # finalizing says so first.
        self.clock_offset = clock_offset or (lambda: None)
        self.form = form
        # A newer version of the form, offered to a draft (FormCatalog.newer_for decides).
        self.newer = newer
        self.move_dialog: MoveDialog | None = None
        self.survey = survey
        self.establishment = establishment
        self.tasks = tasks
        self.report_error = report_error
        # The plaintext of a stored photo (Store.read_attachment: the files are sealed).
        self.read_attachment = read_attachment
        self.answers: dict[str, Any] = copy.deepcopy(survey.answers)
        self.read_only = survey.status in (SurveyStatus.FINALIZED, SurveyStatus.APPROVED)
        self.lang = current_language()
        self.fallback = form.default_language
        self.views: dict[tuple[str, Index], QuestionView] = {}
        self.group_views: dict[tuple[str, Index], GroupView] = {}
        self.repeat_views: dict[tuple[str, Index], RepeatView] = {}
        self.pages: dict[int, QScrollArea] = {}
        self.current_section = -1
        self.confirm_box: QMessageBox | None = None
        self.evaluation = form.evaluate(self.answers, context=self.context())
        self._dirty = False
        self._saving = 0
        self._save_failed = False
        self._saved_at: str | None = None
        self._issues_shown = False
        self._tabs_stale = True
        self._prefilled_from: str | None = None
        self._section_of: dict[str, int] = {}
        for number, section in enumerate(form.sections):
            for item in section.walk():
                self._section_of[item.name] = number
            self._section_of[section.name] = number

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)

        self._build_chrome()
        self._build_actions()
        self.retranslate()
        self.go_to_section(self._first_section())
        self._refresh()
        # The other pages are built while the agent reads the first one, one page per
        # turn of the event loop, so that moving between sections is instant.
        self._prebuild = QTimer(self)
        self._prebuild.setInterval(PREBUILD_MS)
        self._prebuild.timeout.connect(self._build_next_page)
        self._prebuild.start()
        self._start_audit()

    # -- building ----------------------------------------------------------------------------

    def _build_chrome(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("surveyTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setObjectName("surveyStatus")
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.back_button = QPushButton()
        self.back_button.setObjectName("backToList")
        self.back_button.clicked.connect(self.go_back)
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title, 1)
        head.addWidget(self.status)
        head.addWidget(self.save_state)

        self.returned_banner = QLabel()
        self.returned_banner.setObjectName("returnedBanner")
        self.returned_banner.setWordWrap(True)
        self.returned_banner.setStyleSheet(
            "background: #fff3cd; color: #5d4200; border: 1px solid #e0b84c; padding: 8px"
        )
        self.newer_banner = NewerVersionBanner(self.newer.version if self.newer else "")
        self.newer_banner.move_requested.connect(self.offer_move)
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "background: #e3f2fd; color: #0d3c61; border: 1px solid #90caf9; padding: 8px"
        )

        self.nav = QListWidget()
        self.nav.setObjectName("sectionList")
        self.nav.setMinimumWidth(200)
        self.nav.setWordWrap(True)
        self.nav.currentRowChanged.connect(self._nav_changed)
        for _ in self.form.sections:
            self.nav.addItem(QListWidgetItem())
        self.stack = QStackedWidget()
        self.stack.setObjectName("sectionPages")
        self.panel = ValidationPanel()
        self.panel.jump.connect(self.jump_to)
        self.panel.dismissed.connect(lambda: self.go_to_section(self.current_section))
        self.panel.hide()
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([230, 700, 300])
        splitter.setChildrenCollapsible(False)

        self.previous_button = QPushButton()
        self.previous_button.setObjectName("previousSection")
        self.previous_button.clicked.connect(lambda: self.step_section(-1))
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextSection")
        self.next_button.clicked.connect(lambda: self.step_section(1))
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveNow")
        self.save_button.clicked.connect(self.save)
        self.finalize_button = QPushButton()
        self.finalize_button.setObjectName("finalize")
        self.finalize_button.clicked.connect(self.finalize)
        foot = QHBoxLayout()
        foot.addWidget(self.previous_button)
        foot.addWidget(self.next_button)
        foot.addStretch(1)
        foot.addWidget(self.save_button)
        foot.addWidget(self.finalize_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.returned_banner)
        layout.addWidget(self.newer_banner)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(foot)

    def _build_actions(self) -> None:
        def action(keys: Iterable[QKeySequence | str], slot: Callable[[], Any]) -> QAction:
            act = QAction(self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.next_action = action(["Ctrl+PgDown"], lambda: self.step_section(1))
        self.previous_action = action(["Ctrl+PgUp"], lambda: self.step_section(-1))
        self.save_action = action([QKeySequence.StandardKey.Save], self.save)
        self.finalize_action = action(["Ctrl+Return", "Ctrl+Enter"], self.finalize)
        self.back_action = action(["Ctrl+W"], self.go_back)
        self.issues_action = action(["F8"], self._focus_issues)

    def _section_relevant(self, number: int) -> bool:
        section = self.form.sections[number]
        return (
            section.implicit
            or section.name not in self.form
            or self.evaluation.is_relevant(section.name)
        )

    def context(self) -> Context:
        """The survey's id (random() and uuid() draw what the save stores) and the language
        labels are shown in (jr:choice-name())."""
        return Context(instance_id=self.survey.id, language=self.lang)

    def _refresh(self) -> None:
        """Evaluate the form and show its state: relevance, required marks, calculations,
        constraint messages, repeat counts, section completeness."""
        ev = self.evaluation = self.form.evaluate(self.answers, context=self.context())
        failures = ev.constraint_failures if ev.failures else {}
        for (name, index), view in list(self.views.items()):
            relevant = ev.is_relevant(name, index)
            question = view.question
            constraint = self._constraint_text(ev, failures, question, index)
            if view.has_references:
                view.show_references(
                    lambda text, i=index: substitute(self.form, ev, text, i, self.lang)
                )
            calculated = bool(question.calculation)
            view.apply(
                relevant=relevant,
                required=relevant and ev.is_required(name, index),
                read_only=self.read_only or ev.is_readonly(name, index),
                constraint=constraint,
                value=ev.value(name, index) if calculated else None,
                calculated=calculated,
            )
            if relevant and question.choice_filter:
                view.editor.set_choices(ev.choices(name, index))
        for (name, index), group in self.group_views.items():
            group.set_relevant(ev.is_relevant(name, index))
        for (name, index), repeat in list(self.repeat_views.items()):
            repeat.set_relevant(ev.is_relevant(name, index))
            wanted = ev.repeat_count(name, index)
            repeat.fixed_count = wanted
            if wanted is not None and not self.read_only:
                instances = self._instances(repeat.group, index)
                if len(instances) < wanted:
                    # A repeat_count grows the list by itself; it never drops typed answers.
                    container = self._container(repeat.group.repeats[:-1], index, create=True)
                    assert container is not None
                    listed = container.setdefault(name, [])
                    while len(listed) < wanted:
                        listed.append(
                            self.form.new_instance(name, answers=self.answers, index=index)
                        )
                    repeat.show_count(len(listed))
            instances = self._instances(repeat.group, index)
            repeat.add.setVisible(not self.read_only and wanted is None)
            for instance in repeat.instances:
                instance.remove.setVisible(
                    not self.read_only and (wanted is None or instance.index[-1] >= wanted)
                )
            if len(instances) != repeat.shown_count():
                repeat.show_count(len(instances))
            if isinstance(repeat, RepeatGrid):
                repeat.apply(
                    ev,
                    instances,
                    lambda q, i: self._constraint_text(ev, failures, q, i),
                    read_only=self.read_only,
                )
        if self._issues_shown:
            self._show_issues()
        self._update_nav()
        self._order_tabs_if_stale()
        if not self.read_only and self._prefill_months():
            self._dirty = True
            self._autosave.start()
            self._refresh()

    def _constraint_text(
        self, ev: Evaluation, failures: dict[str, Text], question: Question, index: Index
    ) -> str:
        """The constraint message of an answer that fails its constraint, with its `${}`
        filled; '' when it passes (`failures`: the evaluation's constraint failures)."""
        if not failures:
            return ""
        from fieldapp.forms.run import path_of

        message = failures.get(path_of(question.name, question.repeats, index))
        if not message:
            return ""
        return substitute(
            self.form, ev, text_in(message, self.lang, self.fallback), index, self.lang
        )

    def _confirm(self, text: str, yes: str, on_yes: Callable[[], None]) -> None:
        box = QMessageBox(self)
        box.setObjectName("confirmBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Please confirm"))
        box.setText(text)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(ok)

        def done() -> None:
            # The keyboard goes on in the form (a removed repeat: its add button; finalized:
            # the way back), not on whatever the window manager picks.
            self.window().activateWindow()
            if box.clickedButton() is ok:
                on_yes()
            self.confirm_box = None
            box.deleteLater()

        box.finished.connect(done)
        self.confirm_box = box
        box.open()

    # -- language ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.lang = current_language()
        name = establishment_name(
            {"name_fr": self.establishment.name_fr, "name_ar": self.establishment.name_ar}
        )
        self.title.setText(f"{name} · {self.establishment.code}")
        self.back_button.setText(self.tr("← Back to the list"))
        self.back_button.setToolTip(self.tr("Back to the list (Ctrl+W); answers are saved"))
        self.previous_button.setText(self.tr("Previous section"))
        self.previous_button.setToolTip("Ctrl+PgUp")
        self.next_button.setText(self.tr("Next section"))
        self.next_button.setToolTip("Ctrl+PgDown")
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Answers are saved as you type (Ctrl+S saves now)"))
        self.finalize_button.setText(self.tr("Finalize…"))
        self.finalize_button.setToolTip("Ctrl+Enter")
        for button in (self.save_button, self.finalize_button):
            button.setVisible(not self.read_only)
        comment = self.survey.review_comment.strip()
        self.returned_banner.setText(
            self.tr("Returned by your coordinator for correction:") + "\n" + comment
        )
        self.returned_banner.setVisible(bool(comment) and not self.read_only)
        self.read_only_banner.setText(
            self.tr("This survey is finalized: it can be read, no longer changed.")
            if self.survey.status == SurveyStatus.FINALIZED
            else self.tr(
                "This survey was approved by your coordinator: it can no longer be changed."
            )
        )
        self.read_only_banner.setVisible(self.read_only)
        self.newer_banner.setVisible(self.newer is not None and not self.read_only)
        for view in self.views.values():
            view.set_language(self.lang, self.fallback)
        for group in self.group_views.values():
            group.set_language(self.lang, self.fallback)
        for repeat in self.repeat_views.values():
            repeat.set_language(self.lang, self.fallback)
        for number, page in self.pages.items():
            section = self.form.sections[number]
            heading = page.widget().findChild(QLabel, "sectionHeading")
            if heading is not None:
                heading.setText(text_in(section.label, self.lang, self.fallback, section.name))
            hint = page.widget().findChild(QLabel, "sectionHint")
            if hint is not None:
                hint.setText(text_in(section.hint, self.lang, self.fallback))
        self._show_status()
        self._show_save_state()
        if hasattr(self, "evaluation"):
            self._update_nav()
            if self._issues_shown:
                self._show_issues()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
