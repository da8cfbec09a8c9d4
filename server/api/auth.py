"""Bearer-token authentication of devices. Tokens are looked up by their SHA-256."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from server.accounts.models import Device, sha256_hex
from sync import protocol as p

from .errors import ApiError

# Writing last_seen_at on every request would turn each pull into a write; once a minute is
# enough to tell a coordinator which laptops are alive.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)


class DeviceToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Device:
        device = Device.objects.select_related("user").filter(token_hash=sha256_hex(token)).first()
        if device is None:
            raise ApiError(
                401, p.ERR_UNAUTHORIZED, "unknown device token; enroll this device again"
            )
        if device.revoked_at is not None:
            raise ApiError(401, p.ERR_TOKEN_REVOKED, "this device's token was revoked")
        if not device.user.is_active:
            raise ApiError(401, p.ERR_UNAUTHORIZED, "this user account is disabled")
        now = timezone.now()
        if device.last_seen_at is None or now - device.last_seen_at > LAST_SEEN_RESOLUTION:
            Device.objects.filter(pk=device.pk).update(last_seen_at=now)
            device.last_seen_at = now
        return device

    def __call__(self, request: HttpRequest) -> Device:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, p.ERR_UNAUTHORIZED, "send 'Authorization: Bearer <device token>'")
        return self.authenticate(request, token.strip())
