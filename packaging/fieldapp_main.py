"""The frozen app's entry script: `FieldApp` is the `fieldapp` command in a bundle.

`FieldApp` starts the desktop app, `FieldApp demo …` / `FieldApp check --json` / `FieldApp sync …`
work as with the installed command, and `FieldApp --self-test` checks the bundle itself
(ui/selftest.py). Run from source (`python packaging/fieldapp_main.py`) it behaves the same,
which is how bench/dist.py times a start from source.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence

# Mirrors ui.readyprobe.ENV_EXIT_WHEN_READY; checked here so that `check` or `demo` never pay
# for importing Qt.
ENV_EXIT_WHEN_READY = "FIELDAPP_EXIT_WHEN_READY"


def gui_data_dir(args: Sequence[str]) -> tuple[bool, str | None]:
    """(True, DIR or None) when `args` only start the desktop app: nothing, or --data-dir DIR.

    That start skips building the CLI parser, which imports every command's module (sync's
    pulls requests and pydantic: a third of a second) before the window can appear.
    """
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--data-dir" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--data-dir=") and len(args[0]) > len("--data-dir="):
        return True, args[0].split("=", 1)[1]
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    # The bundle leaves out charset_normalizer (packaging/bundle.py): requests then assumes
    # UTF-8, which the server sends, and would say so on every `FieldApp sync`.
    warnings.filterwarnings("ignore", message="Unable to find acceptable character detection")
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--self-test"]:
        from ui.selftest import run_self_test

        return run_self_test()
    probe = None
    if os.environ.get(ENV_EXIT_WHEN_READY, "") not in ("", "0"):
        from ui.readyprobe import install

        probe = install()
    try:
        gui, directory = gui_data_dir(args)
        if gui:
            # What `fieldapp` does without a command (fieldapp.cli._start_app), minus the
            # entry-point lookup: in the bundle the desktop app is always there.
            from fieldapp.paths import data_dir
            from fieldapp.store import StoreError
            from ui.app import run

            try:
                return int(run(data_dir(directory)))
            except StoreError as exc:
                print(f"fieldapp: error: {exc}", file=sys.stderr)
                return 2
        from fieldapp.cli import main as fieldapp_main

        return fieldapp_main(args)
    finally:
        del probe  # kept alive (it is the app's child anyway) until the app has quit


if __name__ == "__main__":
    sys.exit(main())
