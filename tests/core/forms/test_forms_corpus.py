"""Issue 16: every public XLSForm pyxform converts loads, validates generated answers and
exports (tests/core/forms/corpus/manifest.json names each file's source and licence)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.forms.corpus_kit import CORPUS, check, manifest

ENTRIES = manifest()
# Forms pyxform converts that FieldApp cannot run yet, each with the reason (docs/forms.md).
KNOWN_GAPS: dict[str, str] = {
    # pyxform passes expressions through unchecked; ODK Validate (JavaRosa) refuses these too
    "pyxform-tests-bug_example_xls-bad_calc.xlsx": "calculation is not an expression",
    "onadata-onadata-apps-main-tests-fixtures-transportation-error_test_form.xlsx": (
        "unbalanced parenthesis in a calculation"
    ),
    # FieldApp does not run these yet (docs/forms.md, 'Not yet')
}


def test_the_corpus_is_public_varied_and_large_enough() -> None:
    assert len(ENTRIES) >= 40
    assert len({e["repository"] for e in ENTRIES}) >= 2
    for entry in ENTRIES:
        assert entry["licence"] in ("BSD-2-Clause", "CC-BY-4.0", "MIT", "Apache-2.0")
        assert (CORPUS / entry["file"]).is_file()
        assert entry["repository"] and entry["path"] and len(entry["commit"]) == 40


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"][:60] for e in ENTRIES])
def test_what_pyxform_converts_loads_validates_and_exports(entry: dict[str, str]) -> None:
    outcome = check(Path(CORPUS / entry["file"]))
    if not outcome.pyxform:
        pytest.skip("pyxform refuses this workbook too (kept to show its error is ours too)")
    if entry["file"] in KNOWN_GAPS:
        assert not outcome.loads, "a known gap now loads: remove it from KNOWN_GAPS"
        return
    assert outcome.loads, outcome.problem
