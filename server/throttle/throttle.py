"""Limits on guessing: enrollment codes (here) and admin passwords (django-axes, configured in
settings.base with the two callables below).

Enrollment: a code is 12 characters from a 31-letter alphabet, so guessing it blindly is
hopeless *if* the guesses are counted. Failures are counted over a sliding window per client
address and per code prefix (the first group of 4 characters: a distributed guesser who saw
part of a code still hits the prefix limit). At the limit every attempt, even with a right code,
gets 429 with Retry-After until the oldest counted failure leaves the window.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from .models import EnrollmentFailure

log = logging.getLogger("fieldapp.throttle")

TOO_MANY = "too_many_attempts"


class Throttled(Exception):
    """Refused before looking at the code; `retry_after` in whole seconds."""

    def __init__(self, retry_after: int, message: str) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.message = message


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the header a trusted reverse proxy sets
    (`FIELDAPP_CLIENT_ADDRESS_HEADER`, e.g. X-Real-IP behind nginx). Never a client-chosen
    X-Forwarded-For without a proxy, or anyone could pick a fresh address per guess."""
    header = getattr(settings, "FIELDAPP_CLIENT_ADDRESS_HEADER", "")
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if value:
            return str(value).split(",")[0].strip()[:64]
    address = request.META.get("REMOTE_ADDR")
    return str(address)[:64] if address else None


def _prefix_key(normalized_code: str) -> str:
    # Keyed, so the stored value cannot be matched against the 923,521 possible prefixes.
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, b"enroll-prefix:" + normalized_code[:4].encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def _window() -> timedelta:
    return timedelta(seconds=int(settings.FIELDAPP_ENROLL_WINDOW_SECONDS))


def _retry_after(field: str, value: str, limit: int) -> int | None:
    """Seconds until fewer than `limit` failures remain in the window, or None if under it."""
    now = timezone.now()
    recent = list(
        EnrollmentFailure.objects.filter(**{field: value}, at__gt=now - _window())
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    return max(1, math.ceil((recent[-1] + _window() - now).total_seconds()))


def check_enrollment(request: HttpRequest, normalized_code: str) -> None:
    """Raise Throttled when this address or this code prefix spent its failures."""
    address = client_address(request) or "unknown"
    limits = (
        ("address", address, int(settings.FIELDAPP_ENROLL_MAX_FAILURES_PER_ADDRESS)),
        (
            "prefix_key",
            _prefix_key(normalized_code),
            int(settings.FIELDAPP_ENROLL_MAX_FAILURES_PER_PREFIX),
        ),
    )
    for field, value, limit in limits:
        wait = _retry_after(field, value, limit)
        if wait is not None:
            # The code is a secret, its prefix too: log which limit, not what was typed.
            log.warning(
                "enrollment refused (429): %s over its limit of %d failures in %d s, "
                "address %s, retry after %d s",
                "address" if field == "address" else "code prefix",
                limit,
                int(settings.FIELDAPP_ENROLL_WINDOW_SECONDS),
                address,
                wait,
            )
            minutes = max(1, math.ceil(wait / 60))
            raise Throttled(
                wait,
                f"too many wrong enrollment codes: try again in {minutes} minute(s), "
                "with the code exactly as the coordinator gave it",
            )


def record_enrollment_failure(request: HttpRequest, normalized_code: str, reason: str) -> None:
    """Count one refused code (and forget failures older than the window)."""
    now = timezone.now()
    address = client_address(request) or "unknown"
    EnrollmentFailure.objects.filter(at__lt=now - _window()).delete()
    EnrollmentFailure.objects.create(
        address=address, prefix_key=_prefix_key(normalized_code), at=now
    )
    log.warning("enrollment refused (%s) from address %s", reason, address)


def admin_lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked-out admin login: 429, Retry-After, no template."""
    cool_off = settings.AXES_COOLOFF_TIME
    seconds = int(cool_off.total_seconds()) if isinstance(cool_off, timedelta) else 900
    log.warning(
        "admin login refused (429, locked out) from address %s, retry after %d s",
        client_address(request),
        seconds,
    )
    message = (
        "Trop de tentatives de connexion échouées : réessayez dans "
        f"{math.ceil(seconds / 60)} minute(s). / Too many failed logins: "
        f"try again in {math.ceil(seconds / 60)} minute(s)."
    )
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"error": {"code": TOO_MANY, "message": message, "field": None}}, status=429
        )
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response
