"""The form engine: survey definitions, expressions, validation, XLSForm import, flattening.

    form = load_form("baseline.xlsx")          # or a .json path, or a parsed dict
    ev = form.evaluate(answers)                # relevance, calculations, checks (fast)
    issues = form.validate(answers)            # what stops the survey being finalized

Answers are a dict of question name to value (groups do not nest names; a repeat is a list
of such dicts). docs/forms.md describes the definition schema and the expression language.
"""

from __future__ import annotations

import json
import random
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from fieldapp.forms.definition import Form, read_definition
from fieldapp.forms.evaluation import Evaluation
from fieldapp.forms.model import Choice, FormError, FormReadError, Group, Problem, Question
from fieldapp.forms.upgrade import Dropped, FitResult, fit_answers, version_key
from fieldapp.forms.validation import Issue

__all__ = [
    "Choice",
    "Dropped",
    "Evaluation",
    "FitResult",
    "Form",
    "FormError",
    "FormReadError",
    "Group",
    "Issue",
    "Problem",
    "Question",
    "baseline_form",
    "demo_answers",
    "fit_answers",
    "load_form",
    "version_key",
]


def load_form(source: Path | str | dict[str, Any], media: list[Path] | None = None) -> Form:
    """A form from a .json, .xlsx or legacy .xls file, or from an already-parsed definition.

    `media`: files published with an XLSForm (the choices files of select_one_from_file),
    read into the definition. Raises FormError listing every problem, including for
    unreadable files (one problem).
    """
    if isinstance(source, dict):
        return read_definition(source)
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls"):
        from fieldapp.forms.xlsform import read_xlsform

        return read_xlsform(path, media)
    if suffix != ".json":
        raise FormReadError(f"{path.name}: a form is a .json, .xlsx or .xls file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise FormReadError(f"cannot read {path}: {err.strerror}") from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FormReadError(f"{path.name} is not valid JSON: {err}") from err
    return read_definition(data)


@cache
def baseline_form() -> Form:
    """The shipped baseline questionnaire (built from data/baseline.xlsx)."""
    text = resources.files("fieldapp.forms").joinpath("data/baseline.json").read_text("utf-8")
    return read_definition(json.loads(text))


def demo_answers(form: Form, rng: random.Random, *, complete: bool) -> dict[str, Any]:
    """Plausible answers for demo data; complete=True answers pass finalize validation."""
    from fieldapp.forms.demo import demo_answers as generate

    return generate(form, rng, complete=complete)
