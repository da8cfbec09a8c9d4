"""Establishments as they travel on the wire (sync.protocol.EstablishmentData)."""

from __future__ import annotations

from typing import Any

from .models import Establishment


def establishment_data(est: Establishment, *, assigned: bool, agents: list[str]) -> dict[str, Any]:
    return {
        "id": est.id,
        "code": est.code,
        "name_fr": est.name_fr,
        "name_ar": est.name_ar,
        "type": est.type,
        "capacity": est.capacity,
        "region": est.region,
        "province": est.province,
        "commune": est.commune,
        "site": est.site,
        "latitude": est.latitude,
        "longitude": est.longitude,
        "manager": est.manager,
        "assigned": assigned,
        "agents": sorted(agents),
        "updated_at": est.updated_at.isoformat(timespec="milliseconds"),
    }
