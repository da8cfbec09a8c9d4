"""What the client checks in each pulled item before the store sees it.

One bad item (too big, not valid text, an attachment id that is not a SHA-256) is set aside
with its reason; the rest of the page and the cursor go on (sync.client). The server refuses
such input since protocol 2, but a row stored by an older server, a restored backup or a
hostile proxy can still carry it, and one such row used to stop every pull of a region.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

# The server caps one survey's answers at 1 MiB (server.surveys.hygiene); an item is a little
# more than its answers.
MAX_ITEM_BYTES = 2 * 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")
_BAD_TEXT = re.compile("[\ud800-\udfff\x00]")
MAX_DEPTH = 32


def item_problem(kind: str, data: dict[str, Any]) -> str | None:
    """Why the pulled item `data` of `kind` must not be applied, or None."""
    try:
        size = len(json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    except (TypeError, ValueError, RecursionError):
        return "invalid_item: not a JSON document"
    if size > MAX_ITEM_BYTES:
        return f"too_large: {size} bytes, over the {MAX_ITEM_BYTES} this app accepts"
    text = _text_problem(data)
    if text:
        return text
    if kind == "survey":
        return _attachment_problem(data.get("answers"))
    return None


class _TooDeep(Exception):
    pass


def _walk(value: Any, depth: int = 0) -> Iterator[Any]:
    """Every value inside `value` (dict keys included), depth first."""
    if depth > MAX_DEPTH:
        raise _TooDeep
    yield value
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _walk(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)


def _text_problem(value: Any) -> str | None:
    try:
        for part in _walk(value):
            found = _BAD_TEXT.search(part) if isinstance(part, str) else None
            if found:
                what = "a NUL character" if found.group() == "\x00" else "a lone surrogate"
                return f"invalid_text: holds {what}, which is not valid text"
    except _TooDeep:
        return "invalid_item: nested too deeply"
    return None


def _attachment_problem(value: Any) -> str | None:
    """Image answers are `{"sha256": ..., "filename": ...}` at any depth (repeats): the id
    names a file under the profile, so anything but 64 hex digits is refused."""
    for part in _walk(value):  # depth already checked by _text_problem
        if isinstance(part, dict) and "sha256" in part:
            sha = part["sha256"]
            if not (isinstance(sha, str) and SHA256.fullmatch(sha)):
                return f"invalid_attachment_id: {str(sha)[:80]!r} is not a SHA-256 (64 hex digits)"
    return None
