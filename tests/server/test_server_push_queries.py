"""The push path's queries do not grow with the batch: a batch reads what it needs in bulk and
writes one statement per table (server.surveys.push), whatever the number of surveys in it.
Counted with Django's CaptureQueriesContext on the push applied in this process."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sync import protocol as p
from tests.server.helpers import survey_change


@pytest.fixture
def actor(world: dict[str, Any]) -> Any:
    from server.accounts.models import Device
    from server.surveys.push import Actor

    device = Device.objects.create(user=world["agent1"], name="laptop", token_hash="0" * 64)
    return Actor(device, world["agent1"])


def pushed(actor: Any, changes: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    from server.surveys.push import apply_push

    with CaptureQueriesContext(connection) as queries:
        results = apply_push(actor, [p.ChangeIn.model_validate(c) for c in changes])
    return results, len(queries.captured_queries)


def answers(i: int) -> dict[str, Any]:
    return {"residents": i + 1, "has_internet": "yes" if i % 2 else "no"}


def test_new_surveys_cost_the_same_queries_for_1_10_or_40(world, actor):
    counts = {}
    for size in (1, 10, 40):
        batch = [survey_change(world["e1"].id, answers(i)) for i in range(size)]
        results, counts[size] = pushed(actor, batch)
        assert [r["status"] for r in results] == ["applied"] * size
    assert counts[1] == counts[10] == counts[40], counts


def test_saves_of_existing_surveys_and_merges_cost_the_same_queries(world, actor):
    from server.accounts.models import Device
    from server.surveys.push import Actor

    other = Actor(
        Device.objects.create(user=world["agent1"], name="laptop 2", token_hash="1" * 64),
        world["agent1"],
    )
    saves, merges = {}, {}
    for size in (1, 10, 40):
        created = [survey_change(world["e1"].id, answers(i)) for i in range(size)]
        pushed(actor, created)
        # The next save of each survey, on its head.
        batch = [
            survey_change(
                world["e1"].id,
                {**answers(i), "residents": 100 + i},
                survey_id=c["entity_id"],
                base_revision=1,
            )
            for i, c in enumerate(created)
        ]
        results, saves[size] = pushed(other, batch)
        assert {r["status"] for r in results} == {"applied"}
        # The first device, still on revision 1, changes another question: merged per
        # question with the other device's revision 2.
        batch = [
            survey_change(
                world["e1"].id,
                {**answers(i), "has_internet": "no" if i % 2 else "yes"},
                survey_id=c["entity_id"],
                base_revision=1,
            )
            for i, c in enumerate(created)
        ]
        results, merges[size] = pushed(actor, batch)
        assert {r["status"] for r in results} == {"merged"}
    assert saves[1] == saves[10] == saves[40], saves
    assert merges[1] == merges[10] == merges[40], merges
