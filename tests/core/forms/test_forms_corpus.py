"""Issue 16: every public XLSForm pyxform converts loads, validates generated answers and
exports (the corpus folder's manifest.json names every file's source and licence; where the
folder is kept, and why outside the project, is said in corpus_kit)."""

from __future__ import annotations

import hashlib

import pytest

from tests.core.forms.corpus_kit import ABSENT, check, manifest, path_of

LICENCES = ("BSD-2-Clause", "CC-BY-4.0", "MIT", "Apache-2.0", "AGPL-3.0", "GPL-3.0")
ENTRIES = manifest()
# Forms pyxform converts that FieldApp cannot run yet, each with the reason (docs/forms.md).
KNOWN_GAPS: dict[str, str] = {
    # pyxform passes expressions through unchecked; ODK Validate (JavaRosa) refuses these too
    "pyxform-tests-bug_example_xls-bad_calc.xlsx": "calculation is not an expression",
    "onadata-onadata-apps-main-tests-fixtures-transportation-error_test_form.xlsx": (
        "unbalanced parenthesis in a calculation"
    ),
    # ODK Validate refuses it too: xlsform-offline's own example of a JavaRosa error
    "xlsform-offline-test-validate-error.xlsx": "unknown function concatx()",
    # Community Health Toolkit forms: CHT's own XPath functions, which Collect has not either
    "cht-core-tests-integration-cht-form-default-forms-dates.xlsx": (
        "CHT-only function cht:difference-in-days()"
    ),
    "cht-core-tests-integration-cht-form-default-forms-with-extension-libs.xlsx": (
        "CHT-only function cht:extension-lib()"
    ),
    # engine: the `inputs` group's relevance reads its own child ('./source = 'user''):
    # JavaRosa keeps a child's value whatever its group's relevance; FieldApp empties a
    # non-relevant child, so this is a cycle
    "cht-core-tests-e2e-default-enketo-forms-enketo_widgets_test.xlsx": (
        "a group's relevance reads its own child"
    ),
    "cht-core-tests-performance-webapp-specs-forms-app-large_cha.xlsx": (
        "a group's relevance reads its own child"
    ),
    # a path to nodes the CHT app adds at run time ('../${inputs}/meta/location/lat'):
    # none in the form
    "cht-conf-test-data-convert-contact-forms-forms-contact-person.xlsx": (
        "an XPath path to no question of the form"
    ),
    # a `required` cell that is neither yes/no nor an expression of the form ('basic'):
    # JavaRosa reads it as a path to a node that does not exist
    "osm-fieldwork-osm_fieldwork-xlsforms-archived-waterpoints.xls": "required cell 'basic'",
}


@pytest.mark.skipif(not ENTRIES, reason=ABSENT)
def test_the_corpus_is_public_varied_and_large_enough() -> None:
    assert len(ENTRIES) >= 40
    # varied origins: ODK, Kobo, OSM mapping, community health, humanitarian assessment forms
    assert len({e["repository"] for e in ENTRIES}) >= 8
    for entry in ENTRIES:
        assert entry["licence"] in LICENCES, entry["file"]
        path = path_of(entry)
        assert path.is_file()
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], entry["file"]
        assert entry["repository"] and entry["path"] and len(entry["commit"]) == 40
    assert len({e["file"] for e in ENTRIES}) == len(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"][:60] for e in ENTRIES])
def test_what_pyxform_converts_loads_validates_and_exports(entry: dict[str, str]) -> None:
    outcome = check(path_of(entry))
    if not outcome.pyxform:
        pytest.skip("pyxform refuses this workbook too (kept to show its error is ours too)")
    if entry["file"] in KNOWN_GAPS:
        assert not outcome.loads, "a known gap now loads: remove it from KNOWN_GAPS"
        return
    assert outcome.loads, outcome.problem
