"""Photos in a survey: read, turn upright, scale and encode them off the UI thread, store
them by SHA-256, show their thumbnails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
)

from ui.errors import ImageError
from ui.survey.media_editors import ImageEditor
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


class SurveyPhotos:
    """The survey form's photo questions (a part of SurveyForm)."""

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
