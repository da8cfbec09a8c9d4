"""The compact encoding of protocol v2 (sync.protocol): one zstd frame per request or answer.

Why zstd, and why not answers keyed by question index: on 1,000 baseline surveys, zstd at level
12 over the ordinary JSON documents takes the push from 566 KB (gzip -6 per batch) to ~390 KB,
below the CSV floor (gzip -9 of the same surveys exported, ~490 KB); keying answers by question
index saved only another 5-8 % after compression (values, not keys, carry the information),
for a second wire schema to keep exact both ways. So the documents stay the JSON the protocol
models describe, and only the bytes change.

The dictionary: a push of a few surveys (the field case: a laptop syncing what it collected
today) compresses poorly alone (~1.6 KB a survey). Both ends hold the form version, so both
derive the same raw-content dictionary from it (`form_dictionary`: its names and a sample
change), which takes one survey to ~0.7 KB. Large bodies compress better without it (zstd sizes
its parameters to the dictionary), so it is used below `DICTIONARY_MAX_BYTES` of JSON only. A
frame made without the dictionary decodes the same with it, so the receiver always passes it.

Headers: `Content-Type: COMPACT_CONTENT_TYPE` on a compact body, `Accept` listing it to ask
for compact answers, `FieldApp-Dictionary: <form id>/<version>` naming the form version whose
dictionary the sender holds. Only under protocol 2; a v1 peer never sees any of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import zstandard

from sync import protocol as p

DICTIONARY_HEADER = "FieldApp-Dictionary"
DICTIONARY_MAX_BYTES = 64 * 1024  # JSON bytes below which the dictionary is used
LEVEL = 12  # ~0.2 s of CPU per 500 surveys; level 19 saves 10 % more for 6x the time


class CompactError(ValueError):
    """A compact body that cannot be decoded (damaged, truncated, or over the size limit)."""


def _names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "name" and isinstance(value, str):
                yield value
            else:
                yield from _names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _names(value)


def form_dictionary(form_id: str, version: str, definition: dict[str, Any]) -> bytes:
    """The raw-content dictionary of a form version: what every push and pull of its surveys
    repeats (question and choice names, the wire's keys). Deterministic from the definition."""
    names = sorted(set(_names(definition)))
    sample_change = {
        "id": "",
        "entity": p.ENTITY_SURVEY,
        "entity_id": "",
        "op": p.OP_SAVE,
        "base_revision": 0,
        "payload": {
            "establishment_id": "",
            "form_id": form_id,
            "form_version": version,
            "status": "finalized",
            "answers": dict.fromkeys(names),
            "created_at": "",
            "updated_at": "",
            "author": "",
        },
        "created_at": "",
    }
    sample_item = {"seq": 0, "kind": "survey", "id": "", "data": sample_change["payload"]}
    text = json.dumps(
        {"changes": [sample_change], "results": [], "items": [sample_item]},
        ensure_ascii=False,
        separators=(", ", ": "),
    )
    return text.encode()


def dictionary_name(form_id: str, version: str) -> str:
    return f"{form_id}/{version}"


def parse_dictionary_name(value: str) -> tuple[str, str] | None:
    form_id, sep, version = value.strip().rpartition("/")
    if not sep or not form_id or not version or len(value) > 200:
        return None
    return form_id, version


class Compact:
    """Encoder and decoder of compact bodies, with one form version's dictionary (or none)."""

    def __init__(self, name: str = "", dictionary: bytes = b"", *, level: int = LEVEL) -> None:
        self.name = name
        self._dict = (
            zstandard.ZstdCompressionDict(dictionary, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
            if dictionary
            else None
        )
        self._level = level

    def compress(self, data: bytes) -> bytes:
        use_dict = self._dict is not None and len(data) <= DICTIONARY_MAX_BYTES
        compressor = zstandard.ZstdCompressor(
            level=self._level, dict_data=self._dict if use_dict else None
        )
        return compressor.compress(data)

    def decompress(self, data: bytes, limit: int) -> bytes:
        """The body inflated; CompactError when damaged or larger than `limit` bytes."""
        decompressor = zstandard.ZstdDecompressor(dict_data=self._dict)
        try:
            declared = zstandard.frame_content_size(data)  # -1 when the frame does not say
            if declared > limit:
                raise CompactError(f"the body inflates to more than {limit} bytes")
            reader = decompressor.stream_reader(data, read_across_frames=False)
            out = reader.read(limit + 1)
        except zstandard.ZstdError as exc:
            raise CompactError(f"the body is not a valid zstd frame ({exc})") from exc
        if len(out) > limit:
            raise CompactError(f"the body inflates to more than {limit} bytes")
        if not out or (declared >= 0 and len(out) != declared):
            raise CompactError("the body is empty or truncated")
        return out


def wants_compact(accept: str) -> bool:
    return p.COMPACT_CONTENT_TYPE in accept
