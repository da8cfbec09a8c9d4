"""Changes relayed by a coordinator from an agent's sneakernet bundle.

A relayed change carries the device that made it and that device's signature: Ed25519 by the
key the device made at enrollment (`sync.protocol.device_signature`; the server holds only the
public half), or, for devices enrolled before protocol 2, the HMAC keyed with the SHA-256 of
its token (`relay_signature`). It is applied exactly as if that device had pushed it (its
assignments, its idempotency, its device numbers: an older change than one it already had
applied is `superseded`); the coordinator's device is only the carrier, which must hold the
change's region, and the log records it. A change whose signature does not verify is
rejected, the others go on. Each result is signed by the server for the device that made the
change (`receipt`), so a bundle receipt cannot be forged by whoever knows the passphrase.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from server.accounts.models import Device, Role
from server.attachments import uploads
from server.attachments.models import Attachment
from server.feed.instance import signing_key
from server.registry.models import Establishment
from sync import protocol as p

from .models import Survey
from .push import Actor, apply_push, rejected_result
from .wire import survey_state

log = logging.getLogger(__name__)
ERR_RELAY_REFUSED = "relay_refused"


def _refusal(carrier: Actor, device: Device | None) -> str:
    if carrier.user.role not in (Role.COORDINATOR, Role.ADMIN):
        return "only a coordinator or an admin may relay another device's changes"
    if device is None:
        return "the device that made this change is unknown to this server"
    if device.revoked_at is not None or not device.user.is_active:
        return "the device that made this change was revoked or its user disabled"
    return ""


def _signed_by(device: Device, change_id: str, digest: str, signature: str) -> bool:
    """The device's own Ed25519 signature when it enrolled with a key (protocol v2); the HMAC
    of its token hash only for devices enrolled before (they have no key)."""
    if device.public_key:
        return p.verify_device_signature(device.public_key, change_id, digest, signature)
    expected = p.relay_signature(device.token_hash, change_id, digest)
    return hmac.compare_digest(expected, signature)


def _change_signed_by(device: Device, change: p.ChangeIn) -> bool:
    assert change.relay is not None
    digest = p.change_digest(
        change.entity, change.entity_id, change.op, change.base_revision, change.payload
    )
    return _signed_by(device, change.id, digest, change.relay.signature)


def _rekeyed_by_code(
    device: Device, changes: dict[int, p.ChangeIn]
) -> tuple[dict[int, p.ChangeIn], dict[int, str]]:
    """Relayed changes that name an establishment id this server does not know (a rebuilt
    server: the registry imported again under new ids) go to the establishment of the official
    code their device signed for it (`RelayOrigin.establishment_code`, v2), as the device's own
    sync re-keys its outbox. The carrier cannot choose the code: a claim that does not verify
    is refused. Returns the changes (re-keyed where so) and the refusals, by position."""
    named: dict[int, str] = {}
    for i, change in changes.items():
        establishment = change.payload.get("establishment_id")
        relay = change.relay
        if relay is not None and relay.establishment_code and isinstance(establishment, str):
            named[i] = establishment
    if not named:
        return changes, {}
    known = set(
        Establishment.objects.filter(id__in=set(named.values())).values_list("id", flat=True)
    )
    unknown = {i: old for i, old in named.items() if old not in known}
    codes = {changes[i].relay.establishment_code for i in unknown}  # type: ignore[union-attr]
    by_code = dict(Establishment.objects.filter(code__in=codes).values_list("code", "id"))
    out = dict(changes)
    refused: dict[int, str] = {}
    for i, old in unknown.items():
        change = changes[i]
        assert change.relay is not None
        code = change.relay.establishment_code
        claim = p.establishment_claim(old, code)
        if not _signed_by(device, change.id, claim, change.relay.code_signature):
            refused[i] = "the establishment code of this relayed change does not verify"
            continue
        new = by_code.get(code)
        if new is None:
            continue  # no such code here either: applying it says `unknown_establishment`
        out[i] = change.model_copy(update={"payload": {**change.payload, "establishment_id": new}})
        log.info(
            "relayed change %s re-keyed: establishment %s is %s here (code %s)",
            change.id, old, new, code,
        )  # fmt: skip
    return out, refused


def _regions_of(changes: list[p.ChangeIn]) -> dict[str, str]:
    """Change id -> the region of the establishment it is about (when one is found)."""
    by_establishment: dict[str, str] = {}
    for change in changes:
        establishment = change.payload.get("establishment_id")
        if isinstance(establishment, str):
            by_establishment[change.id] = establishment
    surveys = [c.entity_id for c in changes if c.id not in by_establishment]
    for survey_id, establishment_id in Survey.objects.filter(id__in=surveys).values_list(
        "id", "establishment_id"
    ):
        for change in changes:
            if change.entity_id == survey_id and change.id not in by_establishment:
                by_establishment[change.id] = establishment_id
    regions = dict(
        Establishment.objects.filter(id__in=set(by_establishment.values())).values_list(
            "id", "region"
        )
    )
    return {cid: regions[eid] for cid, eid in by_establishment.items() if eid in regions}


def _file_receipt(
    key: Ed25519PrivateKey, carrier: Actor, device: Device, change: p.ChangeIn
) -> dict[str, Any]:
    """A relayed file of a bundle: acknowledged with a receipt the agent's laptop can check
    when this server holds it complete and the carrier or the device may know it (the same
    rule as an upload's status: its user uploaded it, or may see a survey naming it); else
    `file_not_held`, which the carrier keeps pending."""
    sha = change.entity_id
    held = Attachment.objects.filter(sha256=sha, complete=True).exists() and (
        uploads.visible(carrier.device, sha) or uploads.visible(device, sha)
    )
    if not held:
        return rejected_result(
            change.id, p.ERR_FILE_NOT_HELD,
            "this server does not hold this file complete, or not for you",
            "entity_id",
        )  # fmt: skip
    receipt = key.sign(p.attachment_receipt_message(device.pk, change.id, sha)).hex()
    return {
        "id": change.id, "status": p.APPLIED, "revision": None, "survey": None,
        "conflicts": [], "error": None, "receipt": receipt,
    }  # fmt: skip


def sign_receipt(key: Ed25519PrivateKey, device: Device, result: dict[str, Any]) -> dict[str, Any]:
    """The result with the server's signature for the device that made the change."""
    message = p.receipt_message(device.pk, result["id"], result["status"], result["revision"])
    return {**result, "receipt": key.sign(message).hex()}


def apply_push_with_relays(actor: Actor, changes: list[p.ChangeIn]) -> list[dict[str, Any]]:
    """Like `apply_push`, for a batch where some changes are relayed: one result per change,
    in order; each origin device's changes are applied as that device."""
    changes = list(changes)  # relayed ones may be re-keyed (`_rekeyed_by_code`)
    results: list[dict[str, Any] | None] = [None] * len(changes)
    groups: dict[str | None, list[int]] = {}
    for index, change in enumerate(changes):
        origin = change.relay.device_id if change.relay is not None else None
        groups.setdefault(origin, []).append(index)
    for origin, indexes in groups.items():
        if origin is None:
            own = apply_push(actor, [changes[i] for i in indexes])
            for i, result in zip(indexes, own, strict=True):
                results[i] = result
            continue
        device = Device.objects.select_related("user").filter(pk=origin).first()
        refusal = _refusal(actor, device)
        reasons: dict[int, str] = {}
        signed: dict[int, p.ChangeIn] = {}
        for i in indexes:
            if refusal:
                reasons[i] = refusal
            elif device is not None and not _change_signed_by(device, changes[i]):
                reasons[i] = "the signature of this relayed change does not verify"
            else:
                signed[i] = changes[i]
        rekeyed: set[int] = set()
        if device is not None:
            keyed, refused = _rekeyed_by_code(device, signed)
            for i, change in keyed.items():
                if change is not changes[i]:
                    rekeyed.add(i)
                    changes[i] = change
            reasons.update(refused)
        regions = _regions_of([changes[i] for i in indexes])
        held = set(actor.user.region_list())
        valid: list[int] = []
        for i in indexes:
            change = changes[i]
            reason = reasons.get(i, "")
            if not reason and change.entity == p.ENTITY_ATTACHMENT and device is not None:
                results[i] = _file_receipt(signing_key(), actor, device, change)
                continue
            region = regions.get(change.id)
            if not reason and actor.user.role == Role.COORDINATOR and region not in held:
                # The carrier must hold the bundle's region (the agent's device would be
                # checked against its assignments anyway; this is the carrier's own check).
                reason = "this change is about an establishment outside your regions"
            if not reason:
                valid.append(i)
                continue
            results[i] = rejected_result(change.id, ERR_RELAY_REFUSED, reason, "relay")
        if valid and device is not None:
            applied = apply_push(
                Actor(device=device, user=device.user), [changes[i] for i in valid]
            )
            key = signing_key()
            for i, result in zip(valid, applied, strict=True):
                if i in rekeyed and result["survey"] is None and result["status"] != p.REJECTED:
                    # Not the snapshot as sent: its establishment is this server's id.
                    head = Survey.objects.filter(pk=changes[i].entity_id).first()
                    result["survey"] = survey_state(head) if head is not None else None
                results[i] = sign_receipt(key, device, result)
            log.info(
                "%d change(s) of device %s (%s) relayed by device %s (%s)",
                len(valid), device.pk, device.user.username, actor.device.pk,
                actor.user.username,
            )  # fmt: skip
    return [r for r in results if r is not None]
