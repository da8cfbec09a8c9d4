"""Writes to the registry. Each action owns its transaction and appends its feed entries."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from server.accounts.models import Role, User
from server.feed.models import FeedEntry
from server.feed.publish import publish

from .models import Assignment, Establishment, EstablishmentType
from .wire import establishment_data

IMPORT_COLUMNS = [
    "code", "name_fr", "name_ar", "type", "capacity", "region", "province", "commune",
    "site", "latitude", "longitude",
]  # fmt: skip
REQUIRED_COLUMNS = ["code", "name_fr", "region"]
OPTIONAL_COLUMNS = ["manager"]


def agents_of(est: Establishment) -> list[str]:
    return list(
        Assignment.objects.filter(establishment=est).values_list("agent__username", flat=True)
    )


def shared_entry(est: Establishment, agents: list[str]) -> FeedEntry:
    """The entry everyone who may see `est` pulls (assigned agents, its coordinators, admins)."""
    return FeedEntry(
        kind="establishment",
        object_id=est.id,
        establishment_id=est.id,
        region=est.region,
        data=establishment_data(est, assigned=True, agents=agents),
    )


def targeted_entry(
    est: Establishment, agent: User, *, assigned: bool, agents: list[str]
) -> FeedEntry:
    return FeedEntry(
        kind="establishment",
        object_id=est.id,
        target_user=agent,
        data=establishment_data(est, assigned=assigned, agents=agents),
    )


def assign(
    est: Establishment,
    agent: User,
    by: User | None = None,
    feed: list[FeedEntry] | None = None,
) -> bool:
    """Assign `est` to `agent`; False when it already was. The agent's next pull brings the
    establishment and the surveys already made of it. With `feed`, the entries are appended
    there for the caller to publish at the end of its transaction."""
    from server.surveys.wire import survey_feed_entry  # surveys depends on registry

    if agent.role != Role.AGENT:
        raise ValueError(f"{agent.username} is not an agent (role {agent.role})")
    with transaction.atomic():
        _, created = Assignment.objects.get_or_create(
            establishment=est, agent=agent, defaults={"assigned_by": by}
        )
        if not created:
            return False
        agents = agents_of(est)
        entries = [
            shared_entry(est, agents),
            targeted_entry(est, agent, assigned=True, agents=agents),
        ]
        for survey in est.surveys.select_related("form").order_by("id"):
            entries.append(survey_feed_entry(survey, target_user=agent))
        if feed is None:
            publish(entries)
        else:
            feed.extend(entries)
    return True


def unassign(est: Establishment, agent: User, feed: list[FeedEntry] | None = None) -> bool:
    """Remove the assignment; the agent's next pull says `assigned: false`."""
    with transaction.atomic():
        deleted, _ = Assignment.objects.filter(establishment=est, agent=agent).delete()
        if not deleted:
            return False
        agents = agents_of(est)
        entries = [
            shared_entry(est, agents),
            targeted_entry(est, agent, assigned=False, agents=agents),
        ]
        if feed is None:
            publish(entries)
        else:
            feed.extend(entries)
    return True


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _float(text: str, name: str, low: float, high: float) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"{name} '{text}' is not a number") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{name} {text} is outside [{low}, {high}]")
    return value


def parse_row(row: dict[str, str]) -> dict[str, Any]:
    """One CSV row as Establishment fields; raises ValueError with a readable reason."""
    clean = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
    for name in REQUIRED_COLUMNS:
        if not clean.get(name):
            raise ValueError(f"{name} is empty")
    fields: dict[str, Any] = {
        name: clean.get(name, "")
        for name in ("name_fr", "name_ar", "region", "province", "commune", "site", "manager")
    }
    etype = clean.get("type", "").lower()
    if etype and etype not in EstablishmentType.values:
        raise ValueError(f"type '{etype}' is not one of {', '.join(EstablishmentType.values)}")
    fields["type"] = etype
    capacity = clean.get("capacity", "")
    if capacity:
        if not capacity.isdigit():
            raise ValueError(f"capacity '{capacity}' is not a whole number")
        fields["capacity"] = int(capacity)
    else:
        fields["capacity"] = None
    fields["latitude"] = _float(clean.get("latitude", ""), "latitude", -90, 90)
    fields["longitude"] = _float(clean.get("longitude", ""), "longitude", -180, 180)
    if len(clean["code"]) > 50:
        raise ValueError("code is longer than 50 characters")
    fields["code"] = clean["code"]
    return fields


def import_establishments(path: Path) -> ImportReport:
    """Import a CSV (columns IMPORT_COLUMNS); idempotent on code. Bad lines are reported with
    their line number and reason; the good ones are imported."""
    report = ImportReport()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append((0, "the file is not UTF-8 text"))
        return report
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        report.errors.append((1, f"missing column(s): {', '.join(missing)}"))
        return report
    good: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            report.errors.append((line, "more values than columns"))
            continue
        try:
            fields = parse_row(row)
        except ValueError as exc:
            report.errors.append((line, str(exc)))
            continue
        if fields["code"] in seen:
            report.errors.append(
                (line, f"code {fields['code']} repeats line {seen[fields['code']]}")
            )
            continue
        seen[fields["code"]] = line
        good.append((line, fields))
    with transaction.atomic():
        existing = {e.code: e for e in Establishment.objects.filter(code__in=list(seen))}
        entries: list[FeedEntry] = []
        now = timezone.now()
        for _, fields in good:
            est = existing.get(fields["code"])
            if est is None:
                est = Establishment(**fields, updated_at=now)
                est.save()
                report.created += 1
            else:
                changed = [k for k, v in fields.items() if getattr(est, k) != v]
                if not changed:
                    report.unchanged += 1
                    continue
                for k in changed:
                    setattr(est, k, fields[k])
                est.updated_at = now
                est.save()
                report.updated += 1
            entries.append(shared_entry(est, agents_of(est)))
        publish(entries)
    return report
