"""`fieldapp-server`: Django's management commands plus the project's own.

Command names take hyphens (`create-user`, `import-establishments`…) and map to Django
commands with underscores, so `fieldapp-server migrate` and `fieldapp-server create-user` work
alike.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else ["fieldapp-server", *argv])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.settings.dev")
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
        if args[1] == "help" and len(args) > 2 and not args[2].startswith("-"):
            args[2] = args[2].replace("-", "_")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(args)
    except ImproperlyConfigured as exc:
        # A missing production setting: one line naming the variable, not 53 of traceback.
        print(f"fieldapp-server: error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
