"""A draft moved to a newer form version on laptop A while laptop B, offline on the older
version, edits it (issue 11, item 6): real laptops' stores, the live sync server."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from bench._syncserver import SyncServer
from fieldapp.forms import fit_answers, load_form
from sync.client import SyncRun
from tests.server.forms import form_definition
from tests.sync.conftest import Device

FORM = "versions_test"


def version_2() -> dict[str, Any]:
    """`manager_name` removed, `solar_kw` added."""
    data = copy.deepcopy(form_definition("2", FORM))
    data["children"] = [c for c in data["children"] if c["name"] != "manager_name"]
    data["children"].append(
        {"type": "decimal", "name": "solar_kw", "label": {"fr": "Solaire (kW)", "ar": "شمسي"}}
    )
    return data


def synced(device: Device) -> None:
    summary = SyncRun(device.store).run()
    assert summary.error is None and summary.set_aside == 0, summary.log


def conflict_on_a_dropped_question(
    sync_server: SyncServer, make_device: Callable[..., Device]
) -> tuple[Device, Device, str]:
    """Laptop A moves a draft to version 2 (which dropped `manager_name`) while laptop B,
    offline on version 1, changes the manager: B's sync leaves a conflict on it."""
    sync_server.call("publish_form", definition=form_definition("1", FORM))
    sync_server.call("publish_form", definition=version_2())
    laptop_a = make_device(1)
    laptop_b = make_device(share_with=laptop_a)
    synced(laptop_a)
    first = {"residents": 10, "has_internet": "no", "manager_name": "Amina"}
    survey = laptop_a.store.start_survey(laptop_a.establishments[0], FORM, "1", answers=first)
    synced(laptop_a)
    synced(laptop_b)  # B has revision 1 on version 1, then goes offline
    assert laptop_b.store.get_survey(survey.id).form_version == "1"

    # Laptop A moves the draft to version 2 (the manager does not fit) and answers the new one.
    fit = fit_answers(load_form(version_2()), first)
    laptop_a.store.move_to_form_version(survey.id, "2", {**fit.kept, "solar_kw": 3.5}, fit.dropped)
    synced(laptop_a)
    # Laptop B, still on version 1, changes the residents and the manager, then syncs.
    laptop_b.store.save_answers(survey.id, {**first, "residents": 12, "manager_name": "Amina B."})
    synced(laptop_b)
    return laptop_a, laptop_b, survey.id


def test_a_move_to_a_newer_version_racing_an_edit_on_the_old_one(
    sync_server: SyncServer, make_device: Callable[..., Device]
) -> None:
    laptop_a, laptop_b, survey_id = conflict_on_a_dropped_question(sync_server, make_device)
    survey = laptop_b.store.get_survey(survey_id)
    server = sync_server.call("state")["surveys"][survey.id]
    assert server["form_version"] == "2"  # never back to 1
    assert server["answers"] == {"residents": 12, "has_internet": "no", "solar_kw": 3.5}
    conflicts = [c for c in sync_server.call("state")["conflicts"] if c["survey_id"] == survey.id]
    assert [(c["question"], c["client"]) for c in conflicts] == [("manager_name", "Amina B.")]
    # Laptop B follows the newer version, keeps the conflict for a person, and its next save
    # goes out on version 2 without bringing the manager back.
    local = laptop_b.store.get_survey(survey.id)
    assert local.form_version == "2" and local.answers == server["answers"]
    assert [c.question for c in laptop_b.store.open_conflicts(survey.id)] == ["manager_name"]
    laptop_b.store.save_answers(survey.id, {**local.answers, "residents": 13})
    synced(laptop_b)
    server = sync_server.call("state")["surveys"][survey.id]
    assert server["form_version"] == "2" and server["answers"]["residents"] == 13
    assert "manager_name" not in server["answers"]
    synced(laptop_a)
    moved = laptop_a.store.get_survey(survey.id)
    assert (moved.form_version, moved.answers) == ("2", server["answers"])


def test_a_conflict_on_a_dropped_question_keeps_only_the_servers_value(
    sync_server: SyncServer, make_device: Callable[..., Device]
) -> None:
    """A client that keeps its own value for the dropped question anyway (an older release, or
    a hostile one) is refused `question_dropped`, naming the question, whatever version it
    sends the resolution under; keeping the server's value closes the conflict everywhere."""
    laptop_a, laptop_b, survey_id = conflict_on_a_dropped_question(sync_server, make_device)
    [conflict] = laptop_b.store.open_conflicts(survey_id)
    assert conflict.question == "manager_name" and conflict.server is None
    laptop_b.store.resolve_conflict(conflict.id, conflict.client)
    summary = SyncRun(laptop_b.store).run()
    assert summary.set_aside == 1
    [refused] = laptop_b.store.set_aside_changes()
    assert refused.reason.startswith("question_dropped [payload.answers.manager_name]:")
    # The same under the old version (the survey's head stays on 2; the answer fits no more).
    old = {**refused.payload, "form_version": "1"}
    with laptop_b.store.conn:
        laptop_b.store.conn.execute(
            "UPDATE changes SET payload = ?, state = 'pending', reason = '' WHERE id = ?",
            (json.dumps(old), refused.id),
        )
    laptop_b.store.renew_change_id(refused.id)
    summary = SyncRun(laptop_b.store).run()
    [refused] = laptop_b.store.set_aside_changes()
    assert refused.reason.startswith("question_dropped [payload.answers.manager_name]:")
    server = sync_server.call("state")
    assert "manager_name" not in server["surveys"][survey_id]["answers"]
    assert [c["resolved"] for c in server["conflicts"] if c["survey_id"] == survey_id] == [False]

    # A person keeps the server's value (what the app offers): nothing set aside, closed.
    with laptop_b.store.conn:  # the test undoes the hostile attempt, as no app would
        laptop_b.store.conn.execute("DELETE FROM changes WHERE id = ?", (refused.id,))
        laptop_b.store.conn.execute(
            "UPDATE conflicts SET resolved_at = NULL WHERE id = ?", (conflict.id,)
        )
    laptop_b.store.resolve_conflict(conflict.id, conflict.server)
    synced(laptop_b)
    server = sync_server.call("state")
    assert "manager_name" not in server["surveys"][survey_id]["answers"]
    assert [c["resolved"] for c in server["conflicts"] if c["survey_id"] == survey_id] == [True]
    synced(laptop_a)
    assert laptop_a.store.open_conflicts(survey_id) == []
