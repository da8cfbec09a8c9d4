"""Charts drawn with QPainter: horizontal bars and stacked progress bars.

PySide6-Essentials has no QtCharts, and matplotlib would add tens of MB to the installer for a
handful of bar charts; a painter function is enough, and the same function draws on a widget
and on a PDF page (ui/reports.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#1565c0", "#2e7d32", "#d08700", "#6a1b9a", "#00838f", "#c62828", "#5d4037")
PROGRESS_COLOURS = {
    "not_started": QColor("#9e9e9e"),
    "draft": QColor("#d08700"),
    "finalized": QColor("#64b5f6"),
    "synced": QColor("#1565c0"),
    "returned": QColor("#c62828"),
    "approved": QColor("#2e7d32"),
}

Bars = Sequence[tuple[str, float]]


def _side(right: bool) -> Qt.AlignmentFlag:
    """Left or right as drawn: a painter right to left (an Arabic UI, a PDF page) would
    otherwise swap a plain AlignLeft / AlignRight, and the labels would cover the bars."""
    side = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignAbsolute


def _fmt(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") if abs(value) >= 10 else f"{value:g}"


def paint_bars(
    painter: QPainter,
    rect: QRectF,
    title: str,
    bars: Bars,
    *,
    value_text: Callable[[float], str] = _fmt,
    rtl: bool = False,
) -> None:
    """A titled horizontal bar chart inside `rect` (labels left, or right when `rtl`)."""
    metrics = QFontMetricsF(painter.font())
    line = metrics.height()
    painter.save()
    painter.setPen(QColor("#202020"))
    title_rect = QRectF(rect.left(), rect.top(), rect.width(), line * 1.4)
    align = _side(rtl)
    bold = painter.font()
    bold.setBold(True)
    painter.setFont(bold)
    painter.drawText(title_rect, int(align | Qt.AlignmentFlag.AlignVCenter), title)
    plain = painter.font()
    plain.setBold(False)
    painter.setFont(plain)
    if not bars:
        painter.restore()
        return
    top = title_rect.bottom() + line * 0.3
    row = min(line * 1.6, (rect.bottom() - top) / max(1, len(bars)))
    label_w = min(rect.width() * 0.4, max(metrics.horizontalAdvance(b[0]) for b in bars) + 8)
    value_w = max(metrics.horizontalAdvance(value_text(b[1])) for b in bars) + 8
    bar_w = max(10.0, rect.width() - label_w - value_w)
    peak = max((b[1] for b in bars), default=0) or 1
    for i, (label, value) in enumerate(bars):
        y = top + i * row
        length = bar_w * value / peak
        if rtl:
            label_rect = QRectF(rect.right() - label_w, y, label_w - 6, row)
            bar = QRectF(rect.right() - label_w - length, y + row * 0.15, length, row * 0.7)
            value_rect = QRectF(bar.left() - value_w, y, value_w - 4, row)
            label_align = value_align = _side(True)
        else:
            label_rect = QRectF(rect.left(), y, label_w - 6, row)
            bar = QRectF(rect.left() + label_w, y + row * 0.15, length, row * 0.7)
            value_rect = QRectF(bar.right() + 4, y, value_w, row)
            label_align = value_align = _side(False)
        painter.setPen(QColor("#202020"))
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_rect.width())
        painter.drawText(label_rect, int(label_align | Qt.AlignmentFlag.AlignVCenter), elided)
        painter.fillRect(bar, QColor(PALETTE[i % len(PALETTE)]))
        painter.drawText(
            value_rect, int(value_align | Qt.AlignmentFlag.AlignVCenter), value_text(value)
        )
    painter.restore()


def paint_stacked(
    painter: QPainter,
    rect: QRectF,
    title: str,
    rows: Sequence[tuple[str, dict[str, int]]],
    states: Sequence[str],
    state_label: Callable[[str], str],
    *,
    rtl: bool = False,
) -> None:
    """One stacked bar per row (a region, site or agent) of counts by progress state, with a
    legend under the title."""
    metrics = QFontMetricsF(painter.font())
    line = metrics.height()
    painter.save()
    bold = painter.font()
    bold.setBold(True)
    painter.setFont(bold)
    align = _side(rtl)
    painter.setPen(QColor("#202020"))
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), line * 1.4),
        int(align | Qt.AlignmentFlag.AlignVCenter),
        title,
    )
    bold.setBold(False)
    painter.setFont(bold)
    # Legend
    x = rect.right() if rtl else rect.left()
    y = rect.top() + line * 1.5
    for state in states:
        text = state_label(state)
        width = metrics.horizontalAdvance(text) + line + 14
        box = QRectF(x - line if rtl else x, y + line * 0.15, line * 0.7, line * 0.7)
        painter.fillRect(box, PROGRESS_COLOURS[state])
        text_rect = (
            QRectF(x - width + 4, y, width - line - 4, line)
            if rtl
            else QRectF(x + line, y, width - line, line)
        )
        painter.drawText(text_rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)
        x = x - width if rtl else x + width
    top = y + line * 1.5
    if not rows:
        painter.restore()
        return
    row = min(line * 1.6, (rect.bottom() - top) / max(1, len(rows)))
    label_w = min(rect.width() * 0.3, max(metrics.horizontalAdvance(r[0]) for r in rows) + 8)
    total_w = metrics.horizontalAdvance("00000") + 8
    bar_w = max(10.0, rect.width() - label_w - total_w)
    peak = max((sum(c.values()) for _, c in rows), default=0) or 1
    for i, (label, counts) in enumerate(rows):
        yy = top + i * row
        total = sum(counts.values())
        if rtl:
            label_rect = QRectF(rect.right() - label_w, yy, label_w - 6, row)
            cursor = rect.right() - label_w
        else:
            label_rect = QRectF(rect.left(), yy, label_w - 6, row)
            cursor = rect.left() + label_w
        painter.setPen(QColor("#202020"))
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_rect.width())
        painter.drawText(label_rect, int(align | Qt.AlignmentFlag.AlignVCenter), elided)
        for state in states:
            n = counts.get(state, 0)
            if not n:
                continue
            length = bar_w * n / peak
            seg = QRectF(cursor - length if rtl else cursor, yy + row * 0.15, length, row * 0.7)
            painter.fillRect(seg, PROGRESS_COLOURS[state])
            cursor = cursor - length if rtl else cursor + length
        total_rect = (
            QRectF(cursor - total_w, yy, total_w - 4, row)
            if rtl
            else QRectF(cursor + 4, yy, total_w, row)
        )
        painter.drawText(total_rect, int(align | Qt.AlignmentFlag.AlignVCenter), str(total))
    painter.restore()


class Chart(QWidget):
    """A widget that draws one chart with a painter function; `set_data` then repaints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.bars: list[tuple[str, float]] = []
        self.rows: list[tuple[str, dict[str, int]]] = []
        self.states: Sequence[str] = ()
        self.state_label: Callable[[str], str] = str
        self.value_text: Callable[[float], str] = _fmt
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        rows = max(len(self.bars), len(self.rows), 3)
        return QSize(360, int(self.fontMetrics().height() * (rows * 1.6 + 4)))

    def set_bars(
        self, title: str, bars: Bars, value_text: Callable[[float], str] | None = None
    ) -> None:
        self.title, self.bars, self.rows = title, list(bars), []
        if value_text is not None:
            self.value_text = value_text
        self.updateGeometry()
        self.update()

    def set_rows(
        self,
        title: str,
        rows: Sequence[tuple[str, dict[str, int]]],
        states: Sequence[str],
        state_label: Callable[[str], str],
    ) -> None:
        self.title, self.rows, self.bars = title, list(rows), []
        self.states, self.state_label = states, state_label
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        rect = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if self.rows or self.states:
            paint_stacked(
                painter, rect, self.title, self.rows, self.states, self.state_label, rtl=rtl
            )
        else:
            paint_bars(painter, rect, self.title, self.bars, value_text=self.value_text, rtl=rtl)
        painter.end()
