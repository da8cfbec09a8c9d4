"""What is left and what is unsent, counted in surveys: the status bar, the survey list of an
establishment, quitting, and the sections' ✓."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt

from fieldapp.forms import baseline_form, demo_answers
from fieldapp.store import Store
from fieldapp.store.unsent import sent_on, unsent_counts


def fill_store(profile, finalized: int, drafts: int, refused: int) -> list[str]:
    form = baseline_form()
    ids = []
    with Store.open(profile) as store:
        establishments = store.find_establishment_ids()
        for i in range(finalized + drafts + refused):
            survey = store.start_survey(establishments[i], form.id, form.version)
            answers = demo_answers(form, random.Random(i), complete=True)
            for _ in range(3):  # autosaves: more outbox rows, still one survey
                store.save_answers(survey.id, answers)
            if i < finalized:
                store.finalize(survey.id, answers)
            elif i >= finalized + drafts:
                change = store.pending_changes()[-1]
                store.set_aside(change.id, "refused")
            ids.append(survey.id)
    return ids


def test_counts_are_of_surveys_not_of_changes(profile):
    ids = fill_store(profile, finalized=3, drafts=1, refused=2)
    with Store.open(profile) as store:
        counts = unsent_counts(store.conn)
        assert store.outbox_count() > 6
        assert (counts.finalized_to_send, counts.drafts, counts.refused) == (3, 3, 2)
        assert sent_on(store.conn, ids) == {}  # nothing acknowledged yet


def test_status_bar_list_and_quitting_say_what_is_unsent(qtbot, open_window, profile):
    fill_store(profile, finalized=3, drafts=1, refused=0)
    window = open_window(ask_before_quit=True)
    qtbot.waitUntil(lambda: window.unsent is not None)
    text = window.status.pending.text()
    assert text.startswith("3 enquêtes finalisées à envoyer"), text
    assert "1 brouillon" in text
    window.show_detail(window.model.id_at(0))
    statuses = [
        window.detail.survey_table.item(r, 1).text()
        for r in range(window.detail.survey_table.rowCount())
    ]
    assert "Finalisée · non envoyée" in statuses
    window.close()
    assert window.isVisible() and window.quit_box is not None
    assert "3 enquêtes finalisées" in window.quit_box.text()
    qtbot.keyClick(window.quit_box, Qt.Key.Key_Return)  # "Stay" is the default
    assert window.isVisible()
    window.close()
    quit_button = next(b for b in window.quit_box.buttons() if b.text() == "Quitter quand même")
    quit_button.click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_section_of_optional_questions_gets_no_tick_before_an_answer(qtbot, open_window):
    window = open_window()
    window.start_survey(window.model.id_at(0))
    qtbot.waitUntil(lambda: window.survey_form is not None)
    form = window.survey_form
    last = len(form.form.sections) - 1
    assert form.nav.item(last).text().startswith("○")
    view = form.question_view("observations_text")
    qtbot.keyClicks(view.editor.focus_target(), "RAS")
    assert form.nav.item(last).text().startswith("✓")
