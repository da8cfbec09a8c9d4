"""Load benchmark of the central server's push path.

Starts gunicorn (2 workers, production settings) against PostgreSQL on loopback, enrolls 50
devices (one agent each, with assigned establishments), then has the 50 devices push
concurrently, each 20 gzip batches of 50 baseline surveys (realistic drafts from the form
engine's demo answers). Prints ONE JSON line: surveys ingested per second, p50/p95 latency
per push request, errors.

    .venv/bin/python bench/server_load.py [--devices 50 --batches 20 --batch-size 50]

PostgreSQL: FIELDAPP_BENCH_ADMIN_URL (default postgres://fieldapp:fieldapp@127.0.0.1:5432/
fieldapp) must be able to CREATE DATABASE; the bench uses a fresh database `fieldapp_bench`.
Payloads are built (and gzipped) before the clock starts so the measurement is the server, not
the client; the client reports its own CPU time, and the server's (gunicorn workers) and the
database's (PostgreSQL backends of the bench database) CPU times are read from /proc, so a run
on a machine shared with other work still says what one survey costs (`cpu_ms_per_survey`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ADMIN_URL = os.environ.get(
    "FIELDAPP_BENCH_ADMIN_URL", "postgres://fieldapp:fieldapp@127.0.0.1:5432/fieldapp"
)
BENCH_DB = "fieldapp_bench"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fresh_database() -> str:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        for attempt in range(60):
            try:
                conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
                break
            except psycopg.errors.InsufficientPrivilege:
                # An autovacuum worker (a superuser's process) is still cleaning up after the
                # previous run: this role may not end it, so wait for it to finish.
                if attempt == 59:
                    raise
                time.sleep(1)
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + BENCH_DB


SEED_SCRIPT = r"""
import json, sys
import django
django.setup()
from fieldapp.forms import baseline_form
from server.accounts.models import Device, User, sha256_hex
from server.registry.models import Establishment
from server.registry.actions import assign
from server.surveys.actions import publish_form

devices = json.loads(sys.stdin.read())
form = publish_form(baseline_form().to_json())
out = {"form_id": form.form_id, "form_version": form.version, "devices": []}
for i, token in enumerate(devices):
    user = User.objects.create(username=f"agent{i:03d}", role="agent")
    est = Establishment.objects.create(code=f"EPS-B-{i:04d}", name_fr=f"Centre {i}", region="MA-07")
    assign(est, user)
    Device.objects.create(user=user, name=f"laptop {i}", token_hash=sha256_hex(token))
    out["devices"].append({"token": token, "establishment_id": est.id})
print(json.dumps(out))
"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; 0 where unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_pids(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in children]


def backend_pids(database_url: str) -> list[int]:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [BENCH_DB],
        ).fetchall()
    return [int(r[0]) for r in rows]


