"""What every question editor shares: the `Editor` base, number parsing, choice labels and the
roving focus of button lists. The editors themselves live by concern in `text_editors`,
`choice_editors`, `date_editors`, `geo_editors`, `media_editors` and `xlsform_editors`;
`registry` maps question types to them.

One input widget per question type.

Every editor shows and returns the *stored* form of an answer (int for an integer, list of
choice names for a select_multiple or a rank, {'lat','lon','accuracy'} for a geopoint,
{'sha256','filename'} for an image; None when unanswered) and emits `changed` only when the
agent changes it, never when the form sets it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QWidget,
)

from fieldapp.forms import Choice, Question

# Arabic-Indic and Persian digits count as digits: an agent typing in Arabic uses them.
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
INTEGER_RE = QRegularExpression(f"[-\u2212]?[{_DIGITS}]{{0,15}}")
DECIMAL_RE = QRegularExpression(f"[-\u2212]?[{_DIGITS}]{{0,15}}([.,\u066b][{_DIGITS}]{{0,8}})?")
RADIO_LIMIT = 8  # more choices than this: a drop-down list instead of radio buttons


def parse_number(text: str, *, integer: bool) -> int | float | None:
    """The number in what the agent typed ('1 200,5', '١٢', '−3'), or None."""
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    cleaned = cleaned.replace(",", ".").replace("\u066b", ".")
    if cleaned in ("", "-", "."):
        return None
    try:
        # int()/float() read any Unicode decimal digit, Arabic-Indic included.
        if integer:
            return int(cleaned)
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def choice_text(choice: Choice, lang: str, fallback: str) -> str:
    return choice.label.get(lang) or choice.label.get(fallback) or choice.name


class Editor(QWidget):
    """Base of every editor: value in and out, `changed` when the agent edits; `rebuilt` when
    its widgets were made anew (the form then puts the Tab order right again)."""

    changed = Signal()
    rebuilt = Signal()
    # The agent is done with this question (a `quick` choice): the form moves on.
    advance = Signal()
    play = Signal(str, str)  # a choice's clip to play: kind ('audio', 'video'), file name

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = "fr"
        self.fallback = "fr"
        # Where the media delivered with the form are read (choice pictures and clips).
        self.media: Callable[[str], bytes | None] | None = None

    def set_media(self, media: Callable[[str], bytes | None]) -> None:
        """Where the files the choices name are read (file name -> bytes, or None)."""
        self.media = media

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def set_language(self, lang: str, fallback: str) -> None:
        self.lang = lang
        self.fallback = fallback

    def set_choices(self, choices: list[Choice]) -> None:
        """Only select editors use this (choice filters change the offer)."""

    def focus_target(self) -> QWidget:
        return self

    def inputs(self) -> list[QWidget]:
        """Where Enter stops in this editor, in order (the form moves on after the last)."""
        return [self.focus_target()]


def digit_key(event: QKeyEvent) -> int | None:
    """1-9 for a digit key without modifiers (Arabic-Indic digits too), else None."""
    if event.modifiers() & ~(
        Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
    ):
        return None
    text = event.text()
    if len(text) == 1 and text.isdigit() and text != "0":
        try:
            return int(text)
        except ValueError:
            return None
    return None


def numbered(position: int, text: str) -> str:
    """A choice's label with the digit that picks it ('3. Fibre optique')."""
    return f"{position}. {text}" if position <= 9 else text


class RovingFocus(QObject):
    """One Tab stop for a list of buttons: Up/Down (and Left/Right) move between them, the
    digits 1-9 act on the n-th, Delete/Backspace clear; only the current button is in the Tab
    chain, so Tab goes to the next question, not to the next choice."""

    def __init__(
        self,
        owner: QWidget,
        act: Callable[[QAbstractButton], None],
        clear: Callable[[], None],
        *,
        select_on_move: bool,
    ) -> None:
        super().__init__(owner)
        self.buttons: list[QAbstractButton] = []
        self.act = act
        self.clear = clear
        self.select_on_move = select_on_move

    def set_buttons(self, buttons: list[QAbstractButton]) -> None:
        self.buttons = list(buttons)
        for button in self.buttons:
            button.installEventFilter(self)
        self.set_current(self.current())

    def current(self) -> QAbstractButton | None:
        for button in self.buttons:
            if button.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return button
        for button in self.buttons:
            if button.isChecked():
                return button
        return self.buttons[0] if self.buttons else None

    def set_current(self, current: QAbstractButton | None) -> None:
        for button in self.buttons:
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if button is current else Qt.FocusPolicy.ClickFocus
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched not in self.buttons:
            return False
        if event.type() == QEvent.Type.FocusIn:
            self.set_current(watched)  # type: ignore[arg-type]
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        position = self.buttons.index(watched)  # type: ignore[arg-type]
        step = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
        }.get(Qt.Key(key))
        if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and watched.isRightToLeft():
                step = -step
            target = self.buttons[(position + step) % len(self.buttons)]
            self.set_current(target)
            target.setFocus(Qt.FocusReason.TabFocusReason)
            if self.select_on_move:
                self.act(target)
            return True
        digit = digit_key(event)
        if digit is not None:
            if digit <= len(self.buttons):
                target = self.buttons[digit - 1]
                self.set_current(target)
                target.setFocus(Qt.FocusReason.TabFocusReason)
                self.act(target)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
            return True
        return False
