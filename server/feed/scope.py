"""What a user may see. The queryset filter *is* the authorization: pulls and pushes start from
these querysets, never from all rows."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from server.accounts.models import Role, User
from server.registry.models import Assignment, Establishment

from .models import FeedEntry


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
