"""The `fieldapp` command as a user runs it: exit codes, one-line errors, no tracebacks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import __version__
from fieldapp.store import SCHEMA_VERSION, Store


def fieldapp(
    *args: str, data_dir: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **env}
    if data_dir is not None:
        full_env["FIELDAPP_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )


def test_version() -> None:
    result = fieldapp("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"fieldapp {__version__}"


def test_check_on_a_new_profile(data_dir: Path) -> None:
    Store.open(data_dir).close()  # the app's first start makes it
    result = fieldapp("check", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["schema_version"] == SCHEMA_VERSION
    assert report["establishments"] == 0
    assert report["outbox"] == 0


def test_data_dir_option_beats_the_environment(tmp_path: Path) -> None:
    env_dir, opt_dir = tmp_path / "env", tmp_path / "opt"
    Store.open(opt_dir).close()
    result = fieldapp("--data-dir", str(opt_dir), "check", data_dir=env_dir)
    assert result.returncode == 0, result.stderr
    assert f"database: {opt_dir / 'fieldapp.db'}" in result.stdout
    assert not env_dir.exists()


def test_check_finds_damage_and_exits_non_zero(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        sha = store.add_attachment(b"meter photo", "image/jpeg")
    (data_dir / "attachments" / sha[:2] / sha).unlink()
    result = fieldapp("check", data_dir=data_dir)
    assert result.returncode == 1
    assert "DAMAGED" in result.stdout
    assert sha in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not a database at all, a text file" * 20, "not a FieldApp database"),
        (b"", None),  # an empty file is a new database, not an error
    ],
)
def test_foreign_file_gives_one_line_and_exit_2(
    data_dir: Path, content: bytes, expected: str | None
) -> None:
    (data_dir / "fieldapp.db").write_bytes(content)
    result = fieldapp("check", data_dir=data_dir)
    if expected is None:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0]
    assert "Traceback" not in result.stderr
    assert (data_dir / "fieldapp.db").read_bytes() == content


def test_newer_database_gives_one_line_and_exit_2(data_dir: Path) -> None:
    from fieldapp.store import cipher

    Store.open(data_dir).close()
    cipher.open_raw(data_dir).execute("PRAGMA user_version=99")
    result = fieldapp("check", data_dir=data_dir)
    assert result.returncode == 2
    assert "newer FieldApp" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_arguments_exit_2(data_dir: Path) -> None:
    result = fieldapp("demo", "--establishments", "-3", data_dir=data_dir)
    assert result.returncode == 2
    assert "must be 0 or more" in result.stderr
    assert not (data_dir / "fieldapp.db").exists()


@pytest.mark.parametrize(
    ("modules", "forbidden"),
    [
        (
            "fieldapp.cli, fieldapp.store, fieldapp.export, fieldapp.demo, fieldapp.forms",
            ("PySide6", "requests"),
        ),
        ("sync, sync.protocol", ("PySide6",)),
    ],
)
def test_core_and_sync_stay_free_of_qt(modules: str, forbidden: tuple[str, ...]) -> None:
    code = f"import sys, {modules}; print(sorted(m for m in {forbidden!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_mistyped_data_dir_is_refused_not_made_into_an_empty_profile(tmp_path, capsys):
    from fieldapp.cli import main

    typo = tmp_path / "profle"
    for args in (["check"], ["export", "--format", "csv", "--out", str(tmp_path / "s.csv")]):
        assert main(["--data-dir", str(typo), *args]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "there is no FieldApp profile in" in err
    assert not typo.exists() and not (tmp_path / "s.csv").exists()


def test_without_the_desktop_extra_the_app_says_how_to_get_it(tmp_path: Path) -> None:
    # A server host installs fieldapp[server], no PySide6: the import fails as it would there.
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "from fieldapp.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path / 'p')!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "fieldapp: error: the desktop app is not installed (pip install 'fieldapp[desktop]'); "
        "the commands work without it."
    )
