"""Admin for establishments and assignments (writes go through registry.actions, so devices
see them on their next pull)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from server.feed.publish import publish

from .actions import agents_of, assign, shared_entry, unassign
from .models import Assignment, Establishment


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "type", "region", "province", "commune", "site")
    list_filter = ("region", "type", "site")
    search_fields = ("code", "name_fr", "name_ar", "commune")

    def save_model(self, request: HttpRequest, obj: Establishment, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            publish([shared_entry(obj, agents_of(obj))])


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("establishment", "agent", "assigned_by", "created_at")
    list_filter = ("agent",)
    search_fields = ("establishment__code", "agent__username")
    autocomplete_fields = ("establishment",)
    fields = ("establishment", "agent")

    def save_model(self, request: HttpRequest, obj: Assignment, form: Any, change: bool) -> None:
        if change:  # re-pointing an assignment = unassign the old, assign the new
            old = Assignment.objects.get(pk=obj.pk)
            unassign(old.establishment, old.agent)
        assign(obj.establishment, obj.agent, by=request.user)  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: Assignment) -> None:
        unassign(obj.establishment, obj.agent)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            unassign(obj.establishment, obj.agent)
