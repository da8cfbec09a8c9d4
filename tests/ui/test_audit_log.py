"""The audit metadata question (issue 16): the form records each question visited as the
agent moves (ODK's audit.csv columns, old and new values with track-changes=true), writes it
when the survey is left or finalized, appends later sessions, and exports it by name; rows
survive a killed app; identify-user, location parameters and change reasons as Collect."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from fieldapp.forms import load_form
from fieldapp.forms.audit import audit_question, tracks_changes
from fieldapp.forms.flatten import survey_csv
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.store import Store
from tests.core.forms.formkit import workbook


def _t(fr: str) -> dict[str, str]:
    return {"fr": fr}


def audited(track: bool) -> dict[str, Any]:
    return {
        "format": "fieldapp-form",
        "format_version": 1,
        "id": "audit_test",
        "version": "1",
        "title": _t("Audit"),
        "default_language": "fr",
        "languages": ["fr"],
        "children": [
            {
                "type": "audit",
                "name": "audit",
                "parameters": {"track-changes": "true"} if track else {},
            },
            {
                "type": "group",
                "name": "who",
                "label": _t("Qui"),
                "children": [
                    {"type": "text", "name": "manager_name", "label": _t("Responsable")},
                    {"type": "integer", "name": "residents", "label": _t("Résidents")},
                ],
            },
            {"type": "text", "name": "notes", "label": _t("Notes")},
        ],
    }


def stored_log(profile: Path, survey_id: str) -> tuple[dict[str, Any], list[list[str]]]:
    with Store.open(profile) as store:
        answers = store.get_survey(survey_id).answers
        data = store.read_attachment(answers["audit"]["sha256"])
    return answers, list(csv.reader(io.StringIO(data.decode("utf-8"))))


def visit(qtbot, form, name: str, text: str | None = None) -> None:
    section = form._section_of[name]
    if form.current_section != section:
        form.go_to_section(section)
    target = form.question_view(name).editor.focus_target()
    target.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(target.hasFocus)
    if text is not None:
        qtbot.keyClicks(target, text)


def test_visits_are_logged_with_old_and_new_values_and_appended_later(
    qtbot, survey_form_of, profile: Path
) -> None:
    form = survey_form_of(audited(track=True))
    survey_id = form.survey.id
    visit(qtbot, form, "manager_name", "Amina")
    visit(qtbot, form, "residents", "42")
    visit(qtbot, form, "manager_name")  # back, changes nothing
    assert form.leave()

    answers, rows = stored_log(profile, survey_id)
    assert answers["audit"]["filename"] == "audit.csv"
    assert rows[0] == ["event", "node", "start", "end", "old-value", "new-value"]
    events = [(r[0], r[1], r[4], r[5]) for r in rows[1:]]
    assert events == [
        ("form start", "", "", ""),
        ("question", "/data/who/manager_name", "", "Amina"),
        ("question", "/data/who/residents", "", "42"),
        ("question", "/data/who/manager_name", "Amina", "Amina"),
        ("form save", "", "", ""),
        ("form exit", "", "", ""),
    ]
    visits = [r for r in rows[1:] if r[0] == "question"]
    for row in visits:
        assert int(row[2]) <= int(row[3])  # start and end in ms since the epoch
    assert int(visits[0][3]) <= int(visits[1][2])

    # A second session appends to the same log, after the first one's rows.
    again = survey_form_of(audited(track=True), survey_id=survey_id)
    visit(qtbot, again, "notes", "toit en bon etat")
    assert again.leave()
    _answers, later = stored_log(profile, survey_id)
    assert later[: len(rows)] == rows
    assert [r[0] for r in later[len(rows) :]] == [
        "form resume",
        "question",
        "form save",
        "form exit",
    ]
    assert later[len(rows) + 1][1:2] == ["/data/notes"] and later[-3][5] == "toit en bon etat"

    # Exported like any attachment: its SHA-256 and its name.
    with Store.open(profile) as store:
        final = store.get_survey(survey_id).answers
    main, _repeats = survey_csv(load_form(audited(track=True)), survey_id, final)
    cells = next(csv.reader(io.StringIO(main)))
    assert cells[:2] == [final["audit"]["sha256"], "audit.csv"]


def test_without_track_changes_the_values_are_not_logged(qtbot, survey_form_of, profile: Path):
    form = survey_form_of(audited(track=False))
    visit(qtbot, form, "manager_name", "Secret")
    assert form.leave()
    _answers, rows = stored_log(profile, form.survey.id)
    assert rows[0] == ["event", "node", "start", "end"]
    assert "Secret" not in str(rows)


def test_a_form_without_audit_writes_no_log(qtbot, survey_form_of, profile: Path) -> None:
    definition = audited(track=True)
    definition["children"] = definition["children"][1:]
    form = survey_form_of(definition)
    visit(qtbot, form, "manager_name", "Amina")
    assert form.leave()
    with Store.open(profile) as store:
        assert "audit" not in store.get_survey(form.survey.id).answers
        count = store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0]
    assert count == 0


def test_an_xlsform_audit_keeps_track_changes(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "audit.xlsx",
        [
            ["type", "name", "label", "parameters"],
            ["audit", "audit", "", "track-changes=true"],
            ["text", "notes", "Notes", ""],
        ],
    )
    question = audit_question(read_xlsform(path))
    assert question is not None and tracks_changes(question)


# The app, killed: a child process opens the survey, types, waits for its autosave, says so,
# and is killed (SIGKILL) with the audit rows not yet in audit.csv.
CHILD = r"""
import json, sys, time
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from fieldapp.forms import load_form
from fieldapp.store import Store
from ui.survey.form import SurveyForm
from ui.tasks import Tasks

