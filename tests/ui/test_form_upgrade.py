"""A newer form version pulled from the server: a draft is offered the move (what will not
fit is listed first), moves through the writer thread and reopens in the new version; new
surveys start in it; finalized surveys keep their version."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from fieldapp.forms import baseline_form
from fieldapp.store import Store
from fieldapp.store.store import ServerItem
from ui.mainwindow import MainWindow
from ui.survey.form import SurveyForm

NEW_VERSION = "2099.1"


def newer_baseline() -> dict[str, Any]:
    """The baseline's next version: respondent_name renamed, a new question, a choice gone."""
    data = copy.deepcopy(baseline_form().to_json())
    data["version"] = NEW_VERSION
    identification = next(c for c in data["children"] if c["name"] == "identification")
    for child in identification["children"]:
        if child["name"] == "respondent_name":
            child["name"] = "respondent_full_name"
    identification["children"].append(
        {
            "type": "text",
            "name": "whatsapp",
            "label": {"fr": "Numéro WhatsApp", "ar": "رقم واتساب", "en": "WhatsApp number"},
        }
    )
    return data


def pull_newer_version(profile: Path) -> None:
    """What a sync's pull does with a new form version: a 'form' item of the feed."""
    data = newer_baseline()
    with Store.open(profile) as store:
        store.apply_server_changes(
            [
                ServerItem(
                    "form",
                    f"{data['id']}:{NEW_VERSION}",
                    {"id": data["id"], "version": NEW_VERSION, "definition": data},
                )
            ]
        )


def old_draft(profile: Path, window: MainWindow, position: int, **answers: Any) -> str:
    establishment_id = window.model.id_at(position)
    assert establishment_id is not None
    form = baseline_form()
    with Store.open(profile, actor="agent.test") as store:
        return store.start_survey(establishment_id, form.id, form.version, answers=answers).id


def test_a_draft_moves_to_the_newer_version(qtbot, open_window, profile):
    window = open_window("en")
    survey_id = old_draft(
        profile, window, 0, respondent_name="Latifa Benali", commune="Benguerir", capacity=40
    )
    pull_newer_version(profile)
    window.open_survey(survey_id)
    form = window.survey_form
    assert isinstance(form, SurveyForm)
    assert form.form.version == baseline_form().version  # it keeps its version until moved
    assert form.newer_banner.isVisible()
    assert f"({NEW_VERSION})" in form.newer_banner.text.text()
    assert form.newer_banner.button.text() == f"Move this draft to {NEW_VERSION}…"

    form.newer_banner.button.click()
    qtbot.waitUntil(lambda: form.move_dialog is not None and form.move_dialog.isVisible())
    dialog = form.move_dialog
    assert dialog is not None
    label = baseline_form().question("respondent_name").label["en"]
    assert dialog.rows() == [
        (
            label,
            "Latifa Benali",
            f"This question is no longer asked here in version {NEW_VERSION} "
            "(removed, renamed or moved).",
        )
    ]
    assert "1 answer does not fit" in dialog.summary.text()
    dialog.move_button.click()

    qtbot.waitUntil(lambda: window.survey_form is not form and window.survey_form is not None)
    moved = window.survey_form
    assert moved.form.version == NEW_VERSION
    assert moved.survey.form_version == NEW_VERSION
    assert not moved.newer_banner.isVisible()
    assert "WhatsApp number" in moved.question_view("whatsapp").label.text()  # the new question
    assert moved.question_view("commune").editor.value() == "Benguerir"
    assert moved.question_view("capacity").editor.value() == 40
    assert "respondent_name" not in moved.answers

    with Store.open(profile) as store:
        survey = store.get_survey(survey_id)
        assert survey.form_version == NEW_VERSION
        assert survey.answers == {"commune": "Benguerir", "capacity": 40}
        last = [c for c in store.pending_changes() if c.entity_id == survey_id][-1]
        assert last.payload["form_version"] == NEW_VERSION
        assert last.payload["answers"] == survey.answers
        [detail] = [
            json.loads(r[0])
            for r in store.conn.execute(
                "SELECT detail FROM audit WHERE action = 'move_form_version' AND entity_id = ?",
                (survey_id,),
            )
        ]
    assert detail["from"] == baseline_form().version and detail["to"] == NEW_VERSION
    assert [(d["question"], d["value"]) for d in detail["dropped"]] == [
        ("respondent_name", "Latifa Benali")
    ]


