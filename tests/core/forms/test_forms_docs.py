"""docs/forms.md stays true: every function, type, column and command it must name."""

from __future__ import annotations

from pathlib import Path

from fieldapp.forms.expressions import FUNCTIONS
from fieldapp.forms.model import QUESTION_TYPES
from fieldapp.forms.xlsform import _SURVEY_COLUMNS

DOC = (Path(__file__).parents[3] / "docs" / "forms.md").read_text(encoding="utf-8")


def test_every_function_is_documented():
    missing = [name for name in FUNCTIONS if f"`{name}`" not in DOC]
    assert not missing


def test_every_question_type_and_column_is_documented():
    assert not [t for t in QUESTION_TYPES if t not in DOC]
    assert not [c for c in _SURVEY_COLUMNS if f"`{c}`" not in DOC]


def test_every_command_and_issue_code_is_documented():
    for text in ("fieldapp form import", "fieldapp form check", "fieldapp form validate",
                 "--json", "--draft"):  # fmt: skip
        assert text in DOC
    for code in ("required", "type", "range", "choice", "constraint", "count", "unknown"):
        assert f"| `{code}` |" in DOC
