"""What a file answer may be: audio, video and file questions take a file the agent picks,
attached to the survey like a photo (stored by SHA-256, sealed, uploaded, exported by name).

Each kind has a size cap and the types it accepts: the question's XLSForm `body::accept`
(or `accept` parameter) when given ('.pdf,.docx', 'audio/*', 'application/pdf'), else the
usual extensions of the kind. `refusal` says why a file is refused, as a code the desktop
app turns into a sentence; the check runs before anything is read or stored.
"""

from __future__ import annotations

import mimetypes
from typing import Final

from fieldapp.forms.model import Question

FILE_TYPES: Final = frozenset({"audio", "video", "file"})
MEGABYTE: Final = 1024 * 1024
# Below the server's default FIELDAPP_MAX_ATTACHMENT_BYTES (200 MB): the file is read and
# sealed in memory, and goes up over 3G; a 10-minute interview in AAC is ~10 MB.
MAX_BYTES: Final[dict[str, int]] = {
    "audio": 50 * MEGABYTE,
    "video": 150 * MEGABYTE,
    "file": 25 * MEGABYTE,
}
DEFAULT_ACCEPT: Final[dict[str, tuple[str, ...]]] = {
    "audio": (
        "audio/*",
        ".mp3",
        ".m4a",
        ".aac",
        ".ogg",
        ".oga",
        ".opus",
        ".wav",
        ".amr",
        ".3gp",
        ".flac",
        ".wma",
    ),
    "video": ("video/*", ".mp4", ".m4v", ".mov", ".3gp", ".webm", ".mkv", ".avi", ".wmv"),
    "file": (),  # anything
}
# Extensions a type pattern ('audio/*') stands for, for the file dialog's filter.
_EXTENSIONS_OF: Final[dict[str, tuple[str, ...]]] = {
    "audio/*": DEFAULT_ACCEPT["audio"][1:],
    "video/*": DEFAULT_ACCEPT["video"][1:],
    "image/*": (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"),
}


def accepted(question: Question) -> tuple[str, ...]:
    """The patterns a file must match (extensions '.pdf', MIME types 'audio/mpeg' or
    'audio/*'); empty: any file."""
    given = (
        question.extra.get("body::accept")
        or question.extra.get("accept")
        or question.parameters.get("accept")
        or ""
    )
    parts = tuple(p.strip().lower() for p in given.replace(";", ",").split(",") if p.strip())
    if parts:
        return tuple(p if "/" in p or p.startswith(".") else f".{p}" for p in parts)
    return DEFAULT_ACCEPT.get(question.type, ())


def max_bytes(question: Question) -> int:
    return MAX_BYTES.get(question.type, MAX_BYTES["file"])


def mime_type(filename: str) -> str:
    guessed, _ = mimetypes.guess_type(filename, strict=False)
    return guessed or "application/octet-stream"


def matches(patterns: tuple[str, ...], filename: str) -> bool:
    if not patterns:
        return True
    name = filename.lower()
    mime = mime_type(filename)
    for pattern in patterns:
        if pattern.startswith(".") and name.endswith(pattern):
            return True
        if pattern.endswith("/*") and mime.startswith(pattern[:-1]):
            return True
        if pattern == mime:
            return True
    return False


def dialog_extensions(question: Question) -> list[str]:
    """Extensions for the file dialog's filter ('*.mp3'); empty: all files."""
    out: list[str] = []
    for pattern in accepted(question):
        for ext in _EXTENSIONS_OF.get(pattern, (pattern,) if pattern.startswith(".") else ()):
            if f"*{ext}" not in out:
                out.append(f"*{ext}")
        if "/" in pattern and not pattern.endswith("/*"):
            guessed = mimetypes.guess_extension(pattern)
            if guessed and f"*{guessed}" not in out:
                out.append(f"*{guessed}")
    return out


def refusal(question: Question, filename: str, size: int) -> str | None:
    """Why this file cannot be the answer: 'empty', 'too_big' or 'wrong_type'; None if it
    can."""
    if size <= 0:
        return "empty"
    if size > max_bytes(question):
        return "too_big"
    if not matches(accepted(question), filename):
        return "wrong_type"
    return None
