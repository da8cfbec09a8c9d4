"""The survey form's pages: one per section, built on first show (or ahead, one per turn of
the event loop), and moving between sections and to a question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Group, Question
from ui.survey.checks import Index, parse_path
from ui.survey.grid import RepeatGrid, grid_columns
from ui.survey.keyboard import in_layout_order
from ui.survey.views import (
    ChoiceTableView,
    GroupView,
    InstanceView,
    QuestionView,
    RepeatView,
    table_list_choices,
    text_in,
)

PREBUILD_MS = 60


class SurveyPages:
    """The survey form's pages and navigation (a part of SurveyForm)."""

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
        self._tabs_stale = True
        self._share_reference_date()
        self._refresh()
        return area

    def _build_children(
        self, items: list[Question | Group], layout: QVBoxLayout, index: Index
    ) -> None:
        for item in items:
            if isinstance(item, Group) and item.type == "repeat":
                columns = grid_columns(item)
                if columns is not None:
                    grid = RepeatGrid(item, index, columns)
                    grid.cell_edited.connect(self._cell_edited)
                    grid.remove_row_requested.connect(self._remove_row)
                    grid.left.connect(lambda _kind: self.next_answer())
                    grid.cursor_moved.connect(self._grid_cursor_moved)
                    repeat: RepeatView = grid
                else:
                    repeat = RepeatView(item, index, self._build_instance)
                    repeat.add_requested.connect(self._add_instance)
                repeat.rebuilt.connect(self._tabs_changed)
                repeat.set_language(self.lang, self.fallback)
                self.repeat_views[(item.name, index)] = repeat
                layout.addWidget(repeat)
                repeat.show_count(len(self._instances(item, index)))
            elif isinstance(item, Group):
                shared = table_list_choices(item)
                group = (
                    GroupView(item, index)
                    if shared is None
                    else ChoiceTableView(item, index, shared)
                )
                group.set_language(self.lang, self.fallback)
                self.group_views[(item.name, index)] = group
                layout.addWidget(group)
                self._build_children(item.children, group.body, index)
                if shared is not None:
                    for child in item.children:
                        self.views[(child.name, index)].show_in_row()
            else:
                view = QuestionView(item, index)
                view.set_language(self.lang, self.fallback)
                view.editor.set_value(self._answer(item, index))
                view.edited.connect(self._edited)
                view.editor.rebuilt.connect(self._tabs_changed)
                self._wire_editor(view)
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
        """The first place to answer on a page: a question's editor, or a grid (a section
        may open with a roster)."""
        targets: set[QWidget] = set()
        for view in self.views.values():
            target = view.editor.focus_target()
            if (
                page.isAncestorOf(view)
                and view.relevant
                and not view.read_only
                and target.focusPolicy() != Qt.FocusPolicy.NoFocus
            ):
                targets.add(target)
        if not self.read_only:
            targets.update(
                repeat.table
                for repeat in self.repeat_views.values()
                if isinstance(repeat, RepeatGrid) and repeat.relevant
            )
        return next((w for w in in_layout_order(page) if w in targets), None)

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
        if view is None and self._jump_to_cell(page, name, index):
            return
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

    def _jump_to_cell(self, page: QScrollArea, name: str, index: Index) -> bool:
        """A question shown as a grid's column: its cell gets the cursor."""
        item = self.form.item(name) if name in self.form else None
        if not isinstance(item, Question) or not item.repeats or not index:
            return False
        grid = self.repeat_views.get((item.repeats[-1], index[:-1]))
        if not isinstance(grid, RepeatGrid):
            return False
        page.ensureWidgetVisible(grid, 0, 0)  # the whole grid when it fits, then the cell
        return grid.focus_cell(name, index[-1])

    def grid(self, name: str, parent_index: Index = ()) -> RepeatGrid:
        """The grid of a repeat, building its section first (for tests)."""
        found = self.repeat_view(name, parent_index)
        assert isinstance(found, RepeatGrid), f"{name} is shown as cards"
        return found

    def question_view(self, name: str, index: Index = ()) -> QuestionView:
        """The view of a question, building its section first (for tests and jumps)."""
        number = self._section_of[name]
        self._page(number)
        return self.views[(name, index)]

    def repeat_view(self, name: str, parent_index: Index = ()) -> RepeatView:
        """The view of a repeat, building its section first."""
        self._page(self._section_of[name])
        return self.repeat_views[(name, parent_index)]
