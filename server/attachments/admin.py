"""Admin listing of attachments (read-only: they arrive through the API, verified)."""

from __future__ import annotations

from django.contrib import admin

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("sha256", "size", "received", "complete", "user", "created_at")
    list_filter = ("complete",)
    readonly_fields = ("sha256", "size", "received", "complete", "stored_name", "device", "user")
