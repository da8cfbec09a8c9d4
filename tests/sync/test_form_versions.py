"""A draft moved to a newer form version on laptop A while laptop B, offline on the older
version, edits it (issue 11, item 6): real laptops' stores, the live sync server."""

from __future__ import annotations

import copy
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


def test_a_move_to_a_newer_version_racing_an_edit_on_the_old_one(
    sync_server: SyncServer, make_device: Callable[..., Device]
) -> None:
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
