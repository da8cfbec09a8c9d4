"""A server rebuilt from scratch or restored from an older backup: the devices notice, send
again what the server no longer holds, take what it hands out again, and lose nothing.

Each test runs its own server process (bench._syncserver) on a SQLite file copied as an
operator would, or on PostgreSQL with pg_dump / pg_restore (docs/deploy.md, "After a restore").
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from bench._syncserver import SQLITE_NAME, SyncServer
from fieldapp.store import Store
from sync.bundle import export_bundle, import_file, write_receipt
from sync.client import STATE_CURSOR, SyncRun, SyncSummary, enroll
from sync.transport import RetryPolicy
from tests.server.forms import form_definition
from tests.sync.conftest import FORM_ID, answers, recreate_database

FAST = RetryPolicy(connect_timeout=5, read_timeout=30, attempts=3, backoff_base=0.05, deadline=90)
PG_URL = os.environ.get(
    "FIELDAPP_TEST_DATABASE_URL", "postgres://fieldapp:fieldapp@127.0.0.1:5432/fieldapp"
)


def sync(store: Store) -> SyncSummary:
    summary = SyncRun(store, policy=FAST).run()
    assert summary.error is None, summary.error
    assert summary.ok, summary
    return summary


def seed(server: SyncServer, users: list[str], codes: list[str]) -> dict[str, Any]:
    server.call("publish_form", definition=form_definition())
    enroll_codes = {u: server.call("user", username=u) for u in users}
    ids = server.call("establishments", codes=codes, assign_to=users)
    return {"codes": enroll_codes, "ids": ids}


def server_surveys(server: SyncServer) -> dict[str, dict[str, Any]]:
    return server.call("state")["surveys"]  # type: ignore[no-any-return]


def assert_no_duplicates(server: SyncServer) -> None:
    ids = [i for i in server.call("state")["revision_change_ids"] if i]
    assert len(ids) == len(set(ids))


# ---- a rebuilt server ---------------------------------------------------------------------


def test_rebuilt_server_reimported_registry_reenrolled_laptop_sends_everything(
    tmp_path: Path,
) -> None:
    """The database is recreated and the same registry imported again (same codes, new ids);
    the laptop enrolls again and its next sync re-keys its establishments and sends every
    survey: nothing set aside as `unknown_establishment`, nothing left behind."""
    codes = ["EPS-R1", "EPS-R2"]
    with SyncServer(tmp_path / "server") as server, Store.open(tmp_path / "laptop") as laptop:
        first = seed(server, ["agent"], codes)
        enroll(laptop, server.url, first["codes"]["agent"])
        sync(laptop)
        made = [
            laptop.start_survey(e, FORM_ID, "1", answers=answers(residents=i + 1)).id
            for i, e in enumerate(first["ids"])
        ]
        sync(laptop)
        laptop.save_answers(made[0], answers(residents=1, notes="edited offline"))
        # Rebuild: a new database, the registry imported again under new ids.
        server.stop()
        (server.data / SQLITE_NAME).unlink()
        server.start()
        second = seed(server, ["agent"], codes)
        assert set(second["ids"]).isdisjoint(first["ids"])
        enrolled = enroll(laptop, server.url, second["codes"]["agent"])
        assert enrolled.other_instance
        summary = sync(laptop)
        assert summary.server_change == "other_instance"
        assert summary.set_aside == 0 and laptop.set_aside_changes() == []
        held = server_surveys(server)
        assert sorted(held) == sorted(made)
        assert held[made[0]]["answers"]["notes"] == "edited offline"
        assert held[made[1]]["answers"]["residents"] == 2
        # The local rows took the server's ids, with their surveys, in one audited step.
        assert sorted(laptop.find_establishment_ids()) == sorted(second["ids"])
        assert {laptop.get_survey(s).establishment_id for s in made} == set(second["ids"])
        rekeyed = laptop.conn.execute(
            "SELECT count(*) FROM audit WHERE action = 'rekeyed'"
        ).fetchone()[0]
        assert rekeyed == 2
        assert laptop.check().ok
        # Then quiet: nothing more to send, nothing re-sent.
        again = sync(laptop)
        assert again.pushed == 0 and again.resent == 0 and again.server_change == ""
        assert_no_duplicates(server)


def test_laptop_whose_changes_were_set_aside_by_a_rebuilt_server_gets_them_through(
    tmp_path: Path,
) -> None:
    """What the current release did: a laptop pushed to the rebuilt server before knowing it
    (its changes refused as `unknown_establishment` and set aside). Enrolled again, its next
    sync re-keys and sends them under new change ids."""
    codes = ["EPS-S1"]
    with SyncServer(tmp_path / "server") as server, Store.open(tmp_path / "laptop") as laptop:
        first = seed(server, ["agent"], codes)
        enroll(laptop, server.url, first["codes"]["agent"])
        sync(laptop)
        survey = laptop.start_survey(first["ids"][0], FORM_ID, "1", answers=answers()).id
        server.stop()
        (server.data / SQLITE_NAME).unlink()
        server.start()
        second = seed(server, ["agent"], codes)
        # The profile still points at the old instance: its push is answered 409 and the run
        # reconciles instead of having the survey refused.
        summary = SyncRun(laptop, policy=FAST).run()
        assert summary.error is not None and summary.error["code"] == "unauthorized"
        assert laptop.set_aside_changes() == []
        # A set-aside change from an older release is retried under a new id after enrolling.
        change = laptop.pending_changes()[0]
        laptop.set_aside(change.id, "unknown_establishment: establishment x does not exist")
        enroll(laptop, server.url, second["codes"]["agent"])
        summary = sync(laptop)
        assert summary.set_aside == 0 and laptop.set_aside_changes() == []
        assert server_surveys(server)[survey]["answers"] == answers()
        assert laptop.get_survey(survey).establishment_id == second["ids"][0]


# ---- a restored server --------------------------------------------------------------------


def restore_scenario(server: SyncServer, tmp_path: Path) -> None:
    """Push, back up, push more, restore, sync: the server holds everything again, nothing
    duplicated; the device whose cursor the restored feed grew past misses nothing; a device
    holding a lost revision takes the server's new revision of the same number."""
    ids = seed(server, ["a", "b"], [f"EPS-B{i}" for i in range(4)])
    a = Store.open(tmp_path / "a", actor="a")
    b = Store.open(tmp_path / "b", actor="b")
    try:
        enroll(a, server.url, ids["codes"]["a"])
        enroll(b, server.url, ids["codes"]["b"])
        sync(a)
        est = ids["ids"]
        early = [
            a.start_survey(est[i % 4], FORM_ID, "1", answers=answers(residents=i)).id
            for i in range(20)
        ]
        sync(a)
        sync(b)
        backup = server.backup(tmp_path / "backup.dump")
        # After the backup: ten more surveys, and a second revision of one of the early ones,
        # which b pulls (b then holds revision 2, about to be lost).
        late = [
            a.start_survey(est[i % 4], FORM_ID, "1", answers=answers(residents=100 + i)).id
            for i in range(10)
        ]
        a.save_answers(early[0], answers(residents=0, notes="lost revision"))
        sync(a)
        sync(b)
        assert b.get_survey(early[0]).answers["notes"] == "lost revision"
        assert len(server_surveys(server)) == 30
        server.restore(backup)
        assert len(server_surveys(server)) == 20
        # a writes over the lost revision before syncing again.
        a.save_answers(early[0], answers(residents=0, notes="after the restore"))
        summary = sync(a)
        assert summary.server_change == "restored"
        assert summary.resent == 11  # ten surveys and the edited one
        held = server_surveys(server)
        assert sorted(held) == sorted(early + late)
        assert held[early[0]]["answers"]["notes"] == "after the restore"
        assert held[early[0]]["revision"] == 2  # the number the restored server handed out again
        # b's cursor is past the restored feed's end: it is reset, and b takes everything,
        # including revision 2 of a survey it held a lost revision 2 of.
        assert b.get_state(STATE_CURSOR)
        summary = sync(b)
        assert summary.server_change == "restored" and summary.cursor_resets == 1
        for survey_id, head in server_surveys(server).items():
            assert b.get_survey(survey_id).answers == head["answers"], survey_id
            assert a.get_survey(survey_id).answers == head["answers"], survey_id
        # Quiet afterwards, and nothing duplicated.
        assert sync(a).pushed == 0 and sync(b).pushed == 0
        assert len(server_surveys(server)) == 30
        assert_no_duplicates(server)
    finally:
        a.close()
        b.close()


