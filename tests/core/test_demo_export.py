"""Demo data follows the baseline form; exports give one row per survey and one column per
question, in files a person can open in Excel and QGIS."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fieldapp import demo
from fieldapp.demo import _identification
from fieldapp.export import META_COLUMNS, export_surveys
from fieldapp.forms import baseline_form, flatten
from fieldapp.geo import MOROCCO_BBOX, REGION_BY_CODE
from fieldapp.store import Store


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    profile = tmp_path_factory.mktemp("demo")
    with Store.open(profile) as store:
        demo.fill(store, establishments=25, surveys=60, seed=11)
    return profile


def test_demo_surveys_follow_the_baseline_form(filled: Path) -> None:
    form = baseline_form()
    with Store.open(filled) as store:
        counts = store.survey_counts()
        assert counts["draft"] > 0 and counts["finalized"] > 0
        assert sum(counts.values()) == 60
        for survey in store.iter_surveys():
            finalize = survey.status == "finalized"
            assert form.validate(survey.answers, finalize=finalize) == [], survey.id
            establishment = store.get_establishment(survey.establishment_id)
            if finalize:
                assert survey.answers["eps_code"] == establishment.code
        # Every demo survey is local work waiting to be synced.
        assert store.outbox_count() == 60


def test_demo_establishments_are_plausible(filled: Path) -> None:
    with Store.open(filled) as store:
        for eid in store.find_establishment_ids():
            e = store.get_establishment(eid)
            assert e.region in REGION_BY_CODE
            assert e.name_ar and e.name_fr and e.code.startswith("EPS-")
            assert MOROCCO_BBOX["lat_min"] <= e.latitude <= MOROCCO_BBOX["lat_max"]
            assert MOROCCO_BBOX["lon_min"] <= e.longitude <= MOROCCO_BBOX["lon_max"]


def test_demo_with_zero_establishments_uses_those_in_the_store(
    filled: Path, tmp_path: Path
) -> None:
    import shutil

    profile = tmp_path / "p"
    shutil.copytree(filled, profile)
    with Store.open(profile) as store:
        before = len(store.find_establishment_ids())
        made, surveys = demo.fill(store, establishments=0, surveys=10, seed=2)
        assert (made, surveys) == (0, 10)
        assert len(store.find_establishment_ids()) == before


def test_demo_with_few_distinct_answer_sets_still_follows_the_form(tmp_path: Path) -> None:
    """What bench/store.py fills 50,000 surveys with: answer sets drawn from a few, each
    survey still valid for its status and carrying its own establishment's identification."""
    form = baseline_form()
    with Store.open(tmp_path / "p") as store:
        demo.fill(store, establishments=10, surveys=40, seed=5, distinct_answers=3)
        surveys = list(store.iter_surveys())
        assert len(surveys) == 40 and len({s.id for s in surveys}) == 40
        kinds = {s.status == "finalized": set() for s in surveys}
        for survey in surveys:
            finalize = survey.status == "finalized"
            assert form.validate(survey.answers, finalize=finalize) == [], survey.id
            establishment = store.get_establishment(survey.establishment_id)
            if finalize:
                assert survey.answers["eps_code"] == establishment.code
            own = _identification(form, establishment)
            kept = {k: v for k, v in survey.answers.items() if k not in own}
            kinds[finalize].add(json.dumps(kept, sort_keys=True))
        assert all(1 <= len(found) <= 3 for found in kinds.values())


def test_csv_export_one_row_per_survey_one_column_per_question(
    filled: Path, tmp_path: Path
) -> None:
    form = baseline_form()
    out = tmp_path / "surveys.csv"
    with Store.open(filled) as store:
        written = export_surveys(store, "csv", out)
        statuses = {s.id: s.status for s in store.iter_surveys()}
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 after a BOM
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 60
    header = [*META_COLUMNS, *flatten.columns(form)]
    assert list(rows[0]) == header
    assert len(set(header)) == len(header)
    assert {r["_survey_id"]: r["_status"] for r in rows} == statuses
    repeat_files = [p for p in written if p != out]
    assert {p.name for p in repeat_files} == {
        f"surveys-{name}.csv" for name in flatten.repeat_tables(form)
    }
    for path in repeat_files:
        with path.open(encoding="utf-8-sig") as fh:
            repeat_rows = list(csv.DictReader(fh))
        header = next(csv.reader(path.open(encoding="utf-8-sig")))
        assert header[:2] == ["_survey_id", "_index"] and len(set(header)) == len(header)
        assert repeat_rows and all(r["_survey_id"] in statuses for r in repeat_rows)


