"""Relayed changes (sneakernet): a coordinator pushes an agent's change signed by the agent's
device; the server applies it as that device, once, and refuses a forged or misplaced relay."""

from __future__ import annotations

from typing import Any

from server.accounts.models import sha256_hex
from server.feed.models import AppliedChange
from server.surveys.models import Survey
from sync import protocol as p
from tests.server.helpers import other_change, survey_change


def relayed(change: dict[str, Any], device_id: str, token: str) -> dict[str, Any]:
    digest = p.change_digest(
        change["entity"], change["entity_id"], change["op"], change["base_revision"],
        change["payload"],
    )  # fmt: skip
    signature = p.relay_signature(sha256_hex(token), change["id"], digest)
    return {**change, "relay": {"device_id": device_id, "signature": signature}}


def test_a_relayed_change_is_applied_as_the_agents_device_once(world, client_for):
    agent = client_for(world["agent1"])
    coordinator = client_for(world["coord_a"])
    change = survey_change(world["e1"].id, {"residents": 7, "has_internet": "no"})
    # Its own change: an assignment (a coordinator changes no answers: test_server_authz.py).
    own = other_change(
        "assignment", "assign", {"establishment_id": world["e2"].id, "username": "agent1"}
    )
    forged = relayed(survey_change(world["e1"].id, {"residents": 8}), agent.device_id, "guess")

    results = coordinator.push([relayed(change, agent.device_id, agent.token), own, forged])

    assert [r.status for r in results] == ["applied", "applied", "rejected"]
    assert AppliedChange.objects.get(pk=own["id"]).device_id == coordinator.device_id
    assert results[2].error.code == "relay_refused"
    survey = Survey.objects.get(pk=change["entity_id"])
    assert survey.device_id == agent.device_id and survey.user == world["agent1"]
    assert AppliedChange.objects.get(pk=change["id"]).device_id == agent.device_id
    # The agent later pushes the same change itself (no receipt yet): the first result.
    [again] = agent.push([change])
    assert again.model_dump(exclude={"receipt"}) == results[0].model_dump(exclude={"receipt"})
    assert len(results[0].receipt) == 128  # relayed: signed by the server for the agent
    assert Survey.objects.get(pk=change["entity_id"]).revision == 1


def test_only_a_coordinator_relays_and_only_for_what_the_agent_may_do(world, client_for):
    agent1 = client_for(world["agent1"])
    agent2 = client_for(world["agent2"])
    coordinator = client_for(world["coord_a"])
    change = survey_change(world["e1"].id, {"residents": 3})
    [by_agent] = agent2.push([relayed(change, agent1.device_id, agent1.token)])
    assert by_agent.error.code == "relay_refused"
    # e2 is agent2's: relaying agent1's change on it is refused as agent1 would be.
    not_assigned = survey_change(world["e2"].id, {"residents": 3})
    [result] = coordinator.push([relayed(not_assigned, agent1.device_id, agent1.token)])
    assert result.error.code == p.ERR_NOT_ASSIGNED
