"""Two app servers behind nginx, for real: the configuration of docs/deploy.md's nginx section
(read from that file), TLS with a private CA, two gunicorn instances (production settings) on
the test PostgreSQL database, and a laptop that enrolls with `--ca-bundle` and syncs through it.

What it proves: requests alternate between the instances (nginx's log names the one that
answered each), a photo's resumable upload has its chunks land on both and is put together
whole, nginx forwards X-Forwarded-Proto (production redirects every request it believes came in
plain http), and the server ends holding exactly what the laptop sent.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from bench._proxy import AppServers, Nginx
from tests.server.conftest import ON_POSTGRES
from tests.server.helpers import make_establishment, make_user

NEEDS = (
    None
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists()
    else "nginx is not installed (apt-get install nginx; CI installs it)"
)
if NEEDS is None and not ON_POSTGRES:
    NEEDS = "two app servers need one PostgreSQL database (FIELDAPP_TEST_DATABASE_URL)"
if NEEDS and os.environ.get("CI", "").lower() == "true":
    pytest.fail(f"CI must run the nginx test: {NEEDS}", pytrace=False)
pytestmark = pytest.mark.skipif(NEEDS is not None, reason=NEEDS or "")

ROOT = Path(__file__).resolve().parents[2]
PHOTO_BYTES = 300_000
CHUNK = 64 * 1024


def database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def fieldapp_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_TOKEN_STORE": "file", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture
def behind_nginx(form: Any, tmp_path: Path) -> Any:
    data = tmp_path / "server-data"  # shared by both instances: media and partial uploads
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "server.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DATABASE_URL": database_url(),
        "FIELDAPP_DATA_DIR": str(data),
        "FIELDAPP_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_SECURE_SSL_REDIRECT", None)  # production's default: redirect plain http
    with (
        AppServers(env, count=2, workers=1, threads=2, log_dir=tmp_path) as apps,
        Nginx(tmp_path / "nginx", apps.ports, data / "static") as proxy,
    ):
        yield apps, proxy, data


def test_a_laptop_syncs_through_nginx_over_both_app_servers(behind_nginx, tmp_path):
    from fieldapp.store import Store
    from server.accounts.models import issue_enrollment_code
    from server.attachments.models import Attachment
    from server.registry.actions import assign
    from server.surveys.models import Survey
    from sync.client import SyncRun

    apps, proxy, data = behind_nginx
    agent = make_user("agent1", "agent")
    for code in ("EPS-N1", "EPS-N2"):
        assign(make_establishment(code, "MA-07"), agent)
    code, _ = issue_enrollment_code(agent)
    laptop = tmp_path / "laptop"

    # Plain http is redirected to https, and https is refused without the organisation's CA.
    plain = requests.get(
        f"http://localhost:{proxy.http_port}/api/v1/ping", allow_redirects=False, timeout=10
    )
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    refused = fieldapp_cli(laptop, "enroll", "--server", proxy.url, "--code", code)
    assert refused.returncode != 0 and "certificate" in refused.stderr.lower()
    enrolled = fieldapp_cli(
        laptop, "enroll", "--server", proxy.url, "--code", code,
        "--ca-bundle", str(proxy.ca_bundle),
    )  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr

    os.environ["FIELDAPP_TOKEN_STORE"] = "file"
    with Store.open(laptop, actor="agent1") as store:
        first = SyncRun(store).run()  # the form and the two establishments
        assert first.ok, first.error
        establishments = store.find_establishment_ids(assigned_only=True)
        assert len(establishments) == 2
        made = {}
        for n in range(12):
            values = {"residents": n + 1, "has_internet": "yes" if n % 2 else "no"}
            survey = store.start_survey(establishments[n % 2], "baseline_test", "1", answers=values)
            made[survey.id] = values
        photo = os.urandom(PHOTO_BYTES)
        sha = store.add_attachment(photo, "image/jpeg")
        synced = SyncRun(store, batch_bytes=1024, chunk_bytes=CHUNK, max_chunk_bytes=CHUNK).run()
        assert synced.ok, synced.error
        assert synced.applied == 12 and synced.attachments_uploaded == 1
        assert store.outbox_count() == 0

    # Answered by nginx itself: only the redirect of plain http.
    assert [e.status for e in proxy.log() if e.upstream == "-"] == [301]
    log = [e for e in proxy.log() if e.uri.startswith("/api/v1/") and e.upstream != "-"]
    upstreams = [entry.upstream for entry in log]
    both = {f"127.0.0.1:{port}" for port in apps.ports}
    assert set(upstreams) == both
    # Round robin: as many requests to one as to the other (the log is in the order answers
    # came back, and two pushes may be in flight: the order itself is not the proof).
    counts = sorted(upstreams.count(u) for u in both)
    assert counts[1] - counts[0] <= 1, upstreams
    for method in ("POST", "PUT"):  # pushes and chunks
        assert {e.upstream for e in log if e.method == method} == both, (method, log)
    chunks = [e for e in log if e.method == "PUT" and e.uri.startswith("/api/v1/attachments/")]
    assert len(chunks) == -(-PHOTO_BYTES // CHUNK)
    assert {e.upstream for e in chunks} == both
    assert all(e.status == 200 for e in log if e.method in ("POST", "PUT"))

    # The server holds exactly what was sent: the surveys' answers and the photo's bytes.
    held = {s.id: s.answers for s in Survey.objects.all()}
    assert held == made
    attachment = Attachment.objects.get(sha256=sha)
    assert attachment.complete and attachment.size == PHOTO_BYTES
    stored = (data / "media" / attachment.stored_name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == sha and stored == photo
    assert not list((data / "media" / "attachments-partial").glob("*.part"))
