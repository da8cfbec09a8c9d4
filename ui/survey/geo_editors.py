"""The geopoint editor: latitude, longitude and accuracy typed and checked as typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.forms import Question
from ui.survey.editors import (
    DECIMAL_RE,
    Editor,
    parse_number,
)
from ui.widgets import ERROR_COLOUR, tint


class GeopointEditor(Editor):
    """Latitude, longitude and accuracy typed from a GPS (laptops have none), checked as typed.

    "Use the establishment's position" copies the registry's coordinates.
    """

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.lat = QLineEdit()
        self.lat.setObjectName("latitude")
        self.lon = QLineEdit()
        self.lon.setObjectName("longitude")
        self.accuracy = QLineEdit()
        self.accuracy.setObjectName("accuracy")
        for edit in (self.lat, self.lon, self.accuracy):
            edit.setValidator(QRegularExpressionValidator(DECIMAL_RE, edit))
            edit.setMaximumWidth(140)
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            edit.textEdited.connect(self._edited)
        self.lat_caption, self.lon_caption, self.acc_caption = QLabel(), QLabel(), QLabel()
        self.lat_caption.setBuddy(self.lat)
        self.lon_caption.setBuddy(self.lon)
        self.acc_caption.setBuddy(self.accuracy)
        self.problem = QLabel()
        self.problem.setObjectName("geopointProblem")
        tint(self.problem, ERROR_COLOUR, bold=True)
        self.problem.hide()
        self.use_registry = QPushButton()
        self.use_registry.setObjectName("useEstablishmentPosition")
        self.use_registry.clicked.connect(self._use_registry)
        self.use_registry.hide()
        self.registry_position: tuple[float, float] | None = None
        row = QHBoxLayout()
        for caption, edit in (
            (self.lat_caption, self.lat),
            (self.lon_caption, self.lon),
            (self.acc_caption, self.accuracy),
        ):
            row.addWidget(caption)
            row.addWidget(edit)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.use_registry, 0, Qt.AlignmentFlag.AlignLeading)
        self.setFocusProxy(self.lat)
        self.retranslate()

    def retranslate(self) -> None:
        self.lat_caption.setText(self.tr("Latitude"))
        self.lon_caption.setText(self.tr("Longitude"))
        self.acc_caption.setText(self.tr("Accuracy (m)"))
        self.lat.setPlaceholderText("32.23600")
        self.lon.setPlaceholderText("-7.95400")
        self.use_registry.setText(self.tr("Use the establishment's registered position"))
        self._check()

    def set_registry_position(self, lat: float | None, lon: float | None) -> None:
        self.registry_position = None if lat is None or lon is None else (lat, lon)
        self.use_registry.setVisible(self.registry_position is not None and self.isEnabled())

    def _use_registry(self) -> None:
        if self.registry_position is None:
            return
        self.lat.setText(f"{self.registry_position[0]:.5f}")
        self.lon.setText(f"{self.registry_position[1]:.5f}")
        self._edited()

    def _check(self) -> str:
        lat = parse_number(self.lat.text(), integer=False)
        lon = parse_number(self.lon.text(), integer=False)
        acc = parse_number(self.accuracy.text(), integer=False)
        problem = ""
        if self.lat.text().strip() and (lat is None or not -90 <= lat <= 90):
            problem = self.tr("The latitude must be between -90 and 90.")
        elif self.lon.text().strip() and (lon is None or not -180 <= lon <= 180):
            problem = self.tr("The longitude must be between -180 and 180.")
        elif (lat is None) != (lon is None):
            problem = self.tr("Give both the latitude and the longitude.")
        elif self.accuracy.text().strip() and (acc is None or acc < 0):
            problem = self.tr("The accuracy is a number of metres, 0 or more.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        return problem

    def _edited(self) -> None:
        self._check()
        self.changed.emit()

    def value(self) -> Any:
        lat = parse_number(self.lat.text(), integer=False)
        lon = parse_number(self.lon.text(), integer=False)
        acc = parse_number(self.accuracy.text(), integer=False)
        if lat is None and lon is None:
            return None
        if self._check():
            # Keep what was typed so nothing is lost; validation names the problem.
            return f"{self.lat.text().strip()} {self.lon.text().strip()}".strip()
        return {"lat": lat, "lon": lon, "accuracy": acc}

    def set_value(self, value: Any) -> None:
        if isinstance(value, dict):
            texts = [value.get("lat"), value.get("lon"), value.get("accuracy")]
        elif isinstance(value, str):
            parts = value.split()
            texts = [*parts[:2], None] if len(parts) >= 2 else [value, None, None]
        else:
            texts = [None, None, None]
        for edit, part in zip((self.lat, self.lon, self.accuracy), texts, strict=True):
            text = "" if part is None else str(part)
            if parse_number(edit.text(), integer=False) != parse_number(text, integer=False):
                edit.setText(text)
        self._check()

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.lat, self.lon, self.accuracy):
            edit.setReadOnly(read_only)
        self.use_registry.setVisible(self.registry_position is not None and not read_only)

    def focus_target(self) -> QWidget:
        return self.lat

    def inputs(self) -> list[QWidget]:
        return [self.lat, self.lon, self.accuracy]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
