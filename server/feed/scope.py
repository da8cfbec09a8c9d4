"""What a user may see. The queryset filter *is* the authorization: pulls and pushes start from
these querysets, never from all rows."""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db.models import Q, QuerySet

from server.accounts.models import Role, User
from server.registry.models import Assignment, Establishment

from .models import FeedEntry


class PulledRow(NamedTuple):
    """One feed entry read for a pull (server.api.v1.pull)."""

    seq: int
    kind: str
    object_id: str
    establishment_id: str | None
    data: dict[str, Any]


def establishments_in_scope(user: User) -> QuerySet[Establishment]:
    if user.role == Role.ADMIN:
        return Establishment.objects.all()
    if user.role == Role.COORDINATOR:
        return Establishment.objects.filter(region__in=user.region_list())
    return Establishment.objects.filter(assignments__agent=user)


def may_see_establishment(user: User, establishment: Establishment, assigned_ids: set[str]) -> bool:
    """Same rule as `establishments_in_scope`, for a row already in memory; `assigned_ids` are
    the establishment ids assigned to `user` (only read for agents)."""
    if user.role == Role.ADMIN:
        return True
    if user.role == Role.COORDINATOR:
        return establishment.region in user.region_list()
    return establishment.id in assigned_ids


def feed_for(user: User) -> QuerySet[FeedEntry]:
    """The feed entries `user` may pull: entries aimed at them, forms, and entries about
    establishments in their scope (agents: assigned now; coordinators: their regions)."""
    mine = Q(target_user=user)
    shared = Q(target_user__isnull=True)
    if user.role == Role.ADMIN:
        return FeedEntry.objects.filter(mine | shared)
    if user.role == Role.COORDINATOR:
        visible = Q(kind="form") | Q(region__in=user.region_list())
    else:
        assigned = Assignment.objects.filter(agent=user).values("establishment_id")
        visible = Q(kind="form") | Q(establishment_id__in=assigned)
    return FeedEntry.objects.filter(mine | (shared & visible))


def _establishment_of(kind: str, object_id: str, column: str | None, data: dict[str, Any]) -> str:
    if kind == "establishment":
        return object_id
    return column or str(data.get("establishment_id") or "")


def rescoped(user: User, rows: list[PulledRow], *, protocol: int) -> list[PulledRow]:
    """Scope re-checked at pull time, whatever was written to the feed back then.

    An entry aimed at an agent (`target_user`, written when they were assigned) names an
    establishment that may have been unassigned since: its surveys are left out, and an
    establishment entry outside the scope becomes a bare "not yours" notice (no manager, no
    counts) that tells the device to hide it; protocol 2 also says `drop: true`, which makes
    the device delete its copies of others' data (sync.protocol)."""
    if user.role != Role.AGENT:
        return rows
    ids = {_establishment_of(r.kind, r.object_id, r.establishment_id, r.data) for r in rows}
    ids.discard("")
    assigned = set(
        Assignment.objects.filter(agent=user, establishment_id__in=ids).values_list(
            "establishment_id", flat=True
        )
    )
    kept: list[PulledRow] = []
    for row in rows:
        if row.kind == "form":
            kept.append(row)
            continue
        est = _establishment_of(row.kind, row.object_id, row.establishment_id, row.data)
        if est in assigned:
            kept.append(row)
        elif row.kind == "establishment":
            notice = {k: row.data.get(k) for k in ("id", "code", "name_fr", "name_ar")}
            notice.update(assigned=False, agents=[], updated_at=row.data.get("updated_at", ""))
            if protocol >= 2:
                notice["drop"] = True
            kept.append(row._replace(data=notice))
    return kept
