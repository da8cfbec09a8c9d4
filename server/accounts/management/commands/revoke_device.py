"""fieldapp-server revoke-device DEVICE_ID|USERNAME: refuse that laptop's token from now on."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from server.accounts.models import Device


class Command(BaseCommand):
    help = "Revoke a device token (by device id), or every device of a user (by username)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("device_or_username")

    def handle(self, *args: Any, **opts: Any) -> None:
        key = opts["device_or_username"]
        devices = list(Device.objects.filter(pk=key)) or list(
            Device.objects.filter(user__username=key, revoked_at__isnull=True)
        )
        if not devices:
            raise CommandError(f"no device or user with active devices: {key}")
        for device in devices:
            device.revoke()
            self.stdout.write(f"revoked {device.id} {device.name} ({device.user.username})")
