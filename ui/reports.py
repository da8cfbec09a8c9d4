"""PDF reports: one establishment's baseline (answers, photos, key indicators) and a region's
summary (progress and the baseline's indicators, with charts), in French, Arabic or English.

A report is laid out once into pages of paint operations, in device-independent units (a
tenth of a millimetre of an A4 page), and then painted on any device by `paint_page`: a
QPdfWriter for the file, a QImage for a preview or a screenshot. One render function, two
devices. Generation runs off the UI thread (`ReportActions` hands plain data to `Tasks.run`);
the file is written under a temporary name in the target folder and renamed at the end, so
nobody ever opens half a PDF. Problems are codes (`ReportError`) that the UI tells in words.
The report's language is its own: it may differ from the UI's, so its words come from
translators loaded for it alone (`Wording`), never from the ones installed on the app.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QObject, QPointF, QRectF, QSize, Qt, QTimer, QTranslator
from PySide6.QtGui import (
    QAction,
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
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from fieldapp import indicators
from fieldapp.domain import Establishment, Survey
from fieldapp.forms import Form, Group, Question
from fieldapp.geo import REGION_BY_CODE, REGIONS
from fieldapp.store import Store
from ui.coordinator.answers import answer_text, text_of
from ui.coordinator.charts import paint_bars, paint_stacked
from ui.languages import LANGUAGES, RIGHT_TO_LEFT, current_language, language_name, qm_path

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


# -- words in the report's language ---------------------------------------------------------

STATE_SOURCES = {
    "not_started": "Not started",
    "draft": "Draft",
    "finalized": "Finalized",
    "synced": "Synced",
    "returned": "Returned",
    "approved": "Approved",
}
TYPE_SOURCES = {
    "elderly": "Home for the elderly",
    "children": "Children's home",
    "disability": "Centre for people with disabilities",
    "women": "Centre for women in difficulty",
    "multipurpose": "Multi-purpose social centre",
}
_PLACE_AR = {
    **{p.name_fr: p.name_ar for r in REGIONS for p in r.provinces},
    **{c.name_fr: c.name_ar for r in REGIONS for p in r.provinces for c in p.communes},
}


class Wording:
    """The report's words in its own language: the 'Report' context of reports_<lang>.qm,
    type names from the app's 'Labels', region and place names from fieldapp.geo."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "fr"
        self.rtl = self.lang in RIGHT_TO_LEFT
        self._translators: list[QTranslator] = []
        for domain in ("reports", "fieldapp"):
            path = qm_path(self.lang, domain)
            translator = QTranslator()
            if path is not None and translator.load(str(path)):
                self._translators.append(translator)

    def tr(self, text: str, context: str = "Report") -> str:
        for translator in self._translators:
            out = translator.translate(context, text)
            if out:
                return out
        return text

    def state(self, code: str) -> str:
        return self.tr(STATE_SOURCES.get(code, code))

    def type(self, code: str) -> str:
        source = TYPE_SOURCES.get(code)
        return self.tr(source, "Labels") if source else code

    def region(self, code: str) -> str:
        region = REGION_BY_CODE.get(code)
        if region is None:
            return code or self.tr("(none)")
        return region.name_ar if self.lang == "ar" else region.name_fr

    def place(self, name_fr: str) -> str:
        return _PLACE_AR.get(name_fr, name_fr) if self.lang == "ar" else name_fr


def ltr(text: str) -> str:
    """Figures kept in their order on a right to left line (a chart's '0–500', which would
    read '500–0'); text laid out here goes through `directed` instead."""
    return f"\u202a{text}\u202c" if text else text


def directed(text: str, rtl: bool) -> str:
    """Each line in its own script's direction: a French sentence in an Arabic report keeps its
    full stop at its end, an Arabic name in a French report reads right to left, a GPS
    position or '69 / 20 (345 %)' keeps its order. The line's first strong letter decides (as a
    browser's dir="auto" does); a line of figures alone reads left to right."""
    lines = []
    for line in text.split("\n"):
        strong = next(
            (d for d in map(unicodedata.bidirectional, line) if d in ("L", "R", "AL")), ""
        )
        if rtl and strong in ("L", "") and line.strip():
            line = f"\u202a{line}\u202c"
        elif not rtl and strong in ("R", "AL"):
            line = f"\u202b{line}\u202c"
        lines.append(line)
    return "\n".join(lines)


