"""Moving a draft to a newer form version: the banner on the survey and the dialog.

A pull may bring a newer version of a form (ui/mainwindow.py's `FormCatalog` says which one is
the newest on this laptop). A survey keeps the version it was started with; on a draft (or a
returned survey) SurveyForm shows `NewerVersionBanner`. Its button opens `MoveDialog`, which
lists what will not fit the new version (`fieldapp.forms.fit_answers`): the question's label
in the UI language, the value as a person reads it, and why; or says that everything fits.
Accepting moves the draft through the store's `move_to_form_version` on the writer thread
(the dropped answers and their values go to the audit log), then the survey reopens in the
new version.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
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
from fieldapp.forms.upgrade import Dropped, FitResult
from ui.languages import current_language, isolated
from ui.survey.editors import choice_text
from ui.survey.views import text_in

_INSTANCE_RE = re.compile(r"\[(\d+)\]")


def value_text(question: Question | None, value: Any, fallback: str) -> str:
    """A dropped value as a person reads it: choice labels rather than codes."""
    tr = QCoreApplication.translate
    if value is None or value == "" or value == []:
        return tr("MoveDialog", "(no answer)")
    if isinstance(value, bool):
        return tr("MoveDialog", "yes") if value else tr("MoveDialog", "no")
    if question is not None and question.type in ("select_one", "select_multiple", "rank"):
        names = value.split() if isinstance(value, str) else value
        if isinstance(names, list):
            labels = []
            for name in names:
                choice = question.choice(str(name))
                labels.append(
                    choice_text(choice, current_language(), fallback) if choice else str(name)
                )
            return ", ".join(labels)
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, float):
        return QLocale().toString(value, "g", 12)
    if isinstance(value, dict):
        if "lat" in value and "lon" in value:
            return f"{value['lat']}, {value['lon']}"
        if "sha256" in value:
            return str(value.get("filename") or tr("MoveDialog", "a photo"))
    if isinstance(value, list):
        return tr("MoveDialog", "%n entries", "", len(value))
    return str(value)


def dropped_rows(form: Form, dropped: list[Dropped]) -> list[tuple[str, str, str]]:
    """(question label with its repeat instance, value, why) for each dropped answer, read
    with `form` (the version the answers were given in) in the UI language."""
    lang = current_language()
    fallback = form.default_language
    rows = []
    for d in dropped:
        item = form.item(d.question) if d.question in form else None
        label = text_in(item.label, lang, fallback, d.question) if item is not None else d.question
        instances = _INSTANCE_RE.findall(d.path)
        if instances:
            label += " (" + ", ".join(instances) + ")"
        question = item if isinstance(item, Question) else None
        rows.append(
            (label, value_text(question, d.value, fallback), text_in(d.message, lang, "en"))
        )
    return rows


class NewerVersionBanner(QFrame):
    """'A newer version of this form (V) is available' with the button that moves the draft."""

    move_requested = Signal()

    def __init__(self, version: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newerVersionBanner")
        self.version = version
        self.setStyleSheet(
            "#newerVersionBanner { background: #e8f5e9; border: 1px solid #81c784; }"
        )
        self.text = QLabel()
        self.text.setObjectName("newerVersionText")
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("moveToNewerVersion")
        self.button.clicked.connect(self.move_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(
            self.tr(
                "A newer version of this form (%1) is available. Your answers stay in the "
                "version this survey was started with until you move it."
            ).replace("%1", isolated(self.version))
        )
        self.button.setText(self.tr("Move this draft to %1…").replace("%1", isolated(self.version)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class MoveDialog(QDialog):
    """What moving the draft to the new version keeps and drops, before anything is written."""

    def __init__(
        self, old_form: Form, new_form: Form, fit: FitResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.old_form = old_form
        self.new_form = new_form
        self.fit = fit
        self.summary = QLabel()
        self.summary.setObjectName("moveSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("droppedAnswers")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(not fit.fits)
        self.buttons = QDialogButtonBox()
        self.move_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.move_button.setObjectName("confirmMove")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 420 if not fit.fits else 200)
        self.retranslate()

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows: (question, value, why), one row per dropped answer."""
        rows = []
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c) for c in range(3)]
            texts = [cell.text() if cell is not None else "" for cell in cells]
            rows.append((texts[0], texts[1], texts[2]))
        return rows

    def retranslate(self) -> None:
        version = self.new_form.version
        self.setWindowTitle(
            self.tr("Move this draft to version %1").replace("%1", isolated(version))
        )
        count = len(self.fit.dropped)
        if count:
            self.summary.setText(
                self.tr(
                    "%n answer(s) do not fit version %1 and will be removed from this draft. "
                    "They are kept in the journal of this laptop, so nothing is lost. Every "
                    "other answer is kept; check the form afterwards.",
                    "",
                    count,
                ).replace("%1", isolated(version))
            )
        else:
            self.summary.setText(
                self.tr(
                    "Every answer fits version %1: nothing will be removed. Check the form "
                    "afterwards for new questions."
                ).replace("%1", isolated(version))
            )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Question"), self.tr("Answer"), self.tr("Why it does not fit")]
        )
        rows = dropped_rows(self.old_form, self.fit.dropped)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.move_button.setText(self.tr("Move to %1").replace("%1", isolated(version)))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
