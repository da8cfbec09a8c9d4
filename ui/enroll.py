"""Enrolling this laptop with the central server, from the settings (as `fieldapp enroll`).

The person types the server address and the one-time code from their coordinator, and may
choose the CA bundle of their organisation. `sync.client.enroll` runs on the worker pool with
its own short-lived store connection (the network call may take a while on a bad link, and
the writer thread must stay free for autosaves); its result or error comes back on the UI
thread. TLS verification is never turned off: a certificate that cannot be verified is an
error that says what to do.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store import Store, StoreError
from sync.client import Enrollment, enroll
from sync.errors import SyncError, SyncErrorCode
from sync.transport import CancelToken
from ui.languages import isolated
from ui.syncing import describe_sync_error
from ui.tasks import Tasks
from ui.widgets import ERROR_COLOUR, tint


def enroll_profile(
    data_dir: Path, server_url: str, code: str, ca_bundle: str | None, cancel: CancelToken
) -> Enrollment:
    """What the dialog runs in the worker: the same as `fieldapp enroll`."""
    with Store.open(data_dir) as store:
        return enroll(store, server_url, code, ca_bundle=ca_bundle or None, cancel=cancel)


class EnrollDialog(QDialog):
    """Server address, enrollment code, optional CA bundle; Enroll runs in the background."""

    enrolled = Signal()

    def __init__(
        self,
        data_dir: Path,
        tasks: Tasks,
        *,
        server_url: str = "",
        ca_bundle: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enrollDialog")
        self.data_dir = Path(data_dir)
        self.tasks = tasks
        self.enrollment: Enrollment | None = None
        self._cancel: CancelToken | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.server = QLineEdit(server_url)
        self.server.setObjectName("serverUrl")
        self.server.setPlaceholderText("https://fieldapp.example.ma")
        self.code = QLineEdit()
        self.code.setObjectName("enrollCode")
        self.ca_bundle = QLineEdit(ca_bundle)
        self.ca_bundle.setObjectName("caBundle")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._choose_bundle)
        bundle_row = QHBoxLayout()
        bundle_row.addWidget(self.ca_bundle, 1)
        bundle_row.addWidget(self.browse)
        self.server_caption = QLabel()
        self.server_caption.setBuddy(self.server)
        self.code_caption = QLabel()
        self.code_caption.setBuddy(self.code)
        self.bundle_caption = QLabel()
        self.bundle_caption.setBuddy(self.ca_bundle)
        form = QFormLayout()
        form.addRow(self.server_caption, self.server)
        form.addRow(self.code_caption, self.code)
        form.addRow(self.bundle_caption, bundle_row)
        self.message = QLabel()
        self.message.setObjectName("enrollMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.enroll_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.enroll_button.setObjectName("enrollButton")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.enroll_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_or_cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(560, 280)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enroll this laptop"))
        self.intro.setText(
            self.tr(
                "Enter the server address and the one-time code your coordinator gave you. "
                "The connection is always verified; if your organisation has its own "
                "certificate authority, choose its file."
            )
        )
        self.server_caption.setText(self.tr("&Server address"))
        self.code_caption.setText(self.tr("Enrollment &code"))
        self.bundle_caption.setText(self.tr("CA &bundle (optional)"))
        self.ca_bundle.setPlaceholderText(self.tr("the system's certificate authorities"))
        self.browse.setText(self.tr("Choose…"))
        self.enroll_button.setText(self.tr("&Enroll"))

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    def _choose_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Certificate authority bundle"),
            self.ca_bundle.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_bundle.setText(path)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        if error:
            tint(self.message, ERROR_COLOUR, bold=True)
        else:
            self.message.setStyleSheet("")

    def start(self) -> None:
        """Enroll with what is typed (in the background)."""
        if self.busy:
            return
        url = self.server.text().strip()
        code = self.code.text().strip()
        if not url or not code:
            self._say(self.tr("Enter the server address and the enrollment code."), error=True)
            return
        cancel = CancelToken()
        self._cancel = cancel
        bundle = self.ca_bundle.text().strip() or None
        data_dir = self.data_dir
        self._show_busy(True)
        self._say(self.tr("Contacting the server…"))
        self.tasks.run(
            lambda: enroll_profile(data_dir, url, code, bundle, cancel),
            success=self._done,
            failure=self._failed,
        )

    def _show_busy(self, busy: bool) -> None:
        for widget in (self.server, self.code, self.ca_bundle, self.browse, self.enroll_button):
            widget.setEnabled(not busy)
        self.close_button.setText(self.tr("Cancel") if busy else self.tr("Close"))

    def _done(self, enrollment: Enrollment) -> None:
        self._cancel = None
        self._show_busy(False)
        self.enrollment = enrollment
        self.code.clear()
        said = (
            self.tr("Enrolled as %1 on %2. This laptop can now synchronise.")
            .replace("%1", isolated(enrollment.username))
            .replace("%2", isolated(enrollment.server_url))
        )
        if enrollment.demo_removed[1]:
            said += " " + self.tr(
                "The demo data of this profile (%1 surveys) were removed, never sent; your "
                "assigned establishments come with the next synchronisation."
            ).replace("%1", isolated(QLocale().toString(enrollment.demo_removed[1])))
        if enrollment.other_instance:
            said += " " + self.tr(
                "This server is another database than the one this laptop synchronised with: "
                "the next synchronisation sends every survey it does not hold."
            )
        self._say(said)
        self.enrolled.emit()

    def _failed(self, exc: BaseException) -> None:
        self._cancel = None
        self._show_busy(False)
        if isinstance(exc, SyncError):
            what, todo = describe_sync_error(exc.code, exc.detail)
        elif isinstance(exc, StoreError):
            what, todo = describe_sync_error(SyncErrorCode.LOCAL)
        else:
            what, todo = describe_sync_error(SyncErrorCode.INTERNAL)
        self._say(f"{what} {todo}", error=True)

    def _close_or_cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self._say(self.tr("Cancelling…"))
            return
        self.reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