def number(value: float, decimals: int = 0) -> str:
    """45 300 or 12.5: grouped by spaces, as French and Moroccan readers write them; Latin
    digits in every language (Morocco's usage, also in Arabic)."""
    if decimals == 0 or float(value).is_integer():
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:,.{decimals}f}".replace(",", " ").rstrip("0").rstrip(".")


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

    def photo(self, caption: str, path: Path | None, filename: str) -> None:
        """A photo scaled to fit (at most 100 mm high), or a placeholder saying it is missing."""
        max_w, max_h = CONTENT_W * 0.75, 1000.0
        image = QImage()
        if path is not None and path.is_file():
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)  # phones store sideways pixels and an EXIF turn
            image = reader.read()
        caption_f = font(SMALL_PX)
        caption_h = self.text_height(caption, caption_f, CONTENT_W)
        if image.isNull():
            self.missing_photos.append(filename)
            height = 300.0
            self.room(height + caption_h + 20)
            rect = self.box(0, self.y, max_w, height)
            note = self.wording.tr("Photo missing on this computer: %1").replace("%1", filename)

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
                .replace("%1", str(index + 1))
                .replace("%2", str(count))
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


# -- the establishment report -----------------------------------------------------------------


@dataclass(slots=True)
class EstablishmentData:
    """What an establishment report is made of, read on the UI thread (quick indexed reads)
    and handed to the worker as plain data."""

    establishment: Establishment
    survey: Survey | None
    form: Form | None
    attachment_path: Callable[[str], Path]


SKIPPED = {"note", "calculate"}


def _answer(question: Question, value: Any, wording: Wording) -> str:
    if value is None or value == "" or value == []:
        return ""
    if question.type == "geopoint" and isinstance(value, dict):
        try:
            text = f"{float(value['lat']):.5f}, {float(value['lon']):.5f}"
        except (KeyError, TypeError, ValueError):
            return str(value)
        if value.get("accuracy") not in (None, ""):
            text += f" (± {number(float(value['accuracy']))} m)"
        return text
    if question.type in ("integer", "decimal") and not isinstance(value, bool):
        try:
            return number(float(value), 2)
        except (TypeError, ValueError):
            return str(value)
    if question.type == "rank" and isinstance(value, list):
        labels = {c.name: text_of(c.label, wording.lang) for c in question.choices}
        return "\n".join(f"{i}. {labels.get(str(n), str(n))}" for i, n in enumerate(value, 1))
    return answer_text(question, value, wording.lang)


def _label(item: Question | Group, wording: Wording) -> str:
    return text_of(item.label, wording.lang) or item.name


def establishment_sheet(data: EstablishmentData, lang: str, *, today: str = "") -> Sheet:
    """Lay out one establishment's report: identification, key indicators, the answers by
    section (non-relevant ones left out), repeats as small tables, photos."""
    wording = Wording(lang)
    tr = wording.tr
    e, survey, form = data.establishment, data.survey, data.form
    today = today or datetime.now(UTC).date().isoformat()
    sheet = Sheet(wording, tr("Baseline report"))
    sheet.paragraph(tr("Baseline report"), px=TITLE_PX, bold=True, colour=ACCENT)
    names = f"{e.name_ar}" if wording.lang == "ar" else e.name_fr
    sheet.paragraph(f"{e.code} — {names or e.name_fr or e.name_ar}", px=HEADING_PX, bold=True)
    if form is not None:
        sheet.paragraph(text_of(form.title, wording.lang), colour=MUTED)
    sheet.space(20)
    gps = (
        f"{e.latitude:.5f}, {e.longitude:.5f}"
        if e.latitude is not None and e.longitude is not None
        else "—"
    )
    ident = [
        (tr("Code"), e.code),
        (tr("Name (French)"), e.name_fr or "—"),
        (tr("Name (Arabic)"), e.name_ar or "—"),
        (tr("Type"), wording.type(e.type)),
        (tr("Capacity"), "—" if e.capacity is None else number(e.capacity)),
        (tr("Region"), wording.region(e.region)),
        (tr("Province"), wording.place(e.province) or "—"),
        (tr("Commune"), wording.place(e.commune) or "—"),
        (tr("Nearest OCP site"), e.site or "—"),
        (tr("GPS position"), gps),
    ]
    if survey is not None:
        ident += [
            (tr("Survey status"), wording.state(str(survey.status))),
            (tr("Agent"), survey.author or "—"),
            (tr("Last saved"), survey.updated_at[:10]),
            (tr("Form version"), f"{survey.form_id} {survey.form_version}"),
        ]
    sheet.table(ident, (0.38, 0.62), bold_first=True)
    if survey is None:
        sheet.paragraph(tr("No survey of this establishment yet."), colour=MUTED)
        sheet.finish(*_running_header(e, wording), today)
        return sheet
    answers = survey.answers if isinstance(survey.answers, dict) else {}
    if form is None:
        sheet.paragraph(tr("The form of this survey is not on this computer."), colour=MUTED)
        sheet.finish(*_running_header(e, wording), today)
        return sheet
    evaluation = form.evaluate(answers)
    _key_indicators(sheet, form, answers, wording)
    for section in form.sections:
        if not evaluation.is_relevant(section.name):
            continue
        _section(sheet, section, answers, evaluation, wording, data.attachment_path)
    sheet.finish(*_running_header(e, wording), today)
    return sheet