def test_restore_from_a_sqlite_file_copy(tmp_path: Path) -> None:
    with SyncServer(tmp_path / "server") as server:
        restore_scenario(server, tmp_path)


def test_restore_with_pg_dump_and_pg_restore(tmp_path: Path, pg_url: str) -> None:
    with SyncServer(tmp_path / "server", database_url=pg_url) as server:
        restore_scenario(server, tmp_path)


def test_my_lost_revision_sent_back_by_another_laptop_is_no_conflict_with_my_later_edit(
    tmp_path: Path,
) -> None:
    """b pulled a's second revision, which a restore lost; b syncs first and sends it back
    (the server hands out its number again). a, which edited on top of it since, must merge
    onto it, not conflict with its own earlier answer: a recognises the content of the
    revision it pushed itself (holdings digests include acknowledged pushes)."""
    with SyncServer(tmp_path / "server") as server:
        ids = seed(server, ["a", "b"], ["EPS-R1"])
        a = Store.open(tmp_path / "a", actor="a")
        b = Store.open(tmp_path / "b", actor="b")
        try:
            enroll(a, server.url, ids["codes"]["a"])
            enroll(b, server.url, ids["codes"]["b"])
            sync(a)
            survey = a.start_survey(ids["ids"][0], FORM_ID, "1", answers=answers(residents=1)).id
            sync(a)
            sync(b)
            backup = server.backup(tmp_path / "backup.dump")
            a.save_answers(survey, answers(residents=2, notes="second"))
            sync(a)
            sync(b)
            assert b.get_survey(survey).answers["notes"] == "second"
            server.restore(backup)
            a.save_answers(survey, answers(residents=2, notes="third"))
            assert sync(b).server_change == "restored"
            assert server_surveys(server)[survey]["answers"]["notes"] == "second"
            summary = sync(a)
            assert summary.server_change == "restored"
            assert summary.conflicts == 0 and a.open_conflicts() == []
            assert server_surveys(server)[survey]["answers"] == answers(residents=2, notes="third")
            sync(b)
            assert b.get_survey(survey).answers == answers(residents=2, notes="third")
            assert b.open_conflicts() == []
        finally:
            a.close()
            b.close()


