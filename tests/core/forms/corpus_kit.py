"""The public XLSForm corpus: what pyxform converts must load.

The forms come from public repositories (ODK, Kobo, OSM mapping, community health,
humanitarian and nutrition surveys): files fetched from them are kept out of the project's
commits, as data in the shared folder beside the checkout (`shared/xlsforms/`, or the folder
named by FIELDAPP_XLSFORM_CORPUS). Its manifest.json names every file's repository, path,
commit, licence (with a copy of the licence text) and SHA-256. Where the folder is absent the
corpus tests say so and skip (`ABSENT`); nothing else depends on it.

Shared by the corpus test, the offscreen rendering test and `bench/forms.py` (which prints
the share that loads). `check` is memoised: one pytest process checks each form once.
"""

from __future__ import annotations

import functools
import json
import os
import random
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.forms import Form, FormError, demo_answers, load_form
from fieldapp.forms.expressions.syntax import ODK_REFUSES
from fieldapp.forms.flatten import flatten_survey
from fieldapp.forms.model import INPUT_TYPES

SHARED = Path(
    os.environ.get("FIELDAPP_XLSFORM_CORPUS")
    or Path(__file__).resolve().parents[3].parent / "shared" / "xlsforms"
)


def _entries(folder: Path) -> list[dict[str, Any]]:
    forms: list[dict[str, Any]] = json.loads((folder / "manifest.json").read_text("utf-8"))["forms"]
    return [{**entry, "folder": str(folder)} for entry in forms]


ABSENT = (
    "the public XLSForm corpus is not here (shared/xlsforms/manifest.json beside the checkout, "
    "or FIELDAPP_XLSFORM_CORPUS): fetched forms are data kept out of the project's commits"
)


def manifest() -> list[dict[str, Any]]:
    """Every corpus form of the shared folder; none when it is absent (`ABSENT` says why)."""
    if not (SHARED / "manifest.json").is_file():
        return []
    return _entries(SHARED)


def path_of(entry: dict[str, Any]) -> Path:
    return Path(entry["folder"]) / entry["file"]


def pyxform_converts(path: Path) -> bool:
    """Whether pyxform (the reference converter) turns the workbook into an XForm (its
    answer is kept for the loader's fallback, which asks pyxform the same question)."""
    from fieldapp.forms.xlsform_compat import pyxform_dict

    return pyxform_dict(path)[0] is not None


@dataclass(slots=True)
class Outcome:
    file: str
    pyxform: bool
    loads: bool
    problem: str = ""

    @property
    def odk_refuses(self) -> bool:
        """Whether FieldApp's reason is one ODK Validate (JavaRosa) has too: not XPath, or
        a function Collect has not (the error says so)."""
        return ODK_REFUSES in self.problem


def load(path: Path) -> Form:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes about foreign workbook styles
        return load_form(path)


@functools.cache
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
        if not row and not tables and any(q.type in INPUT_TYPES for q in form.questions):
            return Outcome(path.name, ok, False, "nothing to export")
    return Outcome(path.name, ok, True)


def report() -> dict[str, Any]:
    entries = manifest()
    outcomes = [check(path_of(entry)) for entry in entries]
    valid = sorted((o for o in outcomes if o.pyxform), key=lambda o: o.file)
    loads = [o for o in valid if o.loads]
    origins: dict[str, list[int]] = {}
    for entry, outcome in zip(entries, outcomes, strict=True):
        counts = origins.setdefault(entry["repository"], [0, 0, 0])
        counts[0] += 1
        counts[1] += outcome.pyxform
        counts[2] += outcome.pyxform and outcome.loads
    if not entries:
        return {"corpus_forms": 0, "corpus_share": None, "corpus_absent": ABSENT}
    odk_valid = [o for o in valid if not (o.odk_refuses and not o.loads)]
    odk_loads = [o for o in odk_valid if o.loads]
    return {
        "corpus_forms": len(outcomes),
        "corpus_origins": {repo: "/".join(map(str, c)) for repo, c in sorted(origins.items())},
        "corpus_pyxform_valid": len(valid),
        "corpus_loads": len(loads),
        "corpus_share": round(len(loads) / len(valid), 3) if valid else None,
        # of the forms ODK Validate accepts too (the goal: 1.0)
        "corpus_odk_valid": len(odk_valid),
        "corpus_share_odk_valid": round(len(odk_loads) / len(odk_valid), 3) if odk_valid else None,
        # why each pyxform-valid form does not load ("ODK Validate refuses it too" where so)
        "corpus_failing": {o.file: o.problem for o in valid if not o.loads},
    }
