"""The server's door to the shared form engine (`fieldapp.forms`): one implementation decides
what a valid answer is, on the laptop and on the server.

Published form versions are immutable, so their parsed `Form` is cached per process.
"""

from __future__ import annotations

import threading
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
    version: FormVersion, answers: dict[str, Any], *, finalize: bool
) -> list[dict[str, str]]:
    """Problems the form engine finds in `answers` (drafts: types only; finalized: everything)."""
    issues = form_for(version).validate(answers, finalize=finalize)
    problems = []
    for issue in issues:
        message = issue.message
        if isinstance(message, dict):
            message = message.get("en") or message.get("fr") or next(iter(message.values()), "")
        problems.append(
            {"question": str(issue.question), "code": str(issue.code), "message": str(message)}
        )
    return problems
