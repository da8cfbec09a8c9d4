"""Laying a report out once, in tenths of a millimetre of an A4 page, and painting it on any
device: a QPdfWriter for the file, a QImage for a preview; the errors and progress of writing."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageReader,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from ui.reports.wording import Wording, directed

# -- page geometry, in tenths of a millimetre -------------------------------------------------

PAGE_W, PAGE_H = 2100, 2970  # A4
MARGIN_X = 170
TOP = 260  # below the running header
BOTTOM = PAGE_H - 190  # above the footer
CONTENT_W = PAGE_W - 2 * MARGIN_X
BODY_PX = 34  # ≈ 9.6 pt
SMALL_PX = 28
HEADING_PX = 50
TITLE_PX = 74
INK = QColor("#202020")
MUTED = QColor("#5f6368")
RULE = QColor("#c9ced6")
ACCENT = QColor("#1565c0")
ZEBRA = QColor("#f3f5f8")
PDF_DPI = 300
PHOTO_DPI = 200  # photos are resampled to this at their printed size: a light file

Op = Callable[[QPainter], None]


# -- errors and progress ----------------------------------------------------------------------


class ReportError(Exception):
    """A report that could not be written; `code` is what the UI turns into a sentence:
    'unwritable' (folder missing or read-only), 'disk_full', 'cancelled', 'not_found'."""

    def __init__(self, code: str, path: Path | str = "", detail: str = "") -> None:
        super().__init__(f"{code}: {path} {detail}".strip())
        self.code = code
        self.path = str(path)


class ReportProgress:
    """Handed to the worker: it counts steps, the UI polls the counts and may cancel
    (plain attributes, no signal: a worker never touches a QObject of the UI thread)."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def step(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.cancelled:
            raise ReportError("cancelled")


@dataclass(slots=True)
class ReportResult:
    path: Path
    pages: int
    missing_photos: list[str] = field(default_factory=list)


# -- layout ----------------------------------------------------------------------------------


def font(px: int, *, bold: bool = False) -> QFont:
    """A font sized in page units; hinting off so that text measures the same on every
    device (the PDF at 300 dpi and a preview image at 100)."""
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


