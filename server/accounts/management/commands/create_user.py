"""fieldapp-server create-user USERNAME --role agent|coordinator|admin [--region CODE …]"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.accounts.models import Role, User


class Command(BaseCommand):
    help = "Create (or update) a user with a role; coordinators are scoped to regions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", choices=Role.values, required=True)
        parser.add_argument("--region", action="append", default=[], help="region code (repeat)")
        parser.add_argument("--password", help="default: a random one, printed")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        role = opts["role"]
        if role == Role.COORDINATOR and not opts["region"]:
            raise CommandError("a coordinator needs at least one --region")
        password = opts["password"] or secrets.token_urlsafe(9)
        user, created = User.objects.get_or_create(username=opts["username"])
        user.role = role
        user.regions = sorted(set(opts["region"]))
        user.email = opts["email"] or user.email
        # Admins and coordinators use the Django admin; agents only the desktop app.
        user.is_staff = role in (Role.ADMIN, Role.COORDINATOR)
        user.is_superuser = role == Role.ADMIN
        user.set_password(password)
        user.save()
        verb = "created" if created else "updated"
        self.stdout.write(f"{verb} {role} {user.username} regions={user.regions}")
        if not opts["password"]:
            self.stdout.write(f"password: {password}")
