"""fieldapp-server restore FILE [--force]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `fieldapp-server backup` into the configured (empty) database "
        "and media folder, then apply this version's migrations. Stop the app servers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace a database and media that are not empty"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            manifest = restore(opts["file"], force=opts["force"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        call_command("migrate", verbosity=0, interactive=False)
        self.stdout.write(
            f"restored the backup of {manifest['created_at']} (FieldApp "
            f"{manifest['fieldapp_version']}, {manifest['media_files']} attachment file(s)); "
            "migrations applied. Start the app servers; devices re-send what the backup lacks."
        )
