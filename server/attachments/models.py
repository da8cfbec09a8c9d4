"""Content-addressed attachments; partial uploads resume at `received`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Attachment(models.Model):
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
