"""Guessing is throttled (enrollment codes, admin passwords), the admin shows no secret, and the
API docs load nothing from outside the server (docs/security.md)."""

from __future__ import annotations

import logging
import re
import time

import pytest
import requests
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.staticfiles import finders
from django.test import Client

from server.accounts.models import Device, issue_enrollment_code, new_device_token
from sync import protocol as p

SECRET_FIELD = re.compile(r"token|secret|signing|private|(code|session|key)_hash", re.IGNORECASE)


def enroll(live_server, code: str) -> requests.Response:
    return requests.post(
        live_server.url + p.API_PREFIX + "/enroll",
        json={"code": code, "device_name": "PC"},
        timeout=10,
    )


def wrong_code(prefix: str, i: int) -> str:
    return f"{prefix}-ZZZZ-{'ABCDEFGHJK'[i % 10]}{'MNPQRSTUVW'[i // 10]}ZZ"


def test_the_n_plus_first_bad_code_from_one_address_gets_429_even_with_a_good_code(
    world, live_server, caplog
):
    caplog.set_level(logging.WARNING, logger="fieldapp.throttle")
    good, _ = issue_enrollment_code(world["agent1"])
    tried = [wrong_code(f"WR{'ABCDEFGHJK'[i]}N", i) for i in range(10)]
    for code in tried:
        assert enroll(live_server, code).status_code == 400
    refused = enroll(live_server, good)
    assert refused.status_code == 429, refused.text
    assert p.ErrorResponse.model_validate(refused.json()).error.code == "too_many_attempts"
    assert "try again in 15 minute(s)" in refused.json()["error"]["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 900
    assert Device.objects.count() == 0
    # Every refusal is in the log, and no code (not even its first group) is.
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert log.count("enrollment refused (invalid_code)") == 10
    assert "enrollment refused (429): address over its limit" in log
    for code in [*tried, good]:
        assert code not in log and code[:4] not in log and code.replace("-", "") not in log


def test_bad_codes_sharing_a_prefix_lock_that_prefix_only(world, live_server, settings):
    settings.FIELDAPP_ENROLL_MAX_FAILURES_PER_ADDRESS = 1000
    good, _ = issue_enrollment_code(world["agent1"])
    other, _ = issue_enrollment_code(world["agent2"])
    assert good[:4] != other[:4]
    for i in range(5):
        assert enroll(live_server, wrong_code(good[:4], i)).status_code == 400
    assert enroll(live_server, good).status_code == 429
    assert enroll(live_server, other).status_code == 200  # another prefix is not locked


def test_the_lockout_ends_when_the_window_has_passed(world, live_server, settings):
    settings.FIELDAPP_ENROLL_WINDOW_SECONDS = 2
    settings.FIELDAPP_ENROLL_MAX_FAILURES_PER_ADDRESS = 3
    good, _ = issue_enrollment_code(world["agent1"])
    for i in range(3):
        enroll(live_server, wrong_code("QQQQ", i))
    refused = enroll(live_server, good)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) <= 2
    time.sleep(int(refused.headers["Retry-After"]) + 0.2)
    assert enroll(live_server, good).status_code == 200


def login(client: Client, password: str, username: str = "admin") -> int:
    reply = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    return int(reply.status_code)


@pytest.mark.django_db
def test_admin_login_locks_out_after_five_failures_with_429(world, caplog):
    caplog.set_level(logging.INFO)
    client = Client()
    for i in range(4):
        assert login(client, f"guess-{i}-secret") == 200  # the form again, with an error
    locked = client.post("/admin/login/", {"username": "admin", "password": "guess-4-secret"})
    assert locked.status_code == 429
    assert 0 < int(locked["Retry-After"]) <= 900
    assert "Too many failed logins" in locked.content.decode()
    # Locked: the right password is refused too, from this address and (the user name is
    # locked as well: guesses spread over addresses) from another; other users log in.
    assert login(client, "admin-pw") == 429
    assert login(Client(REMOTE_ADDR="10.9.9.9"), "admin-pw") == 429
    assert login(Client(REMOTE_ADDR="10.9.9.9"), "coord_a-pw", "coord_a") == 302
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert "admin login refused (429, locked out)" in log
    assert "guess-" not in log and "admin-pw" not in log


@pytest.mark.django_db
def test_admin_never_shows_a_token_or_code_hash(world):
    token, token_hash = new_device_token()
    device = Device.objects.create(user=world["agent1"], name="PC-9", token_hash=token_hash)
    _, code_row = issue_enrollment_code(world["agent1"])
    client = Client()
    client.force_login(world["admin"])
    pages = [
        f"/admin/accounts/device/{device.pk}/change/",
        "/admin/accounts/device/",
        f"/admin/accounts/enrollmentcode/{code_row.pk}/change/",
        "/admin/accounts/enrollmentcode/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert client.get(url).status_code == 200, url
        assert token_hash not in html and code_row.code_hash not in html, url
        assert token not in html


@pytest.mark.django_db
def test_no_registered_admin_shows_a_secret_field(world):
    """Whatever model is added later: an admin field named like a secret fails here."""
    client = Client()
    client.force_login(world["admin"])
    request = client.get("/admin/").wsgi_request
    for model, model_admin in admin.site._registry.items():
        shown = [
            *flatten_fieldsets(model_admin.get_fieldsets(request)),
            *model_admin.get_list_display(request),
            *model_admin.get_readonly_fields(request),
        ]
        leaks = [f for f in shown if isinstance(f, str) and SECRET_FIELD.search(f)]
        assert not leaks, f"{model.__name__} admin shows {leaks}"


def test_api_docs_load_their_assets_from_the_server_itself(world, live_server):
    page = requests.get(live_server.url + "/api/v1/docs", timeout=10)
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), assets
    for asset in assets:
        assert not re.match(r"^(https?:)?//", asset), f"third-party asset {asset}"
    for asset in assets:
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), asset
