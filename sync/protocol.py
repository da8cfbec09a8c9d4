"""The sync wire schema (API v1), shared by the central server and the desktop sync client.

One definition for both ends: the server declares its django-ninja endpoints with these pydantic
models (so the OpenAPI document is generated from them) and the client parses responses with
them. This module must import neither Django nor Qt: the client imports it in the frozen app.

Conventions:
- Every id is a client-made UUID string (UUIDv7 from `fieldapp.domain.new_id`).
- Timestamps are ISO-8601 UTC strings.
- Every 4xx answer is `ErrorResponse`: `{"error": {"code", "message", "field"}}`.
- Push: one request per batch; each change gets exactly one `ChangeResult`, in order. A replay
  of a change id with the same content returns the first result; with other content it is
  rejected with code `id_reuse`.
- Pull: the cursor is opaque; a 410 with code `cursor_reset` means "pull again from the start".

Protocol versions. The URLs stay under `/api/v1/`; what a request may carry and what the answer
holds is negotiated per request by the `FieldApp-Protocol` header (`PROTOCOL_HEADER`): absent
means 1 (laptops of the first release, which must keep syncing), the client of this release
sends `PROTOCOL_VERSION`. The server answers with the version it spoke in the same header, and
`Ping.protocol` says the highest one it speaks. Every v2 field below has a default, so a v1 peer
that leaves it out (or ignores it: `extra="ignore"`) is still understood. Version 2 adds:
- Integrity (server instances, restores, cloned profiles, stale bundles):
  `Ping`/`EnrollResponse`/`PullResponse.instance_id` (the server database's identity, made at
  its creation) and `PullResponse.high_water` (highest feed seq it ever assigned), so a device
  sees a rebuilt or restored server. Push and pull answers carry a `FeedPosition` whose `mark`
  names the entry at the high-water seq (seq + a tag of its content; cursors carry the same
  tag): a v2 push or pull sends back `instance_id` and its newest `mark`, and a server that is
  another database answers 409 `instance_changed`, one that no longer holds the mark (restored
  from an older backup: it reissues seq and revision numbers) 409 `server_restored`, applying
  nothing; a tagged cursor whose entry is gone is answered 410 `cursor_reset`. The device then
  asks `POST /sync/holdings` which of its acknowledged changes the server lost and sends them
  again (new change ids, same survey ids). `EnrollRequest.previous_token` revokes the token the
  profile held (re-enrolling a laptop). `EnrollRequest.device_key` (an Ed25519 public key made on
  the device) and `EnrollResponse.server_key` (the server's Ed25519 public key);
  `ChangeIn.device_seq` (1, 2, 3... per device, one number for one change id, never reused);
  `ChangeResult.receipt` (the server's signature of a result, which a bundle receipt must carry);
  rejection codes `superseded` and `device_forked`; relayed changes signed with the device key.
  `RelayOrigin.establishment_code`/`code_signature`: the official code of the establishment a
  relayed change names, signed by its device (`establishment_claim`), so that a rebuilt server
  (registry imported again under new ids) applies it to the establishment of that code and
  answers with its head. The files of a bundle are relayed too, after the carrier uploaded
  them (`ENTITY_ATTACHMENT`, op `upload`, payload `{size}`, signed by the device): the server
  answers `applied` with a `receipt` over `attachment_receipt_message` when it holds the file
  complete from the carrier or the device, else `file_not_held` (the carrier keeps it pending;
  an older server's `unknown_entity` likewise), so the receipt also clears the agent's uploads
  and its next direct sync sends no file again. A conflict a person decided is closed on
  every device: the server appends a `conflict` entry with `ConflictData.resolved` (left out
  of v1 pulls), so nobody decides it again on a stale copy and replaces the later answer.
- Trust boundaries (docs/security.md; the checks apply to v1 requests too, only the fields
  are v2): the author of a revision is the token's user and device, whatever the payload says;
  answers are capped and must be valid text (codes `invalid_text`, `answer_too_large`, naming
  `payload.answers.<question>`); one-line fields refuse control characters (`ONE_LINE`); an
  approved survey is `survey_locked` for agents under any form version, a coordinator's
  `return` unlocks it; coordinators change no answers (`forbidden`); scope is re-checked on
  every pull: an establishment that left an agent's scope comes as a bare notice
  (`assigned: false`, and `EstablishmentData.drop: true` in v2, which makes the device delete
  its copies of that establishment's surveys but keep and set aside its own unsent changes);
  `SurveyState.received` is the server's time of first receipt, which decides "latest" once
  synced. Attachment uploads are per device and their status is shown only to who may see a
  survey using the file.
- Performance: a v2 pull leaves out the entries the device caused itself with exactly the
  content it sent (a save applied as sent, its own review and the revision it made: the push
  result carries that head); the cursor still moves past them, and `full=1` on the pull (sent
  after a cursor reset) takes them too (`server.feed.echo`). Bodies may use the compact
  encoding (`COMPACT_CONTENT_TYPE`: one zstd frame of the same JSON document, with the
  dictionary of the form version named by `FieldApp-Dictionary`; `sync.compact`), sent by a
  client only to a server that answered in v2 before, and answered only when `Accept` lists
  it; a v1 request never receives it, and a compact body under v1 is refused (415). Garbage
  is a 400 `bad_compact`, an unknown form version a 400 `unknown_dictionary` (the client then
  sends the old encoding), an oversized inflation a 413.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

API_VERSION = 1
PROTOCOL_VERSION = 2
PROTOCOL_HEADER = "FieldApp-Protocol"
COMPACT_CONTENT_TYPE = "application/vnd.fieldapp.compact"
SERVICE_NAME = "fieldapp"
API_PREFIX = "/api/v1"

# Entity and operation names as they travel on the wire.
ENTITY_SURVEY = "survey"
ENTITY_ASSIGNMENT = "assignment"
ENTITY_REVIEW = "review"
ENTITY_CONFLICT_RESOLUTION = "conflict_resolution"
# v2: relayed only, never pushed by a device itself: "the server holds this file of the
# bundle", answered with a receipt the agent's laptop can check (`attachment_receipt_message`).
ENTITY_ATTACHMENT = "attachment"

OP_SAVE = "save"
OP_ASSIGN = "assign"
OP_UNASSIGN = "unassign"
OP_APPROVE = "approve"
OP_RETURN = "return"
OP_UPLOAD = "upload"

# Change result statuses.
APPLIED = "applied"
MERGED = "merged"
CONFLICT = "conflict"
REJECTED = "rejected"

# Error codes the client can act on (the message is for people).
ERR_CURSOR_RESET = "cursor_reset"
ERR_ID_REUSE = "id_reuse"
ERR_HASH_MISMATCH = "hash_mismatch"
ERR_OFFSET_MISMATCH = "offset_mismatch"
ERR_UNAUTHORIZED = "unauthorized"
ERR_TOKEN_REVOKED = "token_revoked"  # noqa: S105 - an error code, not a secret
ERR_NOT_ASSIGNED = "not_assigned"
ERR_UNKNOWN_FORM = "unknown_form"
ERR_INVALID_ANSWERS = "invalid_answers"
ERR_TOO_LARGE = "too_large"
# Trust boundaries (v2 names them; a v1 client sets such a change aside with its message).
ERR_INVALID_TEXT = "invalid_text"
ERR_ANSWER_TOO_LARGE = "answer_too_large"
ERR_LOCKED = "survey_locked"
ERR_FORBIDDEN = "forbidden"
ERR_INVALID_DATA = "invalid_data"
# v2, integrity: the device expected another server database (a rebuilt server, another
# deployment), or a feed mark the server no longer holds (restored from an older backup).
ERR_INSTANCE_CHANGED = "instance_changed"
ERR_SERVER_RESTORED = "server_restored"
# v2, integrity: a change older than one the server applied from the same device for the same
# survey (a stale bundle, a replay); two changes under one device number (a copied profile).
ERR_SUPERSEDED = "superseded"
ERR_DEVICE_FORKED = "device_forked"
# v2: a relayed file the server does not hold complete from the carrier or its device (yet).
ERR_FILE_NOT_HELD = "file_not_held"
# A conflict resolution that keeps its own value for a question the survey's kept form version
# dropped: that answer would be held by no version (only the server's value can be kept).
ERR_QUESTION_DROPPED = "question_dropped"

ChangeStatus = Literal["applied", "merged", "conflict", "rejected"]
Role = Literal["agent", "coordinator", "admin"]
AgentSurveyStatus = Literal["draft", "finalized"]
SurveyStatusName = Literal["draft", "finalized", "returned", "approved"]
FeedKind = Literal["establishment", "survey", "form", "review", "conflict"]

# Sizes the server enforces; the client batches below them.
# A one-line identifier or name: no control characters (PostgreSQL refuses NUL; the others are
# never typed and break logs and CSV files).
ONE_LINE = r"^[^\x00-\x1f\x7f]*$"

MAX_PUSH_CHANGES = 500
MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 500


class WireModel(BaseModel):
    """Base of every wire model: unknown fields are ignored so old clients survive new servers."""

    model_config = ConfigDict(extra="ignore")


class ErrorDetail(WireModel):
    code: str = Field(description="Machine-readable reason, e.g. 'cursor_reset'.")
    message: str = Field(description="Readable explanation for a person.")
    field: str | None = Field(default=None, description="The offending field, when one is.")


class ErrorResponse(WireModel):
    error: ErrorDetail


class Ping(WireModel):
    service: str = SERVICE_NAME
    api: int = API_VERSION
    server_time: str
    protocol: int = Field(default=1, description="The highest protocol version spoken.")
    instance_id: str = Field(default="", description="v2: the server database's identity.")


def protocol_of(header: str | None) -> int:
    """The protocol version a request asked for: its `FieldApp-Protocol` header, 1 when absent,
    capped at what this side speaks (a newer client still gets the newest version we know)."""
    try:
        asked = int((header or "1").strip())
    except ValueError:
        return 1
    return max(1, min(asked, PROTOCOL_VERSION))


class EnrollRequest(WireModel):
    code: str = Field(pattern=ONE_LINE, min_length=1, max_length=64)
    device_name: str = Field(pattern=ONE_LINE, min_length=1, max_length=200)
    device_key: str = Field(
        default="",
        max_length=64,
        description="v2: the device's Ed25519 public key (hex), made on the device.",
    )
    previous_token: str = Field(
        default="",
        max_length=200,
        description="v2: the token this profile held until now; the server revokes it when it "
        "is the same user's (re-enrolling a laptop leaves no working old token behind).",
    )


class EnrollResponse(WireModel):
    token: str
    device_id: str
    username: str
    role: Role
    regions: list[str]
    server_time: str
    instance_id: str = Field(default="", description="v2: the server database's identity.")
    server_key: str = Field(
        default="", description="v2: the server's Ed25519 public key (hex): receipts verify."
    )


class RelayOrigin(WireModel):
    """A change carried from another device (a sneakernet bundle) and pushed by a coordinator:
    the device that made it, and its signature by that device (`relay_signature`)."""

    device_id: str = Field(pattern=ONE_LINE, min_length=1, max_length=64)
    signature: str = Field(
        pattern=ONE_LINE,
        min_length=64,
        max_length=128,
        description="v2: Ed25519 by the device's own key (128 hex, `device_signature`); "
        "devices enrolled before it: HMAC (64 hex, `relay_signature`).",
    )
    establishment_code: str = Field(
        default="",
        pattern=ONE_LINE,
        max_length=64,
        description="v2: the official code the establishment named by the payload had on the "
        "device that made the change, so that a rebuilt server (registry imported again under "
        "new ids) applies it to the establishment of that code ('' when none).",
    )
    code_signature: str = Field(
        default="",
        pattern=ONE_LINE,
        max_length=128,
        description="v2: the device's signature of `establishment_claim(establishment_id, "
        "establishment_code)`, made as `signature` is (the carrier cannot change the code).",
    )


class ChangeIn(WireModel):
    """One outbox entry of the client."""

    id: str = Field(pattern=ONE_LINE, min_length=1, max_length=64)
    entity: str = Field(pattern=ONE_LINE, min_length=1, max_length=40)
    entity_id: str = Field(pattern=ONE_LINE, min_length=1, max_length=64)
    op: str = Field(pattern=ONE_LINE, min_length=1, max_length=40)
    base_revision: int = Field(default=0, ge=0, le=2**31 - 1)
    payload: dict[str, Any]
    created_at: str = Field(pattern=ONE_LINE, default="", max_length=64)
    relay: RelayOrigin | None = Field(
        default=None, description="Set when a coordinator relays another device's change."
    )
    device_seq: int = Field(
        default=0,
        ge=0,
        le=2**53,
        description="v2: the making device's number for this change (0: not numbered).",
    )


def change_digest(
    entity: str, entity_id: str, op: str, base_revision: int, payload: dict[str, Any]
) -> str:
    """What 'the same change' means for idempotency (everything but id and timestamps)."""
    canonical = json.dumps(
        [entity, entity_id, op, base_revision, payload],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _ed25519_verify(public_hex: str, signature_hex: str, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(signature_hex), message)
    except (ValueError, InvalidSignature):
        return False
    return True


def _ed25519_sign(private_hex: str, message: bytes) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex)).sign(message).hex()


def new_device_key() -> tuple[str, str]:
    """A fresh Ed25519 key pair made on the device: (private hex, public hex)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return private.hex(), public.hex()


