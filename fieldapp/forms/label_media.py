"""Label media (`media::image`, `image`, `media::audio`, `media::video`, on questions and on
choices): the pictures a form shows beside a label and the clips it plays from a button there,
delivered to laptops inside the form's definition.

A form travels to devices as its definition (sync, like lookup files): the media files given
with the XLSForm (`form check FORM [MEDIA…]`, `publish-form FORM.xlsx [MEDIA…]`) are kept in
the choice list `MEDIA_LIST`, one entry per file: `columns.file` its name, `columns.base64` its
bytes. A file not given, or too big to travel with the form, is named by a warning; the form
shows a placeholder with the file's name there, never fails.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any, Final

MEDIA_LIST: Final = "media_images"  # the name predates audio and video: kept for old forms
# Per file, by kind: a label picture is not a photo (resize bigger ones); a clip is a few
# seconds of speech or a short demonstration, not a recording of the visit.
MAX_FILE_BYTES: Final[dict[str, int]] = {
    "image": 512 * 1024,
    "audio": 1024 * 1024,
    "video": 3 * 1024 * 1024,
}
MAX_TOTAL_BYTES: Final = 8 * 1024 * 1024  # the definition goes to every laptop
_KINDS: Final[dict[str, str]] = {
    "image": "image",
    "big-image": "image",
    "audio": "audio",
    "video": "video",
}
_WHAT: Final = {"image": "a label image", "audio": "a label audio clip", "video": "a label video"}


def _names_in(media: Any, out: dict[str, str]) -> None:
    if not isinstance(media, dict):
        return
    for key, texts in media.items():
        kind = _KINDS.get(str(key))
        if kind is None:
            continue
        for name in texts.values() if isinstance(texts, dict) else [texts]:
            if isinstance(name, str) and name.strip() and name.strip() not in out:
                out[name.strip()] = kind


def media_names(definition: dict[str, Any]) -> dict[str, str]:
    """The media files a definition's questions, groups and choices name (file -> 'image',
    'audio' or 'video'), in order, once each."""
    names: dict[str, str] = {}
    stack = list(reversed(definition.get("children") or []))
    while stack:
        item = stack.pop()
        _names_in(item.get("media"), names)
        stack.extend(reversed(item.get("children") or []))
    for list_name, choices in (definition.get("choice_lists") or {}).items():
        if list_name == MEDIA_LIST or not isinstance(choices, list):
            continue
        for choice in choices:
            if isinstance(choice, dict):
                _names_in(choice.get("media"), names)
    return names


def embed(definition: dict[str, Any], media: dict[str, Path]) -> list[str]:
    """Put the named media files found in `media` (file name -> path) into the definition;
    returns warnings for those missing or too big."""
    wanted = media_names(definition)
    if not wanted:
        return []
    by_name = {k.lower(): v for k, v in media.items()}
    languages = definition.get("languages") or [definition.get("default_language") or "fr"]
    entries: list[dict[str, Any]] = []
    warnings: list[str] = []
    total = 0
    for name, kind in wanted.items():
        path = by_name.get(name.lower())
        shows = "shows its name instead" if kind == "image" else "names it beside its button"
        if path is None:
            warnings.append(
                f"media file {name!r} ({_WHAT[kind]}) is not given: the form {shows} "
                "(form check FORM MEDIA..., publish-form FORM MEDIA...)"
            )
            continue
        data = path.read_bytes()
        cap = MAX_FILE_BYTES[kind]
        if len(data) > cap or total + len(data) > MAX_TOTAL_BYTES:
            warnings.append(
                f"media file {name!r} ({_WHAT[kind]}) is {len(data) // 1024} KB: label media "
                f"travel with the form, at most {cap // 1024} KB for each {kind} and "
                f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB in all; the form {shows}"
            )
            continue
        total += len(data)
        slug = re.sub(r"[^A-Za-z0-9_.\-]+", "_", name).lstrip(".-") or kind
        entries.append(
            {
                "name": f"m{len(entries) + 1}_{slug}",
                "label": {lang: name for lang in languages},
                "columns": {"file": name, "base64": base64.b64encode(data).decode("ascii")},
            }
        )
    if entries:
        definition.setdefault("choice_lists", {})[MEDIA_LIST] = entries
    return warnings


def media_bytes(choice_lists: dict[str, Any], filename: str) -> bytes | None:
    """The bytes of a label medium (image, audio, video) delivered with the form, or None."""
    for choice in choice_lists.get(MEDIA_LIST) or []:
        columns = getattr(choice, "columns", None)
        if columns is None and isinstance(choice, dict):
            columns = choice.get("columns")
        if columns and columns.get("file") == filename:
            try:
                return base64.b64decode(columns.get("base64", ""), validate=True)
            except ValueError:
                return None
    return None
