"""Arabic type-ahead and search outside the survey form: the list's search box, its filter
drop-downs, the coordinator's drop-downs and review queue find Arabic labels by the word
typed without its article ("ال") and whatever its hamza form, as the survey's drop-downs do
(one function: fieldapp.text.search_keys). Real widgets, real key events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.domain import Establishment, new_id
from fieldapp.store import Store
from fieldapp.text import matches, prefix_rank, query_words, search_keys, starts_with
from sync.client import STATE_REGIONS, STATE_ROLE
from ui.widgets import TypeAheadCombo, TypeAheadList

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_one_folding_for_every_search() -> None:
    assert "مدير" in search_keys("المدير أو المديرة")
    assert starts_with("الدار البيضاء سطات", "د") and starts_with("مراكش آسفي", "أ")
    assert starts_with("Béni Mellal-Khénifra", "khe")
    assert not starts_with("مراكش آسفي", "د")
    words = query_words("الدار  إيواء")
    assert words == ["دار", "ايواء"]
    assert matches("دار الايواء الامل", words) and not matches("دار الطالب", words)


def type_text(widget: QWidget, text: str) -> None:
    """Keys as an Arabic keyboard sends them (QTest only knows Latin-1 keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    QApplication.processEvents()


def wait_typing_pause(qtbot) -> None:
    qtbot.wait(QApplication.keyboardInputInterval() + 50)


def _establishment(code: str, name_fr: str, name_ar: str, region: str) -> Establishment:
    return Establishment(
        id=new_id(), code=code, name_fr=name_fr, name_ar=name_ar, type="elderly",
        region=region, province="Safi", commune="Safi",
    )  # fmt: skip


@pytest.fixture
def arabic_profile(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        store.upsert_establishments(
            [
                _establishment("EPS-07-00001", "Dar Al Amal", "دار الأمل للمسنين", "MA-07"),
                _establishment("EPS-06-00002", "Centre social", "المركز الاجتماعي", "MA-06"),
                _establishment("EPS-11-00003", "Foyer Ennour", "مؤسسة النور", "MA-11"),
            ]
        )
    return data_dir


def test_the_list_search_and_filters_find_arabic_without_the_article(
    qtbot, translations, arabic_profile: Path
) -> None:
    from ui.mainwindow import MainWindow

    translations.apply("ar")
    window = MainWindow(arabic_profile, translations=translations)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    search = window.filters.search
    search.setFocus()
    # "الدار" (with the article) finds "دار الأمل"; "امل" without hamza finds "الأمل".
    for typed, code in (("الدار", "EPS-07-00001"), ("امل", "EPS-07-00001"), ("مركز", "EPS-06")):
        search.clear()
        type_text(search, typed)
        qtbot.waitUntil(
            lambda code=code: (
                window.model.rowCount() == 1
                and window.model.data(window.model.index(0, 0)).startswith(code)
            )
        )
    # The same matching in the store (the list pages rows from it).
    with Store.open(arabic_profile) as store:
        assert len(store.find_establishment_ids("الدار")) == 1

    search.clear()
    region = window.filters.region
    assert isinstance(region, TypeAheadCombo)
    region.setFocus()
    type_text(region, "د")  # "الدار البيضاء سطات": Qt's own type-ahead finds nothing
    assert region.currentData() == "MA-06"
    wait_typing_pause(qtbot)
    type_text(region, "ع")  # "العيون الساقية الحمراء"
    assert region.currentData() == "MA-11"
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)


def test_a_drop_down_and_a_list_type_ahead_on_every_word(qtbot) -> None:
    combo = TypeAheadCombo()
    qtbot.addWidget(combo)
    combo.addItems(["كل الجهات", "مراكش آسفي", "الدار البيضاء سطات", "بني ملال خنيفرة"])
    combo.show()
    type_text(combo, "خن")  # a later word's start
    assert combo.currentIndex() == 3
    wait_typing_pause(qtbot)
    type_text(combo, "أس")  # typed with a hamza, "آسفي" has a madda: folded alike
    assert combo.currentIndex() == 1

    queue = TypeAheadList()
    qtbot.addWidget(queue)
    queue.addItems(["EPS-07-00001 · دار الأمل", "EPS-06-00002 · المركز الاجتماعي"])
    queue.show()
    queue.setFocus()
    type_text(queue, "مركز")
    assert queue.currentRow() == 1
    wait_typing_pause(qtbot)
    type_text(queue, "أمل")  # "الأمل", typed without the article
    assert queue.currentRow() == 0


def test_each_letter_narrows_to_the_best_match_a_label_start_first() -> None:
    roles = ["Infirmier ou aide-soignant", "Administration et comptabilité", "Autre"]
    assert [prefix_rank(label, "a") for label in roles] == [1, 0, 0]
    assert prefix_rank("3. Autre", "au") == 0  # after the digit that picks it
    assert prefix_rank("الأخرى", "أخ") == 0 and prefix_rank("Autre", "x") is None


def test_drop_downs_open_or_closed_pick_the_label_that_begins_with_the_letters(qtbot) -> None:
    combo = TypeAheadCombo()
    qtbot.addWidget(combo)
    # The baseline's staff roles as the survey numbers them: "a" used to pick the nurse
    # ("aide-soignant", first in the list), the agent meant "Administration" or "Autre".
    combo.addItems(
        [
            "1. Direction",
            "2. Infirmier ou aide-soignant",
            "3. Administration et comptabilité",
            "4. Autre",
        ]
    )
    combo.show()
    type_text(combo, "a")
    assert combo.currentIndex() == 2
    type_text(combo, "u")  # "au": narrows to Autre
    assert combo.currentIndex() == 3
    wait_typing_pause(qtbot)
    type_text(combo, "ai")  # only a later word begins with it: still found
    assert combo.currentIndex() == 1

    # The open list searches the same way (Qt's own search matched "1. D…" only by its digit).
    combo.setCurrentIndex(0)
    combo.showPopup()
    qtbot.waitUntil(combo.view().isVisible)
    wait_typing_pause(qtbot)
    type_text(combo.view(), "adm")
    assert combo.view().currentIndex().row() == 2
    wait_typing_pause(qtbot)
    arabic = ["6. أخصائي نفسي", "7. الطبخ", "11. أخرى"]
    combo.hidePopup()
    combo.clear()
    combo.addItems(arabic)
    combo.setCurrentIndex(1)
    type_text(combo, "أخ")
    assert combo.currentIndex() == 0  # both begin with it: the list's order
    type_text(combo, "ر")  # "أخر": narrows to أخرى
    assert combo.currentIndex() == 2


def test_the_coordinators_agent_box_finds_names_folded(qtbot, open_window, profile: Path) -> None:
    with Store.open(profile) as store:
        store.set_state(STATE_ROLE, "coordinator")
        store.set_state(STATE_REGIONS, json.dumps([]))
        ids = store.find_establishment_ids()
        store.assign(ids[:1], "أمينة.بنعلي", assign=True)
        store.assign(ids[:1], "Élodie.Martin", assign=True)
        store.assign(ids[:1], "agent.safi", assign=True)
    window = open_window("ar", synchronous=True)
    window.coordination.show_tab(3)
    panel = window.coordination.workspace.assignments
    qtbot.waitUntil(panel.isVisible)
    panel.refresh()
    window.activateWindow()
    box = panel.agent
    line = box.lineEdit()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    popup = box.completer().popup()
    for typed, found in (
        ("امينه", "أمينة.بنعلي"),
        ("elo", "Élodie.Martin"),
        ("SAFI", "agent.safi"),
    ):
        line.clear()
        type_text(line, typed)  # without hamza, without accents, in capitals
        qtbot.waitUntil(popup.isVisible)
        model = box.completer().completionModel()
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == [found]
        QApplication.sendEvent(
            popup, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
        )
        QApplication.sendEvent(
            popup,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        )
        QApplication.processEvents()
        assert box.currentText() == found
