"""The audit metadata question (issue 16): the form records each question visited as the
agent moves (ODK's audit.csv columns, old and new values with track-changes=true), writes it
when the survey is left or finalized, appends later sessions, and exports it by name."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

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
