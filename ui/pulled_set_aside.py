"""What this laptop received from the server but did not apply, with why and what to do.

A pull never stops on one bad item (text that is not valid, an item too large, a malformed
one): the item is set aside with its reason (`Store.pulled_set_aside`) and the rest goes on.
This dialog, opened from the Sync panel, lists them in words, and offers what a person can
do: copy the details for the coordinator (who corrects the item on the server), receive
everything again at the next sync (what was corrected is then applied), and hide the list
once read. Items a later pull applied leave the list by themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store import Store, StoreError
from fieldapp.store.store import PulledSetAside
from sync.client import parse_refusal
from ui.establishments import local_time
from ui.labels import establishment_name
from ui.languages import isolated
from ui.syncing import store_is_open


def _tr(text: str) -> str:
    return QCoreApplication.translate("PulledSetAside", text)


def what_words(kind: str) -> str:
    """The kind of a pulled item, as a person names it."""
    words = {
        "survey": _tr("A survey"),
        "establishment": _tr("An establishment"),
        "form": _tr("A form version"),
        "review": _tr("A coordinator's review"),
        "conflict": _tr("A conflict"),
    }
    return words.get(kind, _tr("An item"))


def why_words(reason: str) -> str:
    """Why it was not applied (the code of `sync.inbound.item_problem` or the store's)."""
    code, _field, _message = parse_refusal(reason)
    words = {
        "invalid_text": _tr("it holds characters that are not valid text"),
        "too_large": _tr("it is larger than this app accepts"),
        "invalid_attachment_id": _tr("it names a photo in a way this app refuses"),
        "invalid_item": _tr("it is malformed"),
    }
    return words.get(code, _tr("this app could not apply it"))


def todo_words(reason: str) -> str:
    """What a person can do about it."""
    code, _field, _message = parse_refusal(reason)
    if code == "invalid_item":
        return _tr(
            "Update FieldApp if a newer version exists; otherwise copy the details for your "
            "coordinator. Then receive everything again."
        )
    return _tr(
        "Copy the details for your coordinator, who corrects it on the server; then "
        "receive everything again."
    )


class PulledSetAsideDialog(QDialog):
    """The pulled items set aside: what, which establishment, why, what to do."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pulledSetAsideDialog")
        self.store = store
        self.items: list[PulledSetAside] = []
        self.intro = QLabel()
        self.intro.setObjectName("pulledSetAsideIntro")
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("pulledSetAsideTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.clicked.connect(self.copy_details)
        self.again_button = QPushButton()
        self.again_button.setObjectName("receiveAgain")
        self.again_button.clicked.connect(self.receive_again)
        self.hide_button = QPushButton()
        self.hide_button.setObjectName("hideRead")
        self.hide_button.clicked.connect(self.hide_read)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.copy_button, self.again_button, self.hide_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.note = QLabel()
        self.note.setObjectName("pulledSetAsideNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.resize(760, 380)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Received items set aside"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Received"), self.tr("What"), self.tr("Why"), self.tr("What you can do")]
        )
        self.copy_button.setText(self.tr("&Copy the details"))
        self.again_button.setText(self.tr("&Receive everything again"))
        self.again_button.setToolTip(
            self.tr("At the next sync; your own changes are kept and nothing is sent twice")
        )
        self.hide_button.setText(self.tr("&Hide these"))
        self.refresh()

    def refresh(self) -> None:
        if not store_is_open(self.store):
            return  # the window closed; a language switch still reaches the dialog
        try:
            self.items = self.store.pulled_set_aside()
        except StoreError:
            self.items = []
        self.intro.setText(
            self.tr(
                "The server sent %n item(s) this laptop did not apply. Everything else was "
                "received; these wait for a correction on the server.",
                "",
                len(self.items),
            )
            if self.items
            else self.tr("Nothing received was set aside.")
        )
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = (
                local_time(item.at),
                self._what(item),
                why_words(item.reason)[:1].upper() + why_words(item.reason)[1:],
                todo_words(item.reason),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        if self.items:
            self.table.selectRow(0)
        self.table.resizeRowsToContents()
        for button in (self.copy_button, self.again_button, self.hide_button):
            button.setEnabled(bool(self.items))

    def _what(self, item: PulledSetAside) -> str:
        """The kind, and the establishment when this laptop knows which (no ids)."""
        name = ""
        try:
            if item.kind == "establishment":
                e = self.store.get_establishment(item.item_id)
            elif item.kind == "survey":
                e = self.store.get_establishment(
                    self.store.get_survey(item.item_id).establishment_id
                )
            else:
                e = None
            if e is not None:
                name = establishment_name({"name_fr": e.name_fr, "name_ar": e.name_ar})
        except StoreError:
            name = ""
        what = what_words(item.kind)
        if not name:
            return what
        return self.tr("%1 (%2)").replace("%1", isolated(what)).replace("%2", isolated(name))

    def details(self) -> str:
        """What the coordinator needs to find each item on the server (ids and reasons)."""
        return "\n".join(
            f"{item.at}\t{item.kind}\t{item.item_id}\t{item.reason}" for item in self.items
        )

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.note.setText(self.tr("The details are copied: paste them in a message."))

    def receive_again(self) -> None:
        try:
            self.store.pull_again_from_start()
        except StoreError as exc:
            self.note.setText(str(exc))
            return
        self.note.setText(
            self.tr("The next sync receives everything again; what was corrected is applied.")
        )

    def hide_read(self) -> None:
        if not self.items:
            return
        try:
            self.store.hide_pulled_set_aside(max(item.seq for item in self.items))
        except StoreError as exc:
            self.note.setText(str(exc))
            return
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
