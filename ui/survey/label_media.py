"""Label media in the survey form: the pictures beside choices and the play buttons of a
label's audio or video (`media::audio`, `media::video` on questions and choices).

The files come with the form's definition (`fieldapp.forms.label_media`); a file the form
names but does not carry shows a placeholder with its name, never fails. A clip plays as an
audio or video answer does (`SurveyPhotos.open_file`): a private copy handed to the system's
player, written off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QToolButton, QWidget

from fieldapp.forms.model import Text
from ui.languages import isolated

MediaSource = Callable[[str], bytes | None]  # file name -> bytes delivered with the form
CHOICE_PICTURE = QSize(96, 64)


def media_file(media: dict[str, Text], kind: str, lang: str, fallback: str) -> str:
    """The file a label names for `kind` ('image' also reads 'big-image') in this language."""
    kinds = ("image", "big-image") if kind == "image" else (kind,)
    for name in kinds:
        texts = media.get(name) or {}
        found = texts.get(lang) or texts.get(fallback) or next(iter(texts.values()), "")
        if found:
            return found
    return ""


def missing_text(kind: str, filename: str) -> str:
    tr = QCoreApplication.translate
    text = {
        "image": tr("QuestionView", "Image missing: %1"),
        "audio": tr("QuestionView", "Audio missing: %1"),
        "video": tr("QuestionView", "Video missing: %1"),
    }[kind]
    return text.replace("%1", isolated(filename))


def choice_picture(source: MediaSource | None, filename: str) -> tuple[QPixmap, bool]:
    """A choice's picture at most CHOICE_PICTURE, or a framed placeholder naming the file;
    the flag says whether the picture was there."""
    pixmap = QPixmap()
    data = source(filename) if source is not None else None
    if data and pixmap.loadFromData(data):
        if pixmap.width() > CHOICE_PICTURE.width() or pixmap.height() > CHOICE_PICTURE.height():
            pixmap = pixmap.scaled(
                CHOICE_PICTURE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        return pixmap, True
    placeholder = QPixmap(CHOICE_PICTURE)
    placeholder.fill(QColor("#f2f2f2"))
    painter = QPainter(placeholder)
    painter.setPen(QPen(QColor("#9e9e9e")))
    painter.drawRect(0, 0, CHOICE_PICTURE.width() - 1, CHOICE_PICTURE.height() - 1)
    painter.setPen(QPen(QColor("#555555")))
    font = painter.font()
    font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
    painter.setFont(font)
    painter.drawText(
        QRect(4, 4, CHOICE_PICTURE.width() - 8, CHOICE_PICTURE.height() - 8),
        int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWrapAnywhere),
        filename,
    )
    painter.end()
    return placeholder, False


def set_choice_picture(button: QWidget, source: MediaSource | None, filename: str) -> None:
    """Put a choice's picture on its radio button or check box (an icon before the text);
    a missing file is named in the placeholder, the tooltip and the accessible description."""
    if not filename:
        button.setIcon(QIcon())  # type: ignore[attr-defined]
        button.setProperty("imageFile", None)
        button.setAccessibleDescription("")
        return
    pixmap, found = choice_picture(source, filename)
    button.setIcon(QIcon(pixmap))  # type: ignore[attr-defined]
    button.setIconSize(pixmap.size())  # type: ignore[attr-defined]
    button.setProperty("imageFile", filename)
    button.setProperty("imageMissing", not found)
    missing = "" if found else missing_text("image", filename)
    button.setAccessibleDescription(missing)
    if missing:
        button.setToolTip(missing)


class PlayButton(QToolButton):
    """Plays a label's audio or video clip (Space or Enter when it has the focus); its tooltip
    and accessible name say what it plays; a clip the form does not carry is named on it."""

    play = Signal(str, str)  # kind, file name

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.filename = ""
        self.subject = ""  # the label it belongs to, for the accessible name
        self.present = False
        self.setObjectName(f"play_{kind}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clicked.connect(lambda: self.play.emit(self.kind, self.filename))
        self.hide()

    def show_file(self, filename: str, present: bool, subject: str) -> None:
        self.filename = filename
        self.present = present
        self.subject = subject
        self.setVisible(bool(filename))
        self.retranslate()

    def retranslate(self) -> None:
        tr = QCoreApplication.translate
        if not self.filename:
            return
        if not self.present:
            text = missing_text(self.kind, self.filename)
            self.setText(text)
            self.setToolTip(text)
            self.setAccessibleName(text)
            self.setEnabled(False)
            return
        self.setEnabled(True)
        if self.kind == "audio":
            self.setText("\u25b6 " + tr("QuestionView", "Listen"))
            tip = tr("QuestionView", "Play the recording of this label (%1)")
            name = tr("QuestionView", "Listen: %1")
        else:
            self.setText("\u25b6 " + tr("QuestionView", "Watch"))
            tip = tr("QuestionView", "Play the video of this label (%1)")
            name = tr("QuestionView", "Watch: %1")
        self.setToolTip(tip.replace("%1", isolated(self.filename)))
        self.setAccessibleName(name.replace("%1", isolated(self.subject or self.filename)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
