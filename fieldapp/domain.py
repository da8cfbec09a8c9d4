"""Domain types shared by the store, the form engine, sync and the desktop app.

Ids are made on the client (UUIDv7: time-ordered, 74 random bits) so records created offline
on many laptops never clash and still sort by creation time, which keeps SQLite's indexes
append-mostly.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


def new_id() -> str:
    """A UUIDv7 (RFC 9562) as a 36-character string."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    rand_a = (rand >> 62) & 0xFFF
    rand_b = rand & ((1 << 62) - 1)
    value = (millis & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def revision_digest(status: str, answers: dict[str, Any]) -> str:
    """What tells one server revision's content from another's with the same number (a server
    restored from an older backup hands the numbers out again); the same on both ends."""
    canonical = json.dumps(
        [status, answers], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def utcnow() -> str:
    """Now, as an ISO-8601 UTC timestamp with milliseconds (what the store and the wire use)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    FINALIZED = "finalized"
    RETURNED = "returned"
    APPROVED = "approved"


class EstablishmentType(StrEnum):
    ELDERLY = "elderly"
    CHILDREN = "children"
    DISABILITY = "disability"
    WOMEN = "women"
    MULTIPURPOSE = "multipurpose"


class ChangeState(StrEnum):
    PENDING = "pending"
    SET_ASIDE = "set_aside"  # refused by the server (4xx); kept with its reason for a person


@dataclass(slots=True)
class Establishment:
    """A social-protection establishment (EPS); the registry is owned by the server."""

    id: str
    code: str
    name_fr: str
    name_ar: str
    type: str
    region: str
    province: str
    commune: str
    capacity: int | None = None
    manager: str = ""
    site: str = ""
    latitude: float | None = None
    longitude: float | None = None
    assigned: bool = True
    updated_at: str = ""


@dataclass(slots=True)
class Survey:
    """One baseline survey of one establishment, in one form version.

    `revision` counts local saves; `base_revision` is the server revision this copy was last
    reconciled with (0: never acknowledged by the server).
    """

    id: str
    establishment_id: str
    form_id: str
    form_version: str
    status: SurveyStatus = SurveyStatus.DRAFT
    answers: dict[str, Any] = field(default_factory=dict)
    revision: int = 0
    base_revision: int = 0
    author: str = ""
    created_at: str = ""
    updated_at: str = ""
    review_comment: str = ""


@dataclass(slots=True)
class Change:
    """One outbox entry: a local write that must reach the server.

    `id` is made on the client and is the idempotency key the server applies at most once.
    """

    id: str
    entity: str
    entity_id: str
    op: str
    payload: dict[str, Any]
    base_revision: int
    created_at: str
    seq: int = 0
    state: ChangeState = ChangeState.PENDING
    reason: str = ""
    # This device's number for the change (1, 2, 3...; one number for one change id, never
    # reused): the server refuses a change older than one it applied from this device for the
    # same survey (a stale bundle), and sees a copied profile by two ids under one number.
    device_seq: int = 0


@dataclass(slots=True)
class Attachment:
    """A file stored once under its SHA-256 in the data dir."""

    sha256: str
    size: int
    mime: str
    created_at: str
    uploaded: bool = False
