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

    client = client_for(world["agent1"])
    reply = client.push_raw([survey_change(world["e1"].id, {"residents": 3})])
    parsed = p.PushResponse.model_validate(reply.json())
    assert parsed.results[0].survey is not None
    assert parsed.results[0].survey.form_id == "baseline_test"
