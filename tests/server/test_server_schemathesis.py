"""Schemathesis over the OpenAPI document against the live server: no input gives a 5xx."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


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
