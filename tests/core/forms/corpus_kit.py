"""The public XLSForm corpus (tests/core/forms/corpus/): what pyxform converts must load.

Shared by the corpus test and `bench/forms.py` (which prints the share that loads).
"""

from __future__ import annotations

import json
import random
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.forms import Form, FormError, demo_answers, load_form
from fieldapp.forms.flatten import flatten_survey

CORPUS = Path(__file__).parent / "corpus"


def manifest() -> list[dict[str, Any]]:
    forms: list[dict[str, Any]] = json.loads((CORPUS / "manifest.json").read_text("utf-8"))["forms"]
    return forms


def pyxform_converts(path: Path) -> bool:
    """Whether pyxform (the reference converter) turns the workbook into an XForm."""
    from pyxform.xls2xform import convert

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            convert(xlsform=str(path), validate=False, pretty_print=False)
    except Exception:
        return False
    return True


@dataclass(slots=True)
class Outcome:
    file: str
    pyxform: bool
    loads: bool
    problem: str = ""


def load(path: Path) -> Form:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes about foreign workbook styles
        return load_form(path)


def check(path: Path) -> Outcome:
    """Load the form, validate generated drafts, flatten them: what a coordinator's form
    goes through before it reaches agents and exports."""
    ok = pyxform_converts(path)
    try:
        form = load(path)
    except FormError as err:
        return Outcome(path.name, ok, False, str(err.problems[0]))
    rng = random.Random(16)
    for _ in range(3):
        try:
            answers = demo_answers(form, rng, complete=False)
        except ValueError:
            # the demo generator cannot satisfy some constraints (a regex for a phone
            # number): an untouched draft then, which must validate and export too
            answers = form.initial_answers()
        issues = form.validate(answers, finalize=False)
        if issues:
            return Outcome(path.name, ok, False, f"generated draft: {issues[0]}")
        row, tables = flatten_survey(form, answers)
        if not row and not tables:
            return Outcome(path.name, ok, False, "nothing to export")
    return Outcome(path.name, ok, True)


def report() -> dict[str, Any]:
    outcomes = [check(CORPUS / entry["file"]) for entry in manifest()]
    valid = [o for o in outcomes if o.pyxform]
    loads = [o for o in valid if o.loads]
    return {
        "corpus_forms": len(outcomes),
        "corpus_pyxform_valid": len(valid),
        "corpus_loads": len(loads),
        "corpus_share": round(len(loads) / len(valid), 3) if valid else None,
        "corpus_failing": sorted(o.file for o in valid if not o.loads),
    }
