"""Poisoned input at the server boundary (issue "trust boundaries"): strings that are not valid
Unicode, control characters, over-long answers and surveys are refused per change with a 4xx
code naming the question; the other changes of the batch are applied; nothing invalid is
stored, so no device's pull can fail on it."""

from __future__ import annotations

import gzip
import json

import pytest

from server.surveys.models import Survey
from tests.server.helpers import other_change, survey_change


def raw_push(client, changes):
    """Push with the JSON written by hand: `\\ud800` escapes travel as the attacker sends them."""
    body = json.dumps({"changes": changes}).encode()  # ensure_ascii: lone surrogates escaped
    return client.post("/sync/push", data=body, headers={"Content-Type": "application/json"})


def results_of(reply):
    assert reply.status_code == 200, reply.text
    return reply.json()["results"]


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("\ud800", "invalid_text"),  # the lone surrogate that stopped a region's pulls
        ("ok \udfff then", "invalid_text"),
        ("a\x00b", "invalid_text"),
        ("bell\x07", "invalid_text"),
        ("escape\x1b[31m", "invalid_text"),
        ("c1\x85", "invalid_text"),
    ],
)
def test_text_that_is_not_clean_unicode_is_refused_naming_the_question(
    world, client_for, answer, code
):
    client = client_for(world["agent1"])
    bad = survey_change(world["e1"].id, {"residents": 3, "notes": answer})
    good = survey_change(world["e3"].id, {"residents": 4, "notes": "ligne 1\nligne 2\tfin\r\n"})
    refused, applied = results_of(raw_push(client, [bad, good]))
    assert refused["status"] == "rejected"
    assert refused["error"]["code"] == code
    assert refused["error"]["field"] == "payload.answers.notes"
    assert "notes" in refused["error"]["message"]
    assert applied["status"] == "applied"
    assert not Survey.objects.filter(pk=bad["entity_id"]).exists()
    assert Survey.objects.get(pk=good["entity_id"]).answers["notes"] == "ligne 1\nligne 2\tfin\r\n"


def test_poison_hidden_in_a_nested_answer_or_a_question_name_is_refused(world, client_for):
    client = client_for(world["agent1"])
    nested = survey_change(world["e1"].id, {"residents": 3, "rooms": [{"label": "x\ud800"}]})
    named = survey_change(world["e1"].id, {"residents": 3, "no\x00tes": "fine"})
    key = survey_change(world["e1"].id, {"residents": 3, "\udc00": "fine"})
    results = results_of(raw_push(client, [nested, named, key]))
    assert [r["error"]["code"] for r in results] == ["invalid_text"] * 3
    assert results[0]["error"]["field"] == "payload.answers.rooms"
    # The refusal itself is storable and printable: the bad character is escaped.
    assert results[1]["error"]["field"] == "payload.answers.no\\x00tes"
    assert Survey.objects.count() == 0


def test_control_characters_in_identifiers_are_refused(world, client_for):
    client = client_for(world["agent1"])
    change = survey_change(world["e1"].id, {"residents": 3})
    change["payload"]["form_version"] = "1\x00"
    [result] = results_of(raw_push(client, [change]))
    assert result["status"] == "rejected" and result["error"]["field"] == "payload.form_version"
    change = survey_change(world["e1"].id, {"residents": 3}, change_id="id\x1b")
    reply = raw_push(client, [change])
    assert reply.status_code == 422 and reply.json()["error"]["field"].endswith("id")


def test_review_comment_with_a_lone_surrogate_is_refused(world, client_for):
    agent = client_for(world["agent1"])
    change = survey_change(
        world["e1"].id, {"residents": 3, "has_internet": "no"}, status="finalized"
    )
    agent.push([change])
    coord = client_for(world["coord_a"])
    review = other_change(
        "review", "return", {"survey_id": change["entity_id"], "comment": "voir \ud800"}, 1
    )
    [result] = results_of(raw_push(coord, [review]))
    assert result["error"]["code"] == "invalid_text"
    assert result["error"]["field"] == "payload.comment"
    assert Survey.objects.get(pk=change["entity_id"]).status == "finalized"


def test_an_answer_over_the_text_cap_is_refused_naming_it(world, client_for, settings):
    settings.FIELDAPP_MAX_ANSWER_BYTES = 64 * 1024
    client = client_for(world["agent1"])
    at_cap = survey_change(world["e1"].id, {"residents": 1, "notes": "é" * (32 * 1024)})
    over = survey_change(world["e1"].id, {"residents": 1, "notes": "é" * (32 * 1024) + "x"})
    first, second = client.push([at_cap, over])
    assert first.status == "applied"
    assert second.status == "rejected" and second.error.code == "answer_too_large"
    assert second.error.field == "payload.answers.notes"
    assert "65537 bytes" in second.error.message and "65536" in second.error.message


def test_a_survey_over_the_survey_cap_is_refused(world, client_for, settings):
    settings.FIELDAPP_MAX_SURVEY_BYTES = 100_000
    client = client_for(world["agent1"])
    answers = {"residents": 1, "notes": "n" * 60_000, "manager_name": "m" * 50_000}
    [result] = client.push([survey_change(world["e1"].id, answers)])
    assert result.status == "rejected" and result.error.code == "answer_too_large"
    assert result.error.field == "payload.answers"
    assert "notes" in result.error.message
    assert Survey.objects.count() == 0


def test_a_small_gzip_carrying_a_huge_answer_is_refused_before_it_is_parsed(world, client_for):
    """The issue's attack: 61 KB of gzip holding a 60 MiB text answer."""
    client = client_for(world["agent1"])
    change = survey_change(world["e1"].id, {"residents": 1, "notes": "A" * (60 * 1024 * 1024)})
    body = gzip.compress(json.dumps({"changes": [change]}).encode(), compresslevel=9)
    assert len(body) < 100_000
    reply = client.post(
        "/sync/push",
        data=body,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert reply.status_code == 413 and reply.json()["error"]["code"] == "too_large"
    assert Survey.objects.count() == 0


def test_a_database_refusal_never_reaches_the_client_as_text(world, client_for, on_postgres):
    """The last-resort path (a value the database refuses) answers in our words only."""
    if not on_postgres:
        pytest.skip("SQLite enforces no column length: nothing is refused there")
    from server.accounts.models import Device
    from server.surveys.push import Actor, _apply_one
    from sync import protocol as p

    client = client_for(world["agent1"])
    device = Device.objects.get(pk=client.device_id)
    change = p.ChangeIn.model_validate(survey_change(world["e1"].id, {"residents": 1}))
    change.id = "y" * 500  # too long for the applied-change key: the database refuses it
    result = _apply_one(Actor(device=device, user=device.user), change)
    assert result["status"] == "rejected" and result["error"]["code"] == "invalid_data"
    text = json.dumps(result).lower()
    for leak in ("varchar", "character varying", "sqlite", "psycopg", "too long", "value"):
        assert leak not in text
