"""The Sync panel, automatic sync and enrollment against a real server over real HTTP.

The server is tests/sync's (Django in a child process on loopback); slow links, cuts and
captive portals come from bench/linkem.py. Waits are bounded (qtbot.waitUntil/waitSignal).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench._syncserver import SyncServer
from bench.linkem import LinkEmulator, Profile
from fieldapp.forms import baseline_form
from fieldapp.store import Store
from sync.client import STATE_SERVER, SyncRun, enroll
from sync.errors import SyncErrorCode
from tests.server.forms import form_definition
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
from ui.syncing import three_way_answers

__all__ = ["make_device", "sync_server", "unique"]  # fixtures used by name

# The offscreen platform cannot pass a window's size constraints on (the dock changes them).
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def link(sync_server: SyncServer) -> Iterator[LinkEmulator]:
    with LinkEmulator(sync_server.port, seed=3) as emulator:
        yield emulator


def link_url(link: LinkEmulator) -> str:
    return f"http://127.0.0.1:{link.port}"


def test_manual_sync_shows_each_phase_counts_and_a_readable_log(
    qtbot, translations, make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    device = make_device(establishments=2)
    window = open_sync_window(qtbot, translations, device.data_dir, actor=device.username)
    panel = window.sync_panel
    assert window.status.connectivity.text().startswith("● Hors ligne")
    first = run_sync(qtbot, window)  # the first pull brings the establishments and the form
    assert first.ok and first.pulled >= 3, first.error
    assert window.model.rowCount() == 2
    for establishment in device.establishments:
        device.store.start_survey(establishment, FORM_ID, "1", answers=answers())
    device.store.add_attachment(os.urandom(40_000), "image/jpeg")
    seen: list[tuple[str, int, int]] = []
    window.sync.progress.connect(lambda phase, done, total: seen.append((phase, done, total)))

    summary = run_sync(qtbot, window)

    assert summary.ok, summary.error
    assert {phase for phase, _, _ in seen} == {"changes", "attachments", "pull"}
    assert ("changes", 2, 2) in seen and ("attachments", 40_000, 40_000) in seen
    bars = panel.bars
    assert bars["changes"].value() == bars["changes"].maximum() == 2
    assert bars["attachments"].value() == bars["attachments"].maximum()
    assert bars["pull"].maximum() > 0 and bars["pull"].value() == bars["pull"].maximum()
    counts = {name: label.text() for name, label in panel.count_values.items()}
    assert counts["pushed"] == "2" and counts["set_aside"] == "0" and counts["conflicts"] == "0"
    assert counts["pulled"] == str(summary.pulled)
    lines = panel.log_lines()
    assert len(lines) >= 10
    assert all(line[2] == ":" and line[5] == ":" for line in lines)  # HH:MM:SS first
    text = "\n".join(lines)
    assert "Synchronisation lancée à la main." in text
    assert "Modifications : 2 envoyées et confirmées (0 fusionnées, 0 en conflit)" in text
    assert "Synchronisation terminée" in text
    assert window.status.connectivity.text() == "● En ligne"
    assert window.status.pending.text().startswith("Rien à envoyer")
    assert window.status.last_sync.text().startswith("Dernière synchro")
    assert not panel.cancel_button.isEnabled() and panel.sync_button.isEnabled()


def test_cancel_stops_at_a_safe_point_and_keeps_what_was_not_acknowledged(
    qtbot, translations, make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    slow = Profile("slow-uplink", rtt_ms=80, down_kbps=0, up_kbps=48)
    with LinkEmulator(sync_server.port, profile=slow, seed=4) as link:
        device = make_device(establishments=12, url=link_url(link))
        assert SyncRun(device.store, policy=FAST).run().ok
        ids = []
        for i, establishment in enumerate(device.establishments):
            for j in range(2):
                notes = os.urandom(300).hex() + f"{i}-{j}"
                survey = device.store.start_survey(
                    establishment, FORM_ID, "1", answers=answers(notes=notes)
                )
                ids.append(survey.id)
        window = open_sync_window(
            qtbot,
            translations,
            device.data_dir,
            actor=device.username,
            sync_options={"batch_bytes": 1024},
        )
        panel = window.sync_panel

        def cancel_after_first_batch(phase: str, done: int, _total: int) -> None:
            if phase == "changes" and done > 0 and not window.sync.cancelling:
                click(qtbot, panel.cancel_button)

        window.sync.progress.connect(cancel_after_first_batch)
        summary = run_sync(qtbot, window)

    assert summary.error is not None and summary.error["code"] == SyncErrorCode.CANCELLED
    assert 0 < summary.pushed < len(ids)
    remaining = device.store.outbox_count()
    assert remaining == len(ids) - summary.pushed
    on_server = set(sync_server.call("state")["surveys"])
    assert len(on_server & set(ids)) == summary.pushed  # nothing lost, nothing half-sent
    text = "\n".join(panel.log_lines())
    assert "Annulation" in text
    assert f"Annulée. Rien n'est perdu : {remaining} modifications restent à envoyer." in text
    assert panel.sync_button.isEnabled() and not panel.cancel_button.isEnabled()


def test_server_down_is_explained_and_shown_offline(
    qtbot, translations, make_device: Callable[..., Device], sync_server: SyncServer
) -> None:
    link = LinkEmulator(sync_server.port).start()  # stopped below, once
    device = make_device(establishments=1, url=link_url(link))
    assert SyncRun(device.store, policy=FAST).run().ok
    device.store.start_survey(device.establishments[0], FORM_ID, "1", answers=answers())
    window = open_sync_window(qtbot, translations, device.data_dir, actor=device.username)
    link.stop()  # the server's address no longer answers

    summary = run_sync(qtbot, window)

    assert summary.error is not None and summary.error["code"] == SyncErrorCode.UNREACHABLE
    text = "\n".join(window.sync_panel.log_lines())
    # Why, in the person's words: nothing listens on that port any more.
    assert summary.error["detail"] == "refused"
    assert "Échec : La machine du serveur a refusé la connexion." in text
    # Also where the eyes are: the status bar says why, and when the next try is.
    assert "refusé la connexion" in window.status.currentMessage()
    assert window.status.connectivity.text().startswith("● Serveur injoignable · nouvel essai à ")
    assert device.store.outbox_count() == 1


def test_captive_portal_is_explained_and_never_counts_as_online(
    qtbot, translations, make_device: Callable[..., Device], link: LinkEmulator
) -> None:
    device = make_device(establishments=1, url=link_url(link))
    assert SyncRun(device.store, policy=FAST).run().ok
    device.store.start_survey(device.establishments[0], FORM_ID, "1", answers=answers())
    link.inject("captive", count=50)  # every request meets the Wi-Fi login page
    window = open_sync_window(
        qtbot, translations, device.data_dir, actor=device.username, auto_sync=True
    )
    # Automatic sync probes: the login page's "200 OK" is not FieldApp's ping.
    qtbot.waitUntil(lambda: window.autosync.probes >= 2, timeout=15_000)
    assert window.status.connectivity.text().startswith("● Serveur injoignable · nouvel essai à ")
    assert window.sync.summary is None  # never started: the server was never reachable

    summary = run_sync(qtbot, window)

    assert summary.error is not None and summary.error["code"] == SyncErrorCode.NOT_FIELDAPP
    text = "\n".join(window.sync_panel.log_lines())
    assert "portail captif" in text
    assert window.status.connectivity.text().startswith("● Serveur injoignable · nouvel essai à ")
    assert device.store.outbox_count() == 1


def test_automatic_sync_starts_when_the_server_comes_up(
    qtbot, translations, tmp_path: Path, unique: Callable[[str], str]
) -> None:
    server = SyncServer(tmp_path / "late-server").start()
    try:
        server.call("publish_form", definition=form_definition())
        # The form a survey started in the app uses.
        server.call("publish_form", definition=baseline_form().to_json())
        username = unique("late")
        code = server.call("user", username=username)
        [establishment] = server.call(
            "establishments", codes=["EPS-07-00901"], assign_to=[username]
        )
        profile = tmp_path / "profile"
        with Store.open(profile, actor=username) as store:
            enroll(store, server.url, code)
        server.stop()  # the laptop starts with the server down

        window = open_sync_window(
            qtbot,
            translations,
            profile,
            actor=username,
            auto_sync=True,
            network_information=True,  # the hint, where this Qt has a backend
        )
        qtbot.waitUntil(lambda: window.autosync.probes >= 2, timeout=15_000)
        assert window.status.connectivity.text().startswith(
            "● Serveur injoignable · nouvel essai à "
        )
        assert window.sync.summary is None

        server.start()  # same port, same database
        qtbot.waitUntil(
            lambda: window.sync.summary is not None and not window.sync.running, timeout=60_000
        )
        summary = window.sync.summary
        assert summary is not None and summary.ok, summary.error
        assert summary.pulled >= 2
        assert window.model.rowCount() == 1 and window.model.id_at(0) == establishment
        assert window.status.connectivity.text() == "● En ligne"
        text = "\n".join(window.sync_panel.log_lines())
        assert "Synchronisation lancée : le serveur est joignable." in text

        # Local changes then go by themselves (here after a short pause).
        window.autosync._changes.setInterval(200)
        window.start_survey(establishment)
        qtbot.waitUntil(lambda: window.survey_form is not None, timeout=5_000)
        window.back_to_list(establishment)
        qtbot.waitUntil(
            lambda: bool(server.call("state")["surveys"]) and not window.sync.running,
            timeout=30_000,
        )
        qtbot.waitUntil(
            lambda: window.status.pending.text().startswith("Rien à envoyer"), timeout=10_000
        )
    finally:
        server.stop()


def test_enroll_from_settings_with_clear_errors(
    qtbot, translations, sync_server: SyncServer, data_dir: Path, unique: Callable[[str], str]
) -> None:
    window = open_sync_window(qtbot, translations, data_dir)
    assert window.status.connectivity.text() == "● Non inscrit"
    window.show_settings()
    settings = window.settings_dialog
    assert settings is not None
    assert "pas encore inscrit" in settings.enrollment.text()
    click(qtbot, settings.enroll_button)
    dialog = window.enroll_dialog
    assert dialog is not None and dialog.isVisible()

    def attempt(url: str, code: str, bundle: str = "") -> str:
        dialog.server.setText(url)
        dialog.code.setText(code)
        dialog.ca_bundle.setText(bundle)
        click(qtbot, dialog.enroll_button)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
        return dialog.message.text()

    assert "code d'inscription est inconnu" in attempt(sync_server.url, "NOPE-NOPE")
    closed_port = "http://127.0.0.1:9"
    assert "La machine du serveur a refusé la connexion" in attempt(closed_port, "X")
    # TLS spoken to a server that does not: an address problem (not a certificate one),
    # never retried without verification.
    tls = attempt(f"https://127.0.0.1:{sync_server.port}", "X")
    assert "Le serveur ne parle pas HTTPS sur ce port" in tls and "certificat" not in tls
    assert "n'est pas valide" in attempt(sync_server.url, "X", str(data_dir / "none.pem"))
    assert window.store.get_state(STATE_SERVER) is None

    code = sync_server.call("user", username=unique("enrolled"))
    assert "Inscrit en tant que" in attempt(sync_server.url, code)
    assert window.store.get_state(STATE_SERVER) == sync_server.url
    assert "Inscrit" in settings.enrollment.text()
    qtbot.waitUntil(lambda: window.status.connectivity.text() != "● Non inscrit", timeout=5_000)
    dialog.reject()
    settings.reject()


def test_open_survey_keeps_typed_answers_and_takes_merged_ones() -> None:
    saved = {"a": 1, "b": 2, "c": 3}
    stored = {"a": 10, "b": 2, "c": 30, "d": 4}  # the server merged a, c and d in
    editing = {"a": 1, "b": 20, "c": 33}  # the person changed b and c since the save
    assert three_way_answers(saved, stored, editing) == {"a": 10, "b": 20, "c": 33, "d": 4}


def test_sync_panel_says_when_the_server_was_restored_from_a_backup(
    qtbot, translations, tmp_path: Path
) -> None:
    with SyncServer(tmp_path / "server") as server:
        server.call("publish_form", definition=form_definition())
        code = server.call("user", username="restored")
        ids = server.call("establishments", codes=["EPS-UI-R1"], assign_to=["restored"])
        data = tmp_path / "profile"
        with Store.open(data, actor="restored") as store:
            enroll(store, server.url, code)
            assert SyncRun(store, policy=FAST).run().ok
            store.start_survey(ids[0], FORM_ID, "1", answers=answers())
            assert SyncRun(store, policy=FAST).run().ok
            backup = server.backup(tmp_path / "backup.sqlite3")
            lost = store.start_survey(ids[0], FORM_ID, "1", answers=answers(residents=7)).id
            assert SyncRun(store, policy=FAST).run().ok
        server.restore(backup)
        assert lost not in server.call("state")["surveys"]
        window = open_sync_window(qtbot, translations, data, actor="restored")
        summary = run_sync(qtbot, window)
        assert summary.ok and summary.server_change == "restored" and summary.resent == 1
        text = "\n".join(window.sync_panel.log_lines())
        assert (
            "Le serveur a été restauré depuis une sauvegarde plus ancienne : 1 modification(s) "
            "qu'il avait perdue(s) lui ont été renvoyée(s)." in text
        )
        assert server.call("state")["surveys"][lost]["answers"]["residents"] == 7
