"""fieldapp-server seed-demo: demo users, establishments and form when the database is empty."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from server.surveys.demo import describe, seed_demo


class Command(BaseCommand):
    help = (
        "Seed a demo coordinator, two agents, an admin, establishments and the baseline form "
        "(only into an empty database)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--establishments", type=int, default=24)

    def handle(self, *args: Any, **opts: Any) -> None:
        for line in describe(seed_demo(opts["establishments"])):
            self.stdout.write(line)
