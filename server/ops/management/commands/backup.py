"""fieldapp-server backup --out DIR"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a backup (database with pg_dump or SQLite's backup API, then the attachments) "
        "to DIR/fieldapp-backup-<UTC time>.tar; the path is printed on the last line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, metavar="DIR")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            path, manifest = backup(opts["out"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(
            f"backed up the {manifest['engine']} database and {manifest['media_files']} "
            f"attachment file(s) ({path.stat().st_size} bytes)"
        )
        self.stdout.write(str(path))
