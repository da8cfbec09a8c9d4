"""`make bench` (bench/_run.py) goes on when a bench cannot run here, and says why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_bench_that_cannot_run_here_is_skipped_with_its_reason():
    env = {
        **os.environ,
        "FIELDAPP_BENCH_ADMIN_URL": "postgres://fieldapp:x@127.0.0.1:9/none",
        "FIELDAPP_BENCH_THROWAWAY_PG": "0",
    }
    proc = subprocess.run(
        [sys.executable, "bench/_run.py", "server_load"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["ran"] == [] and summary["failed"] == {}
    reason = summary["skipped"]["server_load"]
    assert "no PostgreSQL at postgres://fieldapp:***@127.0.0.1:9/none" in reason
    assert "Traceback" not in proc.stdout + proc.stderr
