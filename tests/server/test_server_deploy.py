"""The deploy path of docs/deploy.md, as far as a machine without containers allows: the
shipped systemd units verify, the server installs without Qt, missing settings and expected
4xx are one line each, and a backup restores into a fresh database that devices sync with."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from fieldapp.store import Store
from tests.server.forms import TEST_FORM

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "packaging" / "server"


def test_shipped_systemd_units_verify(tmp_path: Path):
    tool = shutil.which("systemd-analyze")
    assert tool, "systemd-analyze is missing (.ci/run installs systemd)"
    venv = Path(sys.executable).parent.parent
    for unit in UNITS.glob("*.[st][ei][rm]*"):  # .service and .timer
        text = unit.read_text(encoding="utf-8").replace("/opt/fieldapp/venv", str(venv))
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "fieldapp-backup.service",
        "fieldapp-backup.timer",
        "fieldapp-healthcheck.service",
        "fieldapp-healthcheck.timer",
        "fieldapp-server@.service",
    ]
    targets = [str(tmp_path / n) for n in names if not n.endswith("@.service")]
    targets.append(str(tmp_path / "fieldapp-server@8001.service"))  # an instance of the template
    proc = subprocess.run(
        [tool, "verify", *targets], capture_output=True, text=True, timeout=120, check=False
    )
    # systemd-analyze exits 0 on directives it ignores: any line it prints is a problem.
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr


def test_the_server_installs_and_runs_without_qt():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    server_side = project["dependencies"] + project["optional-dependencies"]["server"]
    assert not [d for d in server_side if "pyside" in d.lower()]
    assert any("pyside6" in d.lower() for d in project["optional-dependencies"]["desktop"])
    code = (
        "import django, sys\n"
        "django.setup()\n"
        "from django.urls import resolve\n"
        "import server.urls, server.surveys.export, server.registry.importing\n"
        "from django.core.management import get_commands\n"
        "assert 'backup' in get_commands()\n"
        "assert 'PySide6' not in sys.modules, sorted(m for m in sys.modules if 'PySide' in m)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "server.settings.dev"}
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("settings", "missing"),
    [
        ({"DJANGO_SECRET_KEY": "", "DJANGO_ALLOWED_HOSTS": "x.org"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "s" * 60, "DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_a_missing_production_setting_is_one_line_naming_it(settings, missing, tmp_path):
    env = {
        **os.environ,
        **settings,
        "DJANGO_SETTINGS_MODULE": "server.settings.production",
        "FIELDAPP_DATA_DIR": str(tmp_path),
    }
    for args in (["-m", "server.cli", "migrate"], ["-c", "import server.wsgi"]):
        proc = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode in (2, 3) and len(lines) == 1, proc.stderr
        assert lines[0].startswith(f"fieldapp-server: error: {missing} is not set")


def test_an_expected_403_is_logged_on_one_line(db, client):
    import io
    import logging

    from server.logs import ClientErrorsOnOneLine
    from tests.server.helpers import make_user

    # The handler the settings' LOGGING installed, with its filter and format, into a buffer.
    (handler,) = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, ClientErrorsOnOneLine) for f in h.filters)
    ]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)  # type: ignore[attr-defined]
    try:
        coordinator = make_user("coord_log", "coordinator", ["MA-07"])  # staff, no user rights
        client.force_login(coordinator)
        assert client.get("/admin/accounts/user/").status_code == 403
    finally:
        handler.setStream(previous)  # type: ignore[attr-defined]
    lines = buffer.getvalue().strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in buffer.getvalue(), buffer.getvalue()
    expected = "WARNING django.request: Forbidden (Permission denied): /admin/accounts/user/"
    assert expected in lines[0]


# -- backup, restore into a fresh database, then a device syncs ---------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`fieldapp-server` commands and `runserver` against one database and media folder."""

    def __init__(self, database_url: str, data: Path) -> None:
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "server.settings.dev",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": database_url,
            "FIELDAPP_DATA_DIR": str(data),
            "FIELDAPP_MEDIA_ROOT": str(data / "media"),
        }
        self.proc: subprocess.Popen[str] | None = None

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "server.cli", *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if ok:
            assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc

    def start(self, port: int) -> str:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            text=True,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if requests.get(url + "/api/v1/ping", timeout=2).ok:
                    return url
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise AssertionError("the server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
            self.proc = None


def _pg_admin_url() -> str | None:
    from tests.server.conftest import ON_POSTGRES

    if not ON_POSTGRES:
        return None
    return os.environ.get(
        "FIELDAPP_TEST_DATABASE_URL", "postgres://fieldapp:fieldapp@127.0.0.1:5432/fieldapp"
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty databases of one engine: the server's, and a fresh one to restore into."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}"
        return
    admin = _pg_admin_url()
    if admin is None:
        pytest.fail("PostgreSQL is not reachable at FIELDAPP_TEST_DATABASE_URL")
    import psycopg

    base, _, _ = admin.rpartition("/")
    names = [f"fieldapp_deploy_{uuid.uuid4().hex[:8]}_{x}" for x in ("a", "b")]
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _finalize_one(store: Store, answers: dict[str, Any]) -> None:
    establishment = sorted(store.find_establishment_ids())[0]
    survey = store.start_survey(establishment, TEST_FORM["id"], TEST_FORM["version"])
    store.finalize(survey.id, answers)


def test_backup_then_restore_into_a_fresh_database_then_a_device_syncs(
    databases: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from sync.client import SyncRun, enroll

    monkeypatch.setenv("FIELDAPP_TOKEN_STORE", "file")
    source_url, fresh_url = databases
    first = Server(source_url, tmp_path / "host1")
    first.run("migrate", "--verbosity", "0")
    first.run("create-user", "agent1", "--role", "agent")
    registry = tmp_path / "eps.csv"
    registry.write_text("code;name_fr;region\nEPS-R1;Centre R1;Marrakech-Safi\n", "utf-8")
    first.run("import-establishments", str(registry))
    first.run("assign", "agent1", "EPS-R1")
    form = tmp_path / "form.json"
    form.write_text(json.dumps(TEST_FORM), encoding="utf-8")
    first.run("publish-form", str(form))
    code = first.run("enrollment-code", "agent1").stdout.strip().splitlines()[-1]
    photo = tmp_path / "host1" / "media" / "attachments" / "ab" / ("ab" * 32)
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"a photo's bytes")

    port = _free_port()
    url = first.start(port)
    try:
        with Store.open(tmp_path / "laptop", actor="agent1") as store:
            enroll(store, url, code)
            assert SyncRun(store).run().error is None
            _finalize_one(store, {"residents": 12, "has_internet": "yes"})
            assert SyncRun(store).run().error is None and store.outbox_count() == 0
    finally:
        first.stop()

    backups = tmp_path / "backups"
    backups.mkdir()
    out = first.run("backup", "--out", str(backups)).stdout.strip().splitlines()
    archive = Path(out[-1])
    assert archive.parent == backups and archive.name.startswith("fieldapp-backup-")

    # The host is lost: a new one, an empty database and media folder, the backup file.
    second = Server(fresh_url, tmp_path / "host2")
    restored = second.run("restore", str(archive))
    assert "restored the backup" in restored.stdout
    assert (tmp_path / "host2" / "media" / photo.relative_to(tmp_path / "host1" / "media")
            ).read_bytes() == b"a photo's bytes"  # fmt: skip
    again = second.run("restore", str(archive), ok=False)
    assert again.returncode == 2 and "is not empty" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1

    second.start(port)  # the same address: the laptop does not know anything happened
    try:
        with Store.open(tmp_path / "laptop", actor="agent1") as store:
            _finalize_one(store, {"residents": 30, "has_internet": "no"})
            summary = SyncRun(store).run()
            assert summary.error is None and store.outbox_count() == 0
        health = second.run("healthcheck", "--url", f"http://127.0.0.1:{port}")
        assert health.stdout.strip() == "healthy: database, migrations, media, api"
    finally:
        second.stop()
    stats = json.loads(second.run("stats", "--json").stdout)
    assert stats["establishments"] == 1
    assert stats["surveys"] == 2, stats


def test_restore_refuses_a_damaged_or_foreign_file_in_one_line(tmp_path: Path):
    import tarfile

    first = Server(f"sqlite:///{tmp_path / 'a.sqlite3'}", tmp_path / "host1")
    first.run("migrate", "--verbosity", "0")
    (tmp_path / "backups").mkdir()
    archive = Path(first.run("backup", "--out", str(tmp_path / "backups")).stdout.split()[-1])
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            assert data is not None
            content = data.read()
            if member.name == "database.sqlite3":
                content = content[:-1] + bytes([content[-1] ^ 1])  # one bit flipped
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    foreign = tmp_path / "photos.tar"
    foreign.write_bytes(b"not a tar at all" * 100)
    second = Server(f"sqlite:///{tmp_path / 'b.sqlite3'}", tmp_path / "host2")
    for path, words in [(damaged, "is damaged"), (foreign, "is not a FieldApp backup")]:
        refused = second.run("restore", str(path), ok=False)
        assert refused.returncode == 2 and words in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert not (tmp_path / "b.sqlite3").exists()  # nothing written
