"""Issue 16: every public XLSForm pyxform converts loads, validates generated answers and
exports (the corpus folder's manifest.json names every file's source and licence; where the
folder is kept, and why outside the project, is said in corpus_kit)."""

from __future__ import annotations

import hashlib

import pytest

from fieldapp.forms.expressions.syntax import ODK_REFUSES
from tests.core.forms.corpus_kit import ABSENT, check, load, manifest, path_of

LICENCES = ("BSD-2-Clause", "CC-BY-4.0", "MIT", "Apache-2.0", "AGPL-3.0", "GPL-3.0")
ENTRIES = manifest()
# Forms pyxform converts (it passes expressions through unchecked) that ODK Validate
# (JavaRosa) refuses too, with what the one-line error must say (docs/forms.md).
ODK_REFUSES_TOO: dict[str, str] = {
    "pyxform-tests-bug_example_xls-bad_calc.xlsx": "row 2, column 'calculation'",
    "onadata-onadata-apps-main-tests-fixtures-transportation-error_test_form.xlsx": (
        "row 5, column 'calculation', question 'calc': expected ',' or ')'"
    ),
    # xlsform-offline's own example of a JavaRosa error
    "xlsform-offline-test-validate-error.xlsx": "unsupported function concatx()",
    # Community Health Toolkit forms: CHT's own XPath functions, which Collect has not either
    "cht-core-tests-integration-cht-form-default-forms-dates.xlsx": (
        "cht:difference-in-days() at column 1"
    ),
    "cht-core-tests-integration-cht-form-default-forms-with-extension-libs.xlsx": (
        "cht:extension-lib() at column 1"
    ),
}
# Once gaps (issue 16), loaded as JavaRosa runs them: (form, a warning form check shows)
ONCE_GAPS: dict[str, str] = {
    # the `inputs` group's relevance reads its own child (`./source = 'user'`)
    "cht-core-tests-e2e-default-enketo-forms-enketo_widgets_test.xlsx": "",
    "cht-core-tests-performance-webapp-specs-forms-app-large_cha.xlsx": "",
    # a path to nodes the CHT app adds at run time
    "cht-conf-test-data-convert-contact-forms-forms-contact-person.xlsx": (
        "survey row 17, column 'calculation' of 'geolocation': '../${inputs}/meta/location/lat'"
    ),
    # `required` = `basic`: pyxform passes it on as XPath, a child node that does not exist
    "osm-fieldwork-osm_fieldwork-xlsforms-archived-waterpoints.xls": (
        "survey row 17, column 'required' of 'model': 'basic' leads to no node"
    ),
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
    if entry["file"] in ODK_REFUSES_TOO:
        assert not outcome.loads, "ODK refuses this form: why does FieldApp load it?"
        assert ODK_REFUSES in outcome.problem, outcome.problem
        assert ODK_REFUSES_TOO[entry["file"]] in outcome.problem, outcome.problem
        assert "\n" not in outcome.problem
        return
    assert outcome.loads, outcome.problem


def _entry(name: str) -> dict[str, str] | None:
    return next((e for e in ENTRIES if e["file"] == name), None)


@pytest.mark.skipif(not ENTRIES, reason=ABSENT)
@pytest.mark.parametrize("name", sorted(ONCE_GAPS))
def test_the_gaps_left_by_the_last_turn_load_and_say_what_they_read(name: str) -> None:
    entry = _entry(name)
    assert entry is not None
    form = load(path_of(entry))
    if ONCE_GAPS[name]:
        assert any(ONCE_GAPS[name] in w for w in form.warnings), form.warnings
    if "cht-core" in name:
        # relevant while the app says the form was opened by a user, as CHT opens it
        started = form.initial_answers()
        assert started.get("source") == "user"
        assert form.evaluate(started).is_relevant("inputs")
        elsewhere = form.evaluate({**started, "source": "task"})
        assert not elsewhere.is_relevant("inputs")
        assert not elsewhere.is_relevant("source")
