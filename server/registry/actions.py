"""Writes to the registry. Each action owns its transaction and appends its feed entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from server.accounts.models import Role, User
from server.feed.models import FeedEntry
from server.feed.publish import publish

from .importing import read_registry
from .models import Assignment, Establishment
from .wire import establishment_data


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
    warnings: list[str] = field(default_factory=list)
    written: bool = False  # False: refused (bad lines without partial) or a dry run


def import_establishments(
    path: Path, *, partial: bool = False, dry_run: bool = False
) -> ImportReport:
    """Import a registry file (see server.registry.importing); idempotent on code.

    Every bad line is reported with its number and reason. With bad lines nothing is
    written unless `partial` (the good lines are then imported deliberately); `dry_run`
    counts what would be created, updated or left unchanged and writes nothing."""
    parsed = read_registry(path.read_bytes())
    report = ImportReport(errors=list(parsed.errors), warnings=list(parsed.warnings))
    with transaction.atomic():
        codes = [fields["code"] for _, fields in parsed.rows]
        existing = {e.code: e for e in Establishment.objects.filter(code__in=codes)}
        entries: list[FeedEntry] = []
        now = timezone.now()
        for _, fields in parsed.rows:
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
        if dry_run or (report.errors and not partial) or not parsed.rows:
            transaction.set_rollback(True)
            return report
        publish(entries)
        report.written = True
    return report
