"""Users, devices and enrollment codes.

A device token is shown once (at enrollment) and stored only as its SHA-256: a leaked database
does not leak working tokens. Enrollment codes are stored hashed for the same reason.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from fieldapp.domain import new_id

# Codes are read aloud and typed on laptops: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


class Role(models.TextChoices):
    AGENT = "agent", "Agent de terrain"
    COORDINATOR = "coordinator", "Coordinateur"
    ADMIN = "admin", "Administrateur"


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AGENT)
    # Region codes a coordinator oversees (agents see only their assignments, admins all).
    regions = models.JSONField(default=list, blank=True)

    def region_list(self) -> list[str]:
        return [str(r) for r in (self.regions or [])]


class Device(models.Model):
    """One enrolled laptop. Every write through its token names it and its user."""

    id = models.CharField(primary_key=True, max_length=36, default=new_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="devices"
    )
    name = models.CharField(max_length=200)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The device's Ed25519 public key (hex), made on the device at enrollment (protocol v2):
    # its bundles are signed with the private half, which never leaves the laptop.
    public_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = "appareil"

    def __str__(self) -> str:
        return f"{self.name} ({self.user.username})"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class EnrollmentCode(models.Model):
    """A one-time, expiring code a coordinator gives an agent to enroll a laptop."""

    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollment_codes"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    device = models.ForeignKey(Device, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = "code d'enrôlement"

    def __str__(self) -> str:
        return f"code for {self.user.username} (expires {self.expires_at:%Y-%m-%d %H:%M} UTC)"


def issue_enrollment_code(
    user: User, issued_by: User | None = None, ttl: timedelta | None = None
) -> tuple[str, EnrollmentCode]:
    """Make a new one-time code for `user`; returns the clear code (shown once) and its row."""
    ttl = ttl or timedelta(hours=settings.FIELDAPP_ENROLLMENT_CODE_TTL_HOURS)
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
    row = EnrollmentCode.objects.create(
        code_hash=sha256_hex(normalize_code(code)),
        user=user,
        issued_by=issued_by,
        expires_at=timezone.now() + ttl,
    )
    return code, row


def new_device_token() -> tuple[str, str]:
    """A fresh bearer token and its stored hash."""
    token = secrets.token_urlsafe(32)
    return token, sha256_hex(token)
