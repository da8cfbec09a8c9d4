"""What the store hands out and takes in: plain records, and the rows they are read from."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from fieldapp.domain import Change, ChangeState, Establishment, Survey, SurveyStatus
from fieldapp.text import fold, query_words

NOT_STARTED = "not_started"
# Outbox entities that carry a full survey snapshot (a conflict resolution is a save that also
# tells the server which conflicts a person settled).
SURVEY_ENTITIES = ("survey", "conflict_resolution")


@dataclass(slots=True)
class CheckReport:
    """What `fieldapp check` prints."""

    path: str
    ok: bool
    integrity: list[str]
    schema_version: int
    establishments: int
    surveys: dict[str, int]
    outbox: int
    outbox_set_aside: int
    attachments: int
    missing_attachment_files: list[str] = field(default_factory=list)
    relay_pending: int = 0  # changes of imported bundles not yet relayed to the server

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "integrity": self.integrity,
            "schema_version": self.schema_version,
            "establishments": self.establishments,
            "surveys": self.surveys,
            "outbox": self.outbox,
            "outbox_set_aside": self.outbox_set_aside,
            "attachments": self.attachments,
            "missing_attachment_files": self.missing_attachment_files,
            "relay_pending": self.relay_pending,
        }


@dataclass(slots=True)
class AckResult:
    """The server's answer to one pushed change, as the store needs it."""

    change_id: str
    revision: int | None = None
    answers: dict[str, Any] | None = None  # the server's merged answers, when it merged
    status: str | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    # The form version the server keeps (never older than the one sent: a survey moved to a
    # newer version elsewhere stays there); None when it did not say.
    form_version: str | None = None


@dataclass(slots=True, frozen=True)
class ServerItem:
    """One entry of the server's change feed, as the store needs it (kind, id, data)."""

    kind: str
    id: str
    data: dict[str, Any]


@dataclass(slots=True)
class ApplyReport:
    """What applying a pulled page did."""

    establishments: int = 0
    surveys: int = 0
    surveys_kept_local: int = 0  # had local edits not yet on the server: kept
    forms: int = 0
    reviews: int = 0
    conflicts: int = 0
    conflicts_closed: int = 0  # decided by a person on another device
    skipped: int = 0
    rekeyed: int = 0  # establishments known here under another id, moved to the server's
    # Items not applied, with why: (kind, id, reason). One bad item never stops a page.
    set_aside: list[tuple[str, str, str]] = field(default_factory=list)
    dropped_surveys: int = 0  # copies of surveys of establishments that left this scope


@dataclass(slots=True)
class ConflictRecord:
    """A question changed on two devices to different values, waiting for a person."""

    id: int
    survey_id: str
    question: str
    base: Any
    server: Any
    client: Any
    server_revision: int | None
    created_at: str


@dataclass(slots=True, frozen=True)
class RevisionRecord:
    """A server revision of a survey as this device pulled it (kept for reviewers' diffs)."""

    survey_id: str
    revision: int
    status: str
    answers: dict[str, Any]
    review_comment: str
    author: str
    received_at: str


@dataclass(slots=True)
class RelayedChange:
    """A change carried from another device in a bundle, waiting to be pushed on its behalf."""

    seq: int
    change_id: str
    bundle_id: str
    origin_device: str
    origin_user: str
    signature: str
    entity: str
    entity_id: str
    op: str
    base_revision: int
    payload: dict[str, Any]
    created_at: str
    state: str
    result: dict[str, Any] | None
    reason: str
    device_seq: int = 0  # the origin device's number for it
    # The official code of the establishment the payload names, as its device signed it.
    establishment_code: str = ""
    code_signature: str = ""


@dataclass(frozen=True, slots=True)
class PulledSetAside:
    """A pulled item this laptop did not apply (bad text, too large, malformed), kept in the
    audit log with its reason until a later pull applies the same object."""

    seq: int  # its audit line
    at: str
    kind: str  # establishment, survey, form, review, conflict
    item_id: str
    reason: str  # `code: message` (sync.inbound, sync.run.pull)


