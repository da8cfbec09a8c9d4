"""The server instance a device talks to, and where its feed stands.

A server can be rebuilt (a new database: a new `FeedEpoch`, so a new `instance_id`) or restored
from an older backup (the same instance, but its feed is shorter than what devices were told,
and it hands out the lost sequence numbers again). A seq number alone cannot tell "entry 40"
from "another entry 40 written after the restore", so every position given to a device (pull
cursors and the `mark` of push and pull answers) also names the entry at that seq by a short
tag of its content. A position whose entry is gone or different was minted by a history the
server no longer has: the device is told (`server_restored`, `cursor_reset`) and sends again
what the server lost (sync.client, `POST /sync/holdings`).
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.db.models import Max

from . import cursor as feed_cursor
from .cursor import PositionLost, check_position, entry_tag
from .models import FeedEntry, FeedEpoch


def high_water() -> int:
    return int(FeedEntry.objects.aggregate(m=Max("seq"))["m"] or 0)


@dataclass(frozen=True)
class Position:
    instance_id: str
    high_water: int
    mark: str

    def wire(self) -> dict[str, object]:
        return {"instance_id": self.instance_id, "high_water": self.high_water, "mark": self.mark}


def position(epoch: FeedEpoch | None = None, seq: int | None = None) -> Position:
    """Where the feed stands now (or at `seq`, a high-water mark read earlier)."""
    epoch = epoch or feed_cursor.current_epoch()
    seq = high_water() if seq is None else seq
    tag = entry_tag(seq) if seq else ""
    return Position(epoch.epoch, seq, feed_cursor.encode(epoch.epoch, seq, tag or ""))


def check_expected(instance_id: str, mark: str) -> FeedEpoch:
    """What a v2 push or pull asserts about the server: raise `InstanceChanged` when it is
    another database, `PositionLost` when it no longer holds the device's newest mark."""
    epoch = feed_cursor.current_epoch()
    if instance_id and instance_id != epoch.epoch:
        raise InstanceChanged("this server is another database than the one this device used")
    if mark:
        try:
            mark_epoch, seq, tag = feed_cursor.parse(mark)
        except feed_cursor.CursorReset as exc:
            raise PositionLost(str(exc)) from exc
        if mark_epoch != epoch.epoch:
            raise InstanceChanged("this mark belongs to another server database")
        if seq > high_water():
            raise PositionLost("the feed is shorter than what this device was told")
        check_position(epoch, seq, tag)
    return epoch


class InstanceChanged(Exception):
    """The device expected another server instance."""


def signing_key(epoch: FeedEpoch | None = None) -> Ed25519PrivateKey:
    epoch = epoch or feed_cursor.current_epoch()
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(epoch.signing_key))


def public_key_hex(epoch: FeedEpoch | None = None) -> str:
    raw = (
        signing_key(epoch)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return raw.hex()
