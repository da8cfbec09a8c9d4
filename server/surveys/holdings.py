"""What a device acknowledged that this server no longer holds (`POST /sync/holdings`, v2).

After a restore from an older backup, or on a rebuilt server, changes a device saw
acknowledged are gone, and the device cleared them from its outbox. It asks here once it has
seen the server behind (sync.client), and sends the latest snapshot of each lost survey again
as a new change. For each survey the answer names `base`, the newest revision both sides hold:
one this device made (by device, or by its acknowledged change ids) or one whose content it
pulled (the digests it sends: a restored server hands revision numbers out again, so a number
alone proves nothing), else 0 (a three-way merge against nothing: every question both sides hold
differently becomes a conflict a person resolves, never a silent overwrite).

A survey is sent again (`resend`) when the server has none, when this device's latest
acknowledged change of it is gone, or when it only pulled it and the server is behind that
revision (another device's work, which may be on no other laptop). A pulled copy of a revision
the server handed out again with other content is not sent: the device takes the server's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from fieldapp.domain import revision_digest
from server.attachments.models import Attachment
from server.feed.models import AppliedChange
from server.feed.scope import establishments_in_scope
from sync import protocol as p

from .models import Survey, SurveyRevision
from .push import Actor


def lost_holdings(actor: Actor, body: p.HoldingsRequest) -> dict[str, Any]:
    survey_ids = [s.id for s in body.surveys]
    all_changes = {c for s in body.surveys for c in s.changes} | set(body.changes)
    heads = dict(Survey.objects.filter(id__in=survey_ids).values_list("id", "revision"))
    # A survey outside the device's scope is answered as held: the answer tells nothing of it.
    visible = set(
        Survey.objects.filter(
            id__in=list(heads), establishment__in=establishments_in_scope(actor.user)
        ).values_list("id", flat=True)
    )
    applied = set(AppliedChange.objects.filter(id__in=all_changes).values_list("id", flat=True))
    # The newest revision each survey has from this device (its later snapshots were made on
    # it, even where the answer to that change was lost), or from one of the changes it lists
    # (made before it enrolled again).
    own: dict[str, int] = {}
    for survey_id, revision in SurveyRevision.objects.filter(
        Q(device=actor.device) | Q(change_id__in=all_changes), survey_id__in=list(visible)
    ).values_list("survey_id", "revision"):
        own[survey_id] = max(own.get(survey_id, 0), revision)
    asked = {
        (s.id, int(number))
        for s in body.surveys
        if s.id in visible
        for number in s.digests
        if number.isascii() and number.isdigit()
    }
    matched: dict[str, int] = {}
    by_id = {s.id: s for s in body.surveys}
    if asked:
        wanted = {survey_id for survey_id, _ in asked}
        numbers = {number for _, number in asked}
        for survey_id, revision, status, answers in SurveyRevision.objects.filter(
            survey_id__in=wanted, revision__in=numbers
        ).values_list("survey_id", "revision", "status", "answers"):
            if (survey_id, revision) not in asked:
                continue
            if by_id[survey_id].digests.get(str(revision)) == revision_digest(
                status, answers or {}
            ):
                matched[survey_id] = max(matched.get(survey_id, 0), revision)
    lost: list[dict[str, Any]] = []
    for held in body.surveys:
        if held.id in heads and held.id not in visible:
            continue
        head = heads.get(held.id, 0)
        base = min(head, max(own.get(held.id, 0), matched.get(held.id, 0)))
        if held.id not in heads:
            resend = True
        elif held.changes:
            resend = held.changes[0] not in applied
        else:
            resend = head < held.revision
        reissued = (
            not resend
            and str(held.revision) in held.digests
            and matched.get(held.id, 0) < held.revision
        )
        if resend or reissued:
            lost.append({"id": held.id, "head": head, "base": base, "resend": resend})
    whole = set(
        Attachment.objects.filter(sha256__in=body.attachments, complete=True).values_list(
            "sha256", flat=True
        )
    )
    return {
        "surveys": lost,
        "changes": [c for c in body.changes if c not in applied],
        "attachments": [sha for sha in body.attachments if sha not in whole],
    }