class Sheet:
    """Pages of paint operations, filled top to bottom; right to left for Arabic (x is then
    mirrored: callers think in 'start' and 'end', as a reader does)."""

    def __init__(self, wording: Wording, title: str) -> None:
        self.wording = wording
        self.rtl = wording.rtl
        self.title = title
        self.pages: list[list[Op]] = [[]]
        self.y = float(TOP)
        self.missing_photos: list[str] = []

    # geometry
    def box(self, x: float, y: float, w: float, h: float) -> QRectF:
        """A rectangle `x` from the start margin (left, or right when right to left)."""
        left = PAGE_W - MARGIN_X - x - w if self.rtl else MARGIN_X + x
        return QRectF(left, y, w, h)

    def align(self, where: str = "start") -> Qt.AlignmentFlag:
        start_right = self.rtl if where == "start" else not self.rtl
        side = Qt.AlignmentFlag.AlignRight if start_right else Qt.AlignmentFlag.AlignLeft
        return side | Qt.AlignmentFlag.AlignAbsolute

    def add(self, op: Op) -> None:
        self.pages[-1].append(op)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = float(TOP)

    def room(self, height: float) -> None:
        """Start a new page unless `height` fits below the cursor."""
        if self.y + height > BOTTOM and self.y > TOP:
            self.new_page()

    # measuring
    @staticmethod
    def text_height(text: str, f: QFont, width: float) -> float:
        flags = int(Qt.TextFlag.TextWordWrap)
        return QFontMetricsF(f).boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()

    def text_op(
        self, rect: QRectF, text: str, f: QFont, colour: QColor, align: Qt.AlignmentFlag
    ) -> Op:
        flags = int(align | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
        text = directed(text, self.rtl)

        def op(p: QPainter) -> None:
            p.setFont(f)
            p.setPen(colour)
            p.drawText(rect, flags, text)

        return op

    # blocks
    def space(self, height: float) -> None:
        self.y += height

    def paragraph(
        self, text: str, *, px: int = BODY_PX, bold: bool = False, colour: QColor = INK
    ) -> None:
        f = font(px, bold=bold)
        height = self.text_height(text, f, CONTENT_W)
        self.room(height)
        self.add(self.text_op(self.box(0, self.y, CONTENT_W, height), text, f, colour,
                              self.align()))  # fmt: skip
        self.y += height + px * 0.4

    def heading(self, text: str) -> None:
        f = font(HEADING_PX, bold=True)
        height = self.text_height(text, f, CONTENT_W)
        self.room(height + 260)  # keep a heading with what follows it
        self.y += 40
        rect = self.box(0, self.y, CONTENT_W, height)
        self.add(self.text_op(rect, text, f, ACCENT, self.align()))
        rule_y = self.y + height + 10

        def rule(p: QPainter) -> None:
            p.setPen(QPen(ACCENT, 4))
            p.drawLine(QPointF(MARGIN_X, rule_y), QPointF(PAGE_W - MARGIN_X, rule_y))

        self.add(rule)
        self.y = rule_y + 30

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        header: Sequence[str] | None = None,
        bold_first: bool = False,
        px: int = BODY_PX,
        numeric: Sequence[bool] = (),
        header_px: int = 0,
    ) -> None:
        """Rows of wrapped cells; widths are shares of the content width. The header is drawn
        again at the top of each page the table runs onto."""
        body, bold = font(px), font(px, bold=True)
        pad = px * 0.35
        total = sum(widths)
        cols = [CONTENT_W * w / total for w in widths]
        starts = [sum(cols[:i]) for i in range(len(cols))]

        def measure(cells: Sequence[str], fonts: Sequence[QFont]) -> float:
            return (
                max(
                    self.text_height(c, f, w - 2 * pad)
                    for c, f, w in zip(cells, fonts, cols, strict=True)
                )
                + 2 * pad
            )

        def draw_row(cells: Sequence[str], fonts: Sequence[QFont], shade: QColor | None) -> None:
            height = measure(cells, fonts)
            y = self.y
            if shade is not None:
                band = self.box(0, y, CONTENT_W, height)
                self.add(lambda p, r=band, c=shade: p.fillRect(r, c))
            for i, (cell, f) in enumerate(zip(cells, fonts, strict=True)):
                rect = self.box(starts[i] + pad, y + pad, cols[i] - 2 * pad, height - 2 * pad)
                # Figures line up on their right edge in both directions, as in print.
                is_number = i < len(numeric) and numeric[i]
                align = (
                    self.align("end" if not self.rtl else "start") if is_number else self.align()
                )
                self.add(self.text_op(rect, cell, f, INK, align))
            line_y = y + height

            def rule(p: QPainter) -> None:
                p.setPen(QPen(RULE, 2))
                p.drawLine(QPointF(MARGIN_X, line_y), QPointF(PAGE_W - MARGIN_X, line_y))

            self.add(rule)
            self.y += height

        header_fonts = [font(header_px or px, bold=True)] * len(cols)
        row_fonts = [bold if bold_first and i == 0 else body for i in range(len(cols))]
        if header is not None:
            self.room(measure(header, header_fonts) + measure(rows[0], row_fonts) if rows else 0)
            draw_row(header, header_fonts, QColor("#e3eaf5"))
        for n, row in enumerate(rows):
            height = measure(row, row_fonts)
            if self.y + height > BOTTOM:
                self.new_page()
                if header is not None:
                    draw_row(header, header_fonts, QColor("#e3eaf5"))
            draw_row(row, row_fonts, ZEBRA if n % 2 else None)
        self.y += px * 0.8

    def tiles(self, items: Sequence[tuple[str, str]], per_row: int = 3) -> None:
        """Key figures as boxes: a small caption above a large value."""
        gap = 30
        width = (CONTENT_W - gap * (per_row - 1)) / per_row
        caption_f, value_f = font(SMALL_PX), font(42, bold=True)
        for start in range(0, len(items), per_row):
            chunk = items[start : start + per_row]
            height = (
                max(
                    self.text_height(c, caption_f, width - 40)
                    + self.text_height(v, value_f, width - 40)
                    for c, v in chunk
                )
                + 70
            )
            self.room(height)
            for i, (caption, value) in enumerate(chunk):
                rect = self.box(i * (width + gap), self.y, width, height)

                def frame(p: QPainter, r: QRectF = rect) -> None:
                    p.setPen(QPen(RULE, 3))
                    p.setBrush(QColor("#f7f9fc"))
                    p.drawRoundedRect(r, 18, 18)
                    p.setBrush(Qt.BrushStyle.NoBrush)

                self.add(frame)
                inner = rect.adjusted(20, 20, -20, -20)
                ch = self.text_height(caption, caption_f, inner.width())
                self.add(self.text_op(inner, caption, caption_f, MUTED, self.align()))
                value_rect = QRectF(inner.left(), inner.top() + ch + 12, inner.width(),
                                    inner.height() - ch - 12)  # fmt: skip
                self.add(self.text_op(value_rect, value, value_f, INK, self.align()))
            self.y += height + gap
        self.y += 10

    def photo(self, caption: str, data: bytes | None, filename: str) -> None:
        """A photo (its bytes) scaled to fit (at most 100 mm high), or a placeholder saying it
        is missing."""
        max_w, max_h = CONTENT_W * 0.75, 1000.0
        image = QImage()
        if data:
            buffer = QBuffer()
            buffer.setData(QByteArray(data))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            reader = QImageReader(buffer)
            reader.setAutoTransform(True)  # phones store sideways pixels and an EXIF turn
            image = reader.read()
        caption_f = font(SMALL_PX)
        caption_h = self.text_height(caption, caption_f, CONTENT_W)
        if image.isNull():
            self.missing_photos.append(filename)
            height = 300.0
            self.room(height + caption_h + 20)
            rect = self.box(0, self.y, max_w, height)
            note = self.wording.tr("Photo missing on this computer: %1").replace(
                "%1", self.wording.isolated(filename)
            )

            def placeholder(p: QPainter, r: QRectF = rect) -> None:
                p.setPen(QPen(MUTED, 3, Qt.PenStyle.DashLine))
                p.setBrush(QColor("#fafafa"))
                p.drawRect(r)
                p.setBrush(Qt.BrushStyle.NoBrush)

            self.add(placeholder)
            self.add(self.text_op(rect.adjusted(30, 30, -30, -30), note, font(BODY_PX), MUTED,
                                  Qt.AlignmentFlag.AlignHCenter))  # fmt: skip
        else:
            scale = min(max_w / image.width(), max_h / image.height())
            w, h = image.width() * scale, image.height() * scale
            pixels = QSize(round(w / 254 * PHOTO_DPI), round(h / 254 * PHOTO_DPI))
            if image.width() > pixels.width():
                image = image.scaled(
                    pixels,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self.room(h + caption_h + 20)
            rect = self.box(0, self.y, w, h)
            self.add(lambda p, r=rect, i=image: p.drawImage(r, i))
            height = h
        self.y += height + 10
        self.add(self.text_op(self.box(0, self.y, CONTENT_W, caption_h), caption, caption_f,
                              MUTED, self.align()))  # fmt: skip
        self.y += caption_h + 40

    def chart(self, height: float, draw: Callable[[QPainter, QRectF], None], *, x: float = 0,
              width: float = CONTENT_W, advance: bool = True) -> None:  # fmt: skip
        """A chart drawn by a painter function of ui/coordinator/charts.py in a box."""
        if x == 0:
            self.room(height)
        rect = self.box(x, self.y, width, height)

        def op(p: QPainter) -> None:
            p.setFont(font(SMALL_PX))
            draw(p, rect)

        self.add(op)
        if advance:
            self.y += height + 40

    # running header and footer
    def finish(self, start: str, end: str, subtitle: str) -> None:
        """Header (start: code and French name; end: Arabic name) and 'page n / N' on every
        page, once the page count is known."""
        count = len(self.pages)
        head_f, small_f = font(SMALL_PX, bold=True), font(SMALL_PX)
        half = CONTENT_W / 2
        for index, page in enumerate(self.pages):

            def header(p: QPainter) -> None:
                p.setFont(head_f)
                p.setPen(INK)
                p.drawText(self.box(0, 110, half + 200, 60), int(self.align()), start)
                p.drawText(self.box(half - 200, 110, half + 200, 60),
                           int(self.align("end")), end)  # fmt: skip
                p.setFont(small_f)
                p.setPen(MUTED)
                p.drawText(self.box(0, 168, CONTENT_W, 50), int(self.align()), subtitle)
                p.setPen(QPen(RULE, 3))
                p.drawLine(QPointF(MARGIN_X, 225), QPointF(PAGE_W - MARGIN_X, 225))

            footer_text = (
                self.wording.tr("Page %1 of %2")
                .replace("%1", self.wording.isolated(str(index + 1)))
                .replace("%2", self.wording.isolated(str(count)))
            )

            def footer(p: QPainter, text: str = footer_text) -> None:
                p.setPen(QPen(RULE, 3))
                p.drawLine(QPointF(MARGIN_X, BOTTOM + 40), QPointF(PAGE_W - MARGIN_X, BOTTOM + 40))
                p.setFont(small_f)
                p.setPen(MUTED)
                p.drawText(self.box(0, BOTTOM + 60, CONTENT_W, 50), int(self.align()), self.title)
                p.drawText(self.box(0, BOTTOM + 60, CONTENT_W, 50), int(self.align("end")), text)

            page.insert(0, header)
            page.append(footer)


def paint_page(painter: QPainter, sheet: Sheet, index: int, width: float, height: float) -> None:
    """Paint page `index` of `sheet` on whatever `painter` paints on, `width` × `height`
    device pixels: the one render function for the PDF and for images."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.scale(width / PAGE_W, height / PAGE_H)
    painter.fillRect(QRectF(0, 0, PAGE_W, PAGE_H), QColor("white"))
    # The reading direction decides how Arabic and Latin runs are ordered on a line.
    painter.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if sheet.rtl else Qt.LayoutDirection.LeftToRight
    )
    for op in sheet.pages[index]:
        op(painter)
    painter.restore()


def page_image(sheet: Sheet, index: int = 0, width: int = 1240) -> QImage:
    """A page as an image (1240 px wide ≈ 150 dpi): the same painting as the PDF."""
    height = round(width * PAGE_H / PAGE_W)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_page(painter, sheet, index, width, height)
    painter.end()
    return image


def write_pdf(sheet: Sheet, target: Path, progress: ReportProgress | None = None) -> ReportResult:
    """Write the sheet to `target` through a temporary file in the same folder, renamed at the
    end; on any failure the temporary file is removed and `target` is left as it was."""
    target = Path(target)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".part")
        os.close(fd)
    except OSError as exc:
        raise _error_for(exc, target.parent) from exc
    tmp = Path(name)
    try:
        writer = QPdfWriter(str(tmp))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        writer.setResolution(PDF_DPI)
        writer.setTitle(sheet.title)
        writer.setCreator("FieldApp")
        painter = QPainter()
        if not painter.begin(writer):
            raise ReportError("unwritable", target.parent)
        try:
            for index in range(len(sheet.pages)):
                if progress is not None:
                    progress.step(index, len(sheet.pages))
                if index:
                    writer.newPage()
                paint_page(painter, sheet, index, writer.width(), writer.height())
        finally:
            ended = painter.end()
        del writer
        if not ended or tmp.stat().st_size == 0:
            raise ReportError("disk_full", target.parent)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)  # mkstemp made it private; a report is an ordinary file
        os.replace(tmp, target)
    except OSError as exc:
        raise _error_for(exc, target.parent) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return ReportResult(target, len(sheet.pages), list(sheet.missing_photos))


def _error_for(exc: OSError, path: Path) -> ReportError:
    import errno

    code = "disk_full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else "unwritable"
    return ReportError(code, path, exc.strerror or "")
