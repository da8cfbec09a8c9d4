"""`fieldapp-server export`: the server's surveys written by the app's own export writer
(`fieldapp.export.write_survey_tables`), so a coordinator's file from the laptop and the
analyst's file from the server have the same names, columns and cells.

Rows are read with `.iterator(chunk_size=…)` (a server-side cursor on PostgreSQL) and handed
to the writer page by page, so memory stays flat whatever the number of surveys.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fieldapp.export import ExportError as CoreExportError
from fieldapp.export import ExportOptions, Page, write_survey_tables

from .formengine import form_for
from .models import FormVersion, Survey

CHUNK = 2000
# The columns of fieldapp.export.META_COLUMNS, read from the server's tables.
_META_FIELDS = (
    "id",
    "establishment__code",
    "establishment__name_fr",
    "establishment__name_ar",
    "establishment__region",
    "establishment__province",
    "establishment__commune",
    "form__form_id",
    "form__version",
    "status",
    "revision",
    "author",
    "created_at",
    "updated_at",
)


class ExportError(CoreExportError):
    pass


def pick_form(form_ref: str | None) -> FormVersion:
    """`form_id@version`, `form_id` (its latest version) or None (the baseline form's latest)."""
    if form_ref is None:
        from fieldapp.forms import baseline_form

        form_ref = baseline_form().id
    form_id, _, version = form_ref.partition("@")
    versions = FormVersion.objects.filter(form_id=form_id)
    if version:
        versions = versions.filter(version=version)
    found = versions.order_by("-published_at", "-id").first()
    if found is None:
        known = sorted(
            {f"{f}@{v}" for f, v in FormVersion.objects.values_list("form_id", "version")}
        )
        hint = f" (published: {', '.join(known[:10])})" if known else " (none is published)"
        raise ExportError(f"no published form {form_ref}{hint}")
    return found


def pick_versions(form_ref: str | None) -> list[FormVersion]:
    """What an export covers: `form_id@version` that version alone; `form_id` or None (the
    baseline form) every version of the form that holds surveys, newest first (the newest
    even when empty). A survey stays on the version it was answered in, so exporting only
    the newest would leave out every survey not moved to it."""
    newest = pick_form(form_ref)
    if form_ref is not None and "@" in form_ref:
        return [newest]
    older = (
        FormVersion.objects.filter(form_id=newest.form_id, surveys__isnull=False)
        .exclude(pk=newest.pk)
        .distinct()
        .order_by("-published_at", "-id")
    )
    return [newest, *older]


def version_path(out: Path, version: FormVersion, newest: FormVersion) -> Path:
    """The newest version goes to `out` (as with one version); an older one beside it, named
    by its version: `surveys.csv` -> `surveys.v1.csv`."""
    if version.pk == newest.pk:
        return out
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in version.version)
    return out.with_name(f"{out.stem}.v{safe}{out.suffix}")


def _pages(version: FormVersion, counter: list[int]) -> Iterator[Page]:
    rows = (
        Survey.objects.filter(form=version)
        .order_by("id")
        .values_list(*_META_FIELDS, "answers")
        .iterator(chunk_size=CHUNK)
    )
    page: list[tuple[Any, ...]] = []
    for row in rows:
        # No cached text on the server: the writer flattens the answers (a dict).
        page.append((*row[:-1], None, None, row[-1] or {}))
        if len(page) == CHUNK:
            counter[0] += len(page)
            yield page
            page = []
    if page:
        counter[0] += len(page)
        yield page


def export(version: FormVersion, fmt: str, out: Path, options: ExportOptions | None = None) -> int:
    """Write every survey of `version` to `out` (and its repeat files); returns the number of
    surveys. Each file appears complete or not at all (written beside, then renamed)."""
    counter = [0]
    try:
        write_survey_tables(
            fmt, Path(out), form_for(version), _pages(version, counter), options=options
        )
    except CoreExportError as exc:
        raise ExportError(str(exc)) from exc
    return counter[0]