def device_signature(private_hex: str, change_id: str, digest: str) -> str:
    """v2: a device's signature of one of its changes for relaying, with its own Ed25519 key
    (the server holds only the public half, so no one else can sign as the device)."""
    return _ed25519_sign(private_hex, f"{change_id}\n{digest}".encode())


def verify_device_signature(public_hex: str, change_id: str, digest: str, signature: str) -> bool:
    return _ed25519_verify(public_hex, signature, f"{change_id}\n{digest}".encode())


def establishment_claim(establishment_id: str, code: str) -> str:
    """v2: what a device signs in place of a change digest (`device_signature`,
    `relay_signature`) to say that the establishment a change names had this official code on
    the device. Never a change digest (those are 64 hex digits)."""
    return f"establishment-code\n{establishment_id}\n{code}"


def receipt_message(device_id: str, change_id: str, status: str, revision: int | None) -> bytes:
    """What the server signs in `ChangeResult.receipt`: this result, for this device."""
    return f"fieldapp-receipt\n{device_id}\n{change_id}\n{status}\n{revision}".encode()


def attachment_receipt_message(device_id: str, change_id: str, sha256: str) -> bytes:
    """v2: what the server signs in the `receipt` of a relayed file: it holds this file,
    complete, for this device's upload change. Bound to the SHA-256, so it acknowledges no
    other change of the device's outbox."""
    return f"fieldapp-attachment-receipt\n{device_id}\n{change_id}\n{sha256}".encode()


