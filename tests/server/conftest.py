"""Server tests: choose the database, then give tests a live server and API clients.

PostgreSQL when reachable at FIELDAPP_TEST_DATABASE_URL (default: the CI role and database);
otherwise SQLite, said in the header and the summary. Under CI=true an unreachable PostgreSQL
stops the session with a non-zero status: the PostgreSQL-only guarantees (the gap-free feed
under concurrent writers) must never pass by silently running elsewhere.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

DEFAULT_PG_URL = "postgres://fieldapp:fieldapp@127.0.0.1:5432/fieldapp"
PG_URL = os.environ.get("FIELDAPP_TEST_DATABASE_URL", DEFAULT_PG_URL)


def _pg_problem(url: str) -> str | None:
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception as exc:  # any failure means "not usable": say which
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
    return None


_problem = _pg_problem(PG_URL)
_safe_url = PG_URL.split("@")[-1]
if _problem is None:
    DB_NOTE = f"server tests ran on PostgreSQL at {_safe_url}"
    os.environ["DATABASE_URL"] = PG_URL
    ON_POSTGRES = True
else:
    if os.environ.get("CI", "").lower() == "true":
        pytest.exit(
            f"server tests need PostgreSQL under CI, and it is not reachable at {_safe_url} "
            f"({_problem}). Start it and create role/db fieldapp (docs/deploy.md).",
            returncode=3,
        )
    DB_NOTE = f"server tests ran on SQLite: PostgreSQL not reachable at {_safe_url} ({_problem})"
    os.environ["DATABASE_URL"] = "sqlite:///" + os.path.join(
        tempfile.mkdtemp(prefix="fieldapp-db-"), "unused.sqlite3"
    )
    ON_POSTGRES = False

os.environ["DJANGO_SETTINGS_MODULE"] = "server.settings.testing"
os.environ["FIELDAPP_DATA_DIR"] = tempfile.mkdtemp(prefix="fieldapp-server-test-")

import django  # noqa: E402

django.setup()

from tests.server.helpers import ApiClient, make_establishment, make_user  # noqa: E402


def pytest_report_header(config: pytest.Config) -> str:
    return DB_NOTE


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(DB_NOTE)


@pytest.fixture
def on_postgres() -> bool:
    return ON_POSTGRES


@pytest.fixture
def form(transactional_db: None) -> Any:
    from server.surveys.actions import publish_form
    from tests.server.forms import TEST_FORM

    return publish_form(TEST_FORM)


@pytest.fixture
def world(transactional_db: None, form: Any) -> dict[str, Any]:
    """Two regions, four establishments, a coordinator per region, two agents, an admin."""
    from server.registry.actions import assign

    w: dict[str, Any] = {"form": form}
    w["agent1"] = make_user("agent1", "agent")
    w["agent2"] = make_user("agent2", "agent")
    w["coord_a"] = make_user("coord_a", "coordinator", ["MA-07"])
    w["coord_b"] = make_user("coord_b", "coordinator", ["MA-06"])
    w["admin"] = make_user("admin", "admin")
    w["e1"] = make_establishment("EPS-1", "MA-07")
    w["e2"] = make_establishment("EPS-2", "MA-07")
    w["e3"] = make_establishment("EPS-3", "MA-06")
    w["e4"] = make_establishment("EPS-4", "MA-06")
    assign(w["e1"], w["agent1"])
    assign(w["e3"], w["agent1"])
    assign(w["e2"], w["agent2"])
    return w


@pytest.fixture
def client_for(live_server: Any) -> Iterator[Any]:
    """`client_for(user)` enrolls a new device of `user` through the API and returns its client."""
    clients: list[ApiClient] = []

    def make(user: Any, device_name: str = "laptop") -> ApiClient:
        client = ApiClient.enroll(live_server.url, user, device_name)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