def _running_header(e: Establishment, wording: Wording) -> tuple[str, str]:
    """The code with the name in the report's language at the start, the other name at the
    end: both names on every page."""
    if wording.lang == "ar":
        return f"{e.code} · {e.name_ar or e.name_fr}", e.name_fr
    return f"{e.code} · {e.name_fr or e.name_ar}", e.name_ar


def _choice(form: Form, question: str, code: str, wording: Wording) -> str:
    try:
        choice = form.question(question).choice(code)
    except KeyError:
        return code
    return text_of(choice.label, wording.lang) if choice is not None else code


def _key_indicators(sheet: Sheet, form: Form, answers: dict[str, Any], wording: Wording) -> None:
    """The figures the programme's axes start from, computed as the dashboard does."""
    tr = wording.tr
    ind = indicators.Indicators()
    indicators.add_answers(ind, form, answers)
    sheet.heading(tr("Key indicators"))
    connection = "—"
    if ind.connection_types:
        code = next(iter(ind.connection_types))
        connection = _choice(form, "connection_type", code, wording)
        down, up = answers.get("download_mbps"), answers.get("upload_mbps")
        if code != "none" and isinstance(down, int | float) and isinstance(up, int | float):
            connection += f"\n↓ {number(down, 1)} / ↑ {number(up, 1)}\u00a0Mbit/s"
    if ind.bills_monthly:
        bills = (
            tr("%1 MAD in total").replace("%1", number(ind.bills_total_mad))
            + "\n"
            + tr("%1 MAD a month").replace("%1", number(ind.bills_monthly[0]))
        )
    elif answers.get("grid_connected") == "no":
        bills = tr("Not connected to the grid")
    else:
        bills = "—"
    water = ", ".join(_choice(form, "hot_water_source", k, wording) for k in ind.hot_water) or "—"
    roof = "—"
    if ind.roof_areas:
        roof = (
            tr("%1 m²").replace("%1", number(ind.roof_area_total))
            + "\n"
            + tr("about %1 kWp of solar").replace("%1", number(ind.solar_potential_kwp, 1))
        )
    needs = answers.get("priority_needs")
    ranked = (
        "\n".join(
            f"{i}. {_choice(form, 'priority_needs', str(n), wording)}"
            for i, n in enumerate(needs[:3], 1)
        )
        if isinstance(needs, list) and needs
        else "—"
    )
    sheet.tiles(
        [
            (tr("Internet connection"), connection),
            (tr("Electricity bills (12 months)"), bills),
            (tr("Hot water"), water),
            (tr("Usable roof area"), roof),
            (tr("Priority needs (first three)"), ranked),
            (tr("Residents / capacity"), _occupancy(answers)),
        ]
    )


def _occupancy(answers: dict[str, Any]) -> str:
    residents, capacity = answers.get("residents_total"), answers.get("capacity")
    if isinstance(residents, int | float) and isinstance(capacity, int | float) and capacity:
        return f"{number(residents)} / {number(capacity)} ({round(100 * residents / capacity)} %)"
    return "—"


