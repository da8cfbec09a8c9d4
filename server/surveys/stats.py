"""Counts for `fieldapp-server stats`: what the server holds, at a glance."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from server.accounts.models import Device
from server.attachments.models import Attachment, Upload
from server.registry.models import Assignment, Establishment

from .models import Conflict, FormVersion, Review, Survey, SurveyRevision


def server_stats() -> dict[str, Any]:
    by_status = {s: 0 for s in ("draft", "finalized", "returned", "approved")}
    for row in Survey.objects.values("status").annotate(n=Count("id")):
        by_status[row["status"]] = row["n"]
    return {
        "establishments": Establishment.objects.count(),
        "assignments": Assignment.objects.count(),
        "devices": Device.objects.filter(revoked_at__isnull=True).count(),
        "devices_revoked": Device.objects.filter(revoked_at__isnull=False).count(),
        "forms": FormVersion.objects.count(),
        "surveys": sum(by_status.values()),
        "surveys_by_status": by_status,
        "revisions": SurveyRevision.objects.count(),
        "conflicts": Conflict.objects.count(),
        "conflicts_open": Conflict.objects.filter(resolved_at__isnull=True).count(),
        "reviews": Review.objects.count(),
        "attachments": Attachment.objects.filter(complete=True).count(),
        "attachments_partial": Upload.objects.filter(complete=False).count(),
    }
