"""CPU one pushed survey costs the server, in process, without a network or other clients.

The server's whole push path (middleware, zstd body, request parsing, checks, the form engine's
validation, the batch's reads and writes, the answer) is run through Django's test client on a
fresh PostgreSQL database, in batches of `--batch-size` baseline surveys (drafts and finalized,
half each, as the v2 client sends them). CPU is process time (`time.process_time`: what the
machine's other load distorts least) of this process, plus the CPU time of its PostgreSQL
backend read from /proc. The same payloads are also timed through each step alone: hygiene
(server.surveys.hygiene), validation (the form engine), so a change to one shows there.
Prints ONE JSON line:

    .venv/bin/python bench/server_apply.py [--surveys 2000 --batch-size 50]

PostgreSQL as for bench/server_load.py (FIELDAPP_BENCH_ADMIN_URL must be able to CREATE
DATABASE); the database is FIELDAPP_BENCH_DB with the suffix `_apply`.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import server_load  # noqa: E402

server_load.BENCH_DB = server_load.BENCH_DB + "_apply"


def setup_django(database_url: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "server.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "FIELDAPP_DATA_DIR": tempfile.mkdtemp(prefix="fieldapp-bench-apply-"),
            "FIELDAPP_LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed() -> dict[str, Any]:
    from fieldapp.forms import baseline_form
    from server.accounts.models import Device, User, sha256_hex
    from server.registry.actions import assign
    from server.registry.models import Establishment
    from server.surveys.actions import publish_form

    form = publish_form(baseline_form().to_json())
    user = User.objects.create(username="agent000", role="agent")
    establishment = Establishment.objects.create(
        code="EPS-A-0001", name_fr="Centre", region="MA-07"
    )
    assign(establishment, user)
    token = secrets.token_urlsafe(32)
    Device.objects.create(user=user, name="laptop", token_hash=sha256_hex(token))
    return {
        "form_id": form.form_id,
        "form_version": form.version,
        "token": token,
        "establishment_id": establishment.id,
        "version": form,
    }


def payloads(count: int, seeded: dict[str, Any]) -> list[dict[str, Any]]:
    """`count` new-survey changes, drafts and finalized alternately (finalized ones pass
    validation: demo answers made complete)."""
    from fieldapp.forms import baseline_form, demo_answers

    form = baseline_form()
    rng = random.Random(11)
    drafts = [demo_answers(form, rng, complete=False) for _ in range(40)]
    complete = [demo_answers(form, rng, complete=True) for _ in range(40)]
    out = []
    for i in range(count):
        finalized = i % 2 == 1
        answers = rng.choice(complete if finalized else drafts)
        change = server_load.change(seeded["establishment_id"], seeded, "agent000", answers)
        change["payload"]["status"] = "finalized" if finalized else "draft"
        out.append(change)
    return out


def backend_cpu() -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = int(cursor.fetchone()[0])
    return server_load.cpu_seconds(pid)


def time_steps(changes: list[dict[str, Any]], version: Any) -> dict[str, float]:
    """Each step alone over the same payloads, in ms of CPU per survey (best of 3)."""
    from django.utils import timezone

    from server.surveys import formengine, hygiene

    def best(step: Any) -> float:
        runs = []
        for _ in range(3):
            t0 = time.process_time()
            for c in changes:
                step(c["payload"])
            runs.append(time.process_time() - t0)
        return round(min(runs) * 1000 / len(changes), 3)

    def validate(payload: dict[str, Any]) -> None:
        formengine.answer_problems(
            version,
            payload["answers"],
            finalize=payload["status"] == "finalized",
            today=formengine.answered_on(payload["updated_at"], timezone.now()),
        )

    return {
        "hygiene_ms": best(lambda payload: hygiene.check_answers(payload["answers"])),
        "validation_ms": best(validate),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surveys", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument(
        "--profile", metavar="FILE", help="write cProfile stats (CPU time) of the pushes to FILE"
    )
    args = parser.parse_args()

    setup_django(server_load.fresh_database())
    from django.test import Client

    from sync.compact import DICTIONARY_HEADER, Compact, dictionary_name, form_dictionary
    from sync.protocol import COMPACT_CONTENT_TYPE, PROTOCOL_HEADER

    seeded = seed()
    version = seeded.pop("version")
    codec = Compact(
        dictionary_name(version.form_id, version.version),
        form_dictionary(version.form_id, version.version, version.definition),
    )
    changes = payloads(args.surveys, seeded)
    size = args.batch_size
    bodies = [
        codec.compress(json.dumps({"changes": changes[i : i + size]}).encode())
        for i in range(0, len(changes), size)
    ]
    client = Client(
        HTTP_AUTHORIZATION=f"Bearer {seeded['token']}",
        headers={
            PROTOCOL_HEADER: "2",
            DICTIONARY_HEADER: f"{version.form_id}/{version.version}",
        },
    )
    warm = payloads(2 * size, seeded)
    client.post(
        "/api/v1/sync/push",
        codec.compress(json.dumps({"changes": warm}).encode()),
        content_type=COMPACT_CONTENT_TYPE,
    )
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    db_start = backend_cpu()
    if profiler is not None:
        profiler.enable()
    t0, w0 = time.process_time(), time.perf_counter()
    applied = 0
    for body in bodies:
        reply = client.post("/api/v1/sync/push", body, content_type=COMPACT_CONTENT_TYPE)
        if reply.status_code != 200:
            raise SystemExit(f"push refused: HTTP {reply.status_code} {reply.content[:300]!r}")
        text = reply.content
        if reply.headers.get("Content-Type", "").startswith(COMPACT_CONTENT_TYPE):
            text = codec.decompress(text, 1 << 26)
        results = json.loads(text)["results"]
        applied += sum(1 for r in results if r["status"] == "applied")
    cpu = time.process_time() - t0
    wall = time.perf_counter() - w0
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    db_cpu = backend_cpu() - db_start
    if applied != len(changes):
        raise SystemExit(f"only {applied} of {len(changes)} surveys applied")
    print(
        json.dumps(
            {
                "bench": "server_apply",
                "surveys": len(changes),
                "batch_size": size,
                "server_cpu_ms_per_survey": round(cpu * 1000 / applied, 3),
                "db_cpu_ms_per_survey": round(db_cpu * 1000 / applied, 3),
                "wall_ms_per_survey": round(wall * 1000 / applied, 3),
                "steps_ms_per_survey": time_steps(changes, version),
                "load_avg_1m": round(os.getloadavg()[0], 2),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
