"""fieldapp-server publish-form FILE (XLSForm .xlsx or JSON)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.surveys.actions import PublishError, publish_form


class Command(BaseCommand):
    help = "Publish a new form version (checked by the form engine); devices get it on pull."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            version = publish_form(path)
        except PublishError as exc:
            raise CommandError(f"{path}: cannot publish:\n{exc}") from exc
        self.stdout.write(f"published {version.form_id} version {version.version}")
