"""fieldapp-server import-establishments FILE.csv|FILE.xlsx [--partial] [--dry-run]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.registry.actions import import_establishments
from server.registry.importing import IMPORT_COLUMNS, OPTIONAL_COLUMNS, accepted_values


class Command(BaseCommand):
    help = (
        "Import establishments from an Excel workbook (.xlsx, .xls) or a CSV (separator , ; or "
        "tab; UTF-8, or Windows-1256/1252 with a warning) with columns "
        + ", ".join(IMPORT_COLUMNS + OPTIONAL_COLUMNS)
        + " (code, name_fr and region required). Idempotent on code. Any bad line: nothing is "
        "imported and the exit status is 2, unless --partial. Accepted " + accepted_values()
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--partial",
            action="store_true",
            help="import the good lines even when some are refused (exit 0)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count only; write nothing"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=2)
        report = import_establishments(path, partial=opts["partial"], dry_run=opts["dry_run"])
        for warning in report.warnings:
            self.stderr.write(f"{path}: warning: {warning}")
        for line, reason in report.errors:
            self.stderr.write(f"{path}:{line}: {reason}")
        counts = (
            f"created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}, bad lines {len(report.errors)}"
        )
        if opts["dry_run"]:
            self.stdout.write(f"dry run, nothing written: would have {counts}")
        elif report.written:
            self.stdout.write(counts)
        if report.errors and not opts["dry_run"] and not report.written:
            hint = "" if opts["partial"] else " (fix them, or --partial to import the good ones)"
            raise CommandError(
                f"{len(report.errors)} bad line(s): nothing imported{hint}", returncode=2
            )
        if report.errors and opts["dry_run"]:
            raise CommandError(f"{len(report.errors)} bad line(s)", returncode=2)
