"""The API over real HTTP: enrollment, tokens, error shapes, body limits, gzip."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta

import requests

from server.accounts.models import Device, issue_enrollment_code
from sync import protocol as p
from tests.server.helpers import ApiClient, survey_change


def api(live_server) -> str:
    return live_server.url + p.API_PREFIX


def assert_error(reply: requests.Response, status: int, code: str) -> dict:
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    body = p.ErrorResponse.model_validate(reply.json())
    assert body.error.code == code, body
    assert body.error.message
    return reply.json()["error"]


def test_ping_is_a_checkable_probe(live_server):
    body = p.Ping.model_validate(requests.get(api(live_server) + "/ping", timeout=10).json())
    assert (body.service, body.api) == ("fieldapp", 1)


def test_enrollment_code_is_one_time(world, live_server):
    code, _ = issue_enrollment_code(world["agent1"])
    first = requests.post(
        api(live_server) + "/enroll", json={"code": code, "device_name": "PC-1"}, timeout=10
    )
    assert first.status_code == 200, first.text
    body = p.EnrollResponse.model_validate(first.json())
    assert (body.username, body.role, body.regions) == ("agent1", "agent", [])
    device = Device.objects.get(pk=body.device_id)
    assert device.token_hash != body.token and len(device.token_hash) == 64  # stored hashed
    again = requests.post(
        api(live_server) + "/enroll", json={"code": code, "device_name": "PC-2"}, timeout=10
    )
    assert_error(again, 400, "code_used")


def test_enrollment_code_accepts_lowercase_without_dashes(world, live_server):
    code, _ = issue_enrollment_code(world["coord_a"])
    reply = requests.post(
        api(live_server) + "/enroll",
        json={"code": code.replace("-", "").lower(), "device_name": "PC"},
        timeout=10,
    )
    assert reply.status_code == 200
    assert reply.json()["regions"] == ["MA-07"]


def test_expired_and_unknown_codes_are_refused(world, live_server):
    code, _ = issue_enrollment_code(world["agent1"], ttl=timedelta(seconds=-1))
    url = api(live_server) + "/enroll"
    assert_error(
        requests.post(url, json={"code": code, "device_name": "x"}, timeout=10), 400, "code_expired"
    )
    assert_error(
        requests.post(url, json={"code": "NOPE-NOPE", "device_name": "x"}, timeout=10),
        400,
        "invalid_code",
    )
    assert Device.objects.count() == 0


def test_missing_wrong_and_revoked_tokens_get_401_json(world, live_server, client_for):
    url = api(live_server) + "/sync/pull"
    assert_error(requests.get(url, timeout=10), 401, "unauthorized")
    assert_error(
        requests.get(url, headers={"Authorization": "Bearer nope"}, timeout=10), 401, "unauthorized"
    )
    client = client_for(world["agent1"])
    assert client.get("/sync/pull").status_code == 200
    Device.objects.get(pk=client.device_id).revoke()
    assert_error(client.get("/sync/pull"), 401, "token_revoked")
    assert_error(client.push_raw([]), 401, "token_revoked")


def test_malformed_bodies_are_4xx_json_never_500(world, client_for):
    client = client_for(world["agent1"])
    headers = {"Content-Type": "application/json"}
    assert_error(client.post("/sync/push", data=b"{not json", headers=headers), 400, "invalid_json")
    assert_error(
        client.post("/sync/push", data=b'{"changes": 3}', headers=headers), 422, "invalid_request"
    )
    err = assert_error(
        client.post("/sync/push", data=b'{"changes": [{"id": "x"}]}', headers=headers),
        422,
        "invalid_request",
    )
    assert err["field"]
    assert_error(
        client.post(
            "/sync/push", data=b'{"changes": []}', headers={**headers, "Content-Encoding": "gzip"}
        ),
        400,
        "bad_gzip",
    )
    assert_error(client.get("/sync/pull", params={"limit": "many"}), 422, "invalid_request")
    assert_error(client.get("/nowhere"), 404, "not_found")
    # A push is checked field by field (tests/server/test_server_hygiene.py): a NUL is refused
    # where it would be stored, naming the field.
    err = assert_error(
        client.post("/sync/push", data=b'{"changes": [{"id": "\\u0000"}]}', headers=headers),
        422,
        "invalid_request",
    )
    assert err["field"] == "changes.0.id"
    assert_error(
        client.post("/enroll", data=b'{"code": "A\\u0000", "device_name": "x"}', headers=headers),
        400,
        "invalid_text",
    )


def test_oversized_bodies_get_413(world, client_for, settings):
    client = client_for(world["agent1"])
    big = b"x" * (settings.FIELDAPP_MAX_BODY_BYTES + 1)
    assert_error(
        client.post("/sync/push", data=big, headers={"Content-Type": "application/json"}),
        413,
        "too_large",
    )
    # A small gzip body that inflates past the limit is refused too (gzip bomb).
    bomb = gzip.compress(
        b'{"changes": [' + b" " * (settings.FIELDAPP_MAX_INFLATED_BYTES + 10) + b"]}"
    )
    reply = client.post(
        "/sync/push",
        data=bomb,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert_error(reply, 413, "too_large")


def test_gzip_push_is_accepted(world, client_for):
    client = client_for(world["agent1"])
    change = survey_change(world["e1"].id, {"residents": 12})
    [result] = client.push([change], compress=True)
    assert result.status == "applied" and result.revision == 1


def test_api_answers_are_gzipped_but_admin_pages_are_not(world, client_for, live_server):
    client = client_for(world["agent1"])
    reply = client.get("/sync/pull", headers={"Accept-Encoding": "gzip"})
    assert reply.status_code == 200, reply.text
    assert reply.headers.get("Content-Encoding") == "gzip"
    assert p.PullResponse.model_validate(reply.json()).items  # requests inflated it
    admin = requests.get(
        live_server.url + "/admin/login/", headers={"Accept-Encoding": "gzip"}, timeout=10
    )
    assert admin.status_code == 200
    assert "Content-Encoding" not in admin.headers


def test_openapi_document_describes_the_protocol(live_server):
    doc = requests.get(api(live_server) + "/openapi.json", timeout=10).json()
    assert {"/api/v1/ping", "/api/v1/enroll", "/api/v1/sync/push", "/api/v1/sync/pull"} <= set(
        doc["paths"]
    )
    assert "ChangeIn" in json.dumps(doc["components"])


def test_unauthenticated_client_class_reports_json(live_server):
    client = ApiClient(live_server.url, token="garbage")
    assert client.get("/attachments/" + "0" * 64).status_code == 401
    client.close()
