"""fieldapp-server publish-form FILE [MEDIA...] (XLSForm .xlsx or JSON, and its media)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.surveys.actions import PublishError, publish_form


class Command(BaseCommand):
    help = "Publish a new form version (checked by the form engine); devices get it on pull."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "media",
            type=Path,
            nargs="*",
            help="files published with the form: choices files (CSV, XML, GeoJSON) of "
            "select_one_from_file questions",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        media: list[Path] = opts["media"]
        for file in [path, *media]:
            if not file.is_file():
                raise CommandError(f"{file}: no such file")
        try:
            version = publish_form(path, media=media)
        except PublishError as exc:
            raise CommandError(f"{path}: cannot publish:\n{exc}") from exc
        self.stdout.write(f"published {version.form_id} version {version.version}")
