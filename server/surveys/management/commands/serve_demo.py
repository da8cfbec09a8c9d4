"""fieldapp-server serve-demo: migrate, seed when empty, print logins and a code, serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from server.surveys.demo import describe, seed_demo


class Command(BaseCommand):
    help = (
        "One command for a demo server: migrate, seed if empty, print logins and an "
        "enrollment code, serve."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="prepare only (for tests)")

    def handle(self, *args: Any, **opts: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        for line in describe(seed_demo()):
            self.stdout.write(line)
        if opts["no_serve"]:
            return
        self.stdout.write(
            f"API: http://{opts['addrport']}/api/v1/  admin: http://{opts['addrport']}/admin/"
        )
        call_command("runserver", opts["addrport"], use_reloader=False)
