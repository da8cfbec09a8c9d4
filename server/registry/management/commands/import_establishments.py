"""fieldapp-server import-establishments FILE.csv"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.registry.actions import IMPORT_COLUMNS, import_establishments


class Command(BaseCommand):
    help = (
        "Import establishments from a UTF-8 CSV with columns "
        + ", ".join(IMPORT_COLUMNS)
        + " (manager optional). Idempotent on code; bad lines are reported, good ones imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        report = import_establishments(path)
        for line, reason in report.errors:
            self.stderr.write(f"{path}:{line}: {reason}")
        self.stdout.write(
            f"created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}, bad lines {len(report.errors)}"
        )
        if report.errors and not (report.created or report.updated or report.unchanged):
            raise CommandError("no line could be imported")