def _section(
    sheet: Sheet,
    section: Group,
    answers: dict[str, Any],
    evaluation: Any,
    wording: Wording,
    attachment_path: Callable[[str], Path],
) -> None:
    rows: list[tuple[str, str]] = []
    pending: list[Callable[[], None]] = []
    started = False

    def start() -> None:
        nonlocal started
        if not started:
            sheet.heading(_label(section, wording))
            started = True

    def flush() -> None:
        if rows:
            start()
            sheet.table(list(rows), (0.45, 0.55), bold_first=True)
            rows.clear()
        for block in pending:
            start()
            block()
        pending.clear()

    for item in section.children:
        if isinstance(item, Group):
            if item.type == "repeat":
                if evaluation.is_relevant(item.name) and evaluation.instances(item.name):
                    flush()
                    start()
                    _repeat_table(sheet, item, answers, evaluation, wording)
            else:
                if evaluation.is_relevant(item.name):
                    flush()
                    start()
                    _section(sheet, item, answers, evaluation, wording, attachment_path)
            continue
        if item.type in SKIPPED or not evaluation.is_relevant(item.name):
            continue
        value = answers.get(item.name)
        text = _answer(item, value, wording)
        if not text:
            continue
        rows.append((_label(item, wording), text))
        if item.type == "image" and isinstance(value, dict):
            sha = str(value.get("sha256") or "")
            filename = str(value.get("filename") or sha[:12])
            path = attachment_path(sha) if sha else None
            caption = _label(item, wording)
            pending.append(lambda c=caption, p=path, f=filename: sheet.photo(c, p, f))
    flush()


def _repeat_table(
    sheet: Sheet, group: Group, answers: dict[str, Any], evaluation: Any, wording: Wording
) -> None:
    """A repeat (the 12 monthly bills, staff by role) as a small table, one row per instance."""
    columns = [
        q
        for q in group.children
        if isinstance(q, Question) and q.type not in SKIPPED and q.type != "image"
    ]
    instances = answers.get(group.name)
    if not columns or not isinstance(instances, list):
        return
    rows = []
    for index, instance in enumerate(instances):
        if not isinstance(instance, dict):
            continue
        cells = []
        for q in columns:
            relevant = evaluation.is_relevant(q.name, index)
            cells.append(_answer(q, instance.get(q.name), wording) if relevant else "")
        if any(cells):
            rows.append(cells)
    if not rows:
        return
    sheet.paragraph(_label(group, wording), bold=True)
    numeric = [q.type in ("integer", "decimal") for q in columns]
    sheet.table(
        rows,
        [1.0] * len(columns),
        header=[_label(q, wording) for q in columns],
        px=SMALL_PX,
        numeric=numeric,
    )


def write_establishment_report(
    data: EstablishmentData,
    target: Path,
    lang: str,
    progress: ReportProgress | None = None,
) -> ReportResult:
    """Lay out and write one establishment's report (runs on a worker)."""
    if progress is not None:
        progress.step(0, 1)
    sheet = establishment_sheet(data, lang)
    return write_pdf(sheet, target, progress)


# -- the regional summary ---------------------------------------------------------------------


@dataclass(slots=True)
class RegionSummary:
    """Progress per province, site and agent, and the indicators, of some regions."""

    regions: list[str]
    by_province: dict[str, Counter[str]] = field(default_factory=dict)
    by_site: dict[str, Counter[str]] = field(default_factory=dict)
    by_agent: dict[str, Counter[str]] = field(default_factory=dict)
    total: Counter[str] = field(default_factory=Counter)
    indicators: indicators.Indicators = field(default_factory=indicators.Indicators)


def summarize(
    store: Store,
    regions: Sequence[str],
    form: Form | None,
    progress: ReportProgress | None = None,
) -> RegionSummary:
    """One pass over the establishments of `regions` (all when empty), counting each by the
    state of its latest survey (fieldapp.indicators' rules) and adding its baseline."""
    where, params = "", list(regions)
    if regions:
        where = f" WHERE e.region IN ({','.join('?' * len(regions))})"
    count = store.conn.execute(
        f"SELECT count(*) FROM establishments e{where}",  # noqa: S608
        params,
    ).fetchone()[0]
    pending = {
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT entity_id FROM changes WHERE entity IN ('survey', "
            "'conflict_resolution') AND state = 'pending'"
        )
    }
    sql = (
        "SELECT e.province, e.site, e.agents, s.id, s.status, s.base_revision, s.author,"
        " s.answers FROM establishments e LEFT JOIN surveys s ON s.id = ("
        " SELECT t.id FROM surveys t WHERE t.establishment_id = e.id"
        " ORDER BY t.created_at DESC, t.id DESC LIMIT 1)"
    )
    rows = store.conn.execute(sql + where + " ORDER BY e.code", params)
    summary = RegionSummary(list(regions))
    for n, (province, site, agents, sid, status, base, author, answers) in enumerate(rows):
        if progress is not None and n % 20 == 0:
            progress.step(n, count)
        state = indicators.progress_state(status, int(base or 0), sid in pending)
        summary.total[state] += 1
        summary.by_province.setdefault(province or "", Counter())[state] += 1
        summary.by_site.setdefault(site or "", Counter())[state] += 1
        names = json.loads(agents or "[]") or ([author] if author else [indicators.UNASSIGNED])
        for name in names:
            summary.by_agent.setdefault(str(name), Counter())[state] += 1
        if status in ("finalized", "approved"):
            indicators.add_answers(summary.indicators, form, json.loads(answers))
    if progress is not None:
        progress.step(count, count)
    return summary