# ---- the newcomer's first experiment ---------------------------------------------------------


def test_make_run_demo_profile_enrolled_on_make_server_demo_just_works(tmp_path: Path) -> None:
    """`make run` fills a profile with `fieldapp demo`; `make server` seeds the server's demo.
    Enrolling the one on the other with the real commands: no error, no made-up survey sent,
    the sync succeeds and brings agent1's establishments; a survey typed afterwards arrives."""
    import json
    import sys

    profile = tmp_path / "profile"
    env = {**os.environ, "FIELDAPP_TOKEN_STORE": "file"}

    def fieldapp(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fieldapp", "--data-dir", str(profile), *args],
            capture_output=True, text=True, timeout=300, env=env, check=False,
        )  # fmt: skip

    made = fieldapp(
        "demo", "--establishments", "200", "--surveys", "300", "--seed", "1", "--if-empty"
    )
    assert made.returncode == 0, made.stderr
    with SyncServer(tmp_path / "server") as server:
        code = server.call("seed_demo")
        enrolled = fieldapp("enroll", "--server", server.url, "--code", code)
        assert enrolled.returncode == 0, enrolled.stderr
        assert "300 generated surveys" in enrolled.stdout
        synced = fieldapp("sync", "--json")
        assert synced.returncode == 0, synced.stdout + synced.stderr
        summary = json.loads(synced.stdout)
        assert summary["ok"] and summary["set_aside"] == 0 and summary["pulled"] > 0
        assert server.call("state")["surveys"] == {}  # nothing made up reached the server
        with Store.open(profile) as store:
            mine = store.find_establishment_ids(assigned_only=True)
            assert len(mine) == 12  # agent1's half of the server demo
            form_id, version = store.form_versions()[0]  # the server's, pulled
            store.start_survey(mine[0], form_id, version)
        again = fieldapp("sync", "--json")
        assert again.returncode == 0, again.stdout
        assert json.loads(again.stdout)["pushed"] == 1
        assert len(server.call("state")["surveys"]) == 1


def test_restore_sends_again_the_reviews_and_assignments_a_coordinator_made(
    tmp_path: Path,
) -> None:
    """What a coordinator acknowledged after the backup (an approval, an assignment) is sent
    again by its laptop after the restore, with the agent's surveys sent again by the agent's."""
    with SyncServer(tmp_path / "server") as server:
        ids = seed(server, ["agent"], ["EPS-V1", "EPS-V2"])
        code = server.call("user", username="coord", role="coordinator", regions=["MA-07"])
        server.call("user", username="other")  # an agent to assign
        agent = Store.open(tmp_path / "agent", actor="agent")
        coord = Store.open(tmp_path / "coord", actor="coord")
        try:
            enroll(agent, server.url, ids["codes"]["agent"])
            enroll(coord, server.url, code)
            sync(agent)
            backup = server.backup(tmp_path / "backup.sqlite3")
            survey = agent.start_survey(ids["ids"][0], FORM_ID, "1", answers=answers()).id
            agent.finalize(survey, answers())
            sync(agent)
            sync(coord)
            coord.review_survey(survey, "approve")
            assert coord.assign([ids["ids"][1]], "other") == 1
            sync(coord)
            assert server_surveys(server)[survey]["status"] == "approved"
            server.restore(backup)
            assert survey not in server_surveys(server)
            assert sync(agent).resent == 1  # the agent's finalized survey first
            summary = sync(coord)
            assert summary.server_change == "restored" and summary.resent == 2
            assert server_surveys(server)[survey]["status"] == "approved"
            sync(agent)
            assert agent.get_survey(survey).status == "approved"
            sync(coord)
            assert "other" in coord.establishment_agents(ids["ids"][1])
            assert_no_duplicates(server)
        finally:
            agent.close()
            coord.close()