def verify_attachment_receipt(
    server_key: str, device_id: str, change_id: str, sha256: str, receipt: str
) -> bool:
    message = attachment_receipt_message(device_id, change_id, sha256)
    return bool(receipt) and _ed25519_verify(server_key, receipt, message)


def attachment_digest(sha256: str, size: int) -> str:
    """The digest a device signs for one file of its bundle (relayed as `ENTITY_ATTACHMENT`)."""
    return change_digest(ENTITY_ATTACHMENT, sha256, OP_UPLOAD, 0, {"size": size})


def verify_receipt(server_key: str, device_id: str, result: ChangeResult) -> bool:
    """True when `result` carries the server's signature of exactly this result."""
    message = receipt_message(device_id, result.id, result.status, result.revision)
    return bool(result.receipt) and _ed25519_verify(server_key, result.receipt, message)


def relay_signature(token_hash: str, change_id: str, digest: str) -> str:
    """A device's signature of one of its changes, for relaying: HMAC-SHA256 keyed with the
    SHA-256 of its token, which only the device and the server know (the server stores it)."""
    message = f"{change_id}\n{digest}".encode()
    return hmac.new(token_hash.encode(), message, hashlib.sha256).hexdigest()


class SurveyPayload(WireModel):
    """Payload of a survey save: the full snapshot of the client's copy."""

    establishment_id: str = Field(pattern=ONE_LINE, min_length=1, max_length=64)
    form_id: str = Field(pattern=ONE_LINE, min_length=1, max_length=100)
    form_version: str = Field(pattern=ONE_LINE, min_length=1, max_length=50)
    status: AgentSurveyStatus = "draft"
    answers: dict[str, Any] = Field(default_factory=dict)
    created_at: str = Field(pattern=ONE_LINE, default="", max_length=64)
    updated_at: str = Field(pattern=ONE_LINE, default="", max_length=64)
    author: str = Field(pattern=ONE_LINE, default="", max_length=150)


