"""Offline map: a simplified outline of Morocco and its regions (ui/morocco.geojson, shipped
with the app; no tile server), establishments as points coloured by survey status. Wheel to
zoom, drag to pan, click a point to open its establishment."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from fieldapp.geo import MOROCCO_BBOX
from ui.labels import STATUS_COLOURS, status_label
from ui.languages import current_language

POINT_RADIUS = 5.0
CLUSTER_PX = 22.0  # points closer than this on screen are drawn as one numbered group
CLICK_SLOP = 4.0  # pixels a click may move and still be a click, not a drag


def load_outline() -> list[dict[str, Any]]:
    text = resources.files("ui").joinpath("morocco.geojson").read_text("utf-8")
    return list(json.loads(text)["features"])


Point = tuple[str, float, float, str, str]  # id, lon, lat, status, code


@dataclass(slots=True)
class Cluster:
    """Nearby establishments at this zoom: drawn as one circle with their number."""

    center: QPointF
    members: list[Point] = field(default_factory=list)

    def status_counts(self) -> Counter[str]:
        return Counter(member[3] for member in self.members)


class MapView(QWidget):
    """200 establishments in a region would be 20 overlapping dots: nearby ones are grouped
    into a numbered circle in the colour of their most frequent status (click: zoom in),
    every point and group has a tooltip, the legend says what the colours and numbers are."""

    establishment_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coordinatorMap")
        self.features = load_outline()
        self.points: list[tuple[str, float, float, str, str]] = []  # id, lon, lat, status, code
        self.center = QPointF(-7.0, 29.0)  # lon, lat
        self.scale = 0.0  # pixels per degree of longitude; 0: fit on first paint
        self._press: QPointF | None = None
        self._dragged = False
        self.setMouseTracking(False)
        self.setMinimumSize(320, 240)

    def sizeHint(self) -> QSize:
        return QSize(800, 600)

    # -- data --------------------------------------------------------------------------------

    def set_points(self, points: list[tuple[str, float, float, str, str]]) -> None:
        self.points = [
            pt
            for pt in points
            if MOROCCO_BBOX["lon_min"] <= pt[1] <= MOROCCO_BBOX["lon_max"]
            and MOROCCO_BBOX["lat_min"] <= pt[2] <= MOROCCO_BBOX["lat_max"]
        ]
        self.fit()

    def fit(self) -> None:
        """Show every point (or the whole country when there is none)."""
        if self.points:
            lons = [p[1] for p in self.points]
            lats = [p[2] for p in self.points]
            west, east, south, north = min(lons), max(lons), min(lats), max(lats)
        else:
            west, east = MOROCCO_BBOX["lon_min"], MOROCCO_BBOX["lon_max"]
            south, north = MOROCCO_BBOX["lat_min"], MOROCCO_BBOX["lat_max"]
        pad = 0.5
        west, east, south, north = west - pad, east + pad, south - pad, north + pad
        self.center = QPointF((west + east) / 2, (south + north) / 2)
        kx = math.cos(math.radians(self.center.y()))
        width = max(1, self.width() - 20)
        height = max(1, self.height() - 20)
        self.scale = min(width / ((east - west) * kx), height / (north - south))
        self.update()

    # -- projection (equirectangular around the centre: fine at a country's scale) ----------

    def to_screen(self, lon: float, lat: float) -> QPointF:
        kx = math.cos(math.radians(self.center.y()))
        x = self.width() / 2 + (lon - self.center.x()) * kx * self.scale
        y = self.height() / 2 - (lat - self.center.y()) * self.scale
        return QPointF(x, y)

    def to_geo(self, pos: QPointF) -> QPointF:
        kx = math.cos(math.radians(self.center.y()))
        lon = self.center.x() + (pos.x() - self.width() / 2) / (kx * self.scale)
        lat = self.center.y() - (pos.y() - self.height() / 2) / self.scale
        return QPointF(lon, lat)

    def screen_pos(self, establishment_id: str) -> QPointF | None:
        for pid, lon, lat, _status, _code in self.points:
            if pid == establishment_id:
                return self.to_screen(lon, lat)
        return None

    def clusters(self) -> list[Cluster]:
        """Points grouped by proximity on screen (greedy, in a grid of CLUSTER_PX cells)."""
        cells: dict[tuple[int, int], Cluster] = {}
        found: list[Cluster] = []
        for point in self.points:
            at = self.to_screen(point[1], point[2])
            key = (int(at.x() // CLUSTER_PX), int(at.y() // CLUSTER_PX))
            near = next(
                (
                    cells[(key[0] + dx, key[1] + dy)]
                    for dx in (-1, 0, 1)
                    for dy in (-1, 0, 1)
                    if (key[0] + dx, key[1] + dy) in cells
                    and _distance(cells[(key[0] + dx, key[1] + dy)].center, at) < CLUSTER_PX
                ),
                None,
            )
            if near is None:
                near = Cluster(at)
                cells[key] = near
                found.append(near)
            near.members.append(point)
        for cluster in found:
            n = len(cluster.members)
            xs = [self.to_screen(m[1], m[2]) for m in cluster.members]
            cluster.center = QPointF(sum(p.x() for p in xs) / n, sum(p.y() for p in xs) / n)
        return found

    def cluster_at(self, pos: QPointF) -> Cluster | None:
        for cluster in self.clusters():
            if _distance(cluster.center, pos) <= _radius(len(cluster.members)) + 3:
                return cluster
        return None

    def tooltip_at(self, pos: QPointF) -> str:
        cluster = self.cluster_at(pos)
        if cluster is None:
            return ""
        if len(cluster.members) == 1:
            _pid, _lon, _lat, status, code = cluster.members[0]
            return f"{code} · {status_label(status)}"
        counts = ", ".join(
            f"{status_label(status)}: {n}" for status, n in cluster.status_counts().most_common()
        )
        return (
            self.tr("%n establishment(s) here (click to zoom in)", "", len(cluster.members))
            + "\n"
            + counts
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def point_at(self, pos: QPointF) -> str | None:
        best, best_d = None, (POINT_RADIUS + 3) ** 2
        for pid, lon, lat, _status, _code in self.points:
            p = self.to_screen(lon, lat)
            d = (p.x() - pos.x()) ** 2 + (p.y() - pos.y()) ** 2
            if d <= best_d:
                best, best_d = pid, d
        return best

    def zoom(self, factor: float, around: QPointF | None = None) -> None:
        around = around or QPointF(self.width() / 2, self.height() / 2)
        geo = self.to_geo(around)
        self.scale = max(5.0, min(20000.0, self.scale * factor))
        moved = self.to_screen(geo.x(), geo.y())
        self._pan(moved - around)

    def _pan(self, delta: QPointF) -> None:
        kx = math.cos(math.radians(self.center.y()))
        self.center = QPointF(
            self.center.x() + delta.x() / (kx * self.scale),
            self.center.y() - delta.y() / self.scale,
        )
        self.update()

    # -- events ------------------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.scale == 0.0:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.25**steps, event.position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        delta = event.position() - self._press
        if self._dragged or abs(delta.x()) + abs(delta.y()) > CLICK_SLOP:
            self._dragged = True
            self._press = event.position()
            self._pan(QPointF(-delta.x(), -delta.y()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        clicked = not self._dragged
        self._press = None
        if clicked:
            cluster = self.cluster_at(event.position())
            if cluster is not None and len(cluster.members) > 1:
                self.zoom(2.5, cluster.center)
                return
            chosen = self.point_at(event.position())
            if chosen is not None:
                self.establishment_chosen.emit(chosen)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.point_at(event.position()) is None:
            self.zoom(2.0, event.position())

    # -- painting ----------------------------------------------------------------------------

    def _path(self, geometry: dict[str, Any]) -> QPainterPath:
        path = QPainterPath()
        rings = geometry["coordinates"] if geometry["type"] == "Polygon" else []
        for ring in rings:
            for i, (lon, lat) in enumerate(ring):
                p = self.to_screen(lon, lat)
                if i == 0:
                    path.moveTo(p)
                else:
                    path.lineTo(p)
            path.closeSubpath()
        return path

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.scale == 0.0:
            self.fit()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#dceefa"))  # sea
        lang = current_language()
        for feature in self.features:
            kind = feature["properties"].get("kind")
            path = self._path(feature["geometry"])
            if kind == "country":
                painter.setPen(QPen(QColor("#6d6d6d"), 1.5))
                painter.setBrush(QColor("#f5f1e6"))
            else:
                painter.setPen(QPen(QColor("#9a8f75"), 1.0, Qt.PenStyle.DashLine))
                painter.setBrush(QColor(230, 221, 196, 120))
            painter.drawPath(path)
        painter.setPen(QColor("#6b6050"))
        for feature in self.features:
            props = feature["properties"]
            if props.get("kind") != "region":
                continue
            ring = feature["geometry"]["coordinates"][0]
            lon = sum(p[0] for p in ring) / len(ring)
            lat = sum(p[1] for p in ring) / len(ring)
            name = props["name_ar"] if lang == "ar" else props["name_fr"]
            at = self.to_screen(lon, lat)
            painter.drawText(
                QRectF(at.x() - 90, at.y() - 10, 180, 20), Qt.AlignmentFlag.AlignCenter, name
            )
        painter.setPen(QPen(QColor("white"), 1.2))
        plain = painter.font()
        bold = painter.font()
        bold.setBold(True)
        for cluster in self.clusters():
            n = len(cluster.members)
            status = cluster.status_counts().most_common(1)[0][0]
            painter.setPen(QPen(QColor("white"), 1.2))
            painter.setBrush(STATUS_COLOURS.get(status, QColor("#8a8a8a")))
            radius = _radius(n)
            painter.drawEllipse(cluster.center, radius, radius)
            if n > 1:
                painter.setFont(bold)
                painter.drawText(
                    QRectF(
                        cluster.center.x() - radius,
                        cluster.center.y() - radius,
                        2 * radius,
                        2 * radius,
                    ),
                    Qt.AlignmentFlag.AlignCenter,
                    str(n),
                )
        painter.setFont(plain)
        self._legend(painter)
        painter.end()

    def _legend(self, painter: QPainter) -> None:
        line = self.fontMetrics().height()
        statuses = list(STATUS_COLOURS)
        width = max(self.fontMetrics().horizontalAdvance(status_label(s)) for s in statuses) + 36
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        x = 10 if not rtl else self.width() - width - 10
        group_text = self.tr("(12) nearby establishments: click to zoom in")
        width = max(width, self.fontMetrics().horizontalAdvance(group_text) + 36)
        x = 10 if not rtl else self.width() - width - 10
        box = QRectF(x, 10, width, line * (len(statuses) + 1) + 12)
        painter.setPen(QColor("#b0b0b0"))
        painter.setBrush(QColor(255, 255, 255, 220))
        painter.drawRect(box)
        for i, status in enumerate(statuses):
            y = box.top() + 6 + i * line
            painter.setBrush(STATUS_COLOURS[status])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(box.left() + 12, y + line / 2), 5, 5)
            painter.setPen(QColor("#202020"))
            painter.drawText(
                QRectF(box.left() + 24, y, width - 28, line),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                status_label(status),
            )
        y = box.top() + 6 + len(statuses) * line
        painter.drawText(
            QRectF(box.left() + 8, y, width - 12, line),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            group_text,
        )


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


def _radius(members: int) -> float:
    return POINT_RADIUS if members == 1 else min(8.0 + 3.0 * math.log2(members), 20.0)
