"""The attachment kinds issue 16 adds, on the server: a recording, a document and the audit
log reach the server through the real sync (live server, real HTTP) as verified files and are
exported by name; label images published with an XLSForm travel inside its definition."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
from pathlib import Path
from typing import Any

from django.core.management import call_command

from fieldapp.forms.audit import AuditEvent, append_csv
from fieldapp.store import Store
from server.attachments.models import Attachment
from server.surveys.models import FormVersion
from tests.core.forms.formkit import workbook
from tests.server.helpers import make_establishment, make_user
from tests.server.test_server_cli import run


def _t(fr: str) -> dict[str, str]:
    return {"fr": fr}


FILES_FORM: dict[str, Any] = {
    "format": "fieldapp-form",
    "format_version": 1,
    "id": "files_test",
    "version": "1",
    "title": _t("Pièces"),
    "default_language": "fr",
    "languages": ["fr"],
    "children": [
        {"type": "audit", "name": "audit", "parameters": {"track-changes": "true"}},
        {"type": "audio", "name": "interview", "label": _t("Entretien")},
        {"type": "file", "name": "statutes", "label": _t("Statuts")},
    ],
}


def test_recordings_documents_and_audit_logs_go_up_and_are_exported_by_name(
    transactional_db: None, live_server: Any, tmp_path: Path, monkeypatch
) -> None:
    from server.accounts.models import issue_enrollment_code
    from server.registry.actions import assign
    from server.surveys.actions import publish_form
    from sync.client import SyncRun, enroll

    monkeypatch.setenv("FIELDAPP_TOKEN_STORE", "file")
    publish_form(FILES_FORM)
    agent = make_user("agent1", "agent")
    assign(make_establishment("EPS-F1", "MA-07"), agent)
    code, _ = issue_enrollment_code(agent)
    recording = b"RIFF" + bytes(range(256)) * 400  # 100 KB
    statutes = b"%PDF-1.4\n" + b"statuts " * 3000
    log = append_csv(
        None,
        [AuditEvent("form start", "", 1), AuditEvent("question", "/data/interview", 2, 9)],
        track=True,
    )
    with Store.open(tmp_path / "profile", actor="agent1") as store:
        enroll(store, live_server.url, code)
        assert SyncRun(store).run().error is None
        shas = {
            "interview": store.add_attachment(recording, "audio/x-wav"),
            "statutes": store.add_attachment(statutes, "application/pdf"),
            "audit": store.add_attachment(log, "text/csv"),
        }
        survey = store.start_survey(store.find_establishment_ids()[0], "files_test", "1")
        store.finalize(
            survey.id,
            {
                "interview": {"sha256": shas["interview"], "filename": "entretien.wav"},
                "statutes": {"sha256": shas["statutes"], "filename": "statuts.pdf"},
                "audit": {"sha256": shas["audit"], "filename": "audit.csv"},
            },
        )
        summary = SyncRun(store).run()
        assert summary.error is None and store.outbox_count() == 0
        assert summary.attachments_uploaded == 3
    for data, sha in zip((recording, statutes, log), shas.values(), strict=True):
        stored = Attachment.objects.get(sha256=sha)
        assert stored.complete and stored.size == len(data)
        assert hashlib.sha256(data).hexdigest() == sha

    out = tmp_path / "export.csv"
    call_command("export", "--form", "files_test", "--format", "csv", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert (row["interview"], row["interview/filename"]) == (shas["interview"], "entretien.wav")
    assert (row["statutes"], row["statutes/filename"]) == (shas["statutes"], "statuts.pdf")
    assert (row["audit"], row["audit/filename"]) == (shas["audit"], "audit.csv")


def test_label_images_are_published_inside_the_definition(db, tmp_path: Path) -> None:
    picture = tmp_path / "compteur.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    flat = tmp_path / "plat.png"
    flat.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    spoken = tmp_path / "plat.wav"
    spoken.write_bytes(b"RIFF" + bytes(3000))
    path = workbook(
        tmp_path / "images.xlsx",
        [
            ["type", "name", "label", "media::image"],
            ["integer", "meter", "Index du compteur", "compteur.png"],
            ["text", "roof", "Toit", "toit.jpg"],
            ["select_one shape", "shape", "Forme du toit", ""],
        ],
        [
            ["list_name", "name", "label", "image", "media::audio"],
            ["shape", "flat", "Plat", "plat.png", "plat.wav"],
            ["shape", "sloped", "En pente", "", ""],
        ],
        [["form_id", "version"], ["images_form", "1"]],
    )
    out, _ = run("publish_form", str(path), str(picture), str(flat), str(spoken))
    assert "published images_form version 1" in out  # toit.jpg missing: shown by its name
    version = FormVersion.objects.get(form_id="images_form", version="1")
    entries = {
        e["columns"]["file"]: base64.b64decode(e["columns"]["base64"])
        for e in version.definition["choice_lists"]["media_images"]
    }
    assert entries == {
        "compteur.png": picture.read_bytes(),
        "plat.png": flat.read_bytes(),
        "plat.wav": spoken.read_bytes(),
    }
    # The choice names its picture and clip: a laptop shows and plays them from the form.
    flat_choice = version.definition["choice_lists"]["shape"][0]
    assert flat_choice["media"]["image"]["fr"] == "plat.png"
    assert flat_choice["media"]["audio"]["fr"] == "plat.wav"
