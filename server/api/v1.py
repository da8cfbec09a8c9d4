"""API v1 endpoints: ping, enroll, push, pull, attachments."""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import BaseModel, Field

from server.accounts.models import (
    Device,
    EnrollmentCode,
    new_device_token,
    normalize_code,
    sha256_hex,
)
from server.attachments import uploads
from server.feed import cursor as feed_cursor
from server.feed import instance as feed_instance
from server.feed.echo import without_echo
from server.feed.models import FeedEntry, FeedEpoch
from server.feed.scope import PulledRow, feed_for, rescoped
from server.surveys.holdings import lost_holdings
from server.surveys.push import Actor
from server.surveys.relay import apply_push_with_relays
from server.throttle import throttle
from sync import protocol as p

from .auth import DeviceToken
from .errors import ApiError, error_response

api = NinjaAPI(
    title="FieldApp sync API",
    version="1",
    description="Offline-first sync of baseline surveys of social-protection establishments. "
    'Every 4xx answer is {"error": {"code", "message", "field"}}.',
    auth=DeviceToken(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

ERRORS: dict[int, Any] = {
    400: p.ErrorResponse,
    401: p.ErrorResponse,
    409: p.ErrorResponse,
    413: p.ErrorResponse,
    422: p.ErrorResponse,
}
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def now_iso() -> str:
    return timezone.now().isoformat(timespec="milliseconds")


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    response = error_response(exc.status, exc.code, exc.message, exc.field, **exc.extra)
    if "retry_after" in exc.extra:
        response["Retry-After"] = str(exc.extra["retry_after"])
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    loc = [str(x) for x in first.get("loc", []) if x not in ("body", "query", "path", "payload")]
    where = ".".join(loc) or None
    message = first.get("msg", "invalid request")
    if first.get("type") == "json_invalid" or "JSON" in str(message):
        return error_response(400, "invalid_json", "the body is not valid JSON", None)
    return error_response(422, "invalid_request", f"{where or 'request'}: {message}", where)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(401, p.ERR_UNAUTHORIZED, "send 'Authorization: Bearer <device token>'")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and "parse request body" in str(exc):
        return error_response(400, "invalid_json", "the body is not valid JSON")
    return error_response(exc.status_code, "bad_request", str(exc))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "not_found", str(exc) or "not found")


def speaks_v2(request: HttpRequest) -> bool:
    return int(getattr(request, "fieldapp_protocol", 1)) >= 2


def expect_instance(instance_id: str, mark: str) -> FeedEpoch:
    """A v2 request's claim about the server (sync.protocol `PushRequest.instance_id/mark`):
    409 when the server is another database or no longer holds the device's newest mark."""
    try:
        return feed_instance.check_expected(instance_id, mark)
    except feed_instance.InstanceChanged as exc:
        raise ApiError(409, p.ERR_INSTANCE_CHANGED, str(exc), "instance_id") from exc
    except feed_cursor.PositionLost as exc:
        raise ApiError(
            409, p.ERR_SERVER_RESTORED, f"{exc}: it was restored from an older backup", "mark"
        ) from exc


def actor_of(request: HttpRequest) -> Actor:
    device: Device = request.auth  # type: ignore[attr-defined]
    return Actor(device=device, user=device.user)


# ---- reachability and enrollment -----------------------------------------------------------


@api.get("/ping", auth=None, response=p.Ping, summary="Cheap reachability probe (no auth)")
def ping(request: HttpRequest) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "service": p.SERVICE_NAME,
        "api": p.API_VERSION,
        "server_time": now_iso(),
        "protocol": p.PROTOCOL_VERSION,
    }
    if speaks_v2(request):
        answer["instance_id"] = feed_cursor.current_epoch().epoch
    return answer


@api.post(
    "/enroll",
    auth=None,
    response={200: p.EnrollResponse, 429: p.ErrorResponse, **ERRORS},
    summary="Trade a one-time enrollment code for a device token",
    description="Wrong codes are counted per client address and per code prefix: past the "
    "limit every attempt gets 429 with Retry-After (seconds) until the window has passed.",
)
def enroll(request: HttpRequest, body: p.EnrollRequest) -> Any:
    normalized = normalize_code(body.code)
    try:
        throttle.check_enrollment(request, normalized)
    except throttle.Throttled as exc:
        raise ApiError(
            429, throttle.TOO_MANY, exc.message, "code", retry_after=exc.retry_after
        ) from None
    try:
        return _enroll(body, normalized, v2=speaks_v2(request))
    except ApiError as exc:
        if exc.code in REFUSED_CODES:
            throttle.record_enrollment_failure(request, normalized, exc.code)
        raise


