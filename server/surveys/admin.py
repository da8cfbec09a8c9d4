"""Admin for forms, surveys (with their revision history), conflicts and reviews."""

from __future__ import annotations

from django.contrib import admin

from .models import Conflict, FormVersion, Review, Survey, SurveyRevision


@admin.register(FormVersion)
class FormVersionAdmin(admin.ModelAdmin):
    list_display = ("form_id", "version", "title", "published_at", "published_by")
    readonly_fields = ("form_id", "version", "title", "definition", "published_at", "published_by")

    def has_add_permission(self, request: object) -> bool:
        return False  # published with `fieldapp-server publish-form` (checked by the engine)


class RevisionInline(admin.TabularInline):
    model = SurveyRevision
    extra = 0
    can_delete = False
    fields = ("revision", "status", "user", "device", "change_id", "created_at", "answers")
    readonly_fields = fields
    ordering = ("-revision",)


class ConflictInline(admin.TabularInline):
    model = Conflict
    extra = 0
    can_delete = False
    fields = ("revision", "question", "base", "server", "client", "resolved_at")
    readonly_fields = fields


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    can_delete = False
    fields = ("revision", "decision", "comment", "reviewer", "created_at")
    readonly_fields = fields


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("id", "establishment", "form", "status", "revision", "author", "received_at")
    list_filter = ("status", "form", "establishment__region")
    search_fields = ("id", "establishment__code", "author")
    readonly_fields = (
        "id", "establishment", "form", "status", "answers", "revision", "review_comment",
        "author", "created_at", "updated_at", "received_at", "device", "user",
    )  # fmt: skip
    inlines = (RevisionInline, ConflictInline, ReviewInline)

    def has_add_permission(self, request: object) -> bool:
        return False  # surveys arrive through sync, with their revisions


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ("survey", "question", "revision", "created_at", "resolved_at")
    list_filter = ("resolved_at",)
    readonly_fields = (
        "survey",
        "revision",
        "question",
        "base",
        "server",
        "client",
        "change_id",
        "device",
    )


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("survey", "revision", "decision", "reviewer", "created_at")
    list_filter = ("decision",)
    readonly_fields = (
        "survey",
        "revision",
        "decision",
        "comment",
        "reviewer",
        "device",
        "created_at",
    )