profile, survey_id, definition = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
app = QApplication([])
with Store.open(profile) as store:
    survey = store.get_survey(survey_id)
    establishment = store.get_establishment(survey.establishment_id)
tasks = Tasks(profile, actor="agent")
form = SurveyForm(load_form(definition), survey, establishment, tasks, report_error=print)
form.resize(1000, 700)
form.show()
form.activateWindow()
def wait_for(condition):
    deadline = time.monotonic() + 20
    while not condition():
        if time.monotonic() > deadline:
            sys.exit("the form never got the focus")
        app.processEvents()
wait_for(form.isActiveWindow)
def type_into(name, text):
    target = form.question_view(name).editor.focus_target()
    target.setFocus(Qt.FocusReason.TabFocusReason)
    wait_for(target.hasFocus)
    target.insert(text)
type_into("manager_name", "Amina")
type_into("residents", "42")
form.save()
tasks.settle()
print("SAVED", flush=True)
app.exec()
"""


def test_audit_rows_survive_a_killed_app(qtbot, survey_form_of, profile: Path) -> None:
    import json
    import os
    import select
    import signal
    import subprocess
    import sys

    definition = audited(track=True)
    with Store.open(profile) as store:
        eid = store.find_establishment_ids()[0]
        survey_id = store.start_survey(eid, "audit_test", "1").id
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(profile), survey_id, json.dumps(definition)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready and child.stdout.readline().strip() == "SAVED"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    with Store.open(profile) as store:
        survey = store.get_survey(survey_id)
        assert survey.answers["manager_name"] == "Amina"  # what the draft kept...
        assert "audit" not in survey.answers  # ...and no audit.csv: the app never left

    # Reopened: the killed session's rows go into the log first, then this session's.
    again = survey_form_of(definition, survey_id=survey_id)
    visit(qtbot, again, "notes", "ok")
    assert again.leave()
    _answers, rows = stored_log(profile, survey_id)
    events = [(r[0], r[1], r[5]) for r in rows[1:]]
    assert events[:3] == [
        ("form start", "", ""),
        ("question", "/data/who/manager_name", "Amina"),
        ("question", "/data/who/residents", "42"),  # the visit under way at the kill
    ]
    assert [e[0] for e in events[3:]] == ["form resume", "question", "form save", "form exit"]
    with Store.open(profile) as store:
        assert store.audit_rows(survey_id) == ""  # written, so no longer kept aside


def with_parameters(parameters: dict[str, str]) -> dict[str, Any]:
    definition = audited(track=False)
    definition["children"][0]["parameters"] = parameters
    return definition


def test_identify_user_asks_a_name_offers_the_agent_and_writes_it(
    qtbot, survey_form_of, profile: Path
) -> None:
    form = survey_form_of(with_parameters({"identify-user": "true"}))
    qtbot.waitUntil(lambda: form.audit_user_dialog is not None)
    dialog = form.audit_user_dialog
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    qtbot.waitUntil(lambda: dialog.name.text() == "agent")  # the signed-in agent, offered
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.name.clear()
    assert not ok.isEnabled()  # a name is required
    qtbot.keyClicks(dialog.name, "  ")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Fatima Zahra")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.audit_user_dialog is None)
    visit(qtbot, form, "manager_name", "Amina")
    assert form.leave()
    _answers, rows = stored_log(profile, form.survey.id)
    assert rows[0] == ["event", "node", "start", "end", "user"]
    assert {r[4] for r in rows[1:]} == {"Fatima Zahra"}
    assert [r[0] for r in rows[1:]] == ["form start", "question", "form save", "form exit"]


def test_identify_user_cancelled_leaves_the_survey(qtbot, survey_form_of) -> None:
    form = survey_form_of(with_parameters({"identify-user": "true"}))
    left: list[str] = []
    form.back.connect(left.append)
    qtbot.waitUntil(lambda: form.audit_user_dialog is not None)
    dialog = form.audit_user_dialog
    assert dialog is not None
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(left))
    assert left == [form.establishment.id]


def test_location_parameters_log_no_coordinates_on_a_laptop(
    qtbot, survey_form_of, profile: Path, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "located.xlsx",
        [
            ["type", "name", "label", "parameters"],
            [
                "audit",
                "audit",
                "",
                "location-priority=high-accuracy location-min-interval=20 location-max-age=60",
            ],
            ["text", "notes", "Notes", ""],
        ],
    )
    definition = read_xlsform(path).to_json()
    assert isinstance(definition, dict)
    form = survey_form_of(definition)
    visit(qtbot, form, "notes", "ok")
    assert form.leave()
    _answers, rows = stored_log(profile, form.survey.id)
    assert rows[0] == ["event", "node", "start", "end", "latitude", "longitude", "accuracy"]
    assert [r[0] for r in rows[1:4]] == [
        "form start",
        "location tracking enabled",
        "location providers disabled",
    ]
    assert all(r[4:7] == ["", "", ""] for r in rows[1:])  # never an invented position


def answer_reason(reason: str | None, seen: list[str]) -> None:
    """When the change-reason question shows, note it and give `reason` (None: Cancel)."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "changeReasonDialog":
            QTimer.singleShot(20, press)
            return
        seen.append(dialog.windowTitle())
        if reason is None:
            dialog.reject()
        else:
            dialog.name.setText(reason)
            dialog.accept()

    QTimer.singleShot(20, press)


