"""Which editor answers which question type: the one place where editors are registered.

An editor lives in the module of its concern (`text_editors`, `choice_editors`, …) and is added to
`EDITORS` here; a type without an editor shows its value read-only (`NoEditor`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldapp.forms import Question, appearances
from fieldapp.forms.model import META_TYPES
from ui.survey.checklist import ChecklistEditor
from ui.survey.choice_editors import RankEditor, SelectMultipleEditor, SelectOneEditor
from ui.survey.date_editors import DateEditor
from ui.survey.editors import Editor
from ui.survey.geo_editors import GeopointEditor
from ui.survey.media_editors import FileEditor, ImageEditor
from ui.survey.text_editors import NoEditor, NumberEditor, TextEditor
from ui.survey.xlsform_editors import (
    AcknowledgeEditor,
    BarcodeEditor,
    DateTimeEditor,
    GeotraceEditor,
    RangeEditor,
    TimeEditor,
)

# Questions the form never shows: filled by the app (metadata) or by the form (hidden).
HIDDEN_TYPES: frozenset[str] = META_TYPES | {"hidden"}

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
    "audio": FileEditor,
    "video": FileEditor,
    "file": FileEditor,
    "time": TimeEditor,
    "datetime": DateTimeEditor,
    "barcode": BarcodeEditor,
    "range": RangeEditor,
    "geotrace": GeotraceEditor,
    "geoshape": GeotraceEditor,
    "acknowledge": AcknowledgeEditor,
}


def make_editor(question: Question, parent: QWidget | None = None) -> Editor:
    if question.type == "select_multiple" and "minimal" in appearances.words(question.appearance):
        return ChecklistEditor(question, parent)  # a drop-down of check boxes, as Collect
    return EDITORS.get(question.type, NoEditor)(question, parent)
