"""Form versions, surveys, their revisions, conflicts and reviews.

`Survey` is the head (latest revision) so lists and exports read one row per survey;
`SurveyRevision` keeps every revision with its answers, device, user and change id, which is
what the 3-way merge reads its base from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from server.db import DocumentField


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    FINALIZED = "finalized", "Finalisée"
    RETURNED = "returned", "Renvoyée pour correction"
    APPROVED = "approved", "Approuvée"


class FormVersion(models.Model):
    """A published, immutable version of a form definition (JSON from the form engine)."""

    form_id = models.CharField(max_length=100)
    version = models.CharField(max_length=50)
    title = models.CharField(max_length=300, blank=True)
    definition = models.JSONField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "version de formulaire"
        constraints = (
            models.UniqueConstraint(fields=["form_id", "version"], name="one_form_version"),
        )
        ordering = ("form_id", "-published_at")

    def __str__(self) -> str:
        return f"{self.form_id} v{self.version}"


class Survey(models.Model):
    id = models.CharField(primary_key=True, max_length=64)
    establishment = models.ForeignKey(
        "registry.Establishment", on_delete=models.PROTECT, related_name="surveys"
    )
    form = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="surveys")
    status = models.CharField(max_length=20, choices=SurveyStatus.choices, default="draft")
    answers = DocumentField(default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    review_comment = models.TextField(blank=True)
    author = models.CharField(max_length=150, blank=True)
    created_at = models.CharField(max_length=64, blank=True, help_text="client's timestamp")
    updated_at = models.CharField(max_length=64, blank=True, help_text="client's timestamp")
    received_at = models.DateTimeField(default=timezone.now)
    # When the server first received it, on the server's clock: "latest" of an establishment
    # is decided by this order of receipt, never by a laptop's clock (sync.protocol v2).
    first_received_at = models.DateTimeField(null=True, blank=True)
    device = models.ForeignKey(
        "accounts.Device", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "enquête"
        indexes = (models.Index(fields=["form", "status"]),)

    def __str__(self) -> str:
        return f"{self.id} r{self.revision} ({self.status})"


class SurveyRevision(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=SurveyStatus.choices)
    answers = DocumentField(default=dict)
    review_comment = models.TextField(blank=True)
    change_id = models.CharField(max_length=64, blank=True)
    device = models.ForeignKey(
        "accounts.Device", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The making device's number for the change (protocol v2): an older one is `superseded`.
    device_seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "révision"
        ordering = ("survey", "revision")
        constraints = (
            models.UniqueConstraint(fields=["survey", "revision"], name="one_revision_number"),
        )

    def __str__(self) -> str:
        return f"{self.survey_id} r{self.revision}"


class Conflict(models.Model):
    """A question two sides changed to different values; the head kept the server's value."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="conflicts")
    revision = models.PositiveIntegerField(help_text="revision created by the conflicting change")
    question = models.CharField(max_length=200)
    base = models.JSONField(null=True, blank=True)
    server = models.JSONField(null=True, blank=True)
    client = models.JSONField(null=True, blank=True)
    change_id = models.CharField(max_length=64, blank=True)
    device = models.ForeignKey(
        "accounts.Device", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "conflit"

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.question} r{self.revision}"


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", "Approuver"
    RETURN = "return", "Renvoyer"


class Review(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reviews")
    revision = models.PositiveIntegerField()
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    device = models.ForeignKey(
        "accounts.Device", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "revue"

    def __str__(self) -> str:
        return f"{self.survey_id} r{self.revision}: {self.decision}"
