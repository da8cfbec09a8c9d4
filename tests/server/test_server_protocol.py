"""sync.protocol is shared with the desktop client: it must import neither Django nor Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_protocol_imports_neither_django_nor_qt():
    code = (
        "import sys, sync.protocol\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'ninja', 'PySide6')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_server_results_parse_with_the_protocol_models(world, client_for):
    from sync import protocol as p
    from tests.server.helpers import survey_change

    laptop_a = client_for(world["agent1"], "A")
    laptop_b = client_for(world["agent1"], "B")
    sid = "0190f000-0000-7000-8000-0000000000c1"
    first = survey_change(world["e1"].id, {"residents": 3}, survey_id=sid)
    parsed = p.PushResponse.model_validate(laptop_a.push_raw([first]).json())
    # Applied as sent: no survey in the result (the client has it).
    assert parsed.results[0].status == "applied" and parsed.results[0].survey is None
    # B saves from revision 0: merged with A's, so the result carries the server's head.
    other = survey_change(world["e1"].id, {"notes": "b"}, survey_id=sid)
    parsed = p.PushResponse.model_validate(laptop_b.push_raw([other]).json())
    assert parsed.results[0].status == "merged" and parsed.results[0].survey is not None
    assert parsed.results[0].survey.form_id == "baseline_test"
    assert parsed.results[0].survey.answers == {"residents": 3, "notes": "b"}


def test_protocol_version_is_negotiated_per_request(live_server):
    """A laptop of the first release sends no version header and is answered in version 1; this
    release's client asks for the current one; a newer client is answered in the newest known."""
    import requests

    from sync import protocol as p

    url = live_server.url + p.API_PREFIX + "/ping"
    old = requests.get(url, timeout=10)
    assert old.headers[p.PROTOCOL_HEADER] == "1"
    assert old.json()["protocol"] == p.PROTOCOL_VERSION
    current = requests.get(url, headers={p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION)}, timeout=10)
    assert current.headers[p.PROTOCOL_HEADER] == str(p.PROTOCOL_VERSION)
    future = requests.get(url, headers={p.PROTOCOL_HEADER: "99"}, timeout=10)
    assert future.headers[p.PROTOCOL_HEADER] == str(p.PROTOCOL_VERSION)
    garbage = requests.get(url, headers={p.PROTOCOL_HEADER: "two"}, timeout=10)
    assert garbage.status_code == 200 and garbage.headers[p.PROTOCOL_HEADER] == "1"
