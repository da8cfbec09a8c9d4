"""Audio, video and file answers (issue 16): a file the agent picks, by keyboard too, is
checked (size, accepted types), stored sealed by its SHA-256 like a photo, opened with the
system's player, sent by the real sync to a real server and exported by name. Label images
(media::image) travel inside the form's definition and show beside the label."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QFileDialog, QLineEdit

from fieldapp.forms import load_form
from fieldapp.forms.flatten import survey_csv
from fieldapp.forms.xlsform import read_xlsform
from sync.client import SyncRun
from tests.core.forms.formkit import workbook
from tests.core.forms.test_forms_cli import cli
from tests.ui.conftest import SurveyForms
from tests.ui.sync_fixtures import FAST, Device, make_device, sync_server, unique
from ui.survey.form import SurveyForm
from ui.survey.media_editors import FileEditor

__all__ = ["make_device", "sync_server", "unique"]


def _t(fr: str) -> dict[str, str]:
    return {"fr": fr}


MEDIA_FORM: dict[str, Any] = {
    "format": "fieldapp-form",
    "format_version": 1,
    "id": "media_test",
    "version": "1",
    "title": _t("Enregistrements"),
    "default_language": "fr",
    "languages": ["fr"],
    "children": [
        {"type": "audit", "name": "audit", "parameters": {"track-changes": "true"}},
        {"type": "text", "name": "manager_name", "label": _t("Responsable")},
        {"type": "audio", "name": "interview", "label": _t("Entretien enregistré")},
        {"type": "video", "name": "tour", "label": _t("Visite filmée")},
        {
            "type": "file",
            "name": "statutes",
            "label": _t("Statuts (PDF)"),
            "extra": {"body::accept": ".pdf"},
        },
    ],
}


def recording(path: Path, seconds: float = 0.5) -> Path:
    """A real WAV file (silence, 8 kHz mono)."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * int(8000 * seconds))
    return path


@pytest.fixture
def media_device(sync_server: Any, make_device: Callable[..., Device]) -> Device:
    sync_server.call("publish_form", definition=MEDIA_FORM)  # once: the server keeps it
    device = make_device(establishments=1)
    summary = SyncRun(device.store, policy=FAST).run()  # brings the form
    assert summary.ok, summary.error
    return device


@pytest.fixture
def open_form(qtbot, media_device: Device) -> Iterator[Callable[[], SurveyForm]]:
    forms = SurveyForms(qtbot, media_device.data_dir, actor=media_device.username)
    yield lambda: forms.open(MEDIA_FORM, establishment_id=media_device.establishments[0])
    forms.close()


def attach(qtbot, form: SurveyForm, name: str, path: Path) -> FileEditor:
    view = form.question_view(name)
    editor = view.editor
    assert isinstance(editor, FileEditor)
    form.attach_file(view, str(path))
    qtbot.waitUntil(lambda: editor.value() is not None or editor.problem.isVisibleTo(form))
    return editor


def test_a_recording_is_stored_sealed_sent_and_exported_by_name(
    qtbot, open_form, media_device: Device, sync_server: Any, tmp_path: Path
) -> None:
    form = open_form()
    audio = recording(tmp_path / "entretien directeur.wav")
    editor = attach(qtbot, form, "interview", audio)
    data = audio.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    assert editor.value() == {"sha256": sha, "filename": "entretien directeur.wav"}
    assert "entretien directeur.wav" in editor.name.text()
    assert editor.open.isVisibleTo(form) and editor.remove.isVisibleTo(form)
    # Stored sealed: the file on disk is not the recording; the store opens it.
    store = media_device.store
    assert store.attachment_path(sha).read_bytes() != data
    assert store.read_attachment(sha) == data
    mime = store.conn.execute("SELECT mime FROM attachments WHERE sha256 = ?", (sha,)).fetchone()
    assert mime[0] == "audio/x-wav" or mime[0].startswith("audio/")

    assert form.leave()  # saved, with the session's audit log
    survey = store.get_survey(form.survey.id)
    assert survey.answers["interview"]["sha256"] == sha
    audit = survey.answers["audit"]
    assert audit["filename"] == "audit.csv"

    summary = SyncRun(store, policy=FAST).run()
    assert summary.ok, summary.error
    assert summary.attachments_uploaded >= 1
    state = sync_server.call("state")
    assert state["attachments"][sha] == {"size": len(data), "received": len(data), "complete": True}
    assert state["attachments"][audit["sha256"]]["complete"]  # the log went up too
    assert state["surveys"][survey.id]["answers"]["interview"] == {
        "sha256": sha,
        "filename": "entretien directeur.wav",
    }
    # The export names the file next to its content address (server and app share flatten).
    main, _repeats = survey_csv(
        load_form(MEDIA_FORM), survey.id, state["surveys"][survey.id]["answers"]
    )
    cells = next(csv.reader(io.StringIO(main)))
    assert cells[:5] == [audit["sha256"], "audit.csv", "", sha, "entretien directeur.wav"]


