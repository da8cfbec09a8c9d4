"""The store's side of new form versions: which version arrived last, and moving a draft to
it in one transaction (row, outbox save with the new version, audit with what was dropped)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fieldapp.domain import SurveyStatus
from fieldapp.forms import fit_answers, load_form
from fieldapp.store import Store, StoreError, StoreErrorCode
from fieldapp.store.store import ServerItem
from tests.core.conftest import make_establishment
from tests.core.forms.formkit import choices, definition, q

LISTS_1 = {"colours": choices("red", "blue")}
LISTS_2 = {"colours": choices("red", "green")}
V1 = definition(
    [q("name", "text"), q("phone", "text"), q("colour", "select_one", choices="colours")],
    LISTS_1,
    id="eps",
    version="1",
)
V2 = definition(
    [q("name", "text"), q("telephone", "text"), q("colour", "select_one", choices="colours")],
    LISTS_2,
    id="eps",
    version="2",
)


def receive(store: Store, *definitions: dict[str, Any]) -> None:
    """Forms as a pull brings them: 'form' feed items."""
    store.apply_server_changes(
        [
            ServerItem(
                "form",
                f"{d['id']}:{d['version']}",
                {"id": d["id"], "version": d["version"], "definition": d},
            )
            for d in definitions
        ]
    )


def audit(store: Store, action: str) -> list[dict[str, Any]]:
    rows = store.conn.execute("SELECT detail FROM audit WHERE action = ? ORDER BY id", (action,))
    return [json.loads(r[0]) for r in rows]


def draft(store: Store, answers: dict[str, Any]) -> str:
    e = make_establishment()
    store.upsert_establishments([e])
    return store.start_survey(e.id, "eps", "1", answers=answers).id


def test_latest_version_is_the_last_received(store: Store) -> None:
    assert store.latest_form_version("eps") is None
    receive(store, V1)
    assert store.latest_form_version("eps") == "1"
    receive(store, V2)
    assert store.latest_form_version("eps") == "2"
    receive(store, V1)  # received again (a re-pull): it does not become newer
    assert store.latest_form_version("eps") == "2"
    assert store.latest_form_version("other") is None
    assert store.form_definition("eps", "2") == V2


def test_move_writes_row_outbox_and_audit_with_the_dropped_values(store: Store) -> None:
    receive(store, V1, V2)
    survey_id = draft(store, {"name": "Dar", "phone": "0612", "colour": "blue"})
    fit = fit_answers(load_form(V2), store.get_survey(survey_id).answers)
    assert fit.kept == {"name": "Dar"}

    moved = store.move_to_form_version(survey_id, "2", fit.kept, fit.dropped)

    assert (moved.form_version, moved.answers, moved.revision) == ("2", {"name": "Dar"}, 2)
    again = store.get_survey(survey_id)
    assert (again.form_version, again.answers, again.status) == ("2", {"name": "Dar"}, "draft")
    last = store.pending_changes()[-1]
    assert (last.entity, last.entity_id, last.op) == ("survey", survey_id, "save")
    assert last.payload["form_version"] == "2"
    assert last.payload["answers"] == {"name": "Dar"}
    [line] = audit(store, "move_form_version")
    assert (line["form_id"], line["from"], line["to"]) == ("eps", "1", "2")
    lost = {d["path"]: (d["value"], d["reason_code"]) for d in line["dropped"]}
    assert lost == {"phone": ("0612", "unknown"), "colour": ("blue", "choice")}
    assert set(line["dropped"][0]["message"]) == {"fr", "ar", "en"}


def test_a_returned_survey_moves_and_becomes_a_draft(store: Store) -> None:
    receive(store, V1, V2)
    survey_id = draft(store, {"name": "Dar"})
    store.conn.execute("UPDATE surveys SET status = 'returned' WHERE id = ?", (survey_id,))
    moved = store.move_to_form_version(survey_id, "2", {"name": "Dar"}, [])
    assert moved.status == SurveyStatus.DRAFT
    assert audit(store, "move_form_version")[0]["dropped"] == []


@pytest.mark.parametrize("status", ["finalized", "approved"])
def test_a_finalized_or_approved_survey_keeps_its_version_and_nothing_is_written(
    store: Store, status: str
) -> None:
    receive(store, V1, V2)
    survey_id = draft(store, {"name": "Dar", "phone": "0612"})
    store.conn.execute("UPDATE surveys SET status = ? WHERE id = ?", (status, survey_id))
    before = (store.outbox_count(), store.conn.execute("SELECT count(*) FROM audit").fetchone())
    with pytest.raises(StoreError) as err:
        store.move_to_form_version(survey_id, "2", {"name": "Dar"}, [])
    assert err.value.code == StoreErrorCode.INVALID
    assert "keeps form version 1" in str(err.value)
    survey = store.get_survey(survey_id)
    assert (survey.form_version, survey.answers) == ("1", {"name": "Dar", "phone": "0612"})
    after = (store.outbox_count(), store.conn.execute("SELECT count(*) FROM audit").fetchone())
    assert after == before


def test_refusals_write_nothing(store: Store) -> None:
    receive(store, V1, V2)
    survey_id = draft(store, {"name": "Dar"})
    outbox = store.outbox_count()
    for version, answers, code in [
        ("1", {"name": "Dar"}, StoreErrorCode.INVALID),  # already in that version
        ("  ", {"name": "Dar"}, StoreErrorCode.INVALID),
        ("2", ["not", "an", "object"], StoreErrorCode.INVALID),
    ]:
        with pytest.raises(StoreError) as err:
            store.move_to_form_version(survey_id, version, answers, [])  # type: ignore[arg-type]
        assert err.value.code == code
    with pytest.raises(StoreError) as missing:
        store.move_to_form_version("no-such-survey", "2", {}, [])
    assert missing.value.code == StoreErrorCode.NOT_FOUND
    assert store.outbox_count() == outbox
    assert store.get_survey(survey_id).form_version == "1"
    assert audit(store, "move_form_version") == []
