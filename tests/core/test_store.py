"""The local store: each action writes its rows and its outbox entry together, or nothing."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from fieldapp.domain import SurveyStatus
from fieldapp.store import SCHEMA_VERSION, AckResult, Store, StoreError, StoreErrorCode, cipher
from tests.core.conftest import make_establishment

FIXTURES = Path(__file__).parent / "fixtures"


def outbox_rows(store: Store) -> list[tuple[str, str, str]]:
    return list(store.conn.execute("SELECT entity, entity_id, op FROM changes ORDER BY seq"))


def test_pragmas_give_durable_wal(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version == SCHEMA_VERSION


def test_every_survey_write_appends_to_the_outbox(store: Store) -> None:
    e = make_establishment()
    store.upsert_establishments([e])
    assert outbox_rows(store) == []  # the registry belongs to the server

    survey = store.start_survey(e.id, "baseline", "1")
    store.save_answers(survey.id, {"residents_total": 40})
    done = store.finalize(survey.id, {"residents_total": 41})

    assert [r[2] for r in outbox_rows(store)] == ["save", "save", "save"]
    last = store.pending_changes()[-1]
    assert last.payload["answers"] == {"residents_total": 41}
    assert last.payload["status"] == "finalized"
    assert done.revision == 3
    assert store.get_establishment(e.id).id == e.id
    audit = list(store.conn.execute("SELECT actor, action FROM audit"))
    assert audit == [("agent.test", "save")] * 3


def test_finalized_survey_is_not_editable_and_nothing_is_written(store: Store) -> None:
    e = make_establishment()
    store.upsert_establishments([e])
    survey = store.finalize(store.start_survey(e.id, "baseline", "1").id)
    before = store.outbox_count()
    with pytest.raises(StoreError) as err:
        store.save_answers(survey.id, {"x": 1})
    assert err.value.code == StoreErrorCode.INVALID
    assert store.outbox_count() == before
    assert store.get_survey(survey.id).answers == {}


def test_finalize_refused_by_validation_writes_nothing(store: Store) -> None:
    e = make_establishment()
    store.upsert_establishments([e])
    survey = store.start_survey(e.id, "baseline", "1")
    with pytest.raises(StoreError):
        store.finalize(survey.id, {"a": 1}, validate=lambda s: ["residents_total is required"])
    again = store.get_survey(survey.id)
    assert again.status == SurveyStatus.DRAFT
    assert again.answers == {}
    assert store.outbox_count() == 1


def test_survey_for_unknown_establishment_is_refused(store: Store) -> None:
    with pytest.raises(StoreError) as err:
        store.start_survey("no-such-id", "baseline", "1")
    assert err.value.code == StoreErrorCode.NOT_FOUND
    assert store.outbox_count() == 0


def test_search_folds_case_accents_and_arabic_variants(store: Store) -> None:
    store.upsert_establishments(
        [
            make_establishment(
                "EPS-05-00001", name_fr="Centre Al Amal", commune="Oued Zem", name_ar="مركز الأمل"
            ),
            make_establishment(
                "EPS-11-00002", name_fr="Maison Assalam", commune="Laâyoune", name_ar="دار السلام"
            ),
        ]
    )
    codes = lambda q: [store.get_establishment(i).code for i in store.find_establishment_ids(q)]  # noqa: E731
    assert codes("oued zem") == ["EPS-05-00001"]
    assert codes("LAAYOUNE") == ["EPS-11-00002"]
    assert codes("الامل") == ["EPS-05-00001"]  # typed without hamza
    assert codes("eps-") == ["EPS-05-00001", "EPS-11-00002"]
    assert codes("100%") == []  # LIKE wildcards are literal


def test_establishment_filter_follows_latest_survey_status(store: Store) -> None:
    a, b = make_establishment("EPS-07-00001"), make_establishment("EPS-07-00002", type="elderly")
    store.upsert_establishments([a, b])
    store.finalize(store.start_survey(a.id, "baseline", "1").id)
    assert store.find_establishment_ids(status="finalized") == [a.id]
    assert store.find_establishment_ids(status="not_started") == [b.id]
    assert store.find_establishment_ids(type="elderly") == [b.id]
    assert store.distinct_values("region") == ["MA-07"]


def test_acknowledge_settles_older_snapshots_and_rebases_newer(store: Store) -> None:
    e = make_establishment()
    store.upsert_establishments([e])
    s = store.start_survey(e.id, "baseline", "1", answers={"a": 1})
    store.save_answers(s.id, {"a": 2})
    first, second = store.pending_changes()
    store.save_answers(s.id, {"a": 2, "b": 5})  # typed while the push was in flight

    # The server applied `second` and merged another device's answer `c` into revision 7.
    store.acknowledge([AckResult(second.id, revision=7, answers={"a": 2, "c": "x"})])

    remaining = store.pending_changes()
    # It also carries `c`: based on revision 7, without it the push would delete `c`.
    assert [c.payload["answers"] for c in remaining] == [{"a": 2, "b": 5, "c": "x"}]
    assert remaining[0].base_revision == 7
    local = store.get_survey(s.id)
    assert local.base_revision == 7
    assert local.answers == {"a": 2, "b": 5, "c": "x"}
    # A replayed acknowledgement changes nothing.
    assert store.acknowledge([AckResult(first.id, revision=7)]) == 0


def test_set_aside_change_no_longer_blocks_the_queue(store: Store) -> None:
    e = make_establishment()
    store.upsert_establishments([e])
    s1 = store.start_survey(e.id, "baseline", "1")
    s2 = store.start_survey(e.id, "baseline", "1")
    c1 = store.pending_changes()[0]
    store.set_aside(c1.id, "establishment not assigned to this device")
    assert [c.entity_id for c in store.pending_changes()] == [s2.id]
    aside = store.set_aside_changes()
    assert [(c.entity_id, c.reason) for c in aside] == [
        (s1.id, "establishment not assigned to this device")
    ]
    # Listed from an index of the few set-aside rows, not by reading every outbox snapshot
    # (0.8 s on the UI thread for a 50,000-survey profile before schema 8).
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM changes WHERE state = 'set_aside' ORDER BY seq"
    ).fetchall()
    assert "USING INDEX idx_changes_set_aside" in " ".join(str(row[-1]) for row in plan)


def test_attachment_is_content_addressed_and_queued_once(store: Store) -> None:
    sha = store.add_attachment(b"jpeg bytes", "image/jpeg")
    assert store.add_attachment(b"jpeg bytes", "image/jpeg") == sha
    assert store.read_attachment(sha) == b"jpeg bytes"
    assert b"jpeg bytes" not in store.attachment_path(sha).read_bytes()
    assert outbox_rows(store) == [("attachment", sha, "upload")]
    assert store.check().ok


def test_check_reports_a_missing_attachment_file(store: Store) -> None:
    sha = store.add_attachment(b"roof photo", "image/jpeg")
    store.attachment_path(sha).unlink()
    report = store.check()
    assert not report.ok
    assert report.missing_attachment_files == [sha]


# -- bad input: a clear error and nothing written ----------------------------------------------


def test_foreign_file_is_refused_and_left_untouched(data_dir: Path) -> None:
    db = data_dir / "fieldapp.db"
    db.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 10)
    before = db.read_bytes()
    with pytest.raises(StoreError) as err:
        Store.open(data_dir)
    assert err.value.code == StoreErrorCode.NOT_A_DATABASE
    assert "not a FieldApp database" in str(err.value)
    assert db.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["fieldapp.db"]


def test_newer_schema_is_refused(data_dir: Path) -> None:
    Store.open(data_dir).close()
    conn = cipher.open_raw(data_dir)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError) as err:
        Store.open(data_dir)
    assert err.value.code == StoreErrorCode.NEWER_SCHEMA
    assert "newer FieldApp" in str(err.value)
    conn = cipher.open_raw(data_dir)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_truncated_database_is_reported_as_damaged(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.upsert_establishments([make_establishment(f"EPS-07-{i:05d}") for i in range(300)])
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = data_dir / "fieldapp.db"
    db.write_bytes(db.read_bytes()[: 4096 * 3])
    with pytest.raises(StoreError) as err:
        s = Store.open(data_dir)
        s.check()
    assert err.value.code == StoreErrorCode.CORRUPT


@pytest.fixture
def read_only_dir(tmp_path: Path):
    path = tmp_path / "ro"
    path.mkdir()
    if os.geteuid() == 0:  # root ignores permission bits; the immutable flag stops it too
        subprocess.run(["chattr", "+i", str(path)], check=True)
        yield path
        subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o500)
        yield path
        path.chmod(0o700)


def test_read_only_data_dir_is_refused(read_only_dir: Path) -> None:
    with pytest.raises(StoreError) as err:
        Store.open(read_only_dir)
    assert err.value.code == StoreErrorCode.READ_ONLY
    assert list(read_only_dir.iterdir()) == []


def test_full_disk_rolls_back_the_whole_action(store: Store) -> None:
    e = make_establishment()
    store.upsert_establishments([e])
    survey = store.start_survey(e.id, "baseline", "1")
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count={pages}")  # SQLite's own "disk full"
    with pytest.raises(StoreError) as err:
        store.save_answers(survey.id, {"observations": "x" * 200_000})
    assert err.value.code == StoreErrorCode.DISK_FULL
    assert "full" in str(err.value)
    assert store.get_survey(survey.id).answers == {}
    assert store.outbox_count() == 1


# -- migrations ---------------------------------------------------------------------------------


def test_profile_from_schema_1_opens_and_upgrades_in_place(tmp_path: Path) -> None:
    import shutil

    profile = tmp_path / "old"
    shutil.copytree(FIXTURES / "v1-profile", profile)
    with Store.open(profile) as store:
        assert store.schema_version == SCHEMA_VERSION
        survey = store.get_survey("0190a000-0000-7000-8000-0000000000a1")
        assert survey.status == SurveyStatus.DRAFT
        assert survey.answers["residents_total"] == 42
        assert store.outbox_count() == 3
        sha = survey.answers["roof_photo"]["sha256"]
        assert store.attachment_path(sha).exists()
        assert store.check().ok
        # The upgraded profile keeps working: new tables exist and edits queue as before.
        store.save_answers(survey.id, {**survey.answers, "residents_total": 43})
        assert store.outbox_count() == 4
        assert store.conn.execute("SELECT count(*) FROM conflicts").fetchone()[0] == 0
    assert (
        json.loads(cipher.open_raw(profile).execute("SELECT answers FROM surveys").fetchone()[0])[
            "residents_total"
        ]
        == 43
    )
