"""The survey form: one establishment's baseline survey, rendered from the form definition.

The form owns the answers. Every edit re-evaluates the definition (relevance, calculations,
constraints: a couple of ms), updates what is shown and restarts the autosave timer; the
save itself runs on the writer thread. At most the last burst of typing (AUTOSAVE_MS) is
ever unsaved, and leaving the survey or closing the window saves it first.

Pages are built when a section is first shown, so opening a long survey stays quick.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QImage, QImageReader, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import Establishment, Survey, SurveyStatus
from fieldapp.forms import Form, Group, Question, fit_answers
from fieldapp.forms.answers import is_empty
from fieldapp.forms.model import INPUT_TYPES
from fieldapp.store import Store
from ui.errors import ImageError
from ui.labels import STATUS_COLOURS, establishment_name, status_label
from ui.languages import current_language
from ui.survey.editors import ImageEditor
from ui.survey.upgrade import MoveDialog, NewerVersionBanner
from ui.survey.views import GroupView, InstanceView, QuestionView, RepeatView, text_in
from ui.tasks import Tasks
from ui.widgets import ERROR_COLOUR, OK_COLOUR, tint

log = logging.getLogger(__name__)

Index = tuple[int, ...]
AUTOSAVE_MS = 800
PREBUILD_MS = 60
MAX_IMAGE_SIDE = 1600
JPEG_QUALITY = 85
_STEP_RE = re.compile(r"([^/\[\]]+)\[(\d+)\]")


def parse_path(path: str) -> tuple[str, Index]:
    """'bills[3]/amount_mad' -> ('amount_mad', (2,)): the question and its 0-based index."""
    *steps, name = path.split("/") if path else [""]
    index: list[int] = []
    for step in steps:
        found = _STEP_RE.fullmatch(step)
        if found:
            index.append(int(found.group(2)) - 1)
    last = _STEP_RE.fullmatch(name)
    if last:  # an issue about a repeat instance itself
        return last.group(1), (*index, int(last.group(2)) - 1)
    return name, tuple(index)


def prepare_image(path: str) -> tuple[bytes, QImage, str]:
    """Read a photo, turn it upright, scale it to at most MAX_IMAGE_SIDE px and encode it as
    JPEG; returns (jpeg bytes, thumbnail, file name). Runs in a worker: no widgets here."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > MAX_IMAGE_SIDE:
        # Decoding at the reduced size is much faster and lighter than scaling afterwards.
        reader.setScaledSize(
            size.scaled(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    if image.isNull():
        raise ImageError(Path(path).name)
    if max(image.width(), image.height()) > MAX_IMAGE_SIDE:
        image = image.scaled(
            MAX_IMAGE_SIDE,
            MAX_IMAGE_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", JPEG_QUALITY):  # type: ignore[call-overload]
        raise ImageError(Path(path).name)
    buffer.close()
    thumb = image.scaled(
        ImageEditor.THUMB,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    return bytes(data.data()), thumb, Path(path).name


def load_thumbnail(path: Path) -> QImage:
    """A stored photo's thumbnail (worker side)."""
    reader = QImageReader(str(path))
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(ImageEditor.THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class ValidationPanel(QFrame):
    """What stops the survey from being finalized, grouped by section; Enter (or a click) on
    a line jumps to the question."""

    jump = Signal(str)  # path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("validationPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(260)
        self.title = QLabel()
        self.title.setObjectName("validationTitle")
        self.title.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("issueList")
        self.list.setHeaderHidden(True)
        self.list.setWordWrap(True)
        self.list.setRootIsDecorated(False)
        self.list.setIndentation(10)
        self.list.setUniformRowHeights(False)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTrailing)
        self.count = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("Close the list"))
        self._title()

    def _title(self) -> None:
        if self.count:
            self.title.setText(
                self.tr("%n answer(s) missing or to correct before finalizing", "", self.count)
            )
        else:
            self.title.setText(self.tr("Nothing is missing: the survey can be finalized."))
        tint(self.title, ERROR_COLOUR if self.count else OK_COLOUR, bold=True)

    def show_issues(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        """(section title, [(path, text)]) in form order."""
        current = self.list.currentItem()
        keep = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        self.list.clear()
        self.count = 0
        chosen: QTreeWidgetItem | None = None
        first: QTreeWidgetItem | None = None
        bold = self.list.font()
        bold.setBold(True)
        for section, lines in groups:
            parent = QTreeWidgetItem([section])
            parent.setFont(0, bold)
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addTopLevelItem(parent)
            for path, text in lines:
                item = QTreeWidgetItem([text])
                item.setData(0, Qt.ItemDataRole.UserRole, path)
                parent.addChild(item)
                self.count += 1
                first = first or item
                if path == keep:
                    chosen = item
            parent.setExpanded(True)
        if chosen or first:
            self.list.setCurrentItem(chosen or first)
        self._title()

    def lines(self) -> list[str]:
        """Every issue's text, in order (what a person reads in the list)."""
        found = []
        for i in range(self.list.topLevelItemCount()):
            parent = self.list.topLevelItem(i)
            found += [parent.child(j).text(0) for j in range(parent.childCount())]
        return found

    def select(self, path: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            parent = self.list.topLevelItem(i)
            for j in range(parent.childCount()):
                if parent.child(j).data(0, Qt.ItemDataRole.UserRole) == path:
                    self.list.setCurrentItem(parent.child(j))
                    return

    def _activated(self, item: QTreeWidgetItem) -> None:
        path = item.data(0, Qt.ItemDataRole.UserRole)
        if path:
            self.jump.emit(path)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SurveyForm(QWidget):
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
        attachment_path: Callable[[str], Path] | None = None,
        newer: Form | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("surveyForm")
        self.form = form
        # A newer version of the form, offered to a draft (FormCatalog.newer_for decides).
        self.newer = newer
        self.move_dialog: MoveDialog | None = None
        self.survey = survey
        self.establishment = establishment
        self.tasks = tasks
        self.report_error = report_error
        self.attachment_path = attachment_path
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
        self.evaluation = form.evaluate(self.answers)
        self._dirty = False
        self._saving = 0
        self._save_failed = False
        self._saved_at: str | None = None
        self._issues_shown = False
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

    def _first_section(self) -> int:
        for number in range(len(self.form.sections)):
            if self._section_relevant(number):
                return number
        return 0

    def _build_next_page(self) -> None:
        for number in range(len(self.form.sections)):
            if number not in self.pages:
                self._page(number)
                return
        self._prebuild.stop()

    def _page(self, number: int) -> QScrollArea:
        page = self.pages.get(number)
        if page is not None:
            return page
        section = self.form.sections[number]
        area = QScrollArea()
        area.setObjectName(f"page_{number}")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(12, 8, 12, 8)
        heading = QLabel(text_in(section.label, self.lang, self.fallback, section.name))
        heading.setObjectName("sectionHeading")
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        body.addWidget(heading)
        hint = text_in(section.hint, self.lang, self.fallback)
        section_hint = QLabel(hint)
        section_hint.setObjectName("sectionHint")
        section_hint.setWordWrap(True)
        section_hint.setVisible(bool(hint))
        body.addWidget(section_hint)
        self._build_children(section.children, body, ())
        body.addStretch(1)
        area.setWidget(content)
        self.pages[number] = area
        self.stack.addWidget(area)
        self._refresh()
        return area

    def _build_children(
        self, items: list[Question | Group], layout: QVBoxLayout, index: Index
    ) -> None:
        for item in items:
            if isinstance(item, Group) and item.type == "repeat":
                repeat = RepeatView(item, index, self._build_instance)
                repeat.add_requested.connect(self._add_instance)
                repeat.set_language(self.lang, self.fallback)
                self.repeat_views[(item.name, index)] = repeat
                layout.addWidget(repeat)
                repeat.show_count(len(self._instances(item, index)))
            elif isinstance(item, Group):
                group = GroupView(item, index)
                group.set_language(self.lang, self.fallback)
                self.group_views[(item.name, index)] = group
                layout.addWidget(group)
                self._build_children(item.children, group.body, index)
            else:
                view = QuestionView(item, index)
                view.set_language(self.lang, self.fallback)
                view.editor.set_value(self._answer(item, index))
                view.edited.connect(self._edited)
                if isinstance(view.editor, ImageEditor):
                    view.editor.pick_requested.connect(lambda v=view: self._pick_image(v))
                    self._show_stored_thumbnail(view)
                view.set_registry_position(
                    self.establishment.latitude, self.establishment.longitude
                )
                self.views[(item.name, index)] = view
                layout.addWidget(view)

    def _build_instance(self, repeat: RepeatView, position: int) -> InstanceView:
        index = (*repeat.parent_index, position)
        instance = InstanceView(repeat.group, index)
        instance.remove_requested.connect(self._remove_instance)
        self._build_children(repeat.group.children, instance.body, index)
        return instance

    # -- answers -----------------------------------------------------------------------------

    def _container(
        self, chain: tuple[str, ...], index: Index, *, create: bool
    ) -> dict[str, Any] | None:
        """The dict holding answers at `index` inside the repeats `chain` (top level: ())."""
        container = self.answers
        for repeat, position in zip(chain, index, strict=False):
            instances = container.get(repeat)
            if not isinstance(instances, list):
                if not create:
                    return None
                instances = container[repeat] = []
            while create and len(instances) <= position:
                instances.append(self.form.new_instance(repeat))
            if position >= len(instances) or not isinstance(instances[position], dict):
                return None
            container = instances[position]
        return container

    def _instances(self, repeat: Group, parent_index: Index) -> list[Any]:
        container = self._container(repeat.repeats[:-1], parent_index, create=False)
        found = container.get(repeat.name) if container is not None else None
        return found if isinstance(found, list) else []

    def _answer(self, question: Question, index: Index) -> Any:
        container = self._container(question.repeats, index, create=False)
        return None if container is None else container.get(question.name)

    def _edited(self, view: QuestionView) -> None:
        if self.read_only:
            return
        container = self._container(view.question.repeats, view.index, create=True)
        if container is None:
            return
        value = view.editor.value()
        if value is None:
            container.pop(view.question.name, None)
        else:
            container[view.question.name] = value
        self._changed()

    def _changed(self) -> None:
        self._dirty = True
        self._autosave.start()
        self._refresh()
        self._show_save_state()

    def _add_instance(self, repeat: RepeatView) -> None:
        if self.read_only:
            return
        container = self._container(repeat.group.repeats[:-1], repeat.parent_index, create=True)
        assert container is not None
        instances = container.setdefault(repeat.group.name, [])
        instances.append(self.form.new_instance(repeat.group.name))
        repeat.show_count(len(instances))
        self._changed()
        added = repeat.instances[-1]
        for view in self.views.values():
            if added.isAncestorOf(view) and view.relevant:
                view.editor.focus_target().setFocus()
                break

    def _remove_instance(self, instance: InstanceView) -> None:
        if self.read_only:
            return
        name = instance.title.text()

        def remove() -> None:
            repeat = self.repeat_views.get((instance.group.name, instance.index[:-1]))
            instances = self._instances(instance.group, instance.index[:-1])
            if repeat is None or instance.index[-1] >= len(instances):
                return
            del instances[instance.index[-1]]
            self._forget_views_in(repeat)
            repeat.show_count(0)
            repeat.show_count(len(instances))
            self._changed()
            repeat.add.setFocus()

        self._confirm(
            self.tr("Remove %1 and its answers?").replace("%1", name), self.tr("Remove"), remove
        )

    def _forget_views_in(self, repeat: RepeatView) -> None:
        for registry in (self.views, self.group_views, self.repeat_views):
            for key in [k for k, v in registry.items() if repeat.isAncestorOf(v)]:
                del registry[key]

    # -- evaluation --------------------------------------------------------------------------

    def _section_relevant(self, number: int) -> bool:
        section = self.form.sections[number]
        return (
            section.implicit
            or section.name not in self.form
            or self.evaluation.is_relevant(section.name)
        )

    def _refresh(self) -> None:
        """Evaluate the form and show its state: relevance, required marks, calculations,
        constraint messages, repeat counts, section completeness."""
        ev = self.evaluation = self.form.evaluate(self.answers)
        failures = ev.constraint_failures if ev.failures else {}
        for (name, index), view in list(self.views.items()):
            relevant = ev.is_relevant(name, index)
            question = view.question
            constraint = ""
            if failures:
                from fieldapp.forms.engine import path_of

                message = failures.get(path_of(name, question.repeats, index))
                if message:
                    constraint = text_in(message, self.lang, self.fallback)
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
                        listed.append(self.form.new_instance(name))
                    repeat.show_count(len(listed))
            count = len(self._instances(repeat.group, index))
            repeat.add.setVisible(not self.read_only and wanted is None)
            for instance in repeat.instances:
                instance.remove.setVisible(
                    not self.read_only and (wanted is None or instance.index[-1] >= wanted)
                )
            if count != len(repeat.instances):
                repeat.show_count(count)
        if self._issues_shown:
            self._show_issues()
        self._update_nav()

    def _update_nav(self) -> None:
        ev = self.evaluation
        total = [0] * len(self.form.sections)
        answered = [0] * len(self.form.sections)
        missing = [0] * len(self.form.sections)
        for path, required in ev.required.items():
            name, index = parse_path(path)
            number = self._section_of.get(name)
            if number is None:
                continue
            question = self.form.question(name)
            if question.type not in INPUT_TYPES or question.readonly is True:
                continue
            total[number] += 1
            if is_empty(self._answer(question, index)):
                missing[number] += int(required)
            else:
                answered[number] += 1
        failing = [0] * len(self.form.sections)
        for name, _index in ev.failures:
            number = self._section_of.get(name)
            if number is not None:
                failing[number] += 1
        for number, section in enumerate(self.form.sections):
            item = self.nav.item(number)
            relevant = self._section_relevant(number)
            item.setHidden(not relevant)
            label = text_in(section.label, self.lang, self.fallback, section.name)
            if failing[number]:
                mark, colour = "⚠", QColor("#b71c1c")
            elif missing[number] == 0 and total[number]:
                mark, colour = "✓", QColor("#2e7d32")
            else:
                mark, colour = "○", QColor("#6d6d6d")
            item.setText(f"{mark} {number + 1}. {label}\n    {answered[number]}/{total[number]}")
            item.setForeground(colour if mark != "○" else self.palette().text().color())
            item.setToolTip(
                self.tr("%1 of %2 answered")
                .replace("%1", str(answered[number]))
                .replace("%2", str(total[number]))
            )

    # -- navigation --------------------------------------------------------------------------

    def go_to_section(self, number: int, *, focus: bool = True) -> None:
        if not 0 <= number < len(self.form.sections):
            return
        if number != self.current_section and self._dirty:
            self.save()
        page = self._page(number)
        self.current_section = number
        self.stack.setCurrentWidget(page)
        if self.nav.currentRow() != number:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(number)
            self.nav.blockSignals(False)
        self._update_step_buttons()
        page.verticalScrollBar().setValue(0)
        if focus:
            first = self._first_editor(page)
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)

    def _first_editor(self, page: QWidget) -> QWidget | None:
        for view in self.views.values():
            target = view.editor.focus_target()
            if (
                page.isAncestorOf(view)
                and view.relevant
                and not view.read_only
                and target.focusPolicy() != Qt.FocusPolicy.NoFocus
            ):
                return target
        return None

    def _nav_changed(self, row: int) -> None:
        if row >= 0 and row != self.current_section:
            self.go_to_section(row, focus=False)

    def _neighbour(self, delta: int) -> int | None:
        number = self.current_section + delta
        while 0 <= number < len(self.form.sections):
            if self._section_relevant(number):
                return number
            number += delta
        return None

    def step_section(self, delta: int) -> None:
        found = self._neighbour(delta)
        if found is not None:
            self.go_to_section(found)

    def _update_step_buttons(self) -> None:
        self.previous_button.setEnabled(self._neighbour(-1) is not None)
        self.next_button.setEnabled(self._neighbour(1) is not None)

    def jump_to(self, path: str) -> None:
        """Show the question at `path` ('bills[2]/amount_mad') and put the cursor in it."""
        name, index = parse_path(path)
        number = self._section_of.get(name)
        if number is None:
            return
        self.go_to_section(number, focus=False)
        page = self.pages[number]
        view: QWidget | None = self.views.get((name, index))
        target: QWidget | None = (
            view.editor.focus_target() if isinstance(view, QuestionView) else None
        )
        if view is None:
            repeat = self.repeat_views.get((name, index[:-1])) or self.repeat_views.get(
                (name, index)
            )
            view = repeat
            target = repeat.add if repeat is not None else None
        if view is None:
            return
        page.ensureWidgetVisible(view, 50, 80)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def question_view(self, name: str, index: Index = ()) -> QuestionView:
        """The view of a question, building its section first (for tests and jumps)."""
        number = self._section_of[name]
        self._page(number)
        return self.views[(name, index)]

    def repeat_view(self, name: str, parent_index: Index = ()) -> RepeatView:
        """The view of a repeat, building its section first."""
        self._page(self._section_of[name])
        return self.repeat_views[(name, parent_index)]

    # -- saving ------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def saving(self) -> bool:
        return self._saving > 0

    def save(self) -> None:
        """Write the answers now (autosave, Ctrl+S, leaving a section)."""
        self._autosave.stop()
        if self.read_only or not self._dirty:
            return
        snapshot = copy.deepcopy(self.answers)
        survey_id = self.survey.id
        self._dirty = False
        self._saving += 1
        self._show_save_state()

        def op(store: Store) -> tuple[Survey, int]:
            return store.save_answers(survey_id, snapshot), store.outbox_count()

        self.tasks.write(op, success=self._saved, failure=self._save_failed_with)

    def _saved(self, result: tuple[Survey, int]) -> None:
        survey, outbox = result
        self._saving -= 1
        self._save_failed = False
        self.survey = survey
        self._saved_at = QTime.currentTime().toString("HH:mm:ss")
        self._show_save_state()
        self._show_status()
        self.saved.emit(survey, outbox)

    def _save_failed_with(self, exc: BaseException) -> None:
        self._saving -= 1
        self._dirty = True  # try again at the next edit or Ctrl+S
        self._save_failed = True
        self._show_save_state()
        self.report_error(exc)

    def flush(self) -> None:
        """Save what is pending and wait for it (the window is closing)."""
        self._prebuild.stop()
        self.save()
        self.tasks.flush()

    def go_back(self) -> None:
        self.save()
        self.back.emit(self.survey.establishment_id)

    def _show_save_state(self) -> None:
        if self.read_only:
            self.save_state.setText("")
        elif self._save_failed:
            self.save_state.setText(self.tr("Not saved!"))
            self.save_state.setStyleSheet("color: #b71c1c; font-weight: bold")
            return
        elif self._dirty or self._saving:
            self.save_state.setText(self.tr("Saving…"))
        elif self._saved_at:
            self.save_state.setText(self.tr("Saved at %1").replace("%1", self._saved_at))
        else:
            self.save_state.setText(self.tr("All answers saved"))
        self.save_state.setStyleSheet("color: #555")

    def _show_status(self) -> None:
        status = str(self.survey.status)
        self.status.setText(status_label(status))
        colour = STATUS_COLOURS.get(status)
        self.status.setStyleSheet(
            f"color: {colour.name()}; font-weight: bold" if colour is not None else ""
        )

    # -- finalizing --------------------------------------------------------------------------

    def issues(self) -> list[Any]:
        return list(self.form.validate(self.answers, finalize=True))

    def _issue_groups(self, issues: list[Any]) -> list[tuple[str, list[tuple[str, str]]]]:
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for issue in issues:
            name, index = parse_path(issue.path)
            number = self._section_of.get(name)
            section = (
                f"{number + 1}. "
                + text_in(self.form.sections[number].label, self.lang, self.fallback)
                if number is not None
                else ""
            )
            item = self.form.item(name) if name in self.form else None
            label = (
                text_in(item.label, self.lang, self.fallback, name) if item is not None else name
            )
            if index:
                label += " (" + ", ".join(str(i + 1) for i in index) + ")"
            message = text_in(issue.message, self.lang, self.fallback)
            if not groups or groups[-1][0] != section:
                groups.append((section, []))
            groups[-1][1].append((issue.path, f"{label}\n{message}"))
        return groups

    def _show_issues(self) -> list[Any]:
        issues = self.issues()
        self.panel.show_issues(self._issue_groups(issues))
        by_key: dict[tuple[str, Index], str] = {}
        for issue in issues:
            if issue.code == "constraint":
                continue  # already shown under the question as the agent types
            by_key.setdefault(
                parse_path(issue.path), text_in(issue.message, self.lang, self.fallback)
            )
        for key, view in self.views.items():
            view.set_issue(by_key.get(key, ""))
        return issues

    def _focus_issues(self) -> None:
        if not self.panel.isHidden() and self.panel.count:
            self.panel.list.setFocus()

    def finalize(self) -> None:
        """Check the survey; list what is missing, or finalize it after one confirmation."""
        if self.read_only:
            return
        self._issues_shown = True
        issues = self._show_issues()
        self.panel.show()
        if issues:
            self.panel.list.setFocus()
            return
        self._confirm(
            self.tr(
                "Finalize this survey? It will be sent to your coordinator at the next "
                "synchronisation and can no longer be changed here."
            ),
            self.tr("Finalize"),
            self._finalize_now,
        )

    def _finalize_now(self) -> None:
        self._autosave.stop()
        snapshot = copy.deepcopy(self.answers)
        survey_id = self.survey.id
        form = self.form
        self._dirty = False
        self._saving += 1

        def op(store: Store) -> tuple[Survey, int]:
            survey = store.finalize(
                survey_id, snapshot, validate=lambda s: form.validate(s.answers, finalize=True)
            )
            return survey, store.outbox_count()

        self.tasks.write(op, success=self._finalized, failure=self._save_failed_with)

    def _finalized(self, result: tuple[Survey, int]) -> None:
        survey, outbox = result
        self._saving -= 1
        self.survey = survey
        self.read_only = True
        self.panel.hide()
        self._issues_shown = False
        self._refresh()
        self.retranslate()
        self.saved.emit(survey, outbox)
        self.finalized.emit(survey)

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
            if box.clickedButton() is ok:
                on_yes()
            self.confirm_box = None
            box.deleteLater()

        box.finished.connect(done)
        self.confirm_box = box
        box.open()

    # -- a newer form version -----------------------------------------------------------------

    def offer_move(self) -> None:
        """Show what moving the draft to the newer version keeps and drops; move on OK."""
        newer = self.newer
        if newer is None or self.read_only:
            return
        fit = fit_answers(newer, self.answers)
        dialog = MoveDialog(self.form, newer, fit, self)
        self.move_dialog = dialog

        def done(result: int) -> None:
            self.move_dialog = None
            dialog.deleteLater()
            if result == MoveDialog.DialogCode.Accepted:
                self._move_now(newer)

        dialog.finished.connect(done)
        dialog.open()

    def _move_now(self, newer: Form) -> None:
        # Fitted again from the answers as they are now (the same, unless typed meanwhile).
        # Edits stop while the move is written: a save of the old version's answers queued
        # after it would put the dropped answers back.
        fit = fit_answers(newer, self.answers)
        self._autosave.stop()
        self._dirty = False
        self.read_only = True
        self.setEnabled(False)
        self._saving += 1
        survey_id = self.survey.id

        def op(store: Store) -> tuple[Survey, int]:
            survey = store.move_to_form_version(survey_id, newer.version, fit.kept, fit.dropped)
            return survey, store.outbox_count()

        self.tasks.write(op, success=self._moved, failure=self._move_failed)

    def _moved(self, result: tuple[Survey, int]) -> None:
        survey, outbox = result
        self._saving -= 1
        self.survey = survey
        self.saved.emit(survey, outbox)
        self.moved.emit(survey.id)

    def _move_failed(self, exc: BaseException) -> None:
        self._saving -= 1
        self.read_only = False
        self.setEnabled(True)
        self._dirty = True
        self._show_save_state()
        self.report_error(exc)

    # -- photos ------------------------------------------------------------------------------

    def _pick_image(self, view: QuestionView) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a photo"),
            "",
            self.tr("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)"),
        )
        if path:
            self.attach_image(view, path)

    def attach_image(self, view: QuestionView, path: str) -> None:
        """Scale and encode the photo in a worker, store it by SHA-256, then show it."""
        editor = view.editor
        assert isinstance(editor, ImageEditor)
        editor.set_busy(True)

        def stored(result: tuple[str, QImage, str]) -> None:
            sha, thumb, filename = result
            editor.set_busy(False)
            editor.show_image({"sha256": sha, "filename": filename}, QPixmap.fromImage(thumb))

        def prepared(result: tuple[bytes, QImage, str]) -> None:
            data, thumb, filename = result
            self.tasks.write(
                lambda store: (store.add_attachment(data, "image/jpeg"), thumb, filename),
                success=stored,
                failure=failed,
            )

        def failed(exc: BaseException) -> None:
            editor.set_busy(False)
            self.report_error(exc)

        self.tasks.run(lambda: prepare_image(path), success=prepared, failure=failed)

    def _show_stored_thumbnail(self, view: QuestionView) -> None:
        value = view.editor.value()
        if not value or self.attachment_path is None:
            return
        path = self.attachment_path(value["sha256"])
        editor = view.editor
        assert isinstance(editor, ImageEditor)

        def show(image: QImage) -> None:
            if not image.isNull() and editor.value() == value:
                editor.set_value(value, QPixmap.fromImage(image))

        self.tasks.run(lambda: load_thumbnail(path), success=show, failure=lambda _exc: None)

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
