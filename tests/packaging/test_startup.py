"""What the desktop app and the CLI import before they are usable (docs/packaging.md, Start-up).

The sync client (requests, urllib3, pydantic, keyring), cryptography, openpyxl, the form engine
and the coordinator workspace cost a third to half a second to import: the main window gets
them after its first paint, and `fieldapp check` or `demo` never.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "sync.client",
    "sync.bundle",
    "requests",
    "urllib3",
    "pydantic",
    "keyring",
    "cryptography",
    "openpyxl",
)
# Not needed to show the list either.
DEFERRED_UI = ("fieldapp.forms", "ui.coordinator", "ui.survey.form", "ui.syncing", "ui.autosync")


def imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running `code`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport json, sys; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_main_window_module_imports_nothing_heavy():
    modules = imported_after("import ui.mainwindow")
    assert not modules & {*HEAVY, *DEFERRED_UI}, sorted(modules & {*HEAVY, *DEFERRED_UI})


def test_building_the_window_imports_nothing_heavy_before_its_first_paint(tmp_path):
    modules = imported_after(
        "from PySide6.QtWidgets import QApplication\n"
        "from ui.mainwindow import MainWindow\n"
        "app = QApplication([])\n"
        f"window = MainWindow({str(tmp_path)!r})"
    )
    # The list is read from the encrypted profile, so its key is unwrapped before the first
    # paint: AES-GCM and Argon2id from cryptography (~40 ms to import) are the one exception,
    # and only the primitives, never the sync client's stack.
    heavy = {*HEAVY, *DEFERRED_UI} - {"cryptography"}
    assert not modules & heavy, sorted(modules & heavy)
    assert "cryptography.x509" not in modules


def test_the_cli_parser_imports_neither_the_sync_client_nor_cryptography():
    # `fieldapp check` builds the whole parser: every entry-point command registers itself.
    modules = imported_after("from fieldapp.cli import build_parser\nbuild_parser()")
    assert "sync.cli" in modules
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def _parser_shape(register) -> dict[str, object]:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    shape: dict[str, object] = {}

    def walk(p: argparse.ArgumentParser, prefix: str) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{prefix} {name}".strip())
            elif not isinstance(action, argparse._HelpAction):
                shape[f"{prefix} {action.dest}"] = (
                    tuple(action.option_strings),
                    action.required,
                    action.metavar,
                    action.help,
                )
        shape[f"{prefix} <help>"] = p.description, p.format_usage().split(" ", 2)[-1]

    walk(parser, "")
    return shape


def test_the_cli_declares_the_bundle_command_as_sync_bundle_does():
    from sync import bundle
    from sync.cli import register_bundle

    assert _parser_shape(register_bundle) == _parser_shape(bundle.register)


@pytest.mark.parametrize("name", ["STATE_SERVER", "STATE_LAST_SYNC"])
def test_the_window_reads_the_sync_state_under_the_sync_clients_names(name):
    import sync.client
    import ui.window_sync

    assert getattr(ui.window_sync, name) == getattr(sync.client, name)


def test_synchronisation_is_built_after_the_first_paint(qtbot, tmp_path):
    from fieldapp.store import Store
    from ui.mainwindow import MainWindow

    with Store.open(tmp_path):
        pass
    window = MainWindow(tmp_path)
    qtbot.addWidget(window)
    assert not window.startup_finished
    window.show()
    qtbot.waitUntil(lambda: window.startup_finished, timeout=10_000)
    assert window.coordination.export_action.text()  # bundle menus, for everyone
    assert window.sync_dock.isHidden()
    window.close()


def test_asking_for_synchronisation_builds_it_at_once(qtbot, tmp_path):
    from ui.mainwindow import MainWindow

    window = MainWindow(tmp_path)
    qtbot.addWidget(window)
    assert window.sync is not None  # never shown: built on demand
    assert window.startup_finished
    window.close()


def test_a_window_never_painted_still_builds_synchronisation(qtbot, tmp_path):
    from ui.mainwindow import STARTUP_FALLBACK_MS, MainWindow

    window = MainWindow(tmp_path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.startup_finished, timeout=STARTUP_FALLBACK_MS + 5_000)
    window.close()