def test_the_dialog_says_when_everything_fits_and_cancel_changes_nothing(
    qtbot, open_window, profile
):
    window = open_window("ar")
    survey_id = old_draft(profile, window, 1, commune="Benguerir")
    pull_newer_version(profile)
    window.open_survey(survey_id)
    form = window.survey_form
    assert form.newer_banner.isVisible()
    # The version isolated: it keeps its order inside the Arabic sentence.
    assert (
        form.newer_banner.button.text() == f"نقل هذه المسودة إلى الإصدار \u2068{NEW_VERSION}\u2069…"
    )
    form.offer_move()
    dialog = form.move_dialog
    assert dialog is not None and dialog.rows() == []
    assert not dialog.table.isVisibleTo(dialog)
    fits = f"كل الإجابات تتوافق مع الإصدار \u2068{NEW_VERSION}\u2069"
    assert dialog.summary.text().startswith(fits)
    assert dialog.layoutDirection().name == "RightToLeft"
    dialog.reject()
    qtbot.waitUntil(lambda: form.move_dialog is None)
    assert window.survey_form is form
    with Store.open(profile) as store:
        assert store.get_survey(survey_id).form_version == baseline_form().version


def test_a_new_survey_starts_in_the_newer_version(qtbot, open_window, profile):
    pull_newer_version(profile)
    window = open_window()
    window.start_survey(window.model.id_at(2))
    qtbot.waitUntil(lambda: window.survey_form is not None)
    form = window.survey_form
    assert form.form.version == NEW_VERSION
    assert form.survey.form_version == NEW_VERSION
    assert not form.newer_banner.isVisible()
    assert "Numéro WhatsApp" in form.question_view("whatsapp").label.text()


def test_a_finalized_survey_keeps_its_version_and_shows_no_banner(qtbot, open_window, profile):
    window = open_window()
    survey_id = old_draft(profile, window, 3)
    pull_newer_version(profile)
    with Store.open(profile) as store:
        store.conn.execute("UPDATE surveys SET status = 'finalized' WHERE id = ?", (survey_id,))
    window.open_survey(survey_id)
    form = window.survey_form
    assert form.form.version == baseline_form().version
    assert not form.newer_banner.isVisible()
    assert window.forms.newer_for(window.store, form.survey) is None


def test_a_draft_started_under_2024_1_moves_to_the_built_in_baseline_with_all_its_answers(
    qtbot, open_window, profile
):
    """Baseline 2024.2 (bills and staff as grids, the visit and bill ranges of 2024.1's last
    changes) replaces 2024.1 in the app: a draft started under 2024.1 on this laptop opens,
    is offered the move, and every answer fits."""
    from datetime import date, timedelta

    from ui.survey.dates import months_before
    from ui.survey.grid import RepeatGrid

    current = baseline_form()
    assert current.version == "2024.2"
    window = open_window("en")
    visit = (date.today() - timedelta(days=20)).isoformat()
    answers = {
        "respondent_name": "Latifa Benali",
        "visit_date": visit,
        "grid_connected": "yes",
        "staff": [{"staff_role": "director", "staff_number": 1, "staff_women": 1}],
        "bills": [
            {"bill_month": month, "amount_mad": 900 + i, "kwh": 600}
            for i, month in enumerate(months_before(visit, 12))
        ],
    }
    establishment_id = window.model.id_at(0)
    with Store.open(profile, actor="agent.test") as store:
        survey_id = store.start_survey(establishment_id, current.id, "2024.1", answers=answers).id
    window.open_survey(survey_id)
    form = window.survey_form
    assert isinstance(form, SurveyForm)
    assert form.newer_banner.isVisible()
    assert form.newer_banner.button.text() == "Move this draft to 2024.2…"
    form.offer_move()
    dialog = form.move_dialog
    assert dialog is not None and dialog.rows() == []  # every answer fits
    dialog.move_button.click()
    qtbot.waitUntil(lambda: window.survey_form is not form and window.survey_form is not None)
    moved = window.survey_form
    assert moved.survey.form_version == "2024.2" and not moved.newer_banner.isVisible()
    assert isinstance(moved.repeat_view("bills"), RepeatGrid)
    assert moved.grid("bills").model.index(11, 1).data() == "911"
    with Store.open(profile) as store:
        survey = store.get_survey(survey_id)
    assert survey.form_version == "2024.2"
    assert all(survey.answers[k] == v for k, v in answers.items())
