"""The conflict list, merged results and review decisions, against a real server.

Two enrolled profiles share establishments; one of them is open in the app. What one device
sends reaches the other through the server's feed, over real HTTP.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench._syncserver import SyncServer
from fieldapp.store import Store
from sync.client import SyncRun, enroll
from tests.sync.test_form_versions import conflict_on_a_dropped_question
from tests.ui.sync_fixtures import (
    FAST,
    FORM_ID,
    Device,
    answers,
    click,
    make_device,
    open_sync_window,
    run_sync,
    sync_server,
    unique,
)

__all__ = ["make_device", "sync_server", "unique"]  # fixtures used by name

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def synced(device: Device) -> None:
    summary = SyncRun(device.store, policy=FAST).run()
    assert summary.error is None, summary.error


def test_conflict_list_shows_both_values_and_the_choice_reaches_the_server(
    qtbot, translations, make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    other = make_device(establishments=1)
    synced(other)
    mine = make_device(share_with=other)
    survey = other.store.start_survey(
        other.establishments[0], FORM_ID, "1", answers={"residents": 10}
    )
    synced(other)
    synced(mine)
    # The same two questions changed offline on both laptops.
    other.store.save_answers(survey.id, answers(residents=11, has_internet="yes"))
    mine.store.save_answers(survey.id, answers(residents=12, has_internet="no"))
    synced(other)
    window = open_sync_window(qtbot, translations, mine.data_dir, actor=mine.username)

    summary = run_sync(qtbot, window)

    assert summary.conflicts == 2
    assert "2 questions en conflit attendent votre choix" in "\n".join(
        window.sync_panel.log_lines()
    )
    assert window.status.conflicts.isVisible()
    assert window.status.conflicts.text() == "2 conflits à résoudre"
    window.show_conflicts()
    conflicts = window.conflict_list
    assert conflicts.isVisible()
    rows = {
        conflicts.table.item(r, 1).text(): (
            conflicts.table.item(r, 2).text(),
            conflicts.table.item(r, 3).text(),
        )
        for r in range(conflicts.table.rowCount())
    }
    # Labels and choices from the form definition, in French: no codes.
    assert rows == {"Résidents": ("11", "12"), "Connexion ?": ("Oui", "Non")}
    assert conflicts.table.item(0, 0).text() == other.codes[0]

    translations.apply("ar")
    qtbot.waitUntil(
        lambda: {conflicts.table.item(r, 1).text() for r in range(2)} == {"المقيمون", "اتصال؟"},
        timeout=5_000,
    )
    assert {conflicts.table.item(r, 3).text() for r in range(2)} == {
        "12",
        "لا",
    }  # Western digits, as Morocco writes them
    assert conflicts.layoutDirection().name == "RightToLeft"
    translations.apply("fr")

    # Side by side for the selected one: keep this laptop's number of residents, and the
    # other device's answer about the connection.
    by_question = {c.question: c for c in conflicts.conflicts}
    conflicts.select(by_question["residents"].id)
    assert (conflicts.server_value.text(), conflicts.client_value.text()) == ("11", "12")
    with qtbot.waitSignal(conflicts.resolved, timeout=10_000):
        click(qtbot, conflicts.keep_client)
    conflicts.select(by_question["has_internet"].id)
    assert (conflicts.server_value.text(), conflicts.client_value.text()) == ("Oui", "Non")
    with qtbot.waitSignal(conflicts.resolved, timeout=10_000):
        click(qtbot, conflicts.keep_server)
    assert conflicts.table.rowCount() == 0
    assert not window.status.conflicts.isVisible()
    # Two choices about one draft: counted as the one survey they change.
    assert window.status.pending.text() == "1 brouillon en cours (1 à envoyer)"

    after = run_sync(qtbot, window)

    assert after.ok, after.error
    state = sync_server.call("state")
    assert state["surveys"][survey.id]["answers"]["residents"] == 12
    assert state["surveys"][survey.id]["answers"]["has_internet"] == "yes"
    assert all(c["resolved"] for c in state["conflicts"] if c["survey_id"] == survey.id)
    synced(other)
    assert other.store.get_survey(survey.id).answers["residents"] == 12


def test_a_conflict_on_a_question_the_kept_version_dropped_offers_only_the_servers_value(
    qtbot, translations, make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    """Laptop B edited the manager on version 1 while A moved the draft to version 2, which
    dropped the question. B's list names it by its version-1 label, shows both values, and
    offers only "keep the server's value", saying why in fr/ar/en; keeping it closes the
    conflict on the server and sets nothing aside."""
    _, laptop_b, survey_id = conflict_on_a_dropped_question(sync_server, make_device)
    window = open_sync_window(qtbot, translations, laptop_b.data_dir, actor=laptop_b.username)
    window.show_conflicts()
    conflicts = window.conflict_list
    assert conflicts.table.rowCount() == 1
    assert conflicts.table.item(0, 1).text() == "Responsable"  # the label of version 1
    assert conflicts.client_value.text() == "Amina B."
    assert conflicts.keep_server.isVisible() and not conflicts.keep_client.isVisible()
    assert not conflicts.save_other.isVisible()
    reasons = {
        "fr": "ne figure plus dans la version 2 du formulaire",
        "ar": "لم يعد هذا السؤال موجودا في الإصدار \u20682\u2069",  # isolated in Arabic
        "en": "no longer in version 2 of the form",
    }
    for lang, words in reasons.items():
        translations.apply(lang)
        qtbot.waitUntil(lambda w=words: w in conflicts.dropped_reason.text(), timeout=5_000)
        assert conflicts.dropped_reason.isVisible()
    translations.apply("fr")
    with qtbot.waitSignal(conflicts.resolved, timeout=10_000):
        click(qtbot, conflicts.keep_server)
    assert conflicts.table.rowCount() == 0

    after = run_sync(qtbot, window)

    assert after.ok and after.set_aside == 0, after.error
    state = sync_server.call("state")
    assert "manager_name" not in state["surveys"][survey_id]["answers"]
    assert [c["resolved"] for c in state["conflicts"] if c["survey_id"] == survey_id] == [True]


def test_typed_value_resolves_a_conflict(
    qtbot, translations, make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    other = make_device(establishments=1)
    synced(other)
    mine = make_device(share_with=other)
    survey = other.store.start_survey(other.establishments[0], FORM_ID, "1", answers=answers())
    synced(other)
    synced(mine)
    other.store.save_answers(survey.id, answers(residents=30))
    mine.store.save_answers(survey.id, answers(residents=31))
    synced(other)
    window = open_sync_window(qtbot, translations, mine.data_dir, actor=mine.username)
    run_sync(qtbot, window)
    conflicts = window.conflict_list
    assert conflicts.editor is not None
    conflicts.editor.set_value(32)
    with qtbot.waitSignal(conflicts.resolved, timeout=10_000):
        click(qtbot, conflicts.save_other)
    assert run_sync(qtbot, window).ok
    assert sync_server.call("state")["surveys"][survey.id]["answers"]["residents"] == 32


def test_merged_answers_from_a_sync_show_in_the_open_survey_and_the_list(
    qtbot, translations, make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    other = make_device(establishments=1)
    synced(other)
    mine = make_device(share_with=other)
    survey = other.store.start_survey(other.establishments[0], FORM_ID, "1", answers=answers())
    synced(other)
    synced(mine)
    window = open_sync_window(qtbot, translations, mine.data_dir, actor=mine.username)
    window.open_survey(survey.id)
    form = window.survey_form
    assert form is not None and form.answers.get("notes") is None
    other.store.save_answers(survey.id, answers(notes="vu sur place par l'autre agent"))
    other.store.finalize(survey.id)
    synced(other)

    summary = run_sync(qtbot, window)

    assert summary.pulled >= 1
    qtbot.waitUntil(
        lambda: window.survey_form is not None and window.survey_form is not form, timeout=10_000
    )
    reopened = window.survey_form
    assert reopened.answers["notes"] == "vu sur place par l'autre agent"
    assert reopened.read_only  # finalized on the other laptop
    window.back_to_list(survey.establishment_id)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.list_page, timeout=5_000)
    assert window.model.data(window.model.index(0, 5)) == "Finalisée"


def test_a_returned_survey_shows_the_coordinators_comment(
    qtbot,
    translations,
    make_device: Callable[..., Device],
    sync_server: SyncServer,
    tmp_path,
    unique: Callable[[str], str],
) -> None:
    agent = make_device(establishments=1)
    synced(agent)
    survey = agent.store.start_survey(agent.establishments[0], FORM_ID, "1", answers=answers())
    agent.store.finalize(survey.id)
    synced(agent)
    coordinator_name = unique("coord")
    code = sync_server.call(
        "user", username=coordinator_name, role="coordinator", regions=["MA-07"]
    )
    with Store.open(tmp_path / "coordinator", actor=coordinator_name) as coordinator:
        enroll(coordinator, sync_server.url, code)
        assert SyncRun(coordinator, policy=FAST).run().error is None
        coordinator.review_survey(survey.id, "return", "Le nombre de résidents semble faux.")
        assert SyncRun(coordinator, policy=FAST).run().ok
    window = open_sync_window(qtbot, translations, agent.data_dir, actor=agent.username)
    window.select_establishment(agent.establishments[0])
    assert not window.detail.review_note.isVisible()

    run_sync(qtbot, window)

    note = window.detail.review_note
    assert note.isVisible()
    assert "Le nombre de résidents semble faux." in note.text()
    assert note.text().startswith("Renvoyée par votre coordinateur")
    window.open_establishment(agent.establishments[0])  # Enter: continue the returned survey
    form = window.survey_form
    assert form is not None and form.survey.id == survey.id
    assert form.returned_banner.isVisible()
    assert "Le nombre de résidents semble faux." in form.returned_banner.text()