# ---- a relay to a rebuilt server ----------------------------------------------------------


def test_relayed_bundle_made_against_the_old_ids_reaches_a_rebuilt_server_rekeyed_by_code(
    tmp_path: Path, pg_url: str
) -> None:
    """The PostgreSQL database is recreated and the registry imported again under new ids.
    The agent enrolls again at the office but leaves before its laptop syncs; in the field it
    surveys against the old ids and sends a USB bundle through its coordinator. The relay
    reaches the rebuilt server as the laptop's own sync would: each change applied to the
    establishment of the official code the agent's device signed (audited `rekeyed`), nothing
    set aside; the receipt clears the agent's outbox and its own next sync sends nothing
    again. A carrier that swaps the signed code for another is refused."""
    codes = ["EPS-K1", "EPS-K2"]
    server = SyncServer(tmp_path / "server", database_url=pg_url).start()
    agent = Store.open(tmp_path / "agent", actor="agent")
    coordinator = Store.open(tmp_path / "coord", actor="coord")
    try:
        first = seed(server, ["agent"], codes)
        enroll(agent, server.url, first["codes"]["agent"])
        sync(agent)
        # Rebuild: a new database, the registry imported again under new ids, users again.
        server.stop()
        recreate_database(pg_url)
        server.start()
        second = seed(server, ["agent"], codes)
        assert set(second["ids"]).isdisjoint(first["ids"])
        assert enroll(agent, server.url, second["codes"]["agent"]).other_instance
        coord_code = server.call("user", username="coord", role="coordinator", regions=["MA-07"])
        enroll(coordinator, server.url, coord_code)
        sync(coordinator)
        # In the field: surveys of the establishments as the laptop knows them (old ids).
        made = [
            agent.start_survey(e, FORM_ID, "1", answers=answers(residents=40 + i)).id
            for i, e in enumerate(first["ids"])
        ]
        agent.finalize(made[1], answers(residents=41, has_internet="yes"))
        bundle = tmp_path / "usb" / "agent.fab"
        outbox = agent.outbox_count()
        export_bundle(agent, bundle, "correct horse battery")
        imported = import_file(coordinator, bundle, "correct horse battery")

        # A carrier that names another establishment than the agent signed is refused.
        swap = "UPDATE relay SET establishment_code = ?, state = ?, reason = '' WHERE entity_id = ?"
        with coordinator.conn:
            coordinator.conn.execute(swap, ("EPS-K2", "pending", made[0]))
        summary = SyncRun(coordinator, policy=FAST).run()
        assert summary.relayed == 1
        refused = [e for e in coordinator.relay_entries(imported.bundle_id) if e.reason]
        assert [e.entity_id for e in refused] == [made[0]]
        assert "establishment code of this relayed change does not verify" in refused[0].reason
        assert made[0] not in server_surveys(server)
        with coordinator.conn:
            coordinator.conn.execute(swap, ("EPS-K1", "pending", made[0]))

        summary = sync(coordinator)
        entries = coordinator.relay_entries(imported.bundle_id)
        assert summary.relayed == 1, [e.reason for e in entries]
        assert [e.state for e in entries] == ["acknowledged", "acknowledged"]
        held = server_surveys(server)
        assert sorted(held) == sorted(made)
        by_code = dict(zip(codes, second["ids"], strict=True))
        assert held[made[0]]["establishment_id"] == by_code["EPS-K1"]
        assert held[made[1]]["establishment_id"] == by_code["EPS-K2"]
        assert held[made[1]]["status"] == "finalized"
        assert held[made[0]]["answers"]["residents"] == 40
        rekeyed = coordinator.conn.execute(
            "SELECT count(*) FROM audit WHERE action = 'rekeyed'"
        ).fetchone()[0]
        assert rekeyed == 2

        receipt = tmp_path / "usb" / "receipt.fab"
        write_receipt(coordinator, bundle, receipt, "correct horse battery")
        assert import_file(agent, receipt, "correct horse battery").new == outbox
        assert agent.outbox_count() == 0
        # The agent's own next sync re-keys its establishments and sends nothing again.
        direct = sync(agent)
        assert direct.set_aside == 0 and agent.set_aside_changes() == []
        assert {agent.get_survey(s).establishment_id for s in made} == set(second["ids"])
        assert server_surveys(server) == held
        assert_no_duplicates(server)
    finally:
        agent.close()
        coordinator.close()
        server.stop()
