"""The server's door to the shared form engine (`fieldapp.forms`): one implementation decides
what a valid answer is, on the laptop and on the server.

Published form versions are immutable, so their parsed `Form` is cached per process.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .models import FormVersion

_cache: dict[tuple[int, str, str, str], Any] = {}
_cache_lock = threading.Lock()


def load(source: Path | dict[str, Any], media: list[Path] | None = None) -> Any:
    """Parse a form (JSON or XLSX path, or a dict); raises fieldapp.forms.FormError."""
    from fieldapp.forms import load_form

    return load_form(source, media)


def form_for(version: FormVersion) -> Any:
    # The whole identity, not only the pk: a test database that is emptied reuses pks.
    key = (version.pk, version.form_id, version.version, version.published_at.isoformat())
    form = _cache.get(key)
    if form is None:
        form = load(version.definition)
        with _cache_lock:
            _cache[key] = form
    return form


def answer_problems(
    version: FormVersion, answers: dict[str, Any], *, finalize: bool, today: date | None = None
) -> list[dict[str, str]]:
    """Problems the form engine finds in `answers` (drafts: types only; finalized: everything);
    `today()` is `today` (the day the answers were given, `answered_on`)."""
    issues = form_for(version).validate(answers, finalize=finalize, today=today)
    problems = []
    for issue in issues:
        message = issue.message
        if isinstance(message, dict):
            message = message.get("en") or message.get("fr") or next(iter(message.values()), "")
        problems.append(
            {"question": str(issue.question), "code": str(issue.code), "message": str(message)}
        )
    return problems


def answered_on(updated_at: str, now: datetime) -> date:
    """The day `today()` means for answers saved at `updated_at` (the laptop's timestamp): a
    survey finalized offline weeks ago is judged as of then, not as of its sync. Never after
    the server's own day: a laptop whose clock runs ahead does not move `today()` forward."""
    server_day = now.astimezone(UTC).date()
    try:
        saved = datetime.fromisoformat(updated_at.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return server_day
    if saved.tzinfo is None:
        saved = saved.replace(tzinfo=UTC)
    return min(saved.astimezone(UTC).date(), server_day)
