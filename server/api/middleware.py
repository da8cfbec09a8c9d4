"""Body checks that must happen before Django or django-ninja read the body.

- Oversized bodies get a 413 JSON error (Django would answer a bare 400).
- `Content-Encoding: gzip` bodies are inflated here, with a cap, so a small gzip bomb cannot
  take the worker's memory.
- PostgreSQL refuses NUL characters in text and JSON: a body or URL carrying one is refused
  with a clear 400 instead of failing deep in a query (a push body is checked per change).
- The protocol version a request asked for (`FieldApp-Protocol`, sync.protocol) is read once
  into `request.fieldapp_protocol` and named in the answer's header.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware

from sync import protocol as p

from . import compact
from .errors import error_response

API_PREFIX = "/api/"
PUSH_PATH = p.API_PREFIX + "/sync/push"


def _limit_for(path: str) -> int:
    if path.startswith("/api/v1/attachments/"):
        return int(settings.FIELDAPP_MAX_CHUNK_BYTES)
    return int(settings.FIELDAPP_MAX_BODY_BYTES)


class ApiBodyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        version = p.protocol_of(request.headers.get(p.PROTOCOL_HEADER))
        request.fieldapp_protocol = version  # type: ignore[attr-defined]
        response = self.check(request) or self.get_response(request)
        response[p.PROTOCOL_HEADER] = str(version)
        return response

    def check(self, request: HttpRequest) -> HttpResponse | None:
        raw_path = request.get_full_path()
        if "%00" in raw_path or "\x00" in raw_path:
            return error_response(400, "invalid_text", "the URL contains a NUL character")
        limit = _limit_for(request.path)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return error_response(400, "bad_request", "Content-Length is not a number")
        if length > limit:
            return error_response(
                413, "too_large", f"the body is {length} bytes; the limit is {limit}", limit=limit
            )
        if request.method in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return None
        body = (
            request.read(limit + 1)
            if length or "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "")
            else b""
        )
        if len(body) > limit:
            return error_response(413, "too_large", f"the body is over the limit of {limit} bytes")
        encoding = request.META.get("HTTP_CONTENT_ENCODING", "").strip().lower()
        if encoding == "gzip":
            inflated_limit = int(settings.FIELDAPP_MAX_INFLATED_BYTES)
            inflater = zlib.decompressobj(wbits=31)
            try:
                body = inflater.decompress(body, inflated_limit + 1)
            except zlib.error:
                return error_response(400, "bad_gzip", "the body is not valid gzip data")
            if len(body) > inflated_limit or inflater.unconsumed_tail:
                return error_response(
                    413,
                    "too_large",
                    f"the inflated body is over the limit of {inflated_limit} bytes",
                )
            if not inflater.eof:
                return error_response(400, "bad_gzip", "the gzip data is truncated")
            del request.META["HTTP_CONTENT_ENCODING"]
        elif encoding not in ("", "identity"):
            return error_response(
                415, "unsupported_encoding", f"Content-Encoding '{encoding}' is not supported"
            )
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.split(";")[0].strip() == p.COMPACT_CONTENT_TYPE:
            decoded = compact.decode_body(request, body)
            if isinstance(decoded, HttpResponse):
                return decoded
            body = decoded
            content_type = request.META["CONTENT_TYPE"] = "application/json"
            request.content_type = content_type
        # A push is checked change by change (server.surveys.hygiene): a NUL there is refused
        # naming the question, and the rest of the batch is applied.
        if "json" in content_type and b"\\u0000" in body and request.path != PUSH_PATH:
            return error_response(400, "invalid_text", "the JSON body contains a NUL character")
        # Hand the (inflated) body to Django as if it had just been read from the socket.
        request._body = body  # type: ignore[attr-defined]
        request.META["CONTENT_LENGTH"] = str(len(body))
        return None


class ApiGZipMiddleware(GZipMiddleware):
    """Compress API answers (push results and pull pages are JSON that shrinks ~10×; on a 3G
    link they were most of a sync's time). Only under /api/: HTML pages with CSRF tokens are
    left alone, the classic BREACH concern."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return response
        if compact.encode_answer(request, response):
            return response
        return super().process_response(request, response)
