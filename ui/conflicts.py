"""The conflict list: questions changed on two devices to different values, for a person.

Each row is one question of one survey. Selecting it shows both values side by side, written
with the form definition's labels in the UI language (a choice's label, not its code); the
person keeps one, or enters another value with the question's own editor. The choice goes
through the store's `resolve_conflict` on the writer thread: it is saved like any edit, into
the outbox, and the next sync sends it (the server then closes its conflict too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Form, Question
from fieldapp.store import Store, StoreError
from fieldapp.store.store import ConflictRecord
from ui.labels import establishment_name
from ui.languages import current_language, isolated
from ui.survey.editors import Editor, choice_text
from ui.survey.registry import make_editor
from ui.syncing import store_is_open
from ui.tasks import Tasks

FormFor = Callable[[str, str], Form | None]
# Types a person can type or pick another value for here; the others are kept or taken.
EDITABLE_TYPES = frozenset(
    {"text", "integer", "decimal", "select_one", "select_multiple", "date", "geopoint"}
)


def text_of(text: dict[str, str], fallback: str, default: str) -> str:
    return text.get(current_language()) or text.get(fallback) or default


def answer_text(question: Question | None, value: Any, fallback: str = "fr") -> str:
    """An answer as a person reads it: choice labels, numbers in the locale, no codes."""
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("ConflictList", "(no answer)")
    lang = current_language()
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("ConflictList", "yes")
            if value
            else QCoreApplication.translate("ConflictList", "no")
        )
    if question is not None and question.type in ("select_one", "select_multiple", "rank"):
        names = value.split() if isinstance(value, str) else list(value)
        labels = []
        for name in names:
            choice = question.choice(str(name))
            labels.append(choice_text(choice, lang, fallback) if choice else str(name))
        return (" > " if question.type == "rank" else ", ").join(labels)
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, float):
        return QLocale().toString(value, "g", 12)
    if isinstance(value, dict):
        if "lat" in value and "lon" in value:
            return f"{value['lat']:.5f}, {value['lon']:.5f}"
        if "sha256" in value:
            return str(
                value.get("filename") or QCoreApplication.translate("ConflictList", "a photo")
            )
    if isinstance(value, list):
        return QCoreApplication.translate("ConflictList", "a list of %1").replace(
            "%1", isolated(str(len(value)))
        )
    return str(value)


class ConflictList(QWidget):
    """Open conflicts, both values side by side, and the person's choice."""

    resolved = Signal(str, int)  # survey id, changes now waiting in the outbox

    def __init__(
        self,
        store: Store,
        tasks: Tasks,
        form_for: FormFor,
        *,
        report_error: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictList")
        self.store = store
        self.tasks = tasks
        self.form_for = form_for
        self.report_error = report_error
        self.conflicts: list[ConflictRecord] = []
        self._current_id: int | None = None
        self._questions: dict[int, tuple[Question | None, str]] = {}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("conflictTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.compare = QGroupBox()
        self.compare.setObjectName("conflictCompare")
        grid = QGridLayout(self.compare)
        self.server_box = QGroupBox()
        self.client_box = QGroupBox()
        self.server_value = self._value_label("serverValue")
        self.client_value = self._value_label("clientValue")
        self.keep_server = QPushButton()
        self.keep_server.setObjectName("keepServer")
        self.keep_server.clicked.connect(lambda: self._resolve_with("server"))
        self.keep_client = QPushButton()
        self.keep_client.setObjectName("keepClient")
        self.keep_client.clicked.connect(lambda: self._resolve_with("client"))
        for box, value, button in (
            (self.server_box, self.server_value, self.keep_server),
            (self.client_box, self.client_value, self.keep_client),
        ):
            inner = QVBoxLayout(box)
            inner.addWidget(value, 1)
            inner.addWidget(button)
        grid.addWidget(self.server_box, 0, 0)
        grid.addWidget(self.client_box, 0, 1)
        self.other_caption = QLabel()
        self.editor_slot = QHBoxLayout()
        self.save_other = QPushButton()
        self.save_other.setObjectName("saveOther")
        self.save_other.clicked.connect(lambda: self._resolve_with("edited"))
        other = QHBoxLayout()
        other.addWidget(self.other_caption)
        other.addLayout(self.editor_slot, 1)
        other.addWidget(self.save_other)
        grid.addLayout(other, 1, 0, 1, 2)
        self.editor: Editor | None = None
        # A question the survey's form version no longer holds: why only the server's value
        # can be kept (the server refuses the other choice too: `question_dropped`).
        self.dropped_reason = QLabel()
        self.dropped_reason.setObjectName("droppedReason")
        self.dropped_reason.setWordWrap(True)
        grid.addWidget(self.dropped_reason, 2, 0, 1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.compare)
        self.retranslate()
        self.refresh()

    @staticmethod
    def _value_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        label.setFont(font)
        return label

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Establishment"),
                self.tr("Question"),
                self.tr("Other device"),
                self.tr("This laptop"),
            ]
        )
        self.server_box.setTitle(self.tr("Other device (on the server)"))
        self.client_box.setTitle(self.tr("This laptop"))
        self.keep_server.setText(self.tr("Keep &this value"))
        self.keep_client.setText(self.tr("Keep t&his value"))
        self.other_caption.setText(self.tr("Or another value:"))
        self.save_other.setText(self.tr("Save this &value"))
        self.refresh()

    # -- reading ------------------------------------------------------------------------------

    def _question(self, conflict: ConflictRecord) -> tuple[Question | None, str]:
        """The conflict's question in its survey's form, and the form's default language."""
        question, fallback, _ = self._question_and_version(conflict)
        return question, fallback

    def _question_and_version(
        self, conflict: ConflictRecord
    ) -> tuple[Question | None, str, str | None]:
        """The conflict's question, the form's default language, and the survey's form
        version when that version dropped the question (then the question is the one of an
        older version, for its label and choices; None otherwise)."""
        cached = self._questions.get(conflict.id)
        if cached is not None:
            return cached
        question: Question | None = None
        fallback = "fr"
        dropped_in: str | None = None
        try:
            survey = self.store.get_survey(conflict.survey_id)
            form = self.form_for(survey.form_id, survey.form_version)
            others = [v for f, v in self.store.form_versions(survey.form_id)]
        except StoreError:
            form, others = None, []
        if form is not None:
            fallback = form.default_language
            try:
                question = form.question(conflict.question)
            except KeyError:
                question = None
                dropped_in = survey.form_version
                for version in reversed(others):
                    older = (
                        None if version == dropped_in else self.form_for(survey.form_id, version)
                    )
                    if older is None:
                        continue
                    try:
                        question = older.question(conflict.question)
                    except KeyError:
                        continue
                    break
        self._questions[conflict.id] = (question, fallback, dropped_in)
        return question, fallback, dropped_in

    def _establishment_text(self, conflict: ConflictRecord) -> tuple[str, str]:
        """The establishment's code (the cell) and its name (the tooltip)."""
        try:
            survey = self.store.get_survey(conflict.survey_id)
            e = self.store.get_establishment(survey.establishment_id)
        except StoreError:
            return conflict.survey_id[:8], ""
        return e.code, establishment_name({"name_fr": e.name_fr, "name_ar": e.name_ar})

    def refresh(self) -> None:
        """Re-read the open conflicts (after a sync, after a choice)."""
        if not store_is_open(self.store):
            return  # the window closed; a language switch still reaches the list
        selected = self.selected()
        try:
            self.conflicts = self.store.open_conflicts()
        except StoreError:
            self.conflicts = []
        self._questions = {}
        rows = []
        names: list[str] = []
        for conflict in self.conflicts:
            question, fallback = self._question(conflict)
            label = (
                text_of(question.label, fallback, conflict.question)
                if question is not None
                else conflict.question
            )
            code, name = self._establishment_text(conflict)
            names.append(name)
            rows.append(
                (
                    code,
                    label,
                    answer_text(question, conflict.server, fallback),
                    answer_text(question, conflict.client, fallback),
                )
            )
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{text} · {names[row]}" if column == 0 else text)
                item.setData(Qt.ItemDataRole.UserRole, self.conflicts[row].id)
                self.table.setItem(row, column, item)
        self.intro.setText(
            self.tr(
                "%n question(s) were changed on another device too. For each, keep one "
                "value or enter the right one: your choice is sent at the next sync.",
                "",
                len(rows),
            )
            if rows
            else self.tr("No conflict: nothing waits for your choice.")
        )
        ids = [c.id for c in self.conflicts]
        if selected is not None and selected.id in ids:
            self.select(selected.id)
        elif ids:
            self.select(ids[0])
        self._show_selected()  # also when the same row stays selected: its texts changed

    def select(self, conflict_id: int) -> None:
        for row, conflict in enumerate(self.conflicts):
            if conflict.id == conflict_id:
                self._current_id = conflict_id
                self.table.setCurrentCell(row, 0)
                self.table.selectRow(row)
                self._show_selected()
                return

    def selected(self) -> ConflictRecord | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.conflicts):
            self._current_id = self.conflicts[row].id
            return self.conflicts[row]
        # A language switch (the table turns right to left) can leave no current row.
        return next((c for c in self.conflicts if c.id == self._current_id), None)

    def _show_selected(self) -> None:
        conflict = self.selected()
        self.compare.setVisible(conflict is not None)
        if self.editor is not None:
            self.editor_slot.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
        if conflict is None:
            return
        question, fallback, dropped_in = self._question_and_version(conflict)
        label = (
            text_of(question.label, fallback, conflict.question)
            if question is not None
            else conflict.question
        )
        self.compare.setTitle(label)
        self.server_value.setText(answer_text(question, conflict.server, fallback))
        self.client_value.setText(answer_text(question, conflict.client, fallback))
        # Keeping this laptop's value would write an answer no version of the survey holds.
        self.keep_client.setVisible(dropped_in is None)
        self.dropped_reason.setVisible(dropped_in is not None)
        if dropped_in is not None:
            self.dropped_reason.setText(
                self.tr(
                    "This question is no longer in version %1 of the form, which this survey "
                    "now follows: only the server's value can be kept. Yours would be an "
                    "answer that no version of this survey holds; it stays in the conflict's "
                    "record on the server."
                ).replace("%1", isolated(dropped_in))
            )
        editable = question is not None and question.type in EDITABLE_TYPES and dropped_in is None
        if question is not None and editable:
            editor = make_editor(question)
            editor.setObjectName("otherValue")
            editor.set_language(current_language(), fallback)
            editor.set_choices(question.choices)
            editor.set_value(conflict.client)
            self.editor_slot.addWidget(editor)
            self.editor = editor
        for widget in (self.other_caption, self.save_other):
            widget.setVisible(editable)

    # -- choosing -----------------------------------------------------------------------------

    def _resolve_with(self, which: str) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        if which == "server":
            value = conflict.server
        elif which == "client" and self.keep_client.isHidden():
            return  # a dropped question: only the server's value (see _show_selected)
        elif which == "client":
            value = conflict.client
        else:
            if self.editor is None:
                return
            value = self.editor.value()
        self.resolve(conflict.id, value)

    def resolve(self, conflict_id: int, value: Any) -> None:
        """Save `value` as the answer (writer thread); the list refreshes when it is written."""
        survey_id = next((c.survey_id for c in self.conflicts if c.id == conflict_id), "")
        for button in (self.keep_server, self.keep_client, self.save_other):
            button.setEnabled(False)

        def op(store: Store) -> int:
            store.resolve_conflict(conflict_id, value)
            return store.outbox_count()

        def done(outbox: int) -> None:
            self._enable()
            self.refresh()
            self.resolved.emit(survey_id, outbox)

        def failed(exc: BaseException) -> None:
            self._enable()
            self.refresh()
            if self.report_error is not None:
                self.report_error(exc)

        self.tasks.write(op, success=done, failure=failed)

    def _enable(self) -> None:
        for button in (self.keep_server, self.keep_client, self.save_other):
            button.setEnabled(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
