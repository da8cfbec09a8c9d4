"""Surveys, forms, reviews and conflicts as they travel on the wire (sync.protocol)."""

from __future__ import annotations

from typing import Any

from server.accounts.models import User
from server.feed.models import FeedEntry

from .models import FormVersion, Survey


def survey_state(survey: Survey) -> dict[str, Any]:
    """sync.protocol.SurveyState of the head revision."""
    return {**survey_state_fields(survey), "answers": survey.answers}


def survey_state_fields(survey: Survey) -> dict[str, Any]:
    """`survey_state` without the answers (a feed entry that names the revision holding them)."""
    return {
        "id": survey.id,
        "establishment_id": survey.establishment_id,
        "form_id": survey.form.form_id,
        "form_version": survey.form.version,
        "status": survey.status,
        "revision": survey.revision,
        "review_comment": survey.review_comment,
        "updated_at": survey.updated_at,
        "author": survey.author,
        "received": (
            survey.first_received_at.isoformat(timespec="microseconds")
            if survey.first_received_at is not None
            else ""
        ),
    }


def survey_feed_entry(
    survey: Survey, *, region: str | None = None, target_user: User | None = None
) -> FeedEntry:
    if target_user is not None:
        return FeedEntry(
            kind="survey", object_id=survey.id, target_user=target_user, data=survey_state(survey)
        )
    return FeedEntry(
        kind="survey",
        object_id=survey.id,
        establishment_id=survey.establishment_id,
        region=region if region is not None else survey.establishment.region,
        data=survey_state(survey),
    )


def form_feed_entry(form: FormVersion) -> FeedEntry:
    return FeedEntry(
        kind="form",
        object_id=f"{form.form_id}@{form.version}",
        data={"id": form.form_id, "version": form.version, "definition": form.definition},
    )
