"""fieldapp-server stats [--json]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from server.surveys.stats import server_stats


class Command(BaseCommand):
    help = (
        "Counts of establishments, assignments, devices, surveys by status, revisions, "
        "conflicts and attachments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        stats = server_stats()
        if opts["json"]:
            self.stdout.write(json.dumps(stats, sort_keys=True))
            return
        for key, value in stats.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items())
            self.stdout.write(f"{key.replace('_', ' ')}: {value}")
