"""The establishment list's model: Qt's model contract, and the same matches as the store."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from fieldapp.demo import make_establishments
from fieldapp.store import Store
from ui.establishments import ID_ROLE, EstablishmentTableModel


@pytest.fixture
def store(data_dir):
    with Store.open(data_dir) as store:
        store.upsert_establishments(make_establishments(300, random.Random(2)))
        yield store


def test_model_follows_qt_rules_while_filtering(qtmodeltester, store):
    model = EstablishmentTableModel(store)
    model.refresh()
    qtmodeltester.check(model)
    model.set_filter("khour", region="MA-05")
    qtmodeltester.check(model)
    model.set_filter("", status="not_started", region=None)
    qtmodeltester.check(model)
    assert model.rowCount() == 300


@pytest.mark.parametrize(
    "query", ["", "eps", "EPS-07", "khouribga", "oued zem", "وادي", "دار المسنين", "%", "_", "zz"]
)
def test_in_memory_search_matches_the_store(store, query):
    model = EstablishmentTableModel(store)
    for region in (None, "MA-07"):
        model.set_filter(query, region=region)
        ids = [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]
        assert ids == store.find_establishment_ids(query, region=region)


def test_rows_are_read_a_page_at_a_time(store, monkeypatch):
    model = EstablishmentTableModel(store)
    model.refresh()
    asked: list[int] = []
    real = store.establishment_rows
    monkeypatch.setattr(
        store, "establishment_rows", lambda ids: asked.append(len(ids)) or real(ids)
    )
    for row in range(0, 150):
        model.index(row, 0).data()
    assert asked == [200]
    assert model.index(299, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_search_index_query_lists_every_establishment_by_code(store):
    index = store.establishment_search_index()
    assert [row[0] for row in index] == store.find_establishment_ids()
    assert all(row[4] == "not_started" for row in index)
