"""The compact encoding (protocol v2, sync.compact) over real HTTP: pushes and pulls in zstd
with the form version's dictionary, refusals that say why (never a 500), and v1 requests in the
old encoding, untouched."""

from __future__ import annotations

import json

import zstandard

from sync import protocol as p
from sync.compact import DICTIONARY_HEADER, Compact, form_dictionary
from tests.server.forms import TEST_FORM
from tests.server.helpers import survey_change

FORM = (TEST_FORM["id"], TEST_FORM["version"])
NAME = f"{FORM[0]}/{FORM[1]}"


def codec() -> Compact:
    return Compact(NAME, form_dictionary(*FORM, TEST_FORM))


def push_compact(client, body: bytes, *, version: int = 2, name: str | None = NAME):
    headers = {
        "Content-Type": p.COMPACT_CONTENT_TYPE,
        "Accept": f"{p.COMPACT_CONTENT_TYPE}, application/json",
        p.PROTOCOL_HEADER: str(version),
    }
    if name:
        headers[DICTIONARY_HEADER] = name
    return client.post("/sync/push", data=body, headers=headers)


def document(changes) -> bytes:
    return json.dumps({"changes": changes}).encode()


def test_a_compact_push_and_pull_round_trip(world, client_for):
    laptop = client_for(world["agent1"])
    changes = [survey_change(world["e1"].id, {"residents": n}) for n in range(1, 6)]
    reply = push_compact(laptop, codec().compress(document(changes)))
    assert reply.status_code == 200, reply.text
    assert reply.headers["Content-Type"] == p.COMPACT_CONTENT_TYPE
    answer = p.PushResponse.model_validate_json(codec().decompress(reply.content, 10**6))
    assert [r.status for r in answer.results] == ["applied"] * 5
    # The dictionary is what makes a small push small.
    plain = len(Compact().compress(document(changes)))
    assert len(codec().compress(document(changes))) < 0.8 * plain
    # A pull asked in compact comes compact, and holds what a JSON pull holds.
    other = client_for(world["agent1"], "B")
    pulled = other.get(
        "/sync/pull",
        headers={
            p.PROTOCOL_HEADER: "2",
            "Accept": p.COMPACT_CONTENT_TYPE,
            DICTIONARY_HEADER: NAME,
        },
    )
    assert pulled.headers["Content-Type"] == p.COMPACT_CONTENT_TYPE
    page = p.PullResponse.model_validate_json(codec().decompress(pulled.content, 10**7))
    plain_page = other.pull_page()
    assert page.items == plain_page.items
    answers = sorted(i.data["answers"]["residents"] for i in page.items if i.kind == "survey")
    assert answers == [1, 2, 3, 4, 5]


def test_a_body_without_the_dictionary_is_read_too(world, client_for):
    laptop = client_for(world["agent1"])
    body = Compact().compress(document([survey_change(world["e1"].id, {"residents": 2})]))
    for name in (None, NAME):  # the dictionary only adds references a frame may not use
        reply = push_compact(laptop, body, name=name)
        assert reply.status_code == 200, reply.text


def test_garbage_in_a_compact_body_is_a_clear_4xx(world, client_for):
    laptop = client_for(world["agent1"])
    good = codec().compress(document([survey_change(world["e1"].id, {"residents": 2})]))
    bomb = zstandard.ZstdCompressor(level=3).compress(b" " * (40 * 1024 * 1024))
    cases = {
        b"not zstd at all": (400, "bad_compact"),
        good[: len(good) // 2]: (400, "bad_compact"),
        b"": (400, "bad_compact"),
        bomb: (413, "too_large"),
        Compact().compress(b'{"changes": [}'): (400, "invalid_json"),
    }
    for body, (status, code) in cases.items():
        reply = push_compact(laptop, body)
        assert (reply.status_code, reply.json()["error"]["code"]) == (status, code), reply.text
    unknown = push_compact(laptop, good, name="no_such_form/9")
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "unknown_dictionary"
    assert push_compact(laptop, good, name="///").status_code == 400
    # Only a client that negotiated protocol 2 may send one.
    v1 = push_compact(laptop, good, version=1)
    assert v1.status_code == 415 and v1.json()["error"]["code"] == "unsupported_media_type"
    from server.surveys.models import Survey

    assert Survey.objects.count() == 0


def test_v1_requests_keep_the_old_encoding(world, client_for):
    """A laptop of the first release: gzip JSON up, JSON down, whatever it lists in Accept."""
    laptop = client_for(world["agent1"])
    laptop.session.headers["Accept"] = f"{p.COMPACT_CONTENT_TYPE}, application/json"
    [result] = laptop.push([survey_change(world["e1"].id, {"residents": 4})], compress=True)
    assert result.status == "applied"
    reply = laptop.get("/sync/pull")
    assert reply.headers[p.PROTOCOL_HEADER] == "1"
    assert reply.headers["Content-Type"].startswith("application/json")
    assert any(i["kind"] == "survey" for i in reply.json()["items"])
