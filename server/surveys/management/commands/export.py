"""fieldapp-server export [--form ID] --format csv|xlsx --out PATH [--headers …] [--lang …]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fieldapp.export import ExportError, add_export_options, check_target, options_from
from server.surveys.export import export, pick_form


class Command(BaseCommand):
    help = "Export the surveys of a form version with the app's export writer (streamed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--form", default=None, help="FORM_ID or FORM_ID@VERSION (default: baseline, latest)"
        )
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--out", type=Path, required=True)
        add_export_options(parser)

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            options = options_from(opts)
            check_target(opts["out"])
            version = pick_form(opts["form"])
            count = export(version, opts["format"], opts["out"], options)
        except ExportError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(f"exported {count} surveys of {version} to {opts['out']}")
