"""fieldapp-server export [--form ID] --format csv|xlsx --out PATH"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.surveys.export import ExportError, export, pick_form


class Command(BaseCommand):
    help = "Export the surveys of a form version, flattened as in the app (streamed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--form", default=None, help="FORM_ID or FORM_ID@VERSION (default: baseline, latest)"
        )
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            version = pick_form(opts["form"])
            count = export(version, opts["format"], opts["out"])
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"exported {count} surveys of {version} to {opts['out']}")
