"""The survey form's answers: where each question's answer lives in the nested answers
(repeats are lists of dicts), edits, adding and removing repeat instances."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from fieldapp.forms import Group, Question
from ui.languages import isolated
from ui.survey.checks import Index
from ui.survey.dates import months_before
from ui.survey.grid import RepeatGrid
from ui.survey.views import InstanceView, QuestionView, RepeatView, text_in


class SurveyAnswers:
    """The survey form's answers (a part of SurveyForm)."""

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
                instances.append(
                    self.form.new_instance(
                        repeat, answers=self.answers, index=index[: chain.index(repeat)]
                    )
                )
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
        if view.question.type == "date":
            self._share_reference_date()
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
        # (given the survey, its dynamic defaults are set now, as the agent sees it created)
        new = self.form.new_instance(
            repeat.group.name, answers=self.answers, index=repeat.parent_index
        )
        instances.append(new)
        repeat.show_count(len(instances))
        self._changed()
        added = repeat.instances[-1]
        for view in self.views.values():
            if added.isAncestorOf(view) and view.relevant:
                view.editor.focus_target().setFocus()
                break

    def _remove_instance(self, instance: InstanceView) -> None:
        self._ask_remove(instance.group, instance.index, instance.title.text())

    def _remove_row(self, grid: RepeatGrid, row: int) -> None:
        name = text_in(grid.group.label, self.lang, self.fallback, grid.group.name)
        self._ask_remove(grid.group, (*grid.parent_index, row), f"{name} · {row + 1}")

    def _ask_remove(self, group: Group, index: Index, name: str) -> None:
        """Remove a repeat instance (a card or a grid's row) once the agent confirms."""
        if self.read_only:
            return

        def remove() -> None:
            repeat = self.repeat_views.get((group.name, index[:-1]))
            instances = self._instances(group, index[:-1])
            if repeat is None or index[-1] >= len(instances):
                return
            del instances[index[-1]]
            self._forget_views_in(repeat)
            repeat.show_count(0)
            repeat.show_count(len(instances))
            self._changed()
            if isinstance(repeat, RepeatGrid):
                repeat.table.setFocus(Qt.FocusReason.OtherFocusReason)
                row = min(index[-1], repeat.model.rowCount() - 1)
                column = repeat.table.to_answer(row) if row >= 0 else None
                if column is not None:
                    repeat.table.go(row, column)
            else:
                repeat.add.setFocus()

        self._confirm(
            self.tr("Remove %1 and its answers?").replace("%1", isolated(name)),
            self.tr("Remove"),
            remove,
        )

    def _cell_edited(self, grid: RepeatGrid, row: int, question: Question, value: Any) -> None:
        """A grid's cell was answered (the new row's: the instance is added)."""
        if self.read_only:
            return
        container = self._container(question.repeats, (*grid.parent_index, row), create=True)
        if container is None:
            return
        if value is None:
            container.pop(question.name, None)
        else:
            container[question.name] = value
        if question.type == "date":
            self._share_reference_date()
        self._changed()

    def _forget_views_in(self, repeat: RepeatView) -> None:
        for registry in (self.views, self.group_views, self.repeat_views):
            for key in [k for k, v in registry.items() if repeat.isAncestorOf(v)]:
                del registry[key]

    def _prefill_months(self) -> bool:
        """A repeat of a fixed count whose first question is a month (the twelve bills) gets
        its months counted back from the visit date: the agent types amounts, not months.
        A month the agent typed is kept; months prefilled from an earlier visit date follow
        the new one. True when answers changed."""
        reference = self._reference_date()
        if reference is None:
            return False
        previous = self._prefilled_from
        changed = False
        for (_name, index), repeat in self.repeat_views.items():
            first = next(iter(repeat.group.questions), None)
            if (
                first is None
                or first.type != "date"
                or "month-year" not in first.appearance
                or repeat.fixed_count is None
            ):
                continue
            instances = self._instances(repeat.group, index)
            months = months_before(reference, len(instances))
            before = months_before(previous, len(instances)) if previous else []
            for position, instance in enumerate(instances):
                if not isinstance(instance, dict):
                    continue
                current = instance.get(first.name)
                if isinstance(repeat, RepeatGrid) and repeat.has_typed(position, first.name):
                    continue  # the agent is typing this month (not a month yet)
                prefilled = current in (None, "") or (before and current == before[position])
                if prefilled and current != months[position]:
                    instance[first.name] = months[position]
                    view = self.views.get((first.name, (*index, position)))
                    if view is not None:
                        view.editor.set_value(months[position])
                    changed = True
        self._prefilled_from = reference
        return changed
