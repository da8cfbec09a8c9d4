"""Label media (`media::image`, `image` columns): the pictures a form shows beside a question's
label, delivered to laptops inside the form's definition.

A form travels to devices as its definition (sync, like lookup files): the image files given
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

MEDIA_LIST: Final = "media_images"
MAX_FILE_BYTES: Final = 512 * 1024  # a label picture, not a photo: resize bigger ones
MAX_TOTAL_BYTES: Final = 4 * 1024 * 1024  # the definition goes to every laptop
_KINDS: Final = ("image", "big-image")


def image_names(children: list[dict[str, Any]]) -> list[str]:
    """The image files a definition's questions and groups name, in order, once each."""
    names: list[str] = []
    stack = list(reversed(children))
    while stack:
        item = stack.pop()
        media = item.get("media") or {}
        for kind in _KINDS:
            texts = media.get(kind) or {}
            for name in texts.values() if isinstance(texts, dict) else [texts]:
                if isinstance(name, str) and name.strip() and name.strip() not in names:
                    names.append(name.strip())
        stack.extend(reversed(item.get("children") or []))
    return names


def embed(definition: dict[str, Any], media: dict[str, Path]) -> list[str]:
    """Put the named image files found in `media` (file name -> path) into the definition;
    returns warnings for those missing or too big."""
    wanted = image_names(definition.get("children") or [])
    if not wanted:
        return []
    by_name = {k.lower(): v for k, v in media.items()}
    languages = definition.get("languages") or [definition.get("default_language") or "fr"]
    entries: list[dict[str, Any]] = []
    warnings: list[str] = []
    total = 0
    for name in wanted:
        path = by_name.get(name.lower())
        if path is None:
            warnings.append(
                f"media file {name!r} (a label image) is not given: the form shows its name "
                "instead (form check FORM MEDIA..., publish-form FORM MEDIA...)"
            )
            continue
        data = path.read_bytes()
        if len(data) > MAX_FILE_BYTES or total + len(data) > MAX_TOTAL_BYTES:
            warnings.append(
                f"media file {name!r} is {len(data) // 1024} KB: label images travel with the "
                f"form, at most {MAX_FILE_BYTES // 1024} KB each and "
                f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB in all; the form shows its name instead"
            )
            continue
        total += len(data)
        slug = re.sub(r"[^A-Za-z0-9_.\-]+", "_", name).lstrip(".-") or "image"
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


def image_bytes(choice_lists: dict[str, Any], filename: str) -> bytes | None:
    """The bytes of a label image delivered with the form, or None."""
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
