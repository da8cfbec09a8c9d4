"""Shared test setup: Qt runs offscreen; every test gets its own fresh profile."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "profile"
    path.mkdir()
    return path
