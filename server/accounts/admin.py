"""Admin for users (role, regions), devices (revoke) and enrollment codes (issue).

Token and code hashes are never shown: a hash of a device token is what signs its bundles
(sync/bundle.py), so it is as secret as the token (tests/server/test_security.py checks every
registered admin).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .models import Device, EnrollmentCode, User, issue_enrollment_code


@admin.register(User)
class FieldUserAdmin(UserAdmin):
    list_display = ("username", "role", "regions", "is_active", "last_login")
    list_filter = ("role", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("FieldApp", {"fields": ("role", "regions")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("FieldApp", {"fields": ("role", "regions")}))
    actions = ("issue_code",)

    @admin.action(description="Émettre un code d'enrôlement (usage unique)")
    def issue_code(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            code, row = issue_enrollment_code(user, issued_by=request.user)  # type: ignore[arg-type]
            self.message_user(
                request,
                f"{user.username}: {code} (valid until {row.expires_at:%Y-%m-%d %H:%M} UTC)",
                messages.SUCCESS,
            )


@admin.register(Device)
class DeviceAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at", "last_seen_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username", "id")
    exclude = ("token_hash",)
    readonly_fields = ("id", "created_at", "last_seen_at")
    actions = ("revoke",)

    @admin.action(description="Révoquer le jeton des appareils choisis")
    def revoke(self, request: HttpRequest, queryset: QuerySet[Device]) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} device(s) revoked", messages.SUCCESS)


@admin.register(EnrollmentCode)
class EnrollmentCodeAdmin(admin.ModelAdmin):
    list_display = ("user", "issued_by", "created_at", "expires_at", "used_at", "device")
    exclude = ("code_hash",)
    readonly_fields = (
        "user",
        "issued_by",
        "created_at",
        "expires_at",
        "used_at",
        "device",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # codes are issued from the user list (action) or the CLI: shown once
