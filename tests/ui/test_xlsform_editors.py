"""The desktop form renders every question of the public XLSForm corpus (issue 16), and the
editors of the XLSForm types beyond the baseline's take what an agent types."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from fieldapp.forms import Form, Question, demo_answers
from fieldapp.forms.answers import normalize
from fieldapp.forms.model import INPUT_TYPES, META_TYPES
from tests.core.forms.corpus_kit import check, load, manifest, path_of
from tests.core.forms.formkit import form_of, q
from ui.survey.text_editors import NoEditor
from ui.survey.views import QuestionView
from ui.survey.xlsform_editors import (
    AcknowledgeEditor,
    DateTimeEditor,
    GeotraceEditor,
    RangeEditor,
    TimeEditor,
    parse_time,
)


def _loading_forms() -> list[str]:
    return [str(path_of(e)) for e in manifest() if check(path_of(e)).loads]


def _first(answers: dict[str, Any], question: Question) -> Any:
    data: Any = answers
    for repeat in question.repeats:
        entries = data.get(repeat) if isinstance(data, dict) else None
        if not isinstance(entries, list) or not entries:
            return None
        data = entries[0]
    return data.get(question.name) if isinstance(data, dict) else None


@pytest.mark.parametrize("path", _loading_forms(), ids=lambda p: Path(p).name[:60])
def test_every_corpus_question_renders_offscreen(qtbot, path: str) -> None:
    name = Path(path).name
    form: Form = load(Path(path))
    answers = _draft(form)
    for question in form.questions:
        view = QuestionView(question, (0,) * len(question.repeats))
        qtbot.addWidget(view)
        view.set_language(form.default_language, form.default_language)
        view.show()
        if question.type in META_TYPES or question.type == "hidden":
            assert view.hidden_kind, question.name
        if question.type in INPUT_TYPES:
            assert not isinstance(view.editor, NoEditor), (name, question.name, question.type)
        raw = _first(answers, question)
        if raw in (None, "", [], {}) or question.type not in INPUT_TYPES:
            continue
        view.editor.set_value(normalize(question.type, raw))
        got = view.editor.value()
        if question.base == "geotrace":
            assert [(p["lat"], p["lon"]) for p in got] == [
                (p["lat"], p["lon"]) for p in normalize(question.type, raw)
            ]
        elif question.base not in ("select_multiple", "rank", "geopoint", "image"):
            assert got == normalize(question.type, raw), (name, question.name)


def _draft(form: Form) -> dict[str, Any]:
    try:
        return demo_answers(form, random.Random(16), complete=False)
    except ValueError:
        return form.initial_answers()


def test_time_and_datetime_are_typed(qtbot) -> None:
    assert parse_time("8:05") == "08:05"
    assert parse_time("14h30") == "14:30"
    assert parse_time("25:00") is None
    form = form_of([q("t", "time"), q("dt", "datetime")])
    time_editor = TimeEditor(form.question("t"))
    qtbot.addWidget(time_editor)
    with qtbot.waitSignal(time_editor.changed):
        qtbot.keyClicks(time_editor.edit, "7h45")
    assert time_editor.value() == "07:45"
    assert form.validate({"t": time_editor.value()}, finalize=False) == []
    qtbot.keyClicks(time_editor.edit, "x")
    assert time_editor.value() is None and not time_editor.problem.isHidden()
    dt = DateTimeEditor(form.question("dt"))
    qtbot.addWidget(dt)
    qtbot.keyClicks(dt.edit, "2025-03-01 14:30")
    assert dt.value() == "2025-03-01T14:30"
    dt.set_value("2024-12-31T08:00")
    assert dt.edit.text() == "2024-12-31 08:00"


def test_range_slider_steps_on_its_parameters(qtbot) -> None:
    form = form_of([q("r", "range", parameters={"start": "0", "end": "10", "step": "2.5"})])
    editor = RangeEditor(form.question("r"))
    qtbot.addWidget(editor)
    assert editor.value() is None  # empty until moved
    editor.slider.setFocus()
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(editor.slider, Qt.Key.Key_Right)
    assert editor.value() == 2.5
    editor.set_value(7.5)
    assert editor.slider.value() == 3
    assert form.validate({"r": editor.value()}, finalize=False) == []


def test_geotrace_points_typed_one_per_line(qtbot) -> None:
    form = form_of([q("line", "geotrace"), q("area", "geoshape")])
    editor = GeotraceEditor(form.question("line"))
    qtbot.addWidget(editor)
    editor.edit.setPlainText("32.2 -7.9\n32.3 -7.8")
    assert [(p["lat"], p["lon"]) for p in editor.value()] == [(32.2, -7.9), (32.3, -7.8)]
    assert form.validate({"line": editor.value()}, finalize=False) == []
    editor.edit.setPlainText("north")
    assert editor.value() is None and not editor.problem.isHidden()


def test_acknowledge_is_ok_or_nothing(qtbot) -> None:
    form = form_of([q("ack", "acknowledge")])
    editor = AcknowledgeEditor(form.question("ack"))
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.changed):
        editor.box.click()
    assert editor.value() == "OK"
    editor.set_value(None)
    assert editor.value() is None


def test_metadata_filled_when_saving(data_dir) -> None:
    """start/today/deviceid/username once (kept at later saves), end at every save, as ODK
    Collect fills them; through the same helper the form's save and finalize ops run."""
    from datetime import datetime

    from fieldapp.store import Store
    from tests.core.conftest import make_establishment
    from ui.survey.saving import with_metadata

    form = form_of(
        [q("start", "start"), q("end", "end"), q("today", "today"), q("deviceid", "deviceid"),
         q("username", "username"), q("phonenumber", "phonenumber"), q("a", "text")]
    )  # fmt: skip
    with Store.open(data_dir, actor="agent.rehamna") as store:
        est = make_establishment()
        store.upsert_establishments([est])
        store.set_state("device_id", "dev-42")
        survey = store.start_survey(est.id, form.id, form.version, answers={})
        first = with_metadata(store, form, survey.id, {"a": "x"})
        assert first["a"] == "x"
        assert first["deviceid"] == "dev-42" and first["username"] == "agent.rehamna"
        assert first["today"] == datetime.fromisoformat(first["start"]).date().isoformat()
        assert "phonenumber" not in first  # nothing to read on a laptop
        assert form.validate(first, finalize=True) == []
        store.save_answers(survey.id, first)
        later = with_metadata(store, form, survey.id, {"a": "y"})  # the UI's own answers
        assert later["start"] == first["start"]  # kept from the stored survey
        assert later["end"] >= first["end"]
        assert form.validate(later, finalize=True) == []


