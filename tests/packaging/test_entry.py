"""The frozen entry script's routing (packaging/fieldapp_main.py), without Qt windows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_entry():
    spec = importlib.util.spec_from_file_location(
        "fieldapp_main", ROOT / "packaging" / "fieldapp_main.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


entry = _load_entry()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (True, None)),
        (["--data-dir", "/p"], (True, "/p")),
        (["--data-dir=/p"], (True, "/p")),
        (["--data-dir", "/p", "check"], (False, None)),
        (["check", "--json"], (False, None)),
        (["--version"], (False, None)),
        (["--data-dir"], (False, None)),
        (["--data-dir", "--version"], (False, None)),
        (["--data-dir="], (False, None)),
    ],
)
def test_only_a_plain_start_takes_the_quick_way_to_the_window(args, expected):
    assert entry.gui_data_dir(args) == expected


def test_commands_go_to_the_fieldapp_cli(tmp_path, capsys):
    assert entry.main(["--data-dir", str(tmp_path / "p"), "demo", "--establishments", "1"]) == 0
    assert entry.main(["--data-dir", str(tmp_path / "p"), "check", "--json"]) == 0
    assert '"schema_version"' in capsys.readouterr().out


def test_cli_errors_keep_their_exit_code(tmp_path, capsys):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "fieldapp.db").write_bytes(b"not a database at all" * 100)
    assert entry.main(["--data-dir", str(tmp_path / "p"), "check"]) == 2
    assert "fieldapp: error:" in capsys.readouterr().err
