"""fieldapp-server healthcheck [--url URL]"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = (
        "Check what a sync needs: the database answers, no migration is pending, the media "
        "folder is writable and (with --url) the API answers a device's ping. One line, exit 1 "
        "on the first problem (the systemd timer fieldapp-healthcheck runs it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", help="the server's base URL, as devices use it")

    def handle(self, *args: Any, **opts: Any) -> None:
        checked = []
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            checked.append("database")
            pending = MigrationExecutor(connection).migration_plan(
                MigrationExecutor(connection).loader.graph.leaf_nodes()
            )
        except DatabaseError as exc:
            raise CommandError(f"unhealthy: the database does not answer ({exc})") from None
        if pending:
            raise CommandError(
                f"unhealthy: {len(pending)} migration(s) not applied (fieldapp-server migrate)"
            )
        checked.append("migrations")
        media = Path(settings.MEDIA_ROOT)
        try:
            media.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=media, prefix=".health-"):
                pass
        except OSError as exc:
            raise CommandError(f"unhealthy: cannot write to {media} ({exc.strerror})") from None
        checked.append("media")
        if opts["url"]:
            from sync.client import probe

            if not probe(opts["url"], timeout=10):
                raise CommandError(f"unhealthy: {opts['url']}/api/v1/ping does not answer")
            checked.append("api")
        self.stdout.write("healthy: " + ", ".join(checked))
