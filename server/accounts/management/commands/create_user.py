"""fieldapp-server create-user USERNAME --role agent|coordinator|admin [--region CODE …]"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from fieldapp.geo import ISO_REGIONS, region_code
from server.accounts.models import Role, User


def regions_of(given: list[str]) -> list[str]:
    """ISO codes of regions given as codes or French/Arabic names; CommandError otherwise."""
    codes: set[str] = set()
    for text in given:
        code = region_code(text)
        if code is None:
            known = ", ".join(f"{c} ({fr})" for c, (fr, _) in ISO_REGIONS.items())
            raise CommandError(f"unknown region {text!r}: use one of {known}", returncode=2)
        codes.add(code)
    return sorted(codes)


class Command(BaseCommand):
    help = (
        "Create (or update) a user with a role; coordinators are scoped to regions (ISO code "
        "such as MA-07, or the region's French or Arabic name). A given password must pass "
        "the server's password rules (10+ characters, not common, not all digits, not close "
        "to the username); without one a random password is printed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", choices=Role.values, required=True)
        parser.add_argument("--region", action="append", default=[], help="region code (repeat)")
        parser.add_argument("--password", help="default: a random one, printed")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        role = opts["role"]
        regions = regions_of(opts["region"])
        if role == Role.COORDINATOR and not regions:
            raise CommandError("a coordinator needs at least one --region", returncode=2)
        password = opts["password"] or secrets.token_urlsafe(12)
        with transaction.atomic():
            user, created = User.objects.get_or_create(username=opts["username"])
            user.role = role
            user.regions = regions
            user.email = opts["email"] or user.email
            try:
                validate_password(password, user)
            except ValidationError as exc:
                transaction.set_rollback(True)
                raise CommandError(
                    "password refused: " + " ".join(exc.messages), returncode=2
                ) from exc
            # Admins and coordinators use the Django admin; agents only the desktop app.
            user.is_staff = role in (Role.ADMIN, Role.COORDINATOR)
            user.is_superuser = role == Role.ADMIN
            user.set_password(password)
            user.save()
        verb = "created" if created else "updated"
        self.stdout.write(f"{verb} {role} {user.username} regions={user.regions}")
        if not opts["password"]:
            self.stdout.write(f"password: {password}")
