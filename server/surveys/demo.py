"""Demo content for `seed-demo` / `serve-demo`: a coordinator, two agents, an admin,
establishments around the OCP sites, the baseline form, and assignments."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.db import transaction

from server.accounts.models import Role, User, issue_enrollment_code
from server.feed.publish import publish
from server.registry.actions import assign, shared_entry
from server.registry.models import Establishment

DEMO_PASSWORDS = {
    "admin": "admin-demo",
    "coordinateur": "coordinateur-demo",
    "agent1": "agent1-demo",
    "agent2": "agent2-demo",
}


@dataclass
class DemoReport:
    seeded: bool
    logins: dict[str, str] = field(default_factory=dict)
    form: str = ""
    establishments: int = 0
    enrollment_code: str = ""
    enrollment_user: str = "agent1"


def is_empty() -> bool:
    return not User.objects.exists() and not Establishment.objects.exists()


def seed_demo(count: int = 24, seed: int = 2023) -> DemoReport:
    """Seed the demo when the database is empty (otherwise change nothing); always issue a
    fresh enrollment code for agent1 if that user exists."""
    from fieldapp.demo import make_establishments
    from fieldapp.geo import REGIONS

    report = DemoReport(seeded=False)
    if is_empty():
        rng = random.Random(seed)
        regions = [r.code for r in REGIONS]
        with transaction.atomic():
            users = {}
            for username, password in DEMO_PASSWORDS.items():
                role = (
                    Role.ADMIN
                    if username == "admin"
                    else (Role.COORDINATOR if username == "coordinateur" else Role.AGENT)
                )
                user = User(
                    username=username,
                    role=role,
                    regions=regions if role == Role.COORDINATOR else [],
                    is_staff=role != Role.AGENT,
                    is_superuser=role == Role.ADMIN,
                )
                user.set_password(password)
                user.save()
                users[username] = user
            entries = []
            made = []
            for e in make_establishments(count, rng):
                est = Establishment.objects.create(
                    id=e.id, code=e.code, name_fr=e.name_fr, name_ar=e.name_ar, type=e.type,
                    capacity=e.capacity, region=e.region, province=e.province, commune=e.commune,
                    site=e.site, latitude=e.latitude, longitude=e.longitude, manager=e.manager,
                )  # fmt: skip
                made.append(est)
                entries.append(shared_entry(est, []))
            publish(entries)
            half = len(made) // 2
            for i, est in enumerate(made):
                assign(est, users["agent1" if i < half else "agent2"], by=users["coordinateur"])
        try:
            from fieldapp.forms import baseline_form

            from .actions import publish_form

            version = publish_form(baseline_form().to_json())
            report.form = f"{version.form_id} v{version.version}"
        except ImportError:
            report.form = "(form engine not installed: no form published)"
        report.seeded = True
        report.establishments = len(made)
        report.logins = dict(DEMO_PASSWORDS)
    else:
        report.form = publish_newer_baseline()
    agent = User.objects.filter(username="agent1").first()
    if agent is not None:
        report.enrollment_code, _ = issue_enrollment_code(agent)
    return report


def publish_newer_baseline() -> str:
    """A demo seeded by an older release publishes the app's built-in baseline when that is
    a newer version of a form it holds ('eps_baseline v2024.2'), so that laptops updated to it
    can push the surveys they start; '' when there is nothing to publish."""
    try:
        from fieldapp.forms import baseline_form, version_key
    except ImportError:
        return ""
    from .actions import publish_form
    from .models import FormVersion

    form = baseline_form()
    held = list(FormVersion.objects.filter(form_id=form.id).values_list("version", flat=True))
    if not held or version_key(str(form.version)) <= version_key(max(held, key=version_key)):
        return ""
    version = publish_form(form.to_json())
    return f"{version.form_id} v{version.version}"


def describe(report: DemoReport) -> list[str]:
    lines = []
    if report.seeded:
        lines.append(f"seeded demo: {report.establishments} establishments, form {report.form}")
        lines.append("logins (username / password):")
        lines.extend(f"  {u} / {pw}" for u, pw in report.logins.items())
    else:
        lines.append("database not empty: demo not seeded (logins unchanged)")
        if report.form:
            lines.append(f"published the app's newer form {report.form}")
    if report.enrollment_code:
        lines.append(f"enrollment code for {report.enrollment_user} (one-time, 72 h):")
        lines.append(report.enrollment_code)
    return lines
