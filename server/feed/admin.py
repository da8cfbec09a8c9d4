"""Read-only view of the change feed, to see what devices will pull."""

from __future__ import annotations

from django.contrib import admin

from .models import AppliedChange, FeedEntry


@admin.register(FeedEntry)
class FeedEntryAdmin(admin.ModelAdmin):
    list_display = ("seq", "kind", "object_id", "region", "establishment_id", "target_user")
    list_filter = ("kind",)

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(AppliedChange)
class AppliedChangeAdmin(admin.ModelAdmin):
    list_display = ("id", "entity", "user", "device", "applied_at")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
