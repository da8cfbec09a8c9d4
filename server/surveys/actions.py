"""Writes to forms and surveys outside the push path (publishing forms, admin review)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from server.accounts.models import User
from server.feed.publish import publish

from . import formengine
from .models import FormVersion
from .wire import form_feed_entry


class PublishError(Exception):
    """The form cannot be published; the message says why."""


def publish_form(
    source: Path | dict[str, Any], by: User | None = None, media: list[Path] | None = None
) -> FormVersion:
    """Publish a new version of a form (JSON or XLSForm), checked by the form engine.

    `media`: the files published with an XLSForm (choices files of select_one_from_file).
    Their content is read into the definition, so devices get it by sync with the form; a
    file the form names and that is not given refuses the publication."""
    from fieldapp.forms import FormError

    try:
        form = formengine.load(source, media)
    except FormError as exc:
        raise PublishError(str(exc)) from exc
    if form.missing_media:
        raise PublishError(
            "missing media file(s), to give after the form: " + ", ".join(form.missing_media)
        )
    definition = form.to_json()
    if isinstance(definition, str):
        import json

        definition = json.loads(definition)
    with transaction.atomic():
        if FormVersion.objects.filter(form_id=form.id, version=str(form.version)).exists():
            raise PublishError(
                f"form {form.id} version {form.version} is already published; "
                "published versions are immutable, raise the version"
            )
        title = getattr(form, "title", "")
        if isinstance(title, dict):
            title = title.get("fr") or next(iter(title.values()), "")
        version = FormVersion.objects.create(
            form_id=form.id,
            version=str(form.version),
            title=str(title or "")[:300],
            definition=definition,
            published_by=by,
        )
        publish([form_feed_entry(version)])
    return version
