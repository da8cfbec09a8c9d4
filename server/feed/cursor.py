"""Opaque pull cursors: `<epoch>.<seq>` in URL-safe base64.

The epoch names this database's feed: a cursor minted by a wiped or different server does not
match and the device is told to re-pull from the start (`cursor_reset`) instead of silently
missing everything below a foreign seq number.
"""

from __future__ import annotations

import base64
import binascii

from .models import FeedEpoch


class CursorReset(Exception):
    """The cursor cannot be continued; the client must pull again from the start."""


def current_epoch() -> FeedEpoch:
    epoch = FeedEpoch.objects.order_by("id").first()
    if epoch is None:
        epoch = FeedEpoch.objects.create()
    return epoch


def encode(epoch: str, seq: int) -> str:
    return base64.urlsafe_b64encode(f"{epoch}.{seq}".encode()).decode().rstrip("=")


def decode(cursor: str, epoch: FeedEpoch, max_seq: int) -> int:
    """The seq a cursor stands for; raises CursorReset when it is unknown, foreign or too old."""
    if cursor in ("", "0"):
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
        cursor_epoch, _, seq_text = text.rpartition(".")
        seq = int(seq_text)
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise CursorReset("this cursor is not one this server made") from exc
    if cursor_epoch != epoch.epoch:
        raise CursorReset("this cursor belongs to another server or an older database")
    if seq < epoch.floor:
        raise CursorReset("this cursor is older than the oldest change the server keeps")
    if seq < 0 or seq > max_seq:
        raise CursorReset("this cursor is ahead of the server's feed")
    return seq
