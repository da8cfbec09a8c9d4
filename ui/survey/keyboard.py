"""The survey form by keyboard: the Tab chain follows the page as it is laid out (also after
a drop-down or a repeat was rebuilt), Enter goes to the next answer (from the last one of a
section, to the next section), and the date questions' calendars open on the visit date.

An agent entering data "heads down" never needs the mouse: choices are picked by digit or
arrows (editors.RovingFocus), dates typed, repeats grown with the "+ Add" button that Enter
stops on, or typed in a grid like a spreadsheet (ui/survey/grid.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLayout, QScrollArea, QWidget

from fieldapp.forms import label_media
from ui.survey.date_editors import DateEditor
from ui.survey.views import QuestionView


def in_layout_order(widget: QWidget) -> Iterator[QWidget]:
    """The widget's descendants in the order their layouts place them (reading order)."""
    layout = widget.layout()
    if layout is not None:
        yield from _walk_layout(layout)
    elif isinstance(widget, QScrollArea) and widget.widget() is not None:
        yield widget.widget()
        yield from in_layout_order(widget.widget())


def _walk_layout(layout: QLayout) -> Iterator[QWidget]:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        child = item.widget()
        if child is not None:
            yield child
            yield from in_layout_order(child)
            continue
        inner = item.layout()
        if inner is not None:
            yield from _walk_layout(inner)


def order_tabs(root: QWidget) -> None:
    """Put the Tab chain of `root`'s focusable descendants in reading order."""
    chain = [w for w in in_layout_order(root) if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


class SurveyKeyboard:
    """The survey form's keyboard behaviour (a part of SurveyForm)."""

    _tabs_stale: bool

    def _tabs_changed(self) -> None:
        self._tabs_stale = True

    def _order_tabs_if_stale(self) -> None:
        if not self._tabs_stale:
            return
        self._tabs_stale = False
        for page in self.pages.values():
            order_tabs(page.widget())

    def _wire_editor(self, view: QuestionView) -> None:
        """Connect a new question to the form: a `quick` choice moves on, the label's picture
        comes from the form, photos and files are picked and stored (SurveyPhotos)."""
        view.editor.advance.connect(lambda: QTimer.singleShot(0, self.next_answer))
        if view.question.media or any(c.media for c in view.question.choices):
            choice_lists = self.form.choice_lists
            view.set_media(lambda name: label_media.media_bytes(choice_lists, name))
            view.play.connect(self.play_label_media)
        self._wire_attachment(view)

    def _enter_stops(self) -> set[QWidget]:
        stops: set[QWidget] = set()
        for view in self.views.values():
            if view.relevant and not view.read_only:
                stops.update(view.editor.inputs())
        if not self.read_only:
            for repeat in self.repeat_views.values():
                stops.update(repeat.stops())
        return stops

    def next_answer(self) -> None:
        """Enter: the next place to answer on this page, else the next section's first."""
        page = self.pages.get(self.current_section)
        if page is None:
            return
        self._order_tabs_if_stale()
        focus = QApplication.focusWidget()
        stops = self._enter_stops()
        order = [w for w in in_layout_order(page.widget()) if w in stops or w is focus]
        position = order.index(focus) if focus in order else -1
        for widget in order[position + 1 :]:
            if widget in stops and widget.isVisibleTo(page) and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                page.ensureWidgetVisible(widget, 50, 80)
                return
        if self._neighbour(1) is not None:
            self.step_section(1)
        else:
            self.finalize_button.setFocus(Qt.FocusReason.TabFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            focus = QApplication.focusWidget()
            if focus is not None and self.stack.isAncestorOf(focus):
                self.next_answer()
                return
        super().keyPressEvent(event)  # type: ignore[misc]

    def _reference_date(self) -> str | None:
        """The visit's date: the first answered date question outside repeats that is a
        day, not a month (calendars open on it; month lists count back from it)."""
        for section in self.form.sections:
            for question in section.questions:
                if (
                    question.type == "date"
                    and not question.repeats
                    and "month-year" not in question.appearance
                ):
                    value = self.answers.get(question.name)
                    if isinstance(value, str) and value:
                        return value
        return None

    def _share_reference_date(self) -> None:
        reference = self._reference_date()
        for view in self.views.values():
            if isinstance(view.editor, DateEditor):
                view.editor.set_reference(reference)
