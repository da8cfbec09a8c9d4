"""Load benchmark of the central server's push path.

Starts gunicorn (2 workers, production settings) against PostgreSQL on loopback, enrolls 50
devices (one agent each, with assigned establishments), then has the 50 devices push
concurrently, each 20 gzip batches of 50 baseline surveys (realistic drafts from the form
engine's demo answers). Prints ONE JSON line: surveys ingested per second, p50/p95 latency
per push request, errors.

    .venv/bin/python bench/server_load.py [--devices 50 --batches 20 --batch-size 50]

That closed loop measures throughput: each device waits for its answer before it pushes again,
so latency grows with the number of devices and says little about what a fleet sees (Little's
law). A fleet is open-loop: thousands of laptops, each pushing a few surveys when a link
appears, whatever the server is doing. `--open-loop 250,500,1000` sends pushes of 5-50 surveys
(uniform) arriving as a Poisson process at each rate in surveys/s, for `--duration` seconds
each, from a pool of `--devices` laptops (the protocol-2 client's compact bodies; `--encoding
gzip` for the v1 one). Latency is measured from each push's scheduled arrival, so a push that
waited for a free client thread counts that wait (no coordinated omission). One JSON line:
p50/p95/p99 per request at each rate, the rate achieved, and `saturating_rate`: the highest
rate served (>= 95 % of what was sent achieved, p95 under 2 s), after probing past the last.

    .venv/bin/python bench/server_load.py --open-loop 250,500,1000 [--duration 20]

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
import math
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import requests
import zstandard

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._proxy import AppServers, Nginx  # noqa: E402
from sync.compact import DICTIONARY_HEADER  # noqa: E402
from sync.protocol import COMPACT_CONTENT_TYPE, PROTOCOL_HEADER  # noqa: E402

ADMIN_URL = os.environ.get(
    "FIELDAPP_BENCH_ADMIN_URL", "postgres://fieldapp:fieldapp@127.0.0.1:5432/fieldapp"
)
BENCH_DB = os.environ.get("FIELDAPP_BENCH_DB", "fieldapp_bench")
PUSH_MIN, PUSH_MAX = 5, 50  # surveys per push of the open loop
OPEN_LOOP_THREADS = 400  # client threads: far more than the pushes in flight at saturation
SATURATION_P95_MS = 2000
MAX_PROBE_RATE = 5000


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


def change(est: str, seed: dict, author: str, answers: dict) -> dict:
    from fieldapp.domain import new_id, utcnow

    now = utcnow()
    return {
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
            "answers": answers,
            "created_at": now,
            "updated_at": now,
            "author": author,
        },
        "created_at": now,
    }


def make_batches(seed: dict, devices: int, batches: int, size: int) -> list[list[bytes]]:
    from fieldapp.forms import baseline_form, demo_answers

    form = baseline_form()
    rng = random.Random(7)
    samples = [demo_answers(form, rng, complete=False) for _ in range(40)]
    per_device = []
    for d in range(devices):
        est = seed["devices"][d]["establishment_id"]
        bodies = []
        for _ in range(batches):
            changes = [change(est, seed, f"agent{d:03d}", rng.choice(samples)) for _ in range(size)]
            bodies.append(gzip.compress(json.dumps({"changes": changes}).encode(), 5))
        per_device.append(bodies)
    return per_device


@dataclass
class Push:
    """One push of the open loop: when it arrives, from which device, its body."""

    at: float
    device: int
    surveys: int
    body: bytes


def open_loop_pushes(
    seed: dict, rate: float, duration: float, encoding: str, rng: random.Random
) -> list[Push]:
    """Poisson arrivals of pushes of 5-50 surveys at `rate` surveys/s, built before the clock
    starts (the measure is the server, not the client)."""
    from fieldapp.forms import baseline_form, demo_answers
    from sync.compact import Compact, dictionary_name, form_dictionary

    form = baseline_form()
    samples = [demo_answers(form, rng, complete=False) for _ in range(40)]
    codec = Compact(
        dictionary_name(form.id, form.version),
        form_dictionary(form.id, form.version, form.to_json()),
    )
    devices = seed["devices"]
    pushes: list[Push] = []
    t = 0.0
    mean_size = (PUSH_MIN + PUSH_MAX) / 2
    while True:
        t += rng.expovariate(rate / mean_size)
        if t >= duration:
            return pushes
        d = rng.randrange(len(devices))
        size = rng.randint(PUSH_MIN, PUSH_MAX)
        changes = [
            change(devices[d]["establishment_id"], seed, f"agent{d:03d}", rng.choice(samples))
            for _ in range(size)
        ]
        document = json.dumps({"changes": changes}).encode()
        body = codec.compress(document) if encoding == "compact" else gzip.compress(document, 5)
        pushes.append(Push(t, d, size, body))


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def run_open_loop(
    base: str, seed: dict, rate: float, duration: float, encoding: str, ca: str | None
) -> dict:
    pushes = open_loop_pushes(seed, rate, duration, encoding, random.Random(int(rate)))
    headers = (
        {
            "Content-Type": COMPACT_CONTENT_TYPE,
            PROTOCOL_HEADER: "2",
            DICTIONARY_HEADER: f"{seed['form_id']}/{seed['form_version']}",
        }
        if encoding == "compact"
        else {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    )
    local = threading.local()
    latencies: list[float] = []
    errors: list[str] = []
    applied = [0]
    lock = threading.Lock()

    def send(push: Push, scheduled: float) -> None:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        token = seed["devices"][push.device]["token"]
        try:
            reply = session.post(
                base + "/sync/push",
                data=push.body,
                headers={**headers, "Authorization": f"Bearer {token}"},
                timeout=120,
                verify=ca or True,  # per request: REQUESTS_CA_BUNDLE would override a session's
            )
            elapsed = time.perf_counter() - scheduled
            ok = reply.status_code == 200
            done = 0
            if ok:
                text = reply.content
                if reply.headers.get("Content-Type", "").startswith(COMPACT_CONTENT_TYPE):
                    text = zstandard.ZstdDecompressor().decompress(text)
                done = sum(1 for r in json.loads(text)["results"] if r["status"] == "applied")
            with lock:
                latencies.append(elapsed)
                applied[0] += done
                if not ok:
                    errors.append(f"HTTP {reply.status_code}: {reply.text[:200]}")
                elif done != push.surveys:
                    errors.append(f"{push.surveys - done} changes not applied")
        except (requests.RequestException, ValueError) as exc:
            with lock:
                errors.append(repr(exc))

    pool = ThreadPoolExecutor(max_workers=OPEN_LOOP_THREADS)
    t_start = time.perf_counter()
    for push in pushes:
        scheduled = t_start + push.at
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        pool.submit(send, push, scheduled)
    pool.shutdown(wait=True)
    wall = time.perf_counter() - t_start
    offered = sum(x.surveys for x in pushes)

    def ms(q: float) -> float | None:
        v = percentile(latencies, q)
        return round(v * 1000, 1) if v is not None else None

    return {
        "offered_surveys_per_s": rate,
        # The Poisson draw of a short run: what was actually sent, per second.
        "sent_surveys_per_s": round(offered / duration, 1),
        "surveys": offered,
        "pushes": len(pushes),
        "achieved_surveys_per_s": round(applied[0] / wall, 1),
        "p50_ms": ms(0.50),
        "p95_ms": ms(0.95),
        "p99_ms": ms(0.99),
        "max_ms": ms(1.0),
        "errors": len(errors),
        "first_errors": errors[:2],
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def served(row: dict) -> bool:
    return (
        row["errors"] == 0
        and row["achieved_surveys_per_s"] >= 0.95 * row["sent_surveys_per_s"]
        and (row["p95_ms"] or 0) < SATURATION_P95_MS
    )


def open_loop(base: str, seed: dict, args: argparse.Namespace, ca: str | None) -> dict:
    rates = [float(r) for r in args.open_loop.split(",")]
    # Warm-up, not reported: each worker's first requests load the app, the form and the
    # compact dictionary.
    run_open_loop(base, seed, min(rates[0], 100.0), 5.0, args.encoding, ca)
    rows = [run_open_loop(base, seed, r, args.duration, args.encoding, ca) for r in rates]
    # Past the last rate asked: raise by half until the server no longer keeps up.
    rate = rates[-1]
    while served(rows[-1]) and rate < MAX_PROBE_RATE:
        rate *= 1.5
        rows.append(run_open_loop(base, seed, rate, args.duration, args.encoding, ca))
    ok = [r["sent_surveys_per_s"] for r in rows if served(r)]
    return {
        "bench": "server_load_open_loop",
        "encoding": args.encoding,
        "push_sizes": f"{PUSH_MIN}-{PUSH_MAX}",
        "duration_s_per_rate": args.duration,
        "devices": args.devices,
        "rates": rows,
        "saturating_rate": max(ok) if ok else None,
        "max_achieved_surveys_per_s": max(r["achieved_surveys_per_s"] for r in rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=3, help="gunicorn threads per worker")
    parser.add_argument(
        "--open-loop", metavar="RATES", help="surveys/s, comma-separated: Poisson arrivals"
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per open-loop rate")
    parser.add_argument("--encoding", choices=("compact", "gzip"), default="compact")
    parser.add_argument(
        "--via-nginx", action="store_true", help="nginx + TLS in front of two gunicorn instances"
    )
    args = parser.parse_args()
    if args.open_loop and args.devices == 50:
        args.devices = 200  # a fleet: many laptops, each pushing now and then

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
    bodies = (
        [] if args.open_loop else make_batches(seed, args.devices, args.batches, args.batch_size)
    )

    # Direct: one gunicorn on loopback. --via-nginx: docs/deploy.md's layout, nginx with TLS in
    # front of two gunicorn instances (each with --workers) on the same database.
    with ExitStack() as stack:
        if args.via_nginx:
            apps = stack.enter_context(
                AppServers(
                    {**env, "DJANGO_SECURE_SSL_REDIRECT": "1"},
                    count=2,
                    workers=args.workers,
                    threads=args.threads,
                )
            )
            proxy = stack.enter_context(
                Nginx(Path(data_dir) / "nginx", apps.ports, Path(data_dir) / "static")
            )
            base, ca, masters = proxy.url + "/api/v1", str(proxy.ca_bundle), apps.processes
        else:
            apps = stack.enter_context(
                AppServers(env, count=1, workers=args.workers, threads=args.threads)
            )
            base, ca, masters = f"http://127.0.0.1:{apps.ports[0]}/api/v1", None, apps.processes
        layout = (
            f"nginx+TLS -> 2 x gunicorn ({args.workers} workers x {args.threads} threads)"
            if args.via_nginx
            else f"gunicorn ({args.workers} workers x {args.threads} threads)"
        )
        if args.open_loop:
            print(json.dumps({**open_loop(base, seed, args, ca), "layout": layout}), flush=True)
            return
        closed_loop(args, seed, bodies, base, ca, masters, database_url, layout)


def closed_loop(
    args: argparse.Namespace,
    seed: dict,
    bodies: list[list[bytes]],
    base: str,
    ca: str | None,
    masters: list[subprocess.Popen[bytes]],
    database_url: str,
    layout: str,
) -> None:
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
                reply = session.post(base + "/sync/push", data=body, timeout=120, verify=ca or True)
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
    workers = [w for m in masters for w in worker_pids(m.pid)]
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
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else None
    print(
        json.dumps(
            {
                "bench": "server_load",
                "layout": layout,
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
