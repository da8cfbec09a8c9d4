"""Sync tests: a real FieldApp server in a child process on loopback, real HTTP through
requests, real SQLite profiles in tmp_path.

The server runs in its own process (bench/_syncserver.py) so that it can be killed and
restarted like a crashed app server, and so that its Django settings never mix with the server
tests' in the same pytest session.
"""

from __future__ import annotations

import itertools
import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench._syncserver import SyncServer
from fieldapp.store import Store
from sync.client import enroll
from tests.server.forms import form_definition

# No keyring on a test machine; the file fallback is what these tests exercise.
os.environ["FIELDAPP_TOKEN_STORE"] = "file"

FORM_ID = "baseline_test"
PG_URL = os.environ.get(
    "FIELDAPP_TEST_DATABASE_URL", "postgres://fieldapp:fieldapp@127.0.0.1:5432/fieldapp"
)
_names = itertools.count(1)


@pytest.fixture(scope="session")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SyncServer]:
    server = SyncServer(tmp_path_factory.mktemp("sync-server")).start()
    server.call("publish_form", definition=form_definition())
    yield server
    server.stop()


@dataclass
class Device:
    """One enrolled laptop profile."""

    username: str
    store: Store
    establishments: list[str]
    codes: list[str]

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir


@pytest.fixture
def unique() -> Callable[[str], str]:
    return lambda prefix: f"{prefix}{next(_names)}"


@pytest.fixture
def make_device(
    sync_server: SyncServer, tmp_path: Path, unique: Callable[[str], str]
) -> Iterator[Callable[..., Device]]:
    """`make_device(establishments=2)` makes an agent, assigns it new establishments and
    enrolls a fresh profile; `share_with=device` assigns it the other device's establishments."""
    stores: list[Store] = []

    def make(
        establishments: int = 2, *, share_with: Device | None = None, url: str | None = None
    ) -> Device:
        username = unique("agent")
        code = sync_server.call("user", username=username, role="agent")
        codes = (
            share_with.codes
            if share_with is not None
            else [f"EPS-T{unique('')}" for _ in range(establishments)]
        )
        ids = sync_server.call("establishments", codes=codes, assign_to=[username])
        store = Store.open(tmp_path / username, actor=username)
        stores.append(store)
        enroll(store, url or sync_server.url, code)
        return Device(username, store, ids, codes)

    yield make
    for store in stores:
        store.close()


@pytest.fixture
def coordinator(
    sync_server: SyncServer, tmp_path: Path, unique: Callable[[str], str]
) -> Iterator[Store]:
    """An enrolled coordinator's profile (region MA-07, where make_device's establishments
    are): it relays bundles."""
    username = unique("coord")
    code = sync_server.call("user", username=username, role="coordinator", regions=["MA-07"])
    store = Store.open(tmp_path / username, actor=username)
    enroll(store, sync_server.url, code)
    yield store
    store.close()


def answers(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"residents": 10, "has_internet": "no"}
    base.update(values)
    return base


def recreate_database(url: str) -> None:
    """Drop and create the PostgreSQL database of `url` (empty: a server rebuilt from scratch)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    subprocess.run(
        ["psql", admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}"', "-c",
         f'CREATE DATABASE "{name}"'],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A database of its own next to the test database (created and dropped here)."""
    parts = urlsplit(PG_URL)
    name = parts.path.lstrip("/") + "_sync"
    admin = urlunsplit(parts._replace(path="/postgres"))
    try:
        recreate_database(urlunsplit(parts._replace(path=f"/{name}")))
    except (OSError, subprocess.CalledProcessError) as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL is not reachable: {exc}")
    yield urlunsplit(parts._replace(path=f"/{name}"))
    subprocess.run(
        ["psql", admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}"'],
        check=False, capture_output=True, timeout=60,
    )  # fmt: skip