def region_sheet(summary: RegionSummary, lang: str, form: Form | None, *, today: str = "") -> Sheet:
    """Lay out a regional summary: key figures, progress charts and tables, indicator charts."""
    wording = Wording(lang)
    tr = wording.tr
    today = today or datetime.now(UTC).date().isoformat()
    places = (
        " · ".join(wording.region(r) for r in summary.regions)
        if summary.regions
        else tr("All regions")
    )
    sheet = Sheet(wording, tr("Regional summary"))
    sheet.paragraph(tr("Regional summary"), px=TITLE_PX, bold=True, colour=ACCENT)
    sheet.paragraph(places, px=HEADING_PX, bold=True)
    if form is not None:
        sheet.paragraph(text_of(form.title, wording.lang), colour=MUTED)
    total = sum(summary.total.values())
    ind = summary.indicators
    surveyed = summary.total["finalized"] + summary.total["synced"] + summary.total["approved"]
    share = f"{round(100 * surveyed / total)} %" if total else "—"
    average = (
        tr("%1 MAD a month").replace("%1", number(sum(ind.bills_monthly) / len(ind.bills_monthly)))
        if ind.bills_monthly
        else "—"
    )
    sheet.tiles(
        [
            (tr("Establishments"), number(total)),
            (tr("Surveyed (finalized or approved)"), f"{number(surveyed)}  ({share})"),
            (tr("Approved"), number(summary.total["approved"])),
            (
                tr("Connected to the Internet"),
                f"{round(100 * ind.connected_share)} %"
                f"  ({ind.connected}/{ind.connection_answered})",
            ),
            (tr("Electricity billed (12 months)"),
             tr("%1 MAD in total").replace("%1", number(ind.bills_total_mad)) + "\n" + average),
            (tr("Usable roof area"),
             tr("%1 m²").replace("%1", number(ind.roof_area_total)) + "\n"
             + tr("about %1 kWp of solar").replace("%1", number(ind.solar_potential_kwp))),
        ]
    )  # fmt: skip
    states = indicators.PROGRESS
    province_rows = [
        (wording.place(k) if k else tr("(none)"), dict(v))
        for k, v in sorted(summary.by_province.items())
    ]
    sheet.heading(tr("Progress of the fieldwork"))
    line = QFontMetricsF(font(SMALL_PX)).height()
    height = line * (3.2 + 1.6 * max(1, len(province_rows)))
    sheet.chart(
        height,
        lambda p, r: paint_stacked(
            p, r, tr("Establishments by survey progress, per province"), province_rows, states,
            wording.state, rtl=wording.rtl,
        ),
    )  # fmt: skip
    for title, groups, label in (
        (tr("Per province"), summary.by_province, wording.place),
        (tr("Per OCP site"), summary.by_site, str),
        (tr("Per agent"), summary.by_agent, str),
    ):
        sheet.paragraph(title, bold=True)
        rows = []
        for key, counts in sorted(groups.items()):
            n = sum(counts.values())
            done = counts["finalized"] + counts["synced"] + counts["approved"]
            rows.append(
                [label(key) if key else tr("(none)")]
                + [str(counts.get(s, 0)) for s in states]
                + [str(n), f"{round(100 * done / n)} %" if n else "—"]
            )
        header = [title] + [wording.state(s) for s in states] + [tr("Total"), tr("Surveyed")]
        sheet.table(
            rows,
            [1.9] + [1.2] * len(states) + [0.8, 1.0],
            header=header,
            px=SMALL_PX,
            header_px=23,  # "Synchronisés" fits its column
            numeric=[False] + [True] * (len(states) + 2),
        )
    sheet.heading(tr("Baseline indicators"))
    sheet.paragraph(
        tr("From the latest finalized or approved survey of %1 establishments.").replace(
            "%1", str(ind.surveyed)
        ),
        colour=MUTED,
    )

    def choices(question: str, counts: Counter[str]) -> list[tuple[str, float]]:
        if form is None:
            return [(k, float(v)) for k, v in counts.most_common()]
        return [(_choice(form, question, k, wording), float(v)) for k, v in counts.most_common()]

    def iso(label: str) -> str:
        return ltr(label) if wording.rtl else label

    charts: list[tuple[str, list[tuple[str, float]]]] = [
        (
            tr("Connected to the Internet: %1%").replace(
                "%1", str(round(100 * ind.connected_share))
            ),
            [(tr("Connected"), ind.connected),
             (tr("Not connected"), ind.connection_answered - ind.connected)],
        ),
        (tr("Connection type"), choices("connection_type", ind.connection_types)),
        (tr("Hot-water source"), choices("hot_water_source", ind.hot_water)),
        (tr("Monthly electricity bill (MAD)"),
         [(iso(k), float(v)) for k, v in ind.bills_histogram()]),
        (tr("Usable roof area (m²)"), [(iso(k), float(v)) for k, v in ind.roof_histogram()]),
        (tr("Priority needs (rank score)"),
         choices("priority_needs", Counter(dict(ind.ranked_needs())))),
    ]  # fmt: skip
    gap = 60
    half = (CONTENT_W - gap) / 2
    for i in range(0, len(charts), 2):
        pair = charts[i : i + 2]
        height = line * (1.9 + 1.6 * max(1, max(len(bars) for _, bars in pair)))
        sheet.room(height)
        for j, (title, bars) in enumerate(pair):
            sheet.chart(
                height,
                lambda p, r, t=title, b=bars: paint_bars(p, r, t, b, rtl=wording.rtl),
                x=j * (half + gap),
                width=half,
                advance=j == len(pair) - 1,
            )
    sheet.finish(tr("Regional summary"), places, today)
    return sheet