def make_batches(seed: dict, devices: int, batches: int, size: int) -> list[list[bytes]]:
    from fieldapp.domain import new_id, utcnow
    from fieldapp.forms import baseline_form, demo_answers

    form = baseline_form()
    rng = random.Random(7)
    samples = [demo_answers(form, rng, complete=False) for _ in range(40)]
    per_device = []
    for d in range(devices):
        est = seed["devices"][d]["establishment_id"]
        bodies = []
        for _ in range(batches):
            changes = []
            for _ in range(size):
                now = utcnow()
                changes.append(
                    {
                        "id": new_id(),
                        "entity": "survey",
                        "entity_id": new_id(),
                        "op": "save",
                        "base_revision": 0,
                        "payload": {
                            "establishment_id": est,
                            "form_id": seed["form_id"],
                            "form_version": seed["form_version"],
                            "status": "draft",
                            "answers": rng.choice(samples),
                            "created_at": now,
                            "updated_at": now,
                            "author": f"agent{d:03d}",
                        },
                        "created_at": now,
                    }
                )
            bodies.append(gzip.compress(json.dumps({"changes": changes}).encode(), 5))
        per_device.append(bodies)
    return per_device


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=3, help="gunicorn threads per worker")
    args = parser.parse_args()

    database_url = fresh_database()
    data_dir = tempfile.mkdtemp(prefix="fieldapp-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "server.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback, no TLS proxy here
        "DATABASE_URL": database_url,
        "FIELDAPP_DATA_DIR": data_dir,
        "PYTHONPATH": str(ROOT),
    }
    py = sys.executable
    subprocess.run([py, "-m", "server.cli", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    tokens = [secrets.token_urlsafe(32) for _ in range(args.devices)]
    seeded = subprocess.run(
        [py, "-c", SEED_SCRIPT], env=env, check=True, cwd=ROOT, input=json.dumps(tokens),
        capture_output=True, text=True,
    )  # fmt: skip
    seed = json.loads(seeded.stdout.strip().splitlines()[-1])
    bodies = make_batches(seed, args.devices, args.batches, args.batch_size)

    port = free_port()
    gunicorn = Path(py).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "server.wsgi:application", "-w", str(args.workers), "-b",
         f"127.0.0.1:{port}", "--threads", str(args.threads), "--log-level", "warning",
         "--timeout", "120"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        for _ in range(200):
            try:
                if requests.get(base + "/ping", timeout=2).json().get("service") == "fieldapp":
                    break
            except (requests.RequestException, ValueError):
                time.sleep(0.1)
        latencies: list[float] = []
        errors: list[str] = []
        ingested = [0]
        lock = threading.Lock()
        start_gate = threading.Barrier(args.devices + 1)

        def device(i: int) -> None:
            session = requests.Session()
            session.headers.update(
                {
                    "Authorization": f"Bearer {seed['devices'][i]['token']}",
                    "Content-Type": "application/json",
                    "Content-Encoding": "gzip",
                }
            )
            start_gate.wait()
            for body in bodies[i]:
                t0 = time.perf_counter()
                try:
                    reply = session.post(base + "/sync/push", data=body, timeout=120)
                    elapsed = time.perf_counter() - t0
                    ok = reply.status_code == 200
                    results = reply.json()["results"] if ok else []
                    applied = sum(1 for r in results if r["status"] == "applied")
                    with lock:
                        latencies.append(elapsed)
                        ingested[0] += applied
                        if not ok:
                            errors.append(f"HTTP {reply.status_code}: {reply.text[:200]}")
                        elif applied != len(results):
                            errors.append(f"{len(results) - applied} changes not applied")
                except (requests.RequestException, ValueError) as exc:
                    with lock:
                        errors.append(repr(exc))
            session.close()

        threads = [threading.Thread(target=device, args=(i,)) for i in range(args.devices)]
        for t in threads:
            t.start()
        workers = worker_pids(server.pid)
        server_cpu_start = sum(cpu_seconds(w) for w in workers)
        # Backends come and go (connections are closed after CONN_MAX_AGE): sample them
        # through the run and keep the last CPU time seen of each.
        backend_cpu: dict[int, float] = {}
        sampling = threading.Event()

        def sample_backends() -> None:
            while not sampling.wait(0.5):
                for pid in backend_pids(database_url):
                    backend_cpu[pid] = max(backend_cpu.get(pid, 0.0), cpu_seconds(pid))

        sampler = threading.Thread(target=sample_backends, daemon=True)
        sampler.start()
        start_gate.wait()
        t_start = time.perf_counter()
        cpu_start = time.process_time()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t_start
        # The client shares the 2 cores: its own CPU time says whether it is the bottleneck.
        client_cpu = time.process_time() - cpu_start
        server_cpu = sum(cpu_seconds(w) for w in workers) - server_cpu_start
        sampling.set()
        sampler.join()
        for pid in backend_pids(database_url):
            backend_cpu[pid] = max(backend_cpu.get(pid, 0.0), cpu_seconds(pid))
        # A lower bound by up to half a second of each backend that ended between samples.
        db_cpu = sum(backend_cpu.values())
    finally:
        server.terminate()
        server.wait(30)
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else None
    print(
        json.dumps(
            {
                "bench": "server_load",
                "devices": args.devices,
                "batches_per_device": args.batches,
                "batch_size": args.batch_size,
                "gunicorn_workers": args.workers,
                "gunicorn_threads": args.threads,
                "surveys_ingested": ingested[0],
                "seconds": round(wall, 2),
                "surveys_per_second": round(ingested[0] / wall, 1),
                "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
                "p95_ms": round(p95 * 1000, 1) if p95 is not None else None,
                "requests": len(latencies),
                "errors": len(errors),
                "first_errors": errors[:3],
                "cpus": os.cpu_count(),
                "client_cpu_s": round(client_cpu, 1),
                "server_cpu_s": round(server_cpu, 1),
                "db_cpu_s": round(db_cpu, 1),
                "cpu_ms_per_survey": (
                    round((server_cpu + db_cpu) * 1000 / ingested[0], 2) if ingested[0] else None
                ),
                "load_avg_1m": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