def _relayed_from_row(row: dict[str, Any]) -> RelayedChange:
    return RelayedChange(
        seq=int(row["seq"]),
        change_id=row["change_id"],
        bundle_id=row["bundle_id"],
        origin_device=row["origin_device"] or "",
        origin_user=row["origin_user"] or "",
        signature=row["signature"] or "",
        entity=row["entity"],
        entity_id=row["entity_id"],
        op=row["op"],
        base_revision=int(row["base_revision"] or 0),
        payload=json.loads(row["payload"]),
        created_at=row["created_at"] or "",
        state=row["state"],
        result=json.loads(row["result"]) if row["result"] else None,
        reason=row["reason"] or "",
        device_seq=int(row.get("device_seq") or 0),
        establishment_code=row.get("establishment_code") or "",
        code_signature=row.get("code_signature") or "",
    )


def _conflict_from_row(row: dict[str, Any]) -> ConflictRecord:
    return ConflictRecord(
        id=int(row["id"]),
        survey_id=row["survey_id"],
        question=row["question"],
        base=json.loads(row["base"]) if row["base"] is not None else None,
        server=json.loads(row["server"]) if row["server"] is not None else None,
        client=json.loads(row["client"]) if row["client"] is not None else None,
        server_revision=row["server_revision"],
        created_at=row["created_at"] or "",
    )


def _survey_from_row(row: dict[str, Any]) -> Survey:
    return Survey(
        id=row["id"],
        establishment_id=row["establishment_id"],
        form_id=row["form_id"],
        form_version=row["form_version"],
        status=SurveyStatus(row["status"]),
        answers=json.loads(row["answers"]),
        revision=row["revision"],
        base_revision=row["base_revision"],
        author=row["author"] or "",
        created_at=row["created_at"] or "",
        updated_at=row["updated_at"] or "",
        review_comment=row["review_comment"] or "",
    )


def _change_from_row(row: dict[str, Any]) -> Change:
    return Change(
        id=row["id"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        op=row["op"],
        payload=json.loads(row["payload"]),
        base_revision=row["base_revision"],
        created_at=row["created_at"],
        seq=row["seq"],
        state=ChangeState(row["state"]),
        reason=row["reason"] or "",
        device_seq=int(row.get("device_seq") or 0),
    )


def _establishment_from_row(row: dict[str, Any]) -> Establishment:
    return Establishment(
        id=row["id"],
        code=row["code"],
        name_fr=row["name_fr"] or "",
        name_ar=row["name_ar"] or "",
        type=row["type"],
        region=row["region"],
        province=row["province"] or "",
        commune=row["commune"] or "",
        capacity=row["capacity"],
        manager=row["manager"] or "",
        site=row["site"] or "",
        latitude=row["latitude"],
        longitude=row["longitude"],
        assigned=bool(row["assigned"]),
        updated_at=row["updated_at"] or "",
    )


def search_text(e: Establishment) -> str:
    return fold(" ".join((e.code, e.name_fr, e.name_ar, e.commune, e.province)))


def _like_patterns(query: str) -> list[str]:
    """One LIKE pattern per word of the query (`fieldapp.text.query_words`: folded, without
    the Arabic article); a row matches when it holds all of them, as `fieldapp.text.matches`."""
    patterns = []
    for word in query_words(query):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        patterns.append(f"%{escaped}%")
    return patterns


def latest_first(alias: str = "") -> str:
    """SQL ORDER BY terms putting an establishment's latest survey first: surveys not yet on
    the server (this device's newest work) by the device's own sequence (rowid), then the
    others by the server's order of receipt (`received`, its clock). Never a laptop's clock:
    one two years ahead would win forever."""
    t = f"{alias}." if alias else ""
    return f"{t}received = '' DESC, {t}received DESC, {t}rowid DESC"