REFUSED_CODES = frozenset({"invalid_code", "code_used", "code_expired"})


def _enroll(body: p.EnrollRequest, normalized: str, *, v2: bool) -> dict[str, Any]:
    with transaction.atomic():
        code = (
            EnrollmentCode.objects.select_for_update()
            .filter(code_hash=sha256_hex(normalized))
            .first()
        )
        if code is None:
            raise ApiError(400, "invalid_code", "this enrollment code is unknown", "code")
        if code.used_at is not None:
            raise ApiError(400, "code_used", "this enrollment code was already used", "code")
        if code.expires_at <= timezone.now():
            raise ApiError(400, "code_expired", "this enrollment code has expired", "code")
        user = code.user
        if not user.is_active:
            raise ApiError(400, "user_disabled", "this user account is disabled", "code")
        token, token_hash = new_device_token()
        device = Device.objects.create(
            user=user, name=body.device_name, token_hash=token_hash, public_key=body.device_key
        )
        code.used_at = timezone.now()
        code.device = device
        code.save(update_fields=["used_at", "device"])
        if body.previous_token:
            # Re-enrolling a laptop: its old token stops working (a copy of the profile that
            # kept it cannot go on syncing as this device).
            Device.objects.filter(
                user=user, token_hash=sha256_hex(body.previous_token), revoked_at__isnull=True
            ).update(revoked_at=timezone.now())
    answer: dict[str, Any] = {
        "token": token,
        "device_id": device.id,
        "username": user.username,
        "role": user.role,
        "regions": user.region_list(),
        "server_time": now_iso(),
    }
    if v2:
        epoch = feed_cursor.current_epoch()
        answer["instance_id"] = epoch.epoch
        answer["server_key"] = feed_instance.public_key_hex(epoch)
    return answer


# ---- push and pull ---------------------------------------------------------------------------


@api.post(
    "/sync/push",
    response={200: p.PushResponse, **ERRORS},
    summary="Apply a batch of changes (gzip accepted); one result per change, in order",
)
def push(request: HttpRequest, body: p.PushRequest) -> HttpResponse:
    epoch = expect_instance(body.instance_id, body.mark) if speaks_v2(request) else None
    results = apply_push_with_relays(actor_of(request), body.changes)
    # The results are built by the server to the PushResponse shape (tests parse them with
    # it): encode them directly instead of having them validated again on the way out.
    answer: dict[str, Any] = {"results": results, "server_time": now_iso()}
    if epoch is not None:
        answer.update(feed_instance.position(epoch).wire())
    return HttpResponse(json.dumps(answer), content_type="application/json")


class PullParams(BaseModel):
    cursor: str = Field(default="", max_length=200, description="Opaque; empty = from the start")
    limit: int = Field(default=p.DEFAULT_PULL_LIMIT, ge=1, le=p.MAX_PULL_LIMIT)
    full: bool = Field(
        default=False, description="v2: also send the entries this device caused itself"
    )
    instance_id: str = Field(default="", max_length=64, description="v2: as in a push")
    mark: str = Field(default="", max_length=200, description="v2: as in a push")


