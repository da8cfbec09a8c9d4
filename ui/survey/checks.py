"""What stops a survey from being finalized: issue paths, the validation panel, each
section's completeness in the section list."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms.answers import is_empty
from fieldapp.forms.model import INPUT_TYPES
from ui.languages import isolated
from ui.survey.views import text_in
from ui.widgets import ERROR_COLOUR, OK_COLOUR, tint

Index = tuple[int, ...]
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


class _Wrapped(QStyledItemDelegate):
    """Lines as tall as their wrapped text. A QTreeView's word wrap paints wrapped text in
    rows sized for one line, so a long line was cut ("Factures d'électricité …"), and the
    row of a grid, at its end, was lost."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        depth = 1 if index.parent().isValid() else 0
        width = max(self.view.viewport().width() - depth * self.view.indentation() - 8, 60)
        flags = int(Qt.TextFlag.TextWordWrap)
        text = shown.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), flags, shown.text)
        return QSize(width, text.height() + 6)


class ValidationPanel(QFrame):
    """What stops the survey from being finalized, grouped by section; Enter (or a click) on
    a line jumps to the question."""

    jump = Signal(str)  # path
    dismissed = Signal()  # Esc in the list: the panel went, the questions take the keys

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
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setItemDelegate(_Wrapped(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemClicked.connect(self._activated)
        self.list.installEventFilter(self)
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter jumps to the question and is used up here: passed on, the form would take
        # it for "next question" and leave the question just jumped to.
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            item = self.list.currentItem()
            if item is not None:
                self._activated(item)
            return True
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            # Esc closes the list as it closes a dialog (a walk found it did nothing).
            self.hide()
            self.dismissed.emit()
            return True
        return False

    def _activated(self, item: QTreeWidgetItem) -> None:
        path = item.data(0, Qt.ItemDataRole.UserRole)
        if path:
            self.jump.emit(path)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.list.doItemsLayout()  # the lines wrap again to the new width


class SurveyChecks:
    """The survey form's checks (a part of SurveyForm)."""

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
            heading = section
            if index and item is not None:
                # Problems of one repeat instance together: "4. Énergie › Facture 3".
                repeat_name = item.repeats[-1] if item.repeats else item.name
                repeat = self.form.item(repeat_name)
                title = text_in(repeat.label, self.lang, self.fallback, repeat_name)
                heading += f" › {title} {'.'.join(str(i + 1) for i in index)}"
            message = text_in(issue.message, self.lang, self.fallback)
            if not groups or groups[-1][0] != heading:
                groups.append((heading, []))
            # One line per problem, the whole message (the list wraps it).
            groups[-1][1].append((issue.path, f"{label} — {message}"))
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
        for repeat in self.repeat_views.values():
            repeat.set_issues(by_key)
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
        question = self.tr(
            "Finalize this survey? It will be sent to your coordinator at the next "
            "synchronisation and can no longer be changed here."
        )
        clock = self.clock_offset()
        if clock is None:
            self._confirm(question, self.tr("Finalize"), self._finalize_now)
            return
        # Today's date, the visit date and the start and end of the survey are this laptop's.
        days = round(abs(clock.ahead_s) / 86400)
        warning = (
            self.tr(
                "At the last synchronisation (%1), this laptop's clock was %n day(s) ahead of "
                "the server's.",
                "",
                days,
            )
            if clock.ahead_s > 0
            else self.tr(
                "At the last synchronisation (%1), this laptop's clock was %n day(s) behind "
                "the server's.",
                "",
                days,
            )
        )
        warning = warning.replace("%1", isolated(_local_date(clock.measured_at)))
        advice = self.tr(
            "Today's date and the start and end of this survey are taken from this clock. "
            "Cancel and set this laptop's date and time, or finalize anyway."
        )
        self._confirm(
            f"{warning} {advice}\n\n{question}", self.tr("Finalize anyway"), self._finalize_now
        )

    def _update_nav(self) -> None:
        ev = self.evaluation
        total = [0] * len(self.form.sections)
        answered = [0] * len(self.form.sections)
        missing = [0] * len(self.form.sections)
        required_given = [0] * len(self.form.sections)
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
                required_given[number] += int(required)
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
            elif missing[number] == 0 and (required_given[number] or answered[number]):
                # ✓ once the required answers are given; a section of optional questions
                # only gets it when something was answered in it.
                mark, colour = "✓", QColor("#2e7d32")
            else:
                mark, colour = "○", QColor("#6d6d6d")
            item.setText(f"{mark} {number + 1}. {label}\n    {answered[number]}/{total[number]}")
            item.setForeground(colour if mark != "○" else self.palette().text().color())
            item.setToolTip(
                self.tr("%1 of %2 answered")
                .replace("%1", isolated(str(answered[number])))
                .replace("%2", isolated(str(total[number])))
            )


def _local_date(iso: str) -> str:
    """The server's moment of a measure as this laptop's local date (the locale's short form)."""
    moment = QDateTime.fromString(iso.replace("Z", "+00:00")[:25], Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return QLocale().toString(moment.toLocalTime().date(), QLocale.FormatType.ShortFormat)