def test_change_reasons_are_asked_when_a_saved_survey_is_changed(
    qtbot, survey_form_of, profile: Path
) -> None:
    definition = with_parameters({"track-changes-reasons": "on-form-edit"})
    first = survey_form_of(definition)
    survey_id = first.survey.id
    visit(qtbot, first, "manager_name", "Amina")
    assert first.leave()  # the first session makes the survey: no reason asked

    seen: list[str] = []
    unchanged = survey_form_of(definition, survey_id=survey_id)
    visit(qtbot, unchanged, "manager_name")
    assert unchanged.leave() and seen == []  # nothing changed: nothing asked

    changed = survey_form_of(definition, survey_id=survey_id)
    visit(qtbot, changed, "residents", "12")
    answer_reason(None, seen)
    assert not changed.leave()  # Cancel: the agent stays on the survey
    assert seen == ["Pourquoi avez-vous modifié cette enquête ?"]
    answer_reason("erreur de saisie", seen)
    assert changed.leave()
    _answers, rows = stored_log(profile, survey_id)
    assert rows[0] == ["event", "node", "start", "end", "change-reason"]
    reasons = [r for r in rows if r[0] == "change reason"]
    assert len(reasons) == 1 and reasons[0][4] == "erreur de saisie"
    assert [r[0] for r in rows[-3:]] == ["change reason", "form save", "form exit"]
