"""Changes relayed by a coordinator from an agent's sneakernet bundle.

A relayed change carries the device that made it and that device's signature
(`sync.protocol.relay_signature`, keyed with the SHA-256 of its token, which the server stores).
It is applied exactly as if that device had pushed it (its assignments, its idempotency, its
"a device never conflicts with itself"); the coordinator's device is only the carrier, which
the log records. A change whose signature does not verify is rejected, the others go on.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from server.accounts.models import Device, Role
from sync import protocol as p

from .push import Actor, apply_push, rejected_result

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


def apply_push_with_relays(actor: Actor, changes: list[p.ChangeIn]) -> list[dict[str, Any]]:
    """Like `apply_push`, for a batch where some changes are relayed: one result per change,
    in order; each origin device's changes are applied as that device."""
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
        valid: list[int] = []
        for i in indexes:
            change = changes[i]
            assert change.relay is not None
            if not refusal and device is not None:
                digest = p.change_digest(
                    change.entity, change.entity_id, change.op, change.base_revision,
                    change.payload,
                )  # fmt: skip
                expected = p.relay_signature(device.token_hash, change.id, digest)
                if hmac.compare_digest(expected, change.relay.signature):
                    valid.append(i)
                    continue
            reason = refusal or "the signature of this relayed change does not verify"
            results[i] = rejected_result(change.id, ERR_RELAY_REFUSED, reason, "relay")
        if valid and device is not None:
            applied = apply_push(
                Actor(device=device, user=device.user), [changes[i] for i in valid]
            )
            for i, result in zip(valid, applied, strict=True):
                results[i] = result
            log.info(
                "%d change(s) of device %s (%s) relayed by device %s (%s)",
                len(valid), device.pk, device.user.username, actor.device.pk,
                actor.user.username,
            )  # fmt: skip
    return [r for r in results if r is not None]
