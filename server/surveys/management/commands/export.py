"""fieldapp-server export [--form ID[@VERSION]] --format csv|xlsx --out PATH [--headers …] …

Without a version, every version of the form that holds surveys is exported, one file per
version (the newest to PATH, an older one to PATH.vVERSION), and each line says which."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fieldapp.export import ExportError, add_export_options, check_target, options_from
from server.surveys.export import export, pick_versions, version_path


class Command(BaseCommand):
    help = "Export the surveys of a form version with the app's export writer (streamed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--form",
            default=None,
            help="FORM_ID (every version with surveys, one file each) or FORM_ID@VERSION "
            "(that version); default: the baseline form, every version",
        )
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--out", type=Path, required=True)
        add_export_options(parser)

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            options = options_from(opts)
            check_target(opts["out"])
            versions = pick_versions(opts["form"])
            written = []
            for version in versions:
                target = version_path(opts["out"], version, versions[0])
                count = export(version, opts["format"], target, options)
                written.append(f"exported {count} surveys of {version} to {target}")
        except ExportError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        for line in written:
            self.stdout.write(line)
