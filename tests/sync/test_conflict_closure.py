"""A conflict a person decided is closed on every laptop holding it (protocol v2).

Two agents share an establishment; both laptops hold the conflict (one from its push, the other
from the feed). Once one agent decides it, the other laptop's copy closes at its next sync, so
nobody decides it again on a stale copy and silently replaces the answer chosen first. A v1
laptop never receives the closure (it would take it for a new conflict).
"""

from __future__ import annotations

from collections.abc import Callable

import requests

from bench._syncserver import SyncServer
from sync.client import SyncRun
from sync.credentials import TokenStore
from sync.transport import RetryPolicy
from tests.sync.conftest import FORM_ID, Device, answers

FAST = RetryPolicy(connect_timeout=5, read_timeout=20, attempts=3, backoff_base=0.05, deadline=60)


def sync(device: Device) -> SyncRun:
    run = SyncRun(device.store, policy=FAST)
    summary = run.run()
    assert summary.error is None, summary.error
    return run


def conflict_on_both(a: Device, b: Device) -> str:
    """A survey whose `residents` both agents changed offline: 11 on a (synced first), 12 on b."""
    survey = a.store.start_survey(a.establishments[0], FORM_ID, "1", answers=answers())
    sync(a)
    sync(b)
    a.store.save_answers(survey.id, {**answers(), "residents": 11})
    b.store.save_answers(survey.id, {**answers(), "residents": 12})
    sync(a)
    assert sync(b).summary.conflicts == 1
    sync(a)  # takes the conflict from the feed
    assert [c.question for c in a.store.open_conflicts()] == ["residents"]
    assert [c.question for c in b.store.open_conflicts()] == ["residents"]
    return survey.id


def decided_on_b(make_device: Callable[..., Device], value: int) -> tuple[Device, Device, str]:
    """Two agents sharing an establishment, a conflict held by both, decided on b (`value`)
    and sent; a has not synced since."""
    a = make_device(establishments=1)
    sync(a)
    b = make_device(share_with=a)
    survey_id = conflict_on_both(a, b)
    [held] = b.store.open_conflicts()
    b.store.resolve_conflict(held.id, value)
    sync(b)
    return a, b, survey_id


def test_a_decision_on_one_laptop_closes_the_conflict_on_the_other(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    a, b, survey_id = decided_on_b(make_device, 12)
    run = sync(a)
    assert run.summary.conflicts_closed == 1
    assert "decided on another device" in " ".join(run.summary.log)
    assert a.store.open_conflicts() == []
    assert a.store.get_survey(survey_id).answers["residents"] == 12
    # Nothing left to decide, so nothing replaces b's choice: both laptops and the server agree.
    sync(b)
    sync(a)
    on_server = sync_server.call("state")
    assert on_server["surveys"][survey_id]["answers"]["residents"] == 12
    assert [c["resolved"] for c in on_server["conflicts"] if c["survey_id"] == survey_id] == [True]
    assert b.store.get_survey(survey_id).answers["residents"] == 12


def test_keeping_the_server_value_also_closes_it_elsewhere(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    # Keeping the server's value makes no new revision: only the closure entry tells a.
    a, b, survey_id = decided_on_b(make_device, 11)
    assert sync(a).summary.conflicts_closed == 1
    assert a.store.open_conflicts() == [] and b.store.open_conflicts() == []
    assert a.store.get_survey(survey_id).answers["residents"] == 11
    assert sync_server.call("state")["surveys"][survey_id]["answers"]["residents"] == 11


def test_a_v1_laptop_is_not_sent_the_closure(
    make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    a, _, survey_id = decided_on_b(make_device, 12)
    token = TokenStore(a.data_dir).load()

    def kinds(protocol: str | None) -> list[dict[str, object]]:
        headers = {"Authorization": f"Bearer {token}"}
        if protocol:
            headers["FieldApp-Protocol"] = protocol
        reply = requests.get(
            f"{sync_server.url}/api/v1/sync/pull",
            headers=headers,
            params={"cursor": ""},
            timeout=30,
        )
        assert reply.status_code == 200, reply.text
        return [i["data"] for i in reply.json()["items"] if i["kind"] == "conflict"]

    v2 = kinds("2")
    assert [(d["question"], d.get("resolved", False)) for d in v2] == [
        ("residents", False),
        ("residents", True),
    ]
    assert v2[1]["value"] == 12 and v2[1]["survey_id"] == survey_id
    assert [d.get("resolved", False) for d in kinds(None)] == [False]
