"""fieldapp-server enrollment-code USERNAME: a one-time code, printed on the last line."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.accounts.models import User, issue_enrollment_code


class Command(BaseCommand):
    help = "Issue a one-time, expiring enrollment code for a user's laptop."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--hours", type=int, default=None, help="validity (default 72)")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.filter(username=opts["username"]).first()
        if user is None:
            raise CommandError(f"no user named {opts['username']}")
        ttl = timedelta(hours=opts["hours"]) if opts["hours"] else None
        code, row = issue_enrollment_code(user, ttl=ttl)
        self.stdout.write(
            f"enrollment code for {user.username} ({user.role}), "
            f"valid until {row.expires_at:%Y-%m-%d %H:%M} UTC, usable once:"
        )
        self.stdout.write(code)
