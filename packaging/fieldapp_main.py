"""The frozen app's entry script: `FieldApp` is the `fieldapp` command in a bundle.

`FieldApp` starts the desktop app, `FieldApp demo …` / `FieldApp check --json` / `FieldApp sync …`
work as with the installed command, and `FieldApp --self-test` checks the bundle itself
(ui/selftest.py). Run from source (`python packaging/fieldapp_main.py`) it behaves the same,
which is how bench/dist.py times a start from source.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

# Mirrors ui.readyprobe.ENV_EXIT_WHEN_READY; checked here so that `check` or `demo` never pay
# for importing Qt.
ENV_EXIT_WHEN_READY = "FIELDAPP_EXIT_WHEN_READY"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--self-test"]:
        from ui.selftest import run_self_test

        return run_self_test()
    probe = None
    if os.environ.get(ENV_EXIT_WHEN_READY, "") not in ("", "0"):
        from ui.readyprobe import install

        probe = install()
    from fieldapp.cli import main as fieldapp_main

    try:
        return fieldapp_main(args)
    finally:
        del probe  # kept alive (it is the app's child anyway) until the app has quit


if __name__ == "__main__":
    sys.exit(main())
