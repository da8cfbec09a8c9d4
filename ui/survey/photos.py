"""Files attached to a survey. Photos: read, turn upright, scale and encode them off the UI
thread, store them by SHA-256, show their thumbnails. Audio, video and other files: checked
(size, accepted types: `fieldapp.forms.files`) before anything is read, then read and stored
the same way; opened with the system's player from a private temporary copy (the stored
file is sealed, and the bundle has no Qt Multimedia)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QApplication, QFileDialog, QToolTip

from fieldapp.forms import files, label_media
from ui.errors import ImageError
from ui.languages import isolated
from ui.survey.media_editors import FileEditor, ImageEditor, size_text
from ui.survey.views import QuestionView

MAX_IMAGE_SIDE = 1600
JPEG_QUALITY = 85


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


def load_thumbnail(read: Callable[[], bytes]) -> QImage:
    """A stored photo's thumbnail (worker side): decrypted in memory, never written out."""
    buffer = QBuffer()
    buffer.setData(QByteArray(read()))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(ImageEditor.THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


_opened_dir: str | None = None


def opened_copy(filename: str, data: bytes) -> Path:
    """A private plaintext copy of a stored file for the system's player: in a folder only
    this user can read, removed when the app quits."""
    global _opened_dir
    if _opened_dir is None or not os.path.isdir(_opened_dir):
        _opened_dir = tempfile.mkdtemp(prefix="fieldapp-open-")
        atexit.register(shutil.rmtree, _opened_dir, True)
    folder = Path(tempfile.mkdtemp(dir=_opened_dir))  # one per file: names may repeat
    target = folder / (Path(filename).name or "file")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return target


class SurveyPhotos:
    """The survey form's attachment questions: photos, audio, video and files (a part of
    SurveyForm)."""

    file_dialog: QFileDialog | None = None  # while the agent picks a file

    def _wire_attachment(self, view: QuestionView) -> None:
        """Connect a photo's or a file's editor to picking, storing and opening."""
        if isinstance(view.editor, ImageEditor):
            view.editor.pick_requested.connect(lambda v=view: self._pick_image(v))
            self._show_stored_thumbnail(view)
        elif isinstance(view.editor, FileEditor):
            view.editor.pick_requested.connect(lambda v=view: self._pick_file(v))
            view.editor.open_requested.connect(lambda v=view: self.open_file(v))

    def _pick_file(self, view: QuestionView) -> None:
        patterns = files.dialog_extensions(view.question)
        kinds = {
            "audio": self.tr("Recordings"),
            "video": self.tr("Videos"),
            "file": self.tr("Accepted files"),
        }
        # The patterns stay outside the sentence: Qt reads them from the filter's parentheses.
        kind = kinds[view.question.type]
        filters = [f"{kind} ({' '.join(patterns)})"] if patterns else []
        filters.append(self.tr("All files (*)"))
        # Opened, not exec'd: the form keeps running (autosave) while the dialog is up.
        dialog = QFileDialog(self, self.tr("Choose a file"), "", ";;".join(filters))
        dialog.setObjectName("pickFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def back() -> None:
            # Back from the dialog, the keyboard goes on where it was: on this question.
            self.file_dialog = None
            self.window().activateWindow()
            view.editor.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

        dialog.fileSelected.connect(lambda path: self.attach_file(view, path))
        dialog.finished.connect(back)
        self.file_dialog = dialog
        dialog.open()

    def file_refusal_text(self, view: QuestionView, path: str, size: int) -> str:
        """The sentence for a file the question cannot take; '' when it can."""
        name = Path(path).name
        code = files.refusal(view.question, name, size)
        if code == "empty":
            return self.tr("The file %1 is empty.").replace("%1", isolated(name))
        if code == "too_big":
            return (
                self.tr("The file %1 is too large (%2): the limit is %3.")
                .replace("%1", isolated(name))
                .replace("%2", isolated(size_text(size)))
                .replace("%3", isolated(size_text(files.max_bytes(view.question))))
            )
        if code == "wrong_type":
            accepted = ", ".join(files.accepted(view.question))
            return (
                self.tr("The file %1 is not of a type this question takes (%2).")
                .replace("%1", isolated(name))
                .replace("%2", isolated(accepted))
            )
        return ""

    def attach_file(self, view: QuestionView, path: str) -> None:
        """Check the file, then read and store it by SHA-256 off the UI thread and show it;
        a refused or unreadable file leaves the answer as it was and says why."""
        editor = view.editor
        assert isinstance(editor, FileEditor)
        try:
            size = os.stat(path).st_size
        except OSError:
            editor.show_refusal(
                self.tr("The file %1 cannot be read.").replace("%1", isolated(Path(path).name))
            )
            return
        refused = self.file_refusal_text(view, path, size)
        if refused:
            editor.show_refusal(refused)
            return
        editor.show_refusal("")
        editor.set_busy(True)
        filename = Path(path).name
        mime = files.mime_type(filename)

        def stored(sha: str) -> None:
            editor.set_busy(False)
            editor.show_file({"sha256": sha, "filename": filename}, size)

        def read() -> bytes:
            return Path(path).read_bytes()

        def got(data: bytes) -> None:
            self.tasks.write(
                lambda store: store.add_attachment(data, mime), success=stored, failure=failed
            )

        def failed(exc: BaseException) -> None:
            editor.set_busy(False)
            if isinstance(exc, OSError):
                editor.show_refusal(
                    self.tr("The file %1 cannot be read.").replace("%1", isolated(filename))
                )
                return
            self.report_error(exc)

        self.tasks.run(read, success=got, failure=failed)

    def open_file(self, view: QuestionView) -> None:
        """Open the attached file with the system's player or viewer."""
        value = view.editor.value()
        if not value or self.read_attachment is None:
            return
        read = self.read_attachment
        sha = str(value["sha256"])
        filename = str(value.get("filename") or sha[:12])
        editor = view.editor
        assert isinstance(editor, FileEditor)

        def show(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                editor.show_refusal(
                    self.tr("No program on this computer opens %1.").replace(
                        "%1", isolated(filename)
                    )
                )

        def failed(exc: BaseException) -> None:
            editor.show_refusal(
                self.tr("The file %1 is not on this computer yet.").replace(
                    "%1", isolated(filename)
                )
                if isinstance(exc, FileNotFoundError)
                else self.tr("The file %1 cannot be read.").replace("%1", isolated(filename))
            )

        self.tasks.run(lambda: opened_copy(filename, read(sha)), success=show, failure=failed)

    last_played: Path | None = None  # the copy of the last label clip handed to the player

    def play_label_media(self, kind: str, filename: str) -> None:
        """Play a label's clip (media::audio, media::video) delivered with the form, as an
        audio or video answer is played: a private copy handed to the system's player,
        written off the UI thread."""
        data = label_media.media_bytes(self.form.choice_lists, filename)
        if not data:
            return
        where = QApplication.focusWidget()

        def show(path: Path) -> None:
            self.last_played = path
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))) and where is not None:
                QToolTip.showText(
                    where.mapToGlobal(where.rect().bottomLeft()),
                    self.tr("No program on this computer opens %1.").replace(
                        "%1", isolated(filename)
                    ),
                    where,
                )

        self.tasks.run(lambda: opened_copy(filename, data), success=show, failure=self.report_error)

    def _pick_image(self, view: QuestionView) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a photo"),
            "",
            self.tr("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)"),
        )
        # Back from the dialog, the keyboard goes on where it was: on this photo.
        self.window().activateWindow()
        view.editor.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
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
        if not value or self.read_attachment is None:
            return
        read = self.read_attachment
        sha = str(value["sha256"])
        editor = view.editor
        assert isinstance(editor, ImageEditor)

        def show(image: QImage) -> None:
            if not image.isNull() and editor.value() == value:
                editor.set_value(value, QPixmap.fromImage(image))

        self.tasks.run(
            lambda: load_thumbnail(lambda: read(sha)), success=show, failure=lambda _exc: None
        )