def write_region_report(
    data_dir: Path,
    regions: Sequence[str],
    form: Form | None,
    target: Path,
    lang: str,
    progress: ReportProgress | None = None,
) -> ReportResult:
    """Count, lay out and write a regional summary (runs on a worker, own connection)."""
    with Store.open(data_dir) as store:
        summary = summarize(store, regions, form, progress)
    sheet = region_sheet(summary, lang, form)
    return write_pdf(sheet, target, progress)


# -- in the app ---------------------------------------------------------------------------------


class ReportDialog(QDialog):
    """Where to write a report and in which language (default: the UI's); for a regional
    summary, which region."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        default_path: Path,
        regions: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(title)
        self.language = QComboBox()
        self.language.setObjectName("reportLanguage")
        for lang in LANGUAGES:
            self.language.addItem(language_name(lang), lang)
        self.language.setCurrentIndex(max(0, LANGUAGES.index(current_language())))
        self.region = QComboBox()
        self.region.setObjectName("reportRegion")
        for code, label in regions:
            self.region.addItem(label, code)
        self.path = QLineEdit(str(default_path))
        self.path.setObjectName("reportPath")
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Language of the report:"), self.language)
        if regions:
            form.addRow(self.tr("Region:"), self.region)
        form.addRow(self.tr("File:"), where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(), "PDF (*.pdf)"
        )
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def choice(self) -> tuple[str, str, Path]:
        """(language, region code, path)."""
        return (
            str(self.language.currentData()),
            str(self.region.currentData() or ""),
            Path(self.path.text().strip()),
        )


class ReportActions(QObject):
    """The report buttons of a main window: an establishment's report from its detail pane
    (agents and coordinators), a regional summary for coordinators. Generation runs on the
    worker pool with a progress dialog that can cancel."""

    def __init__(self, window: Any, regions: Sequence[str], coordinator: bool) -> None:
        super().__init__(window)
        self.window = window
        self.regions = list(regions)
        self.coordinator = coordinator
        self.last_message = ""
        self.last_result: ReportResult | None = None
        self.shown: list[QMessageBox] = []
        self.progress: ReportProgress | None = None
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._poll)
        window.detail.report_requested.connect(self.ask_establishment)
        self.region_action = QAction(self)
        self.region_action.triggered.connect(self.ask_region)

    def retranslate(self) -> None:
        self.region_action.setText(self.tr("Regional &summary (PDF)…"))

    # -- asking ------------------------------------------------------------------------------

    def _default_dir(self) -> Path:
        documents = Path.home() / "Documents"
        return documents if documents.is_dir() else Path.home()

    def ask_establishment(self, establishment_id: str) -> None:
        establishment = self.window.store.get_establishment(establishment_id)
        dialog = ReportDialog(
            self.window,
            self.tr("Establishment report (PDF)"),
            self._default_dir() / f"{establishment.code}.pdf",
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            lang, _region, path = dialog.choice()
            self.establishment_report(establishment_id, path, lang)

    def region_choices(self) -> list[tuple[str, str]]:
        codes = self.regions or self.window.store.distinct_values("region")
        wording = Wording(current_language())
        choices = [(code, wording.region(code)) for code in codes]
        if len(codes) > 1:
            choices.insert(0, ("", self.tr("All my regions")))
        return choices

    def ask_region(self) -> None:
        choices = self.region_choices()
        dialog = ReportDialog(
            self.window,
            self.tr("Regional summary (PDF)"),
            self._default_dir() / "fieldapp-summary.pdf",
            choices,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            lang, region, path = dialog.choice()
            regions = [region] if region else self.regions
            self.region_report(regions, path, lang)

    # -- generating --------------------------------------------------------------------------

    def establishment_report(self, establishment_id: str, target: Path, lang: str) -> None:
        """Read what the report needs here (quick indexed reads), write it on the pool."""
        store = self.window.store
        establishment = store.get_establishment(establishment_id)
        surveys = store.surveys_for(establishment_id)
        survey = surveys[0] if surveys else None
        form = self.window.form_for(survey.form_id, survey.form_version) if survey else None
        data = EstablishmentData(establishment, survey, form, store.attachment_path)
        self._start(
            lambda progress: write_establishment_report(data, target, lang, progress),
            self.tr("Writing the report of %1…").replace("%1", establishment.code),
        )

    def region_report(self, regions: Sequence[str], target: Path, lang: str) -> None:
        from fieldapp.forms import baseline_form

        data_dir, form, regions = self.window.data_dir, baseline_form(), list(regions)
        self._start(
            lambda progress: write_region_report(data_dir, regions, form, target, lang, progress),
            self.tr("Writing the regional summary…"),
        )

    def _start(self, work: Callable[[ReportProgress], ReportResult], label: str) -> None:
        if self.progress is not None:
            self._say(self.tr("A report is already being written."))
            return
        progress = self.progress = ReportProgress()
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self.window)
        self.dialog.setObjectName("reportProgress")
        self.dialog.setMinimumDuration(400)
        self.dialog.canceled.connect(progress.cancel)
        self._timer.start()
        self.window.tasks.run(lambda: work(progress), success=self._done, failure=self._failed)

    def _poll(self) -> None:
        if self.progress is not None and self.dialog is not None and self.progress.total:
            self.dialog.setMaximum(self.progress.total)
            self.dialog.setValue(min(self.progress.done, self.progress.total - 1))

    def _finish(self) -> None:
        self._timer.stop()
        self.progress = None
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, result: ReportResult) -> None:
        self._finish()
        self.last_result = result
        text = self.tr("Report written: %1 (%n page(s)).", "", result.pages).replace(
            "%1", str(result.path)
        )
        if result.missing_photos:
            text += " " + self.tr(
                "%n photo(s) missing on this computer are marked in the report.",
                "",
                len(result.missing_photos),
            )
        self._say(text)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if not isinstance(exc, ReportError):
            self.window.errors.report(exc)
            return
        if exc.code == "cancelled":
            self._say(self.tr("Report cancelled: no file was written."))
            return
        text = {
            "unwritable": self.tr(
                "The report cannot be written in %1: the folder does not exist or is "
                "read-only. Choose another folder."
            ),
            "disk_full": self.tr("The disk is full: the report was not written in %1."),
        }.get(exc.code, self.tr("The report could not be written in %1.")).replace("%1", exc.path)
        self._say(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Report"), text,
                          QMessageBox.StandardButton.Ok, self.window)  # fmt: skip
        box.finished.connect(lambda _=0, b=box: self.shown.remove(b) if b in self.shown else None)
        self.shown.append(box)
        box.open()

    def _say(self, text: str) -> None:
        self.last_message = text
        self.window.statusBar().showMessage(text, 20000)
