"""Which editor answers which question type: the one place where editors are registered.

An editor lives in its own module (`editors.py` holds the first ones) and is added to
`EDITORS` here; a type without an editor shows its value read-only (`NoEditor`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldapp.forms import Question
from ui.survey.editors import (
    DateEditor,
    Editor,
    GeopointEditor,
    ImageEditor,
    NoEditor,
    NumberEditor,
    RankEditor,
    SelectMultipleEditor,
    SelectOneEditor,
    TextEditor,
)

EDITORS: dict[str, type[Editor]] = {
    "text": TextEditor,
    "integer": NumberEditor,
    "decimal": NumberEditor,
    "select_one": SelectOneEditor,
    "select_multiple": SelectMultipleEditor,
    "rank": RankEditor,
    "date": DateEditor,
    "geopoint": GeopointEditor,
    "image": ImageEditor,
}


def make_editor(question: Question, parent: QWidget | None = None) -> Editor:
    return EDITORS.get(question.type, NoEditor)(question, parent)
