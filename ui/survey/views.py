"""The pieces a section page is made of: a question (label, hint, editor, message), a group,
and a repeat with its instances.

Views know where their answer lives (question name and repeat instance index) but never
write answers themselves: they report edits to the `SurveyForm`, which owns the answers,
re-evaluates the form and tells every view what to show.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Choice, Group, Question
from fieldapp.forms.model import Text
from ui.languages import isolated
from ui.survey.editors import Editor
from ui.survey.geo_editors import GeopointEditor
from ui.survey.label_media import PlayButton, media_file, missing_text
from ui.survey.registry import HIDDEN_TYPES, make_editor
from ui.widgets import ERROR_COLOUR, HINT_COLOUR, tint

Index = tuple[int, ...]


def object_name(prefix: str, name: str) -> str:
    """A name usable in a stylesheet selector and by tests: 'q_amount_mad'."""
    return prefix + "_" + re.sub(r"\W", "_", name)


def no_references(text: str) -> str:
    """Before the first evaluation: references read as nothing, never as `${name}`."""
    return re.sub(r"\$\{[^}]*\}", "…", text)


def text_in(text: Text, lang: str, fallback: str, default: str = "") -> str:
    return text.get(lang) or text.get(fallback) or default


class QuestionView(QFrame):
    """One question: its label (with a red * when required) and the label's picture, hint,
    editor and message."""

    PICTURE = QSize(240, 160)

    edited = Signal(object)  # self
    play = Signal(str, str)  # a label's clip to play (its own or a choice's): kind, file name

    def __init__(self, question: Question, index: Index, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.index = index
        self.setObjectName(object_name("q", question.name))
        self.label = QLabel()
        self.label.setObjectName("questionLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.hint = QLabel()
        self.hint.setObjectName("questionHint")
        self.hint.setWordWrap(True)
        tint(self.hint, HINT_COLOUR)
        self.editor: Editor = make_editor(question)
        self.editor.changed.connect(lambda: self.edited.emit(self))
        self.editor.play.connect(self.play)
        self.message = QLabel()
        self.message.setObjectName("questionMessage")
        self.message.setWordWrap(True)
        tint(self.message, ERROR_COLOUR, bold=True)
        self.message.hide()
        self.label.setBuddy(self.editor.focus_target())
        # A red bar at the start of the reading direction marks a question to fix.
        self.bar = QFrame()
        self.bar.setFixedWidth(3)
        self.bar.setAutoFillBackground(True)
        palette = self.bar.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(ERROR_COLOUR))
        self.bar.setPalette(palette)
        self.bar.hide()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addWidget(self.bar)
        layout = QVBoxLayout()
        outer.addLayout(layout, 1)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(3)
        # The label's picture (media::image) sits beside it; hidden when the question has none.
        self.picture = QLabel()
        self.picture.setObjectName("labelImage")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.hide()
        self._images: Callable[[str], bytes | None] | None = None
        self._lang = ("fr", "fr")
        # The label's clips (media::audio, media::video): a play button each, after the label.
        self.plays = {kind: PlayButton(kind) for kind in ("audio", "video")}
        title = QHBoxLayout()
        title.setContentsMargins(0, 0, 0, 0)
        title.addWidget(self.label, 1)
        for play in self.plays.values():
            play.play.connect(self.play)
            title.addWidget(play, 0, Qt.AlignmentFlag.AlignTop)
        title.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title)
        layout.addWidget(self.hint)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)
        self.body = layout
        # Calculations without a label, hidden questions and metadata (start, deviceid...,
        # filled by the app) are never shown.
        self.hidden_kind = (
            question.type == "calculate" and not question.label
        ) or question.type in HIDDEN_TYPES
        self.required = False
        self.relevant = True
        self.read_only: bool | None = None
        self.constraint_text = ""
        self.issue_text = ""
        self._label_text = ""
        self._raw_label = ""
        self._raw_hint = ""
        self._render: Callable[[str], str] = no_references

    @property
    def key(self) -> tuple[str, Index]:
        return (self.question.name, self.index)

    def set_language(self, lang: str, fallback: str) -> None:
        self._raw_label = text_in(self.question.label, lang, fallback, self.question.name)
        self._raw_hint = text_in(self.question.hint, lang, fallback)
        self.editor.set_language(lang, fallback)
        self._show_texts()
        self._lang = (lang, fallback)
        self._show_picture()

    def set_media(self, images: Callable[[str], bytes | None]) -> None:
        """Where the label media delivered with the form are read (file name -> bytes): the
        question's picture and clips, and its choices'."""
        self._images = images
        self.editor.set_media(images)
        self._show_picture()

    def _show_picture(self) -> None:
        media = self.question.media
        lang, fallback = self._lang
        for kind, play in self.plays.items():
            clip = media_file(media, kind, lang, fallback) if self._images is not None else ""
            present = bool(clip) and self._images is not None and bool(self._images(clip))
            play.show_file(clip, present, self._label_text or self._raw_label)
        filename = media_file(media, "image", lang, fallback)
        if not filename or self._images is None:
            self.picture.hide()
            return
        pixmap = QPixmap()
        data = self._images(filename)
        if data and pixmap.loadFromData(data):
            if pixmap.width() > self.PICTURE.width() or pixmap.height() > self.PICTURE.height():
                pixmap = pixmap.scaled(
                    self.PICTURE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self.picture.setPixmap(pixmap)
            self.picture.setToolTip(filename)
        else:
            # Not delivered with the form (or unreadable): its name, never a failure.
            self.picture.setPixmap(QPixmap())
            self.picture.setText(missing_text("image", filename))
            self.picture.setFrameShape(QFrame.Shape.StyledPanel)
        self.picture.show()

    @property
    def has_references(self) -> bool:
        """Its label or hint shows other answers (`${name}`): redrawn as they change."""
        return "${" in self._raw_label or "${" in self._raw_hint

    def show_references(self, render: Callable[[str], str]) -> None:
        """Fill the `${name}` references with the current answers (`render` substitutes)."""
        self._render = render
        self._show_texts()

    def _show_texts(self) -> None:
        render = self._render
        label = render(self._raw_label) if "${" in self._raw_label else self._raw_label
        hint = render(self._raw_hint) if "${" in self._raw_hint else self._raw_hint
        if hint != self.hint.text():
            self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        if label != self._label_text:
            self._label_text = label
            self._render_label()

    def _render_label(self) -> None:
        from html import escape

        mark = ' <span style="color:#c62828">*</span>' if self.required else ""
        self.label.setText(escape(self._label_text) + mark)
        self.label.setAccessibleName(self._label_text)

    def label_text(self) -> str:
        return self._label_text

    def apply(
        self,
        *,
        relevant: bool,
        required: bool,
        read_only: bool,
        constraint: str,
        value: Any = None,
        calculated: bool = False,
    ) -> None:
        """Show the state the evaluation gives (only what changed touches Qt)."""
        visible = relevant and not self.hidden_kind
        if visible != self.relevant or self.isHidden() == visible:
            self.setVisible(visible)
        self.relevant = visible
        if required != self.required:
            self.required = required
            self._render_label()
        if read_only != self.read_only:
            self.read_only = read_only
            self.editor.set_read_only(read_only)
        if calculated:
            self.editor.set_value(value)
        if constraint != self.constraint_text:
            self.constraint_text = constraint
            self._render_message()

    def set_issue(self, text: str) -> None:
        """A finalize problem (missing answer) shown under the question until it is fixed."""
        if text != self.issue_text:
            self.issue_text = text
            self._render_message()

    def _render_message(self) -> None:
        text = self.constraint_text or self.issue_text
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.bar.setVisible(bool(text))

    def show_in_row(self) -> None:
        """In a `table-list` group: the label, then the numbered choices on the same line."""
        show = getattr(self.editor, "show_in_row", None)
        if show is None:
            return
        show()
        self.body.removeWidget(self.label)
        self.body.removeWidget(self.editor)
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.editor, 0)
        self.body.insertLayout(0, row)

    def set_registry_position(self, lat: float | None, lon: float | None) -> None:
        if isinstance(self.editor, GeopointEditor):
            self.editor.set_registry_position(lat, lon)


class GroupView(QFrame):
    """A group inside a section: a titled block whose content follows its relevance."""

    def __init__(self, group: Group, index: Index, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.index = index
        self.setObjectName(object_name("g", group.name))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setObjectName("groupTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.body)
        self.relevant = True

    def set_language(self, lang: str, fallback: str) -> None:
        self.title.setText(text_in(self.group.label, lang, fallback, self.group.name))

    def set_relevant(self, relevant: bool) -> None:
        if relevant != self.relevant:
            self.relevant = relevant
            self.setVisible(relevant)


def table_list_choices(group: Group) -> list[Choice] | None:
    """The choices a `table-list` group's questions share (XLSForm: a group of selects of
    one list shown as one table), or None when the group is shown as usual."""
    if group.type != "group" or "table-list" not in group.appearance.split():
        return None
    questions = []
    for item in group.children:
        if not isinstance(item, Question) or item.type not in ("select_one", "select_multiple"):
            return None
        questions.append(item)
    offers = {tuple(c.name for c in q.choices) for q in questions}
    if len(offers) != 1 or not questions or any(q.choice_filter for q in questions):
        return None
    return list(questions[0].choices)


class ChoiceTableView(GroupView):
    """A `table-list` group: its choices named once, numbered, under the title; then one line
    per question with its buttons (the digits pick, as everywhere)."""

    def __init__(
        self, group: Group, index: Index, choices: list[Choice], parent: QWidget | None = None
    ) -> None:
        super().__init__(group, index, parent)
        self.setObjectName(object_name("t", group.name))
        self.choices = choices
        self.legend = QLabel()
        self.legend.setObjectName("choiceLegend")
        self.legend.setWordWrap(True)
        tint(self.legend, HINT_COLOUR)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertWidget(1, self.legend)

    def set_language(self, lang: str, fallback: str) -> None:
        super().set_language(lang, fallback)
        self.legend.setText(
            "   ".join(
                f"{position}. {text_in(choice.label, lang, fallback, choice.name)}"
                for position, choice in enumerate(self.choices, start=1)
            )
        )


class InstanceView(QFrame):
    """One instance of a repeat: "Bill 2", its questions and a remove button."""

    remove_requested = Signal(object)  # self

    def __init__(self, group: Group, index: Index, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.index = index
        self.setObjectName(object_name("i", group.name))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.remove = QPushButton()
        self.remove.setObjectName("removeInstance")
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.remove)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.body)

    def set_language(self, lang: str, fallback: str) -> None:
        name = text_in(self.group.label, lang, fallback, self.group.name)
        self.title.setText(f"{name} · {self.index[-1] + 1}")
        self.remove.setText(self.tr("Remove"))
        self.remove.setAccessibleName(
            self.tr("Remove %1").replace("%1", isolated(self.title.text()))
        )


class RepeatView(QFrame):
    """A repeat: its instances one under the other, and a button to add one."""

    add_requested = Signal(object)  # self
    rebuilt = Signal()  # instances added or removed: the Tab chain is put right again

    def __init__(
        self,
        group: Group,
        parent_index: Index,
        build_instance: Callable[[RepeatView, int], InstanceView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.group = group
        self.parent_index = parent_index
        self.build_instance = build_instance
        self.setObjectName(object_name("r", group.name))
        self.title = QLabel()
        self.title.setObjectName("repeatTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        tint(self.hint, HINT_COLOUR)
        self.empty = QLabel()
        tint(self.empty, HINT_COLOUR)
        self.message = QLabel()
        tint(self.message, ERROR_COLOUR, bold=True)
        self.message.hide()
        self.instances_box = QVBoxLayout()
        self.instances_box.setContentsMargins(0, 0, 0, 0)
        self.add = QPushButton()
        self.add.setObjectName("addInstance")
        self.add.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add.clicked.connect(lambda: self.add_requested.emit(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addLayout(self.instances_box)
        layout.addWidget(self.message)
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeading)
        self.instances: list[InstanceView] = []
        self.relevant = True
        self.fixed_count: int | None = None
        self._lang = ("fr", "fr")

    def set_language(self, lang: str, fallback: str) -> None:
        self._lang = (lang, fallback)
        name = text_in(self.group.label, lang, fallback, self.group.name)
        self.title.setText(name)
        hint = text_in(self.group.hint, lang, fallback)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.add.setText(self.tr("+ Add: %1").replace("%1", isolated(name)))
        self.add.setToolTip(self.tr("Space adds one; Enter goes on to the next question"))
        self.empty.setText(self.tr("None yet."))
        for view in self.instances:
            view.set_language(lang, fallback)

    def show_count(self, count: int) -> None:
        """Build instance views until there are `count` (rebuilds all when it shrinks)."""
        if count < len(self.instances):
            for view in self.instances:
                view.setParent(None)
                view.deleteLater()
            self.instances = []
        while len(self.instances) < count:
            view = self.build_instance(self, len(self.instances))
            view.set_language(*self._lang)
            self.instances_box.addWidget(view)
            self.instances.append(view)
            self.rebuilt.emit()
        self.empty.setVisible(count == 0)

    def set_relevant(self, relevant: bool) -> None:
        if relevant != self.relevant:
            self.relevant = relevant
            self.setVisible(relevant)

    def shown_count(self) -> int:
        """How many instances are shown."""
        return len(self.instances)

    def stops(self) -> list[QWidget]:
        """Where Enter stops in the repeat: its add button (Space adds one)."""
        return [self.add] if self.add.isVisible() else []

    def set_issues(self, issues: dict[tuple[str, Index], str]) -> None:
        """Finalize problems: the cards' questions show their own."""

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
