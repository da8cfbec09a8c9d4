"""The server instance (protocol v2): its identity, feed marks, holdings, re-enrollment; and a
laptop of the first release (protocol 1) syncing against this server unchanged."""

from __future__ import annotations

from typing import Any

from sync import protocol as p
from tests.server.helpers import ApiClient, survey_change

V2 = {p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION)}


def v2(client: ApiClient) -> ApiClient:
    client.session.headers.update(V2)
    return client


def test_v1_laptop_pushes_and_pulls_as_before(world: dict[str, Any], client_for: Any) -> None:
    laptop = client_for(world["agent1"])  # no protocol header: version 1
    assert p.PROTOCOL_HEADER not in laptop.session.headers
    reply = laptop.push_raw([survey_change(world["e1"].id, {"residents": 4})])
    assert reply.status_code == 200 and reply.headers[p.PROTOCOL_HEADER] == "1"
    body = reply.json()
    assert set(body) == {"results", "server_time"}
    assert body["results"][0]["status"] == "applied"
    page = laptop.get("/sync/pull").json()
    # The schema's v2 fields keep their empty defaults: nothing a v1 laptop could act on.
    assert not page.get("instance_id") and not page.get("mark") and not page.get("high_water")
    assert any(item["kind"] == "survey" for item in page["items"])
    # Its cursor is the v1 one (no tag) and goes on working.
    again = laptop.get("/sync/pull", params={"cursor": page["cursor"]})
    assert again.status_code == 200 and again.json()["items"] == []
    assert not laptop.get("/ping").json().get("instance_id")


def test_v2_answers_name_the_instance_and_the_feed_position(
    world: dict[str, Any], live_server: Any
) -> None:
    from server.accounts.models import issue_enrollment_code
    from server.feed.cursor import current_epoch

    instance = current_epoch().epoch
    code, _ = issue_enrollment_code(world["agent1"])
    reply = ApiClient(live_server.url).session.post(
        live_server.url + p.API_PREFIX + "/enroll",
        json={"code": code, "device_name": "v2"},
        headers=V2,
        timeout=30,
    )
    enrolled = p.EnrollResponse.model_validate(reply.json())
    assert enrolled.instance_id == instance and len(enrolled.server_key) == 64
    laptop = v2(ApiClient(live_server.url, enrolled.token))
    assert p.Ping.model_validate(laptop.get("/ping").json()).instance_id == instance
    pushed = p.PushResponse.model_validate(
        laptop.push_raw([survey_change(world["e1"].id, {"residents": 4})]).json()
    )
    assert pushed.instance_id == instance and pushed.high_water > 0 and pushed.mark
    page = p.PullResponse.model_validate(laptop.get("/sync/pull").json())
    assert page.instance_id == instance and page.high_water == pushed.high_water
    # The device's newest mark goes back with its requests; while the server holds it, fine.
    ok = laptop.get("/sync/pull", params={"cursor": page.cursor, "mark": page.mark})
    assert ok.status_code == 200
    laptop.close()


def test_another_instance_or_a_lost_mark_applies_nothing(
    world: dict[str, Any], client_for: Any
) -> None:
    from server.feed.models import FeedEntry
    from server.surveys.models import Survey

    laptop = v2(client_for(world["agent1"]))
    first = laptop.push_raw([survey_change(world["e1"].id, {"residents": 1})]).json()
    change = survey_change(world["e1"].id, {"residents": 2})
    body = {"changes": [change], "instance_id": "another-database", "mark": first["mark"]}
    reply = laptop.post("/sync/push", json=body)
    assert reply.status_code == 409 and reply.json()["error"]["code"] == p.ERR_INSTANCE_CHANGED
    # The server loses the entry the mark names (what a restore from an older backup does).
    FeedEntry.objects.filter(seq__gte=first["high_water"]).delete()
    body = {"changes": [change], "instance_id": first["instance_id"], "mark": first["mark"]}
    reply = laptop.post("/sync/push", json=body)
    assert reply.status_code == 409 and reply.json()["error"]["code"] == p.ERR_SERVER_RESTORED
    assert Survey.objects.filter(id=change["entity_id"]).count() == 0
    pulled = laptop.get("/sync/pull", params={"mark": first["mark"]})
    assert pulled.status_code == 409


def test_holdings_name_what_the_server_lost(world: dict[str, Any], client_for: Any) -> None:
    from server.surveys.models import Survey

    laptop = v2(client_for(world["agent1"]))
    kept = survey_change(world["e1"].id, {"residents": 1})
    gone = survey_change(world["e1"].id, {"residents": 2})
    laptop.push([kept, gone])
    Survey.objects.filter(id=gone["entity_id"]).delete()
    reply = laptop.post(
        "/sync/holdings",
        json={
            "surveys": [
                {"id": kept["entity_id"], "revision": 1, "changes": [kept["id"]]},
                {"id": gone["entity_id"], "revision": 1, "changes": [gone["id"]]},
                {"id": "never-sent", "revision": 0},
            ],
            "changes": ["an-assignment-change-it-never-saw"],
        },
    )
    answer = p.HoldingsResponse.model_validate(reply.json())
    lost = {s.id: s for s in answer.surveys}
    assert set(lost) == {gone["entity_id"], "never-sent"}
    assert lost[gone["entity_id"]].head == 0 and lost[gone["entity_id"]].resend
    assert answer.changes == ["an-assignment-change-it-never-saw"]


def test_reenrolling_a_laptop_revokes_its_old_token(
    world: dict[str, Any], live_server: Any
) -> None:
    from server.accounts.models import issue_enrollment_code

    old = ApiClient.enroll(live_server.url, world["agent1"], "laptop")
    assert old.get("/sync/pull").status_code == 200
    code, _ = issue_enrollment_code(world["agent1"])
    reply = old.session.post(
        live_server.url + p.API_PREFIX + "/enroll",
        json={"code": code, "device_name": "laptop", "previous_token": old.token},
        timeout=30,
    )
    assert reply.status_code == 200
    refused = old.get("/sync/pull")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == p.ERR_TOKEN_REVOKED
    fresh = ApiClient(live_server.url, reply.json()["token"])
    assert fresh.get("/sync/pull").status_code == 200
    # Another user's token is not revoked by naming it.
    other = ApiClient.enroll(live_server.url, world["agent2"], "laptop-2")
    code, _ = issue_enrollment_code(world["agent1"])
    fresh.session.post(
        live_server.url + p.API_PREFIX + "/enroll",
        json={"code": code, "device_name": "x", "previous_token": other.token},
        timeout=30,
    )
    assert other.get("/sync/pull").status_code == 200
    for client in (old, fresh, other):
        client.close()
