"""Schemathesis over the OpenAPI document against the live server: no input gives a 5xx; and
hypothesis strategies for hostile strings and sizes inside answers (which the OpenAPI schema
leaves free): no 5xx, nothing stored that a device could not take back."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def st_command() -> list[str]:
    found = shutil.which("st") or str(Path(sys.executable).with_name("st"))
    if not Path(found).exists():
        pytest.fail("schemathesis ('st') is not installed: pip install -e .[dev]")
    return [found]


def test_no_server_error_for_any_generated_request(world, client_for, live_server, tmp_path):
    client = client_for(world["coord_a"])
    cmd = [
        *st_command(),
        "run",
        f"{live_server.url}/api/v1/openapi.json",
        "--checks", "not_a_server_error",
        "--max-examples", "25",
        "--phases", "examples,coverage,fuzzing",
        "--header", f"Authorization: Bearer {client.token}",
        "--request-timeout", "20",
        "--seed", "2023",
        "--workers", "1",
        "--max-time", "45",
    ]  # fmt: skip
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=180, cwd=tmp_path, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    print(proc.stdout[-3000:])
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]


# ---- hostile answers: strings and sizes schemathesis does not make ---------------------------

SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
CONTROLS = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(
    "\x7f\x85\ufffe\uffff"
)
ANY_CHAR = st.characters(codec=None) | SURROGATES | CONTROLS


def hostile_text() -> st.SearchStrategy[str]:
    plain = st.text(ANY_CHAR, max_size=40)
    long = st.builds(
        lambda c, n, tail: c * n + tail,
        st.sampled_from(["a", "é", "ب", "😀"]),
        st.sampled_from([16_000, 16_385, 65_536, 70_000]),
        st.text(ANY_CHAR, max_size=3),
    )
    return plain | long


def hostile_value() -> st.SearchStrategy[object]:
    leaves = (
        hostile_text()
        | st.integers(min_value=-(2**70), max_value=2**70)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.booleans()
        | st.none()
    )
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(hostile_text(), inner, max_size=3)
        ),
        max_leaves=8,
    )


def hostile_answers() -> st.SearchStrategy[dict[str, object]]:
    names = st.sampled_from(["notes", "manager_name", "residents", "bill_mad"]) | hostile_text()
    return st.dictionaries(names, hostile_value(), max_size=4)


def invalid_strings(value: object) -> list[str]:
    """Strings in a stored document that a device could not take back."""
    if isinstance(value, str):
        bad = any(0xD800 <= ord(c) <= 0xDFFF for c in value)
        bad = bad or any(ord(c) < 32 and c not in "\t\n\r" for c in value)
        return [value[:40]] if bad or len(value.encode("utf-8", "surrogatepass")) > 65_536 else []
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in invalid_strings(k) + invalid_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in invalid_strings(v)]
    return []


def test_hostile_answers_never_give_a_5xx_nor_store_an_invalid_string(world, client_for):
    from server.surveys.models import Survey, SurveyRevision
    from tests.server.helpers import survey_change

    agent = client_for(world["agent1"])
    seen: list[int] = []
    codes: set[str] = set()

    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=True,
    )
    @given(answers=hostile_answers(), compress=st.booleans())
    def push_one(answers: dict[str, object], compress: bool) -> None:
        change = survey_change(world["e1"].id, answers)
        body = json.dumps({"changes": [change]}).encode()  # lone surrogates travel escaped
        headers = {"Content-Type": "application/json"}
        if compress:
            body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
        reply = agent.post("/sync/push", data=body, headers=headers)
        seen.append(reply.status_code)
        assert reply.status_code < 500, reply.text[:500]
        if reply.status_code == 200:
            [result] = reply.json()["results"]
            assert result["status"] in ("applied", "rejected"), result
            if result["error"]:
                codes.add(result["error"]["code"])

    push_one()
    assert 200 in seen
    # The strategies reach the checks they are meant for.
    assert {"invalid_text", "answer_too_large"} <= codes, codes
    stored = [*Survey.objects.values_list("answers", flat=True)]
    stored += [*SurveyRevision.objects.values_list("answers", flat=True)]
    assert stored, "some hostile but valid answers must have been applied"
    bad = [s for doc in stored for s in invalid_strings(doc)]
    assert bad == []