@api.get(
    "/sync/pull",
    response={200: p.PullResponse, 410: p.ErrorResponse, **ERRORS},
    summary="Changes since a cursor, scoped to what this device may see",
)
def pull(request: HttpRequest, params: Query[PullParams]) -> dict[str, Any]:
    actor = actor_of(request)
    user = actor.user
    v2 = speaks_v2(request)
    epoch = expect_instance(params.instance_id, params.mark) if v2 else feed_cursor.current_epoch()
    # Read the high-water mark first: every seq at or below it is committed or rolled back
    # (server.feed.publish), so reading up to it afterwards cannot skip anything.
    max_seq = FeedEntry.objects.aggregate(m=Max("seq"))["m"] or 0
    try:
        since = feed_cursor.decode(params.cursor, epoch, max_seq)
    except feed_cursor.CursorReset as exc:
        raise ApiError(
            410, p.ERR_CURSOR_RESET, f"{exc}; pull again from the start", "cursor"
        ) from exc
    # A survey entry written by a push names the revision holding its answers (one join on
    # that revision's primary key; server.feed.models).
    entries = without_echo(
        feed_for(user),
        actor.device.id,
        protocol=request.fieldapp_protocol,  # type: ignore[attr-defined]
        full=params.full,
    )
    rows = list(
        entries.filter(seq__gt=since, seq__lte=max_seq)
        .order_by("seq")
        .values_list(
            "seq", "kind", "object_id", "establishment_id", "data", "revision_id",
            "revision__answers",
        )[: params.limit + 1]
    )  # fmt: skip
    has_more = len(rows) > params.limit
    rows = rows[: params.limit]
    last = rows[-1][0] if has_more else max_seq
    pulled = []
    for seq, kind, object_id, establishment_id, data, revision_id, answers in rows:
        if not v2 and kind == "conflict" and data.get("resolved"):
            continue  # a v1 device would take a closure for a new conflict (sync.protocol)
        if revision_id is not None:
            data["answers"] = answers if answers is not None else {}
        pulled.append(PulledRow(seq, kind, object_id, establishment_id, data))
    # The cursor still moves past what the re-check leaves out.
    items = [
        {"seq": r.seq, "kind": r.kind, "id": r.object_id, "data": r.data}
        for r in rescoped(user, pulled, protocol=request.fieldapp_protocol)  # type: ignore[attr-defined]
    ]
    # v1 cursors stay untagged (their clients never send them back in another form).
    tag = (feed_cursor.entry_tag(last) or "") if v2 and last else ""
    answer: dict[str, Any] = {
        "items": items,
        "cursor": feed_cursor.encode(epoch.epoch, last, tag),
        "has_more": has_more,
    }
    if v2:
        answer.update(feed_instance.position(epoch, max_seq).wire())
    return answer


@api.post(
    "/sync/holdings",
    response={200: p.HoldingsResponse, **ERRORS},
    summary="v2: which of the device's acknowledged changes this server no longer holds",
)
def holdings(request: HttpRequest, body: p.HoldingsRequest) -> dict[str, Any]:
    answer = lost_holdings(actor_of(request), body)
    answer.update(feed_instance.position().wire())
    return answer


# ---- attachments -----------------------------------------------------------------------------


def checked_sha(sha256: str) -> str:
    if not SHA256_RE.match(sha256):
        raise ApiError(400, "invalid_sha256", "the name must be 64 lowercase hex digits", "sha256")
    return sha256


@api.get(
    "/attachments/{sha256}",
    response={200: p.AttachmentStatus, 404: p.ErrorResponse, **ERRORS},
    summary="How much of an attachment the server has",
)
def attachment_get(request: HttpRequest, sha256: str) -> dict[str, Any]:
    found = uploads.status(actor_of(request).device, checked_sha(sha256))
    if found is None:
        raise ApiError(404, "not_found", f"no attachment {sha256}", "sha256")
    return found


class UploadParams(BaseModel):
    offset: int = Field(ge=0, le=2**62)
    size: int = Field(ge=0, le=2**62, description="Total size of the file in bytes")


@api.put(
    "/attachments/{sha256}",
    response={200: p.AttachmentStatus, 409: p.ErrorResponse, **ERRORS},
    summary="Append a chunk at offset; verified by SHA-256 on completion",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
            "required": False,
        }
    },
)
def attachment_put(request: HttpRequest, sha256: str, params: Query[UploadParams]) -> Any:
    sha256 = checked_sha(sha256)
    if params.size > settings.FIELDAPP_MAX_ATTACHMENT_BYTES:
        raise ApiError(413, p.ERR_TOO_LARGE, "this file is larger than the server accepts", "size")
    device = actor_of(request).device
    try:
        return uploads.append(device, sha256, params.offset, params.size, request.body)
    except uploads.UploadRefused as exc:
        extra = {} if exc.received is None else {"received": exc.received}
        return error_response(exc.status, exc.code, exc.message, exc.field, **extra)
    except IntegrityError as exc:  # the same device started the same file twice at once
        raise ApiError(
            409,
            p.ERR_OFFSET_MISMATCH,
            "upload in progress elsewhere; ask again",
            "offset",
            received=0,
        ) from exc