class AssignmentPayload(WireModel):
    establishment_id: str = Field(pattern=ONE_LINE, min_length=1, max_length=64)
    username: str = Field(pattern=ONE_LINE, min_length=1, max_length=150)


class ReviewPayload(WireModel):
    survey_id: str = Field(pattern=ONE_LINE, min_length=1, max_length=64)
    comment: str = Field(default="", max_length=5000)


class PushRequest(WireModel):
    changes: list[ChangeIn] = Field(max_length=MAX_PUSH_CHANGES)
    instance_id: str = Field(
        default="",
        max_length=64,
        description="v2: the server instance the device last synced with; another one answers "
        "409 `instance_changed` and applies nothing.",
    )
    mark: str = Field(
        default="",
        max_length=200,
        description="v2: the newest feed mark the device was given; a server that no longer "
        "holds it (restored from an older backup) answers 409 `server_restored`, applies nothing.",
    )


class SurveyState(WireModel):
    """The server's head copy of a survey."""

    id: str
    establishment_id: str
    form_id: str
    form_version: str
    status: SurveyStatusName
    answers: dict[str, Any]
    revision: int
    review_comment: str = ""
    updated_at: str
    author: str = ""
    received: str = Field(
        default="",
        description="v2: when the server first received this survey, on its clock (ISO-8601 "
        "UTC): the order of receipt that decides an establishment's latest survey.",
    )


