"""The compact encoding (protocol v2, sync.compact) on the server: decoding request bodies and
encoding answers. A v1 request never gets a compact answer, and a compact body under v1 is
refused: only a client that negotiated v2 sends one.

Dictionaries are derived from the published form version the request names; form versions are
immutable, so each is built once per process.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from sync import protocol as p
from sync.compact import (
    DICTIONARY_HEADER,
    Compact,
    CompactError,
    form_dictionary,
    parse_dictionary_name,
    wants_compact,
)

from .errors import error_response

# Answers below this size are sent as they are: a frame header would not pay for itself.
MIN_COMPACT_ANSWER = 200
ANSWER_LEVEL = 6  # the server compresses every pull page: cheaper than the client's level


_codecs: dict[tuple[str, int], Compact] = {}


def codec_of(request: HttpRequest, level: int) -> Compact | None:
    """The codec of the dictionary the request names (none named: no dictionary); None when
    the named form version is not published here (not remembered: it may be published later).
    """
    name = request.headers.get(DICTIONARY_HEADER, "").strip()
    found = _codecs.get((name, level))
    if found is not None:
        return found
    if not name:
        found = Compact(level=level)
    else:
        from server.surveys.models import FormVersion

        parsed = parse_dictionary_name(name)
        form = (
            None
            if parsed is None
            else FormVersion.objects.filter(form_id=parsed[0], version=parsed[1]).first()
        )
        if parsed is None or form is None:
            return None
        found = Compact(name, form_dictionary(parsed[0], parsed[1], form.definition), level=level)
    if len(_codecs) < 256:  # form versions are few; a flood of names is not kept
        _codecs[(name, level)] = found
    return found


def decode_body(request: HttpRequest, body: bytes) -> bytes | HttpResponse:
    """The JSON inside a compact body, or the 4xx answer that says why it cannot be read."""
    if getattr(request, "fieldapp_protocol", 1) < 2:
        return error_response(
            415,
            "unsupported_media_type",
            f"{p.COMPACT_CONTENT_TYPE} needs protocol 2 ({p.PROTOCOL_HEADER}: 2)",
        )
    codec = codec_of(request, ANSWER_LEVEL)
    if codec is None:
        return error_response(
            400,
            "unknown_dictionary",
            f"no published form version '{request.headers.get(DICTIONARY_HEADER)}' to take "
            "the dictionary from; send without it",
            DICTIONARY_HEADER,
        )
    try:
        return codec.decompress(body, int(settings.FIELDAPP_MAX_INFLATED_BYTES))
    except CompactError as exc:
        status = 413 if "more than" in str(exc) else 400
        return error_response(status, "bad_compact" if status == 400 else "too_large", str(exc))


def encode_answer(request: HttpRequest, response: HttpResponse) -> bool:
    """Make `response` compact when the request asked for it; True when it did."""
    if (
        getattr(request, "fieldapp_protocol", 1) < 2
        or not wants_compact(request.headers.get("Accept", ""))
        or response.streaming
        or response.has_header("Content-Encoding")
        or not response.get("Content-Type", "").startswith("application/json")
        or len(response.content) < MIN_COMPACT_ANSWER
    ):
        return False
    codec = codec_of(request, ANSWER_LEVEL) or Compact(level=ANSWER_LEVEL)
    response.content = codec.compress(response.content)
    response["Content-Type"] = p.COMPACT_CONTENT_TYPE
    response["Content-Length"] = str(len(response.content))
    if codec.name:
        response[DICTIONARY_HEADER] = codec.name
    response["Vary"] = "Accept"
    return True
