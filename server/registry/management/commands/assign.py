"""fieldapp-server assign USERNAME CODE… [--remove]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.accounts.models import Role, User
from server.registry.actions import assign, unassign
from server.registry.models import Establishment


class Command(BaseCommand):
    help = "Assign establishments (by code) to a field agent, or --remove the assignment."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("codes", nargs="+", metavar="CODE")
        parser.add_argument("--remove", action="store_true", help="unassign instead")

    def handle(self, *args: Any, **opts: Any) -> None:
        agent = User.objects.filter(username=opts["username"]).first()
        if agent is None:
            raise CommandError(f"no user named {opts['username']}")
        if agent.role != Role.AGENT:
            raise CommandError(f"{agent.username} is a {agent.role}, not a field agent")
        found = {e.code: e for e in Establishment.objects.filter(code__in=opts["codes"])}
        missing = [c for c in opts["codes"] if c not in found]
        if missing:
            raise CommandError(f"unknown establishment code(s): {', '.join(missing)}")
        for code in opts["codes"]:
            if opts["remove"]:
                done = unassign(found[code], agent)
                self.stdout.write(f"{code}: {'unassigned' if done else 'was not assigned'}")
            else:
                done = assign(found[code], agent)
                self.stdout.write(f"{code}: {'assigned' if done else 'already assigned'}")