def test_xlsx_export_has_a_sheet_per_repeat(filled: Path, tmp_path: Path) -> None:
    form = baseline_form()
    out = tmp_path / "surveys.xlsx"
    with Store.open(filled) as store:
        export_surveys(store, "xlsx", out)
    book = load_workbook(out)
    assert book.sheetnames == ["surveys", *[n[:31] for n in flatten.repeat_tables(form)]]
    assert book["surveys"].max_row == 61


def test_geojson_export_has_establishments_with_status(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "eps.geojson"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fieldapp",
            "--data-dir",
            str(filled),
            "export",
            "--format",
            "geojson",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 25
    feature = collection["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    assert -17.5 <= lon <= -0.9 and 20.5 <= lat <= 36.0
    assert feature["properties"]["status"] in {"not_started", "draft", "finalized"}


def test_demo_and_export_from_the_command_line(tmp_path: Path) -> None:
    profile = tmp_path / "cli"
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "fieldapp", "--data-dir", str(profile), *a],
        capture_output=True,
        text=True,
    )
    result = run("demo", "--establishments", "5", "--surveys", "7", "--seed", "1")
    assert result.returncode == 0, result.stderr
    assert "5 establishments and 7 surveys" in result.stdout
    assert run("demo", "--if-empty").stdout == ""  # already filled: nothing added
    out = tmp_path / "x" / "s.csv"
    result = run("export", "--format", "csv", "--out", str(out))
    assert result.returncode == 2 and not out.parent.exists()  # a typo creates no folder
    assert result.stderr.strip().count("\n") == 0 and "does not exist" in result.stderr
    out.parent.mkdir()
    result = run("export", "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8


def test_cancelled_export_leaves_the_previous_file(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "surveys.csv"
    out.write_text("previous good export\n", encoding="utf-8")

    class Cancelled(Exception):
        pass

    def cancel(count: int) -> None:  # a person pressed Cancel after the first rows
        raise Cancelled

    with Store.open(filled) as store, pytest.raises(Cancelled):
        export_surveys(store, "csv", out, progress=cancel, progress_every=10)
    assert out.read_text(encoding="utf-8") == "previous good export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["surveys.csv"]


def test_csv_export_in_worker_processes_writes_the_same_files(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("fieldapp.export.PAGE_SIZE", 9)  # several pages, kept in order
    calls: dict[int, list[int]] = {1: [], 2: []}
    files: dict[int, list[bytes]] = {}
    with Store.open(filled) as store:
        for workers in (1, 2):
            written = export_surveys(
                store,
                "csv",
                tmp_path / f"w{workers}" / "s.csv",
                progress=calls[workers].append,
                progress_every=7,
                workers=workers,
            )
            files[workers] = [p.read_bytes() for p in written]
    assert files[1] == files[2]
    assert calls[1] == calls[2] == list(range(7, 61, 7))


def test_cancelled_parallel_export_keeps_the_previous_file(filled: Path, tmp_path: Path):
    out = tmp_path / "s.csv"
    out.write_text("previous\n")

    def cancel(count: int) -> None:
        raise KeyboardInterrupt

    with Store.open(filled) as store, pytest.raises(KeyboardInterrupt):
        export_surveys(store, "csv", out, progress=cancel, progress_every=5, workers=2)
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


# -- the store keeps each survey's export text (fieldapp.store.export_cache) -----------------


def _reference_csv(store: Store, form) -> bytes:  # type: ignore[no-untyped-def]
    """The main CSV as csv.writer writes the meta columns and flatten_survey's cells (made
    inert), after the byte-order mark."""
    import io
    from datetime import UTC, datetime

    from fieldapp.export import _SURVEY_SQL
    from fieldapp.forms.flatten import flatten_survey, inert

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([*META_COLUMNS, *flatten.columns(form)])
    today = datetime.now(UTC).date()
    for row in store.conn.execute(_SURVEY_SQL, (form.id, "", 10**9)):
        values, _ = flatten_survey(form, json.loads(row[-1]), today=today)
        writer.writerow(inert([*row[:-1], *values]))
    return buf.getvalue().encode("utf-8-sig")


def _cached(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM survey_exports").fetchone()[0]


def test_saves_keep_the_export_text_and_the_export_copies_it(filled: Path, tmp_path: Path):
    import shutil

    from fieldapp.store import export_cache

    profile = tmp_path / "p"
    shutil.copytree(filled, profile)
    form = baseline_form()
    with Store.open(profile) as store:
        assert _cached(store) == 60  # demo.fill's bulk insert kept every survey's text
        warm = [p.read_bytes() for p in export_surveys(store, "csv", tmp_path / "a" / "s.csv")]
        assert warm[0] == _reference_csv(store, form)
        export_cache.clear(store)
        cold = [p.read_bytes() for p in export_surveys(store, "csv", tmp_path / "b" / "s.csv")]
        assert cold == warm
        assert _cached(store) == 60  # written back by the export that recomputed them
        again = export_surveys(store, "csv", tmp_path / "c" / "s.csv", workers=2)
        assert [p.read_bytes() for p in again] == warm

        # An autosave drops the text; finalize writes it in the same transaction.
        survey = next(s for s in store.iter_surveys() if s.status == "draft")
        store.save_answers(survey.id, {**survey.answers, "eps_code": "toit, fuite"})
        assert _cached(store) == 59
        store.finalize(survey.id)
        key, main = store.conn.execute(
            "SELECT form_key, main FROM survey_exports WHERE survey_id = ?", (survey.id,)
        ).fetchone()
        assert key == flatten.export_key(form) and '"toit, fuite"' in main

        # Any other write of the answers drops the text (trigger): never a stale row.
        store.conn.execute(
            "UPDATE surveys SET answers = ? WHERE id = ?",
            (json.dumps({**survey.answers, "eps_code": "raw sql"}), survey.id),
        )
        assert _cached(store) == 59
        export_surveys(store, "csv", tmp_path / "d" / "s.csv")
        assert (tmp_path / "d" / "s.csv").read_bytes() == _reference_csv(store, form)
        assert b"raw sql" in (tmp_path / "d" / "s.csv").read_bytes()
        assert _cached(store) == 60


def test_write_back_skips_surveys_that_changed_meanwhile(filled: Path, tmp_path: Path):
    import shutil

    from fieldapp.store import export_cache

    profile = tmp_path / "p"
    shutil.copytree(filled, profile)
    with Store.open(profile) as store:
        export_cache.clear(store)
        (sid, answers) = store.conn.execute("SELECT id, answers FROM surveys LIMIT 1").fetchone()
        export_cache.write_back(store, [(sid, answers + " ", "k", "old", "{}")])
        assert _cached(store) == 0
        export_cache.write_back(store, [(sid, answers, "k", "new", "{}")])
        assert store.conn.execute("SELECT main FROM survey_exports").fetchall() == [("new",)]


def test_write_back_without_comparing_only_while_nothing_was_written(filled: Path, tmp_path: Path):
    """The write-back stores rows without comparing answers only when nothing was written
    since the export read them: a write by another connection, or by this one, in between
    makes it compare, so a survey saved meanwhile never gets the old text."""
    import shutil

    from fieldapp.store import export_cache

    profile = tmp_path / "p"
    shutil.copytree(filled, profile)
    with Store.open(profile) as store, Store.open(profile) as other:
        export_cache.clear(store)
        rows = store.conn.execute(
            "SELECT id, answers FROM surveys WHERE status = 'draft' ORDER BY id LIMIT 3"
        ).fetchall()
        (a, a_answers), (b, b_answers), (c, c_answers) = rows

        since = export_cache.snapshot(store)
        other.save_answers(a, {**json.loads(a_answers), "eps_code": "another connection"})
        export_cache.write_back(store, [(a, a_answers, "k", "old a", "{}")], since)

        since = export_cache.snapshot(store)
        store.save_answers(b, {**json.loads(b_answers), "eps_code": "this connection"})
        export_cache.write_back(store, [(b, b_answers, "k", "old b", "{}")], since)
        assert _cached(store) == 0

        since = export_cache.snapshot(store)
        after = export_cache.write_back(store, [(c, c_answers, "k", "c", "{}")], since)
        assert after is not None  # nothing was written meanwhile: the next rows too
        assert store.conn.execute("SELECT main FROM survey_exports").fetchall() == [("c",)]


def test_a_survey_saved_during_a_cold_export_is_not_cached_with_its_old_text(
    filled: Path, tmp_path: Path
):
    import shutil

    from fieldapp.store import export_cache

    profile = tmp_path / "p"
    shutil.copytree(filled, profile)
    form = baseline_form()
    with Store.open(profile) as store, Store.open(profile) as other:
        export_cache.clear(store)
        survey = next(s for s in store.iter_surveys() if s.status == "draft")

        def save_meanwhile(count: int) -> None:
            other.save_answers(survey.id, {**survey.answers, "eps_code": "saved meanwhile"})

        export_surveys(
            store, "csv", tmp_path / "a" / "s.csv", progress=save_meanwhile, progress_every=10
        )
        assert _cached(store) == 59
        written = store.conn.execute(
            "SELECT count(*) FROM survey_exports WHERE survey_id = ?", (survey.id,)
        ).fetchone()[0]
        assert written == 0
        export_surveys(store, "csv", tmp_path / "b" / "s.csv")
        text = (tmp_path / "b" / "s.csv").read_bytes()
        assert text == _reference_csv(store, form) and b"saved meanwhile" in text


def test_rows_of_another_form_version_are_recomputed(filled: Path, tmp_path: Path):
    from fieldapp.forms import load_form

    definition = baseline_form().to_json()
    definition["version"] = "2099.1"
    other = load_form(definition)
    with Store.open(filled) as store:
        written = export_surveys(store, "csv", tmp_path / "s.csv", form=other)
    assert len(written[0].read_text(encoding="utf-8").splitlines()) == 61


def test_a_pulled_survey_brings_its_export_text(filled: Path, tmp_path: Path):
    """The pull writes each received survey's export row in its transaction: an export right
    after a sync copies text (and the file is what flattening would write)."""
    import shutil

    from fieldapp.store.records import ServerItem

    profile = tmp_path / "p"
    shutil.copytree(filled, profile)
    form = baseline_form()
    with Store.open(profile) as store:
        survey = next(s for s in store.iter_surveys() if s.status == "finalized")
        other = next(s for s in store.iter_surveys() if s.id != survey.id)
        pulled = {
            "id": survey.id,
            "establishment_id": survey.establishment_id,
            "form_id": form.id,
            "form_version": form.version,
            "status": "approved",
            "answers": {**survey.answers, "eps_code": "tiré du serveur"},
            "revision": survey.base_revision + 5,
            "updated_at": "2026-12-06T10:00:00Z",
            "author": "agent7",
        }
        new_id = "0190f000-0000-7000-8000-00000000f00d"
        fresh = {**pulled, "id": new_id, "establishment_id": other.establishment_id}
        store.apply_server_changes(
            [ServerItem("survey", survey.id, pulled), ServerItem("survey", new_id, fresh)]
        )
        rows = dict(store.conn.execute("SELECT survey_id, main FROM survey_exports").fetchall())
        assert len(rows) == 61
        assert "tiré du serveur" in rows[new_id]
        # The other one has edits of its own not yet sent: kept as it is, and so is its text.
        assert store.get_survey(survey.id).answers == survey.answers
        (key,) = store.conn.execute(
            "SELECT form_key FROM survey_exports WHERE survey_id = ?", (new_id,)
        ).fetchone()
        assert key == flatten.export_key(form)  # the export copies it, flattens nothing
        export_surveys(store, "csv", tmp_path / "e" / "s.csv", workers=1)
        assert (tmp_path / "e" / "s.csv").read_bytes() == _reference_csv(store, form)
