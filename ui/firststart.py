"""The first-start state: a new laptop says it must be enrolled, and what a code is."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget


class FirstStart(QFrame):
    """What a new laptop shows instead of an empty list: enroll it, and what a code is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStart")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#firstStart { background: #e3f2fd; border: 1px solid #90caf9 }")
        self.title = QLabel()
        self.title.setObjectName("firstStartTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.enroll = QPushButton()
        self.enroll.setObjectName("enrollThisLaptop")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.enroll, 0, Qt.AlignmentFlag.AlignLeading)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("No establishments on this laptop yet"))
        self.text.setText(
            self.tr(
                "Enroll this laptop with the central server: your coordinator gives you an "
                "enrollment code, a one-time code of a few letters and digits that is valid "
                "for a few hours. Once enrolled, the first synchronisation brings the "
                "establishments assigned to you and the survey form."
            )
        )
        self.enroll.setText(self.tr("Enroll this laptop…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