def test_saving_settles_what_odk_sets_once(data_dir) -> None:
    """Through the save op's helper: start-geopoint from the establishment's registered
    position, once()/random() kept across saves although the form's own copy of the answers
    never holds them, a trigger computed when its question changes, and ${last-saved#q}
    read from the survey of the form saved last on this laptop."""
    from dataclasses import replace

    from fieldapp.store import Store
    from tests.core.conftest import make_establishment
    from ui.survey.saving import with_metadata

    form = form_of(
        [q("where", "start-geopoint"), q("village", "text", default="${last-saved#village}"),
         q("n", "integer"), q("draw", "calculate", calculation="once(random())"),
         q("doubled", "calculate", calculation="${n} * 2", trigger="${n}")]
    )  # fmt: skip
    with Store.open(data_dir, actor="agent.rehamna") as store:
        est = replace(make_establishment(), latitude=32.24, longitude=-7.95)
        store.upsert_establishments([est])
        first_survey = store.start_survey(est.id, form.id, form.version, answers={})
        first = with_metadata(store, form, first_survey.id, {"village": "Ouled", "n": 2})
        assert first["where"]["lat"] == 32.24 and first["where"]["accuracy"] is None
        assert first["doubled"] == 4 and 0 <= first["draw"] < 1
        store.save_answers(first_survey.id, first)
        later = with_metadata(store, form, first_survey.id, {"village": "Ouled", "n": 2})
        assert later["draw"] == first["draw"] and later["doubled"] == 4
        store.save_answers(first_survey.id, later)
        changed = with_metadata(store, form, first_survey.id, {"village": "Ouled", "n": 5})
        assert changed["doubled"] == 10 and changed["draw"] == first["draw"]
        store.save_answers(first_survey.id, changed)
        # A new survey of the form starts from the last saved one's village.
        second = store.start_survey(est.id, form.id, form.version, answers=form.initial_answers())
        settled = with_metadata(store, form, second.id, second.answers)
        assert settled["village"] == "Ouled" and "_new" not in settled
        assert form.validate(settled, finalize=False) == []


def test_a_new_survey_starts_from_the_last_saved_one(data_dir) -> None:
    """${last-saved#q} defaults when the agent starts a survey (what start_survey prefills):
    the survey of the form saved last on this laptop, not another form's."""
    from fieldapp.store import Store
    from tests.core.conftest import make_establishment
    from ui.formcatalog import prefill

    form = form_of([q("village", "text", default="${last-saved#village}"), q("n", "integer")])
    other = form_of([q("village", "text")], id="other")
    with Store.open(data_dir, actor="agent.rehamna") as store:
        est = make_establishment()
        store.upsert_establishments([est])
        assert form.reads_last_saved and not other.reads_last_saved
        assert prefill(form, est, store.last_saved_answers(form.id)) == {}
        first = store.start_survey(est.id, form.id, form.version, answers={})
        store.save_answers(first.id, {"village": "Ouled Said", "n": 3})
        theirs = store.start_survey(est.id, other.id, other.version, answers={})
        store.save_answers(theirs.id, {"village": "Elsewhere"})
        last = store.last_saved_answers(form.id)
        assert prefill(form, est, last)["village"] == "Ouled Said"
