"""The offline map of a geotrace or geoshape question: the coordinator map's outline and
projection (no tiles, no network), with the trace drawn on it. A click adds a point where it
falls; dragging pans, the wheel zooms. The typed points are the answer: the map draws them
and only appends to them, so the keyboard stays a full alternative."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from ui.coordinator.mapview import MapView

MIN_SPAN_DEG = 0.002  # ~200 m: the view around a single point or a small shape


class TraceMap(MapView):
    point_added = Signal(float, float)  # latitude, longitude

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("traceMap")
        self.trace: list[tuple[float, float]] = []  # (lat, lon)
        self.shape = False
        self.setMinimumSize(320, 220)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a mouse aid: the points are typed

    def set_trace(self, points: list[tuple[float, float]], *, shape: bool, fit: bool) -> None:
        self.trace = list(points)
        self.shape = shape
        if fit and self.trace:
            self.fit_trace()
        self.update()

    def fit_trace(self) -> None:
        lats = [p[0] for p in self.trace]
        lons = [p[1] for p in self.trace]
        span = max(max(lats) - min(lats), max(lons) - min(lons), MIN_SPAN_DEG)
        self.center = QPointF((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
        height = max(1, self.height() - 20)
        self.scale = max(5.0, min(20000.0, height / (span * 1.6)))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        clicked = not self._dragged
        self._press = None
        if clicked and self.isEnabled():
            geo = self.to_geo(event.position())
            self.point_added.emit(geo.y(), geo.x())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double click is two points, as two clicks (no zoom: the wheel zooms)."""

    def _legend(self, painter: QPainter) -> None:
        """No status legend: the map holds a trace, not establishments."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.trace:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = QPolygonF([self.to_screen(lon, lat) for lat, lon in self.trace])
        painter.setPen(QPen(QColor("#1565c0"), 2.5))
        if self.shape and len(self.trace) >= 3:
            painter.setBrush(QColor(21, 101, 192, 60))
            painter.drawPolygon(line)
        else:
            painter.drawPolyline(line)
        painter.setBrush(QColor("#1565c0"))
        painter.setPen(QPen(QColor("white"), 1.2))
        for point in line:
            painter.drawEllipse(point, 4.0, 4.0)
        painter.end()
