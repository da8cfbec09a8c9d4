"""Failed enrollment attempts, kept for the throttling window only.

In the database, not a per-process cache: several app servers behind one load balancer must
count the same attempts (docs/deploy.md).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class EnrollmentFailure(models.Model):
    """One refused enrollment code. `prefix_key` is a keyed digest of the code's first group,
    never the code: the table tells nothing about live codes."""

    address = models.CharField(max_length=64, db_index=True)
    prefix_key = models.CharField(max_length=32, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "échec d'enrôlement"
