"""Content-addressed attachments: `Attachment` is a verified file (one per SHA-256); `Upload`
is one device's upload of it, resumable at `received`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Attachment(models.Model):
    # Rows are written complete (verified); rows of older servers may be partial: they are
    # dropped by migration 0002 and their devices upload again.
    sha256 = models.CharField(primary_key=True, max_length=64)
    size = models.BigIntegerField()
    received = models.BigIntegerField(default=0)
    complete = models.BooleanField(default=False)
    # Name in the default storage once complete (verified).
    stored_name = models.CharField(max_length=300, blank=True)
    device = models.ForeignKey(
        "accounts.Device", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "pièce jointe"

    def __str__(self) -> str:
        return f"{self.sha256[:12]}… {self.received}/{self.size}"


class Upload(models.Model):
    """One device's upload of one file. While incomplete it belongs to that device alone (no
    one else can append to it, change its size or block another device's upload) and expires
    after `FIELDAPP_PARTIAL_UPLOAD_TTL_HOURS` without a chunk. Once complete it stays as the
    proof that this device held the file (server.attachments.uploads)."""

    sha256 = models.CharField(max_length=64)
    device = models.ForeignKey("accounts.Device", on_delete=models.CASCADE, related_name="+")
    size = models.BigIntegerField()
    received = models.BigIntegerField(default=0)
    complete = models.BooleanField(default=False)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "envoi de pièce jointe"
        constraints = (
            models.UniqueConstraint(fields=["sha256", "device"], name="one_upload_per_device"),
        )
        indexes = (models.Index(fields=["complete", "updated_at"]),)

    def __str__(self) -> str:
        return f"{self.sha256[:12]}… {self.received}/{self.size} ({self.device_id})"
