"""The README documents every command a user can type: the docs stay true because this fails
when a command is added without a line in the README."""

import re
from pathlib import Path

from fieldapp.cli import build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SERVER_COMMANDS = Path(__file__).resolve().parents[2] / "server"


def _subcommands(parser, prefix: str) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found += _subcommands(sub, f"{prefix} {name}")
    return found


def test_every_fieldapp_command_is_in_the_readme() -> None:
    commands = _subcommands(build_parser(), "fieldapp")
    assert "fieldapp sync" in commands and "fieldapp form validate" in commands
    missing = [c for c in commands if f"`{c}" not in README]
    assert missing == []


def test_every_fieldapp_server_command_is_in_the_readme() -> None:
    names = sorted(
        p.stem.replace("_", "-")
        for p in SERVER_COMMANDS.glob("*/management/commands/*.py")
        if not p.stem.startswith("_")
    )
    assert "publish-form" in names
    missing = [n for n in names if not re.search(rf"`{re.escape(n)}[ `]", README)]
    assert missing == []


def test_the_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
