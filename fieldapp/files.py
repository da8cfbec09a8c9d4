"""Files written whole or not at all: a temp file beside the target, fsynced, then renamed.

A crash or a full disk mid-write leaves the previous file (or none) where the target is, never
half of a new one. Used for attachments, exports and sneakernet bundles.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_open(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temp file next to `path` ("w": UTF-8 text for csv, "wb": bytes); on a clean exit
    it is fsynced and renamed to `path`, on an exception it is removed. Raises OSError."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        fh: IO[Any]
        if "b" in mode:
            fh = os.fdopen(fd, mode)
        else:
            fh = os.fdopen(fd, mode, newline="", encoding="utf-8")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all. Raises OSError."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)