class ConflictItem(WireModel):
    """A question both sides changed to different values; the server kept `server`."""

    question: str
    base: Any = None
    server: Any = None
    client: Any = None


class ChangeError(WireModel):
    code: str
    message: str
    field: str | None = None


class ChangeResult(WireModel):
    id: str
    status: ChangeStatus
    revision: int | None = None
    survey: SurveyState | None = Field(
        default=None,
        description="The server's head copy when it differs from what the client sent (a "
        "merged or conflicting save, a review). Left out of a save applied as sent: the "
        "client's snapshot is the head at `revision`. (Servers before this change sent it "
        "for every applied change; clients treat both the same.)",
    )
    conflicts: list[ConflictItem] = Field(default_factory=list)
    error: ChangeError | None = None
    receipt: str = Field(
        default="",
        description="v2, relayed changes: the server's Ed25519 signature of "
        "`receipt_message(device, id, status, revision)`; a bundle receipt is honoured only "
        "where it verifies with the key the device learnt at enrollment.",
    )


class FeedPosition(WireModel):
    """v2: where the server's feed stands (answers of push, pull and holdings)."""

    instance_id: str = ""
    high_water: int = Field(default=0, description="Highest feed seq the server assigned.")
    mark: str = Field(
        default="", description="Opaque: names the entry at `high_water`; send it back."
    )


