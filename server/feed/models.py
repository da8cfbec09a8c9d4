"""Feed entries and applied changes.

A `FeedEntry` is a snapshot of what changed, written in the same transaction as the change, and
tagged with what decides who may see it (establishment, region, or one target user). See
`server.feed.publish` for why no pull can skip an entry.

A survey entry written by a push does not copy the answers: it names the `SurveyRevision` that
holds them (written in the same transaction, never changed afterwards), and the pull reads them
through a join on that revision's primary key. Each pushed answers document is then stored
twice (head and revision) instead of three times.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from fieldapp.domain import new_id
from server.db import DocumentField


class FeedEntry(models.Model):
    seq = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=20)
    object_id = models.CharField(max_length=64)
    # Visibility: an entry with target_user is for that user only; otherwise an agent sees it
    # through establishment (if assigned), a coordinator through region, forms are for all.
    establishment_id = models.CharField(max_length=36, null=True, blank=True)
    region = models.CharField(max_length=100, null=True, blank=True)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    data = DocumentField()
    # Set on survey entries whose `data` leaves out the answers: they are this revision's.
    # No constraint and no index: the pull joins on the revision's primary key, and a feed
    # entry must not hold back deleting a survey (its entry then pulls with empty answers).
    revision = models.ForeignKey(
        "surveys.SurveyRevision",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
    )
    # The device whose push this entry repeats exactly (server.feed.echo): its v2 pulls skip it.
    echo_device = models.CharField(max_length=36, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "entrée du flux"
        verbose_name_plural = "entrées du flux"
        indexes = (
            models.Index(fields=["establishment_id", "seq"]),
            models.Index(fields=["region", "seq"]),
            models.Index(fields=["target_user", "seq"]),
        )

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind} {self.object_id}"


def new_epoch() -> str:
    return new_id()


def new_signing_key() -> str:
    """A fresh Ed25519 private key (32 raw bytes, hex) for the server's receipts."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return raw.hex()


class FeedEpoch(models.Model):
    """One row, made with the database: the **server instance**. `epoch` is its identity
    (`instance_id` on the wire): a cursor from another (or a wiped) database is recognised and
    answered with `cursor_reset`, and a device sees that it talks to a rebuilt server. A
    restored backup keeps it (same instance, older feed: `server.feed.instance` tells that
    apart). `floor` is the oldest seq still served; `signing_key` signs receipts."""

    epoch = models.CharField(max_length=36, default=new_epoch)
    floor = models.BigIntegerField(default=0)
    signing_key = models.CharField(max_length=64, default=new_signing_key, editable=False)


class AppliedChange(models.Model):
    """The first result of every pushed change id: a replay returns it unchanged."""

    id = models.CharField(primary_key=True, max_length=64)
    device = models.ForeignKey("accounts.Device", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entity = models.CharField(max_length=40)
    content_hash = models.CharField(max_length=64)
    result = DocumentField()
    applied_at = models.DateTimeField(default=timezone.now)
    # The device's own number for the change (protocol v2; 0 when not numbered): one number
    # under two ids from one device is a copied profile (server.surveys.push).
    device_seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "changement appliqué"
        indexes = (models.Index(fields=["device", "device_seq"], name="applied_device_seq"),)

    def __str__(self) -> str:
        return f"{self.entity} {self.id}"
