"""What a device acknowledged that this server no longer holds (`POST /sync/holdings`, v2).

After a restore from an older backup, or on a rebuilt server, changes a device saw
acknowledged are gone, and the device cleared them from its outbox. It asks here, once it has
seen the server behind (sync.client), and sends the latest snapshot of each lost survey again
as a new change, based on `base`: the newest revision the server still holds that this device
made (its own acknowledged change ids name them), else the server's head for a survey the
device only pulled, else 0 (a three-way merge against nothing: every question both sides hold
differently becomes a conflict a person resolves, never a silent overwrite).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max

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
    own_bases = dict(
        SurveyRevision.objects.filter(survey_id__in=list(heads), change_id__in=all_changes)
        .values("survey_id")
        .annotate(top=Max("revision"))
        .values_list("survey_id", "top")
    )
    lost: list[dict[str, Any]] = []
    for held in body.surveys:
        head = heads.get(held.id, 0)
        if held.id in heads and held.id not in visible:
            continue
        if held.changes:
            missing = held.id not in heads or held.changes[0] not in applied
        else:
            missing = head < held.revision
        if not missing:
            continue
        base = own_bases.get(held.id) or (head if not held.changes else 0)
        lost.append({"id": held.id, "head": head, "base": min(base, head)})
    return {"surveys": lost, "changes": [c for c in body.changes if c not in applied]}