class PushResponse(FeedPosition):
    results: list[ChangeResult]
    server_time: str


class EstablishmentData(WireModel):
    id: str
    code: str
    name_fr: str
    name_ar: str = ""
    type: str = ""
    capacity: int | None = None
    region: str = ""
    province: str = ""
    commune: str = ""
    site: str = ""
    latitude: float | None = None
    longitude: float | None = None
    manager: str = ""
    assigned: bool = Field(
        description="Whether the establishment is in this device's scope (for an agent: "
        "assigned to them). False tells the client to drop it from its work list."
    )
    agents: list[str] = Field(default_factory=list, description="Usernames assigned to it.")
    updated_at: str = ""
    drop: bool = Field(
        default=False,
        description="v2: the establishment left this device's scope; delete the local copies "
        "of its surveys (the device's own unsent changes are kept and set aside).",
    )


class FormData(WireModel):
    id: str
    version: str
    definition: dict[str, Any]


class ReviewData(WireModel):
    survey_id: str
    decision: Literal["approve", "return"]
    comment: str = ""
    revision: int
    reviewer: str = ""


class ConflictData(WireModel):
    survey_id: str
    question: str
    base: Any = None
    server: Any = None
    client: Any = None
    revision: int | None = None
    resolved: bool = Field(
        default=False,
        description="v2: a person decided this conflict (on any device): close the copy held "
        "here; `value` is the survey's answer once decided. Never sent to a v1 device.",
    )
    value: Any = None


class FeedItem(WireModel):
    """One change-feed entry. `data` is shaped by `kind` (see the *Data models above)."""

    seq: int
    kind: FeedKind
    id: str
    data: dict[str, Any]


class PullResponse(FeedPosition):
    items: list[FeedItem]
    cursor: str
    has_more: bool


class HeldSurvey(WireModel):
    """A survey as the device last reconciled it with the server."""

    id: str = Field(min_length=1, max_length=64)
    revision: int = Field(default=0, ge=0, le=2**31 - 1)
    changes: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="Ids of this device's acknowledged changes of it, newest first.",
    )
    digests: dict[str, str] = Field(
        default_factory=dict,
        max_length=20,
        description="revision number -> `revision_digest` of the server revisions it pulled "
        "(fieldapp.domain).",
    )


class HoldingsRequest(WireModel):
    """v2, `POST /sync/holdings`: what the device holds as acknowledged, to learn what a
    restored or rebuilt server no longer has."""

    surveys: list[HeldSurvey] = Field(default_factory=list, max_length=20_000)
    changes: list[str] = Field(
        default_factory=list,
        max_length=20_000,
        description="Ids of acknowledged reviews and assignments this device made.",
    )
    attachments: list[str] = Field(
        default_factory=list,
        max_length=20_000,
        description="SHA-256 of the attachments this device saw uploaded whole.",
    )


class LostSurvey(WireModel):
    id: str
    head: int = Field(description="The server's revision of it (0: the server has none).")
    base: int = Field(description="The newest revision both hold (the base of a re-sent snapshot).")
    resend: bool = Field(
        default=True,
        description="Send the device's snapshot again; false: only take the server's "
        "revisions above `base` (the device's copy is a lost revision someone else made).",
    )


class HoldingsResponse(FeedPosition):
    surveys: list[LostSurvey] = Field(
        description="Surveys whose latest acknowledged revision the server does not hold."
    )
    changes: list[str] = Field(description="Acknowledged change ids the server does not hold.")
    attachments: list[str] = Field(
        default_factory=list, description="Uploaded attachments the server does not hold whole."
    )


class AttachmentStatus(WireModel):
    sha256: str
    size: int
    received: int
    complete: bool
