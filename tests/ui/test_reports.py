"""PDF reports: an establishment's baseline and a regional summary, written from a real store
with demo data, read back with poppler's pdftotext (French and Arabic); a missing photo, an
unwritable folder and a cancel leave no half-written file; every report string translated."""

from __future__ import annotations

import ast
import json
import random
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from fieldapp.demo import fill, make_establishments
from fieldapp.forms import baseline_form
from fieldapp.store import Store
from sync.client import STATE_REGIONS, STATE_ROLE
from ui import reports
from ui.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def pdf_text(path: Path) -> str:
    """The PDF's text with Arabic presentation forms folded back to letters (pdftotext gives
    the shaped glyphs), bidi controls dropped and whitespace collapsed."""
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    text = unicodedata.normalize("NFKC", raw)
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    return " ".join(text.split())


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def assert_pdf(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"%%EOF" in data[-64:]
    pages = page_count(path)
    assert pages > 0
    return pages


def jpeg(width: int = 640, height: int = 400) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#8d6e63"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG")
    return bytes(data)


@pytest.fixture
def store(data_dir: Path):
    with Store.open(data_dir) as store:
        fill(store, establishments=24, surveys=36, seed=7)
        yield store


def surveyed(store: Store) -> tuple[str, str]:
    """An establishment whose latest survey is finalized and on the grid (bills, photos)."""
    for (eid,) in store.conn.execute("SELECT id FROM establishments ORDER BY code"):
        latest = store.surveys_for(eid)
        if (
            latest
            and latest[0].status == "finalized"
            and latest[0].answers.get("grid_connected") == "yes"
        ):
            return eid, latest[0].id
    raise AssertionError("no finalized survey in the demo data")


def with_photo(store: Store, survey_id: str, question: str, photo: dict[str, str]) -> None:
    survey = store.get_survey(survey_id)
    answers = {**survey.answers, question: photo}
    store.conn.execute(
        "UPDATE surveys SET answers = ? WHERE id = ?", (json.dumps(answers), survey_id)
    )
    store.conn.commit()


def data_for(store: Store, eid: str) -> reports.EstablishmentData:
    survey = store.surveys_for(eid)[0]
    return reports.EstablishmentData(
        store.get_establishment(eid), survey, baseline_form(), store.read_attachment
    )


@needs_pdftotext
@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_establishment_report_has_its_code_labels_and_bills(qapp, store, tmp_path, lang):
    eid, sid = surveyed(store)
    sha = store.add_attachment(jpeg(), "image/jpeg")
    with_photo(store, sid, "photo_roof", {"sha256": sha, "filename": "toit.jpg"})
    target = tmp_path / f"report-{lang}.pdf"

    result = reports.write_establishment_report(data_for(store, eid), target, lang)

    assert result.path == target and result.pages == assert_pdf(target) >= 2
    assert "toit.jpg" not in result.missing_photos
    text = pdf_text(target)
    establishment = store.get_establishment(eid)
    assert establishment.code in text
    form = baseline_form()
    label = form.question("connection_type").label[lang]
    assert label in text
    assert form.item("bills").label[lang] in text  # the 12 bills as a small table
    heading = {"fr": "Indicateurs clés", "ar": "المؤشرات الرئيسية", "en": "Key indicators"}
    assert heading[lang] in text
    page = {"fr": "Page 1 sur", "ar": "الصفحة ?1 ?من", "en": "Page 1 of"}
    assert re.search(page[lang], text)  # pdftotext drops spaces around digits in Arabic
    # Both names on every page's header, whatever the language.
    assert establishment.name_ar in text and establishment.name_fr in text
    assert list(tmp_path.glob(".*.part")) == []


@needs_pdftotext
def test_non_relevant_answers_are_left_out(qapp, store, tmp_path):
    eid, sid = surveyed(store)
    survey = store.get_survey(sid)
    answers = {**survey.answers, "connection_type": "none", "download_mbps": 987.65}
    store.conn.execute("UPDATE surveys SET answers = ? WHERE id = ?", (json.dumps(answers), sid))
    store.conn.commit()
    target = tmp_path / "r.pdf"
    reports.write_establishment_report(data_for(store, eid), target, "fr")
    text = pdf_text(target)
    assert "Aucune connexion" in text
    assert "987" not in text  # the speed is not relevant without a connection


@needs_pdftotext
def test_a_missing_photo_prints_a_placeholder(qapp, store, tmp_path):
    eid, sid = surveyed(store)
    gone = "ab" * 32
    with_photo(store, sid, "photo_roof", {"sha256": gone, "filename": "toiture.jpg"})
    assert not store.attachment_path(gone).exists()
    target = tmp_path / "r.pdf"

    result = reports.write_establishment_report(data_for(store, eid), target, "fr")

    assert_pdf(target)
    assert "toiture.jpg" in result.missing_photos
    assert "Photo absente de cet ordinateur : toiture.jpg" in pdf_text(target)


def test_an_unwritable_folder_is_a_clear_error_and_no_file(qapp, store, tmp_path):
    eid, _sid = surveyed(store)
    target = tmp_path / "no-such-folder" / "r.pdf"
    with pytest.raises(reports.ReportError) as caught:
        reports.write_establishment_report(data_for(store, eid), target, "fr")
    assert caught.value.code == "unwritable"
    assert not target.exists() and not target.parent.exists()


def test_a_cancelled_report_leaves_the_old_file_untouched(qapp, store, tmp_path):
    eid, _sid = surveyed(store)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "r.pdf"
    target.write_bytes(b"the previous report")

    class CancelOnPageTwo(reports.ReportProgress):
        def step(self, done: int, total: int) -> None:
            if total > 1 and done == 1:  # the PDF is half written
                self.cancel()
            super().step(done, total)

    with pytest.raises(reports.ReportError) as caught:
        reports.write_establishment_report(data_for(store, eid), target, "fr", CancelOnPageTwo())
    assert caught.value.code == "cancelled"
    assert target.read_bytes() == b"the previous report"
    assert [p.name for p in out.iterdir()] == ["r.pdf"]


def test_an_establishment_without_survey_still_gets_a_report(qapp, store, tmp_path):
    (new,) = make_establishments(1, random.Random(3), start=900)
    store.upsert_establishments([new])
    eid = new.id
    assert store.surveys_for(eid) == []
    data = reports.EstablishmentData(store.get_establishment(eid), None, None, Path)
    assert assert_pdf(reports.write_establishment_report(data, tmp_path / "r.pdf", "ar").path)


@needs_pdftotext
@pytest.mark.parametrize(
    ("lang", "title", "per_agent"),
    [("fr", "Synthèse régionale", "Par enquêteur"), ("ar", "الخلاصة الجهوية", "حسب الباحث")],
)
def test_regional_summary_has_progress_tables_and_charts(
    qapp, store, data_dir, tmp_path, lang, title, per_agent
):
    region = store.distinct_values("region")[0]
    target = tmp_path / "summary.pdf"
    progress = reports.ReportProgress()

    result = reports.write_region_report(
        data_dir, [region], baseline_form(), target, lang, progress
    )

    assert result.pages == assert_pdf(target)
    assert progress.total > 0
    text = pdf_text(target)
    assert title in text and per_agent in text
    label = baseline_form().question("connection_type").label  # a chart's title
    assert {"fr": "Type de connexion", "ar": "نوع الربط"}[lang] in text or label[lang] in text
    province = store.conn.execute(
        "SELECT province FROM establishments WHERE region = ? LIMIT 1", (region,)
    ).fetchone()[0]
    assert reports.Wording(lang).place(province) in text


def test_summary_counts_equal_sql(qapp, store):
    summary = reports.summarize(store, [], baseline_form())
    sql = dict(store.conn.execute("SELECT survey_status, count(*) FROM establishments GROUP BY 1"))
    assert {k: v for k, v in summary.total.items() if v} == sql
    by_province = dict(
        store.conn.execute("SELECT province, count(*) FROM establishments GROUP BY 1")
    )
    assert {k: sum(v.values()) for k, v in summary.by_province.items()} == by_province


def test_a_page_paints_on_an_image_as_on_the_pdf(qapp, store):
    eid, _sid = surveyed(store)
    sheet = reports.establishment_sheet(data_for(store, eid), "ar")
    image = reports.page_image(sheet, 0, width=600)
    assert image.width() == 600 and image.height() == round(600 * 297 / 210)
    inked = sum(
        1
        for y in range(0, image.height(), 7)
        for x in range(0, image.width(), 7)
        if image.pixelColor(x, y) != QColor("white")
    )
    assert inked > 100


# -- in the app --------------------------------------------------------------------------


@pytest.fixture
def coordinator_profile(profile: Path) -> Path:
    with Store.open(profile) as store:
        fill(store, establishments=0, surveys=30, seed=11)
        store.set_state(STATE_ROLE, "coordinator")
        store.set_state(STATE_REGIONS, json.dumps([]))
    return profile


def test_the_detail_pane_writes_an_establishment_report(
    qtbot, coordinator_profile: Path, open_window: Callable[..., MainWindow], tmp_path: Path
):
    window = open_window(synchronous=True)
    eid = window.model.id_at(0)
    window.show_detail(eid)
    button = window.detail.report_button
    assert button.isVisible() and button.text() == "&Rapport (PDF)…"
    asked: list[str] = []
    window.detail.report_requested.connect(asked.append)
    button.click()
    assert asked[-1] == eid

    target = tmp_path / "rapport.pdf"
    window.coordination.reports.establishment_report(eid, target, "ar")

    assert_pdf(target)
    message = window.coordination.reports.last_message
    assert message.startswith("Rapport écrit : ") and str(target) in message


def test_an_unwritable_folder_is_told_in_the_ui_language(
    qtbot, coordinator_profile: Path, open_window: Callable[..., MainWindow], tmp_path: Path
):
    window = open_window("ar", synchronous=True)
    actions = window.coordination.reports
    target = tmp_path / "gone" / "r.pdf"
    actions.establishment_report(window.model.id_at(0), target, "fr")
    assert "لا يمكن كتابة التقرير" in actions.last_message
    assert str(target.parent) in actions.last_message
    assert actions.shown and actions.shown[-1].text() == actions.last_message
    assert not target.parent.exists()
    for box in actions.shown:
        box.close()


def test_the_dashboard_writes_the_regional_summary(
    qtbot, coordinator_profile: Path, open_window: Callable[..., MainWindow], tmp_path: Path
):
    window = open_window(synchronous=True)
    dashboard = window.coordination.workspace.dashboard
    assert dashboard.report_button.text() == "Synthèse régionale (PDF)…"
    assert window.coordination.reports.region_action.text()
    target = tmp_path / "synthese.pdf"
    window.coordination.reports.region_report([], target, "en")
    assert_pdf(target)
    assert window.coordination.reports.progress is None  # finished, dialog gone


def test_every_report_string_is_translated():
    """Each literal passed to tr() in the ui/reports modules, and the codes' words, are in the
    fr and ar files (an English report reads the source strings)."""
    package = Path(reports.__file__).parent
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in sorted(package.glob("*.py"))]
    wanted = {
        node.args[0].value
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", "")) == "tr"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }
    wanted |= set(reports.STATE_SOURCES.values())
    wanted |= {"&Report (PDF)…", "Regional summary (PDF)…"}
    for lang in ("fr", "ar", "en"):
        root = ET.parse(package.parent / "i18n" / f"reports_{lang}.ts").getroot()
        translated = {
            m.findtext("source")
            for m in root.iter("message")
            if (m.findtext("translation") or "").strip() or len(m.find("translation"))
        }
        assert wanted - translated == set(), lang