def test_too_big_and_wrong_type_are_refused_and_the_answer_stays(
    qtbot, open_form, tmp_path: Path
) -> None:
    form = open_form()
    first = attach(qtbot, form, "interview", recording(tmp_path / "a.wav"))
    kept = first.value()
    big = tmp_path / "long.wav"
    with big.open("wb") as out:  # 51 MB, sparse: refused before anything is read
        out.truncate(51 * 1024 * 1024)
    form.attach_file(form.question_view("interview"), str(big))
    assert first.problem.isVisibleTo(form)
    assert "long.wav" in first.problem.text() and "51.0 MB" in first.problem.text()
    assert "50.0 MB" in first.problem.text()
    assert first.value() == kept

    text = tmp_path / "notes.txt"
    text.write_text("pas un enregistrement")
    form.attach_file(form.question_view("interview"), str(text))
    assert "notes.txt" in first.problem.text() and first.value() == kept

    pdf_only = form.question_view("statutes").editor
    assert isinstance(pdf_only, FileEditor)
    word = tmp_path / "statuts.docx"
    word.write_bytes(b"PK\x03\x04 not a pdf")
    form.attach_file(form.question_view("statutes"), str(word))
    assert ".pdf" in pdf_only.problem.text() and pdf_only.value() is None
    pdf = tmp_path / "statuts.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    attach(qtbot, form, "statutes", pdf)
    assert pdf_only.value() is not None and not pdf_only.problem.isVisibleTo(form)


def test_a_file_is_chosen_by_keyboard_in_the_file_dialog(qtbot, open_form, tmp_path: Path):
    form = open_form()
    clip = tmp_path / "visite.mp4"
    clip.write_bytes(os.urandom(4096))
    editor = form.question_view("tour").editor
    assert isinstance(editor, FileEditor)
    editor.focus_target().setFocus()
    qtbot.waitUntil(lambda: editor.pick.hasFocus())
    qtbot.keyClick(editor.pick, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: form.file_dialog is not None and form.file_dialog.isVisible())
    dialog = form.file_dialog
    assert isinstance(dialog, QFileDialog)
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    qtbot.waitUntil(name.hasFocus)  # the dialog opens on the file name
    qtbot.keyClicks(name, str(clip))
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.value() is not None, timeout=10_000)
    assert editor.value()["filename"] == "visite.mp4"
    qtbot.waitUntil(editor.pick.hasFocus)  # back on the question, for the next key


class Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_listen_opens_a_private_copy_with_the_system_player(qtbot, open_form, tmp_path: Path):
    form = open_form()
    audio = recording(tmp_path / "voix.wav")
    editor = attach(qtbot, form, "interview", audio)
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        qtbot.mouseClick(editor.open, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(opened.urls), timeout=5000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    copy = Path(opened.urls[0].toLocalFile())
    assert copy.name == "voix.wav" and copy.read_bytes() == audio.read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.parent.stat().st_mode) == 0o700


def test_label_images_travel_with_the_form_and_a_missing_one_shows_its_name(
    qtbot, survey_form_of, tmp_path: Path, capsys
) -> None:
    logo = QImage(400, 300, QImage.Format.Format_RGB32)
    logo.fill(QColor("#48c"))
    assert logo.save(str(tmp_path / "compteur.png"))
    path = workbook(
        tmp_path / "images.xlsx",
        [
            ["type", "name", "label", "media::image"],
            ["integer", "meter", "Index du compteur", "compteur.png"],
            ["text", "roof", "Toit", "toit.jpg"],
            ["text", "plain", "Sans image", ""],
        ],
    )
    code, out, _err = cli("check", str(path), str(tmp_path / "compteur.png"), capsys=capsys)
    assert code == 0 and "'toit.jpg' (a label image) is not given" in out
    assert "compteur.png" not in out
    # The definition that sync delivers carries the picture itself.
    definition = read_xlsform(path, [tmp_path / "compteur.png"]).to_json()
    assert isinstance(definition, dict)
    form = survey_form_of(json.loads(json.dumps(definition)))
    meter = form.question_view("meter")
    qtbot.waitUntil(meter.picture.isVisible)
    picture = meter.picture.pixmap()
    assert (picture.width(), picture.height()) == (213, 160)  # scaled to fit 240x160
    assert picture.toImage().pixelColor(10, 10) == QColor("#48c")
    form.go_to_section(form._section_of["roof"])
    roof = form.question_view("roof")
    qtbot.waitUntil(roof.picture.isVisible)
    assert roof.picture.pixmap().isNull() and roof.picture.text() == "Image manquante : toit.jpg"
    assert not form.question_view("plain").picture.isVisibleTo(form)
