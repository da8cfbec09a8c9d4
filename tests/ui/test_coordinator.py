"""The coordinator workspace: dashboard figures equal SQL counts on demo data, a click on the
map opens the establishment, and approve / return reach the agent through a real server."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from fieldapp.demo import fill
from fieldapp.store import Store
from sync.client import STATE_REGIONS, STATE_ROLE, SyncRun, enroll
from tests.ui.sync_fixtures import (
    FORM_ID,
    answers,
    make_device,
    open_sync_window,
    sync_server,
    unique,
)
from ui.mainwindow import MainWindow

__all__ = ["make_device", "sync_server", "unique"]  # fixtures used by name

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def coordinator_profile(profile: Path) -> Path:
    with Store.open(profile) as store:
        fill(store, establishments=0, surveys=50, seed=11)
        store.set_state(STATE_ROLE, "coordinator")
        store.set_state(STATE_REGIONS, json.dumps([]))
    return profile


def test_an_agent_profile_has_no_coordinator_pages(open_window: Callable[..., MainWindow]):
    window = open_window(synchronous=True)
    assert window.coordination.workspace is None
    assert window.coordination.export_action.text()  # bundles are for everyone


def test_dashboard_figures_equal_sql_counts(
    coordinator_profile: Path, open_window: Callable[..., MainWindow]
):
    window = open_window(synchronous=True)
    workspace = window.coordination.workspace
    assert workspace is not None
    window.coordination.show_tab(0)
    board = workspace.dashboard.board
    assert board is not None
    sql = dict(
        window.store.conn.execute("SELECT survey_status, count(*) FROM establishments GROUP BY 1")
    )
    assert {k: v for k, v in board.progress.total.items() if v} == sql
    shown = {label: dict(counts) for label, counts in workspace.dashboard.progress.rows}
    assert sum(sum(c.values()) for c in shown.values()) == 40
    finalized = window.store.conn.execute(
        "SELECT count(*) FROM establishments WHERE survey_status = 'finalized'"
    ).fetchone()[0]
    assert board.indicators.surveyed == finalized
    assert workspace.dashboard.connected.bars[0][1] == board.indicators.connected
    assert workspace.dashboard.needs.bars  # ranked needs drawn


def open_map(open_window: Callable[..., MainWindow], width: int, height: int):  # type: ignore[no-untyped-def]
    window = open_window(synchronous=True)
    window.coordination.show_tab(1)
    view = window.coordination.workspace.map
    view.resize(width, height)
    view.fit()
    return window, view


def test_map_click_opens_the_establishment(
    qtbot, coordinator_profile: Path, open_window: Callable[..., MainWindow]
):
    window, view = open_map(open_window, 900, 700)
    # A point alone at this zoom (nearby ones are grouped: a click on a group zooms in).
    lone = [c.members[0][0] for c in view.clusters() if len(c.members) == 1]
    while not lone:
        view.zoom(2.0)
        lone = [c.members[0][0] for c in view.clusters() if len(c.members) == 1]
    target = lone[0]
    pos = view.screen_pos(target)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(pos.x()), round(pos.y())))
    assert window.pages.currentWidget() is window.list_page
    assert window.detail.establishment is not None
    assert window.detail.establishment.id == target


def test_approve_and_return_reach_the_agent(
    qtbot, sync_server, make_device, translations, tmp_path: Path, unique
):
    agent = make_device(establishments=2)
    SyncRun(agent.store).run()
    ids = []
    for establishment_id, residents in zip(agent.establishments, (12, 30), strict=True):
        survey = agent.store.start_survey(establishment_id, FORM_ID, "1", answers=answers())
        agent.store.finalize(survey.id, answers(residents=residents))
        ids.append(survey.id)
    assert SyncRun(agent.store).run().ok

    username = unique("coord")
    code = sync_server.call("user", username=username, role="coordinator", regions=["MA-07"])
    with Store.open(tmp_path / username, actor=username) as store:
        enroll(store, sync_server.url, code)
        assert SyncRun(store).run().error is None
    window = open_sync_window(qtbot, translations, tmp_path / username, actor=username)
    review = window.coordination.workspace.review
    window.coordination.show_tab(2)
    queued = [review.queue.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)]
    assert sorted(queued) == sorted(ids)
    # The queue names establishments in the UI language, also after switching it.
    names = {store_row["code"]: store_row for store_row in window.store.review_queue()}
    translations.apply("ar")
    qtbot.waitUntil(lambda: any(
        row["name_ar"] in review.queue.item(0).text() for row in names.values()
    ))  # fmt: skip
    translations.apply("fr")
    qtbot.waitUntil(lambda: any(
        row["name_fr"] in review.queue.item(0).text() for row in names.values()
    ))  # fmt: skip

    review.queue.setCurrentRow(queued.index(ids[0]))
    assert "30" not in review.answers.toPlainText() or ids[0] != queued[0]
    qtbot.mouseClick(review.approve_button, Qt.MouseButton.LeftButton)
    assert review.confirm_box is not None  # one click never decides
    assert review.queue.count() == 2
    qtbot.keyClick(review.confirm_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: review.queue.count() == 1)
    review.comment.setPlainText("Photo du compteur illisible")
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(review.confirm_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: review.queue.count() == 0)
    window.tasks.flush()
    with qtbot.waitSignal(window.sync.finished, timeout=60_000):
        window.sync.start("manual")
    assert window.sync.summary is not None and window.sync.summary.error is None

    assert SyncRun(agent.store).run().error is None
    approved = agent.store.get_survey(ids[0])
    returned = agent.store.get_survey(ids[1])
    assert approved.status == "approved"
    assert (returned.status, returned.review_comment) == ("returned", "Photo du compteur illisible")


@pytest.mark.parametrize(
    ("lang", "dashboard"), [("fr", "Tableau de bord"), ("ar", "لوحة القيادة"), ("en", "Dashboard")]
)
def test_workspace_speaks_each_language(
    coordinator_profile: Path, open_window: Callable[..., MainWindow], lang: str, dashboard: str
):
    window = open_window(lang, synchronous=True)
    workspace = window.coordination.workspace
    assert workspace.tabText(0) == dashboard
    assert window.coordination.bundle_menu.title()
    if lang == "ar":
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_coordinator_translations_are_complete():
    import xml.etree.ElementTree as ET

    for lang in ("fr", "ar", "en"):
        root = ET.parse(Path("ui/i18n") / f"coordinator_{lang}.ts").getroot()
        for message in root.iter("message"):
            translation = message.find("translation")
            assert translation.get("type") != "unfinished"
            assert (translation.text or "").strip() or len(translation)


def test_map_groups_nearby_establishments_with_tooltips(
    qtbot, coordinator_profile: Path, open_window: Callable[..., MainWindow]
):
    _window, view = open_map(open_window, 400, 300)
    clusters = view.clusters()
    assert sum(len(c.members) for c in clusters) == len(view.points)
    group = max(clusters, key=lambda c: len(c.members))
    assert len(group.members) > 1 and len(clusters) < len(view.points)
    assert view.tooltip_at(group.center).startswith(f"{len(group.members)} établissements")
    before = view.scale
    pos = QPoint(round(group.center.x()), round(group.center.y()))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=pos)
    assert view.scale > before  # a click on a group zooms in
    while not any(len(c.members) == 1 for c in view.clusters()):
        view.zoom(2.0)
    lone = next(c for c in view.clusters() if len(c.members) == 1)
    code = lone.members[0][4]
    assert view.tooltip_at(lone.center).startswith(code)
