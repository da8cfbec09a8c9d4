"""`fieldapp-server export` and `fieldapp export` are one writer: the same surveys, synced from
a real profile to the live server, come out byte for byte the same from both once the local
revision counter is set aside; and formula payloads (in answers and registry names) are inert
in both, CSV and XLSX."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from fieldapp.cli import main as fieldapp_main
from fieldapp.export import META_COLUMNS
from fieldapp.store import Store
from tests.server.forms import EXPORT_FORM, FORMULA_PAYLOADS
from tests.server.helpers import make_establishment, make_user

# The profile counts its own saves in _revision; the server counts revisions it received.
_REVISION = META_COLUMNS.index("_revision")


@pytest.fixture
def synced(transactional_db: None, live_server: Any, tmp_path: Path, monkeypatch) -> Path:
    """A profile whose finalized surveys (formula payloads everywhere) reached the server."""
    from server.accounts.models import issue_enrollment_code
    from server.registry.actions import assign
    from server.surveys.actions import publish_form
    from sync.client import SyncRun, enroll

    monkeypatch.setenv("FIELDAPP_TOKEN_STORE", "file")
    publish_form(EXPORT_FORM)
    agent = make_user("agent1", "agent")
    for i, payload in enumerate(FORMULA_PAYLOADS):
        est = make_establishment(f"EPS-X{i}", "MA-07")
        est.name_fr = payload  # a hostile registry name
        est.commune = payload
        est.save()
        assign(est, agent)
    code, _ = issue_enrollment_code(agent)
    data = tmp_path / "profile"
    with Store.open(data, actor="agent1") as store:
        enroll(store, live_server.url, code)
        assert SyncRun(store).run().error is None  # registry and form arrive
        establishments = store.find_establishment_ids()
        assert len(establishments) == len(FORMULA_PAYLOADS)
        for i, eid in enumerate(sorted(establishments)):
            payload = FORMULA_PAYLOADS[i]
            survey = store.start_survey(eid, "export_test", "1")
            store.finalize(
                survey.id,
                {
                    "manager_name": payload,
                    "residents": -3 - i,
                    "bill_mad": 99.5,
                    "visit_date": "2024-05-02",
                    "has_internet": "no",
                    "hot_water": ["gas"],
                    "notes": f"note {i}",
                    "bills": [
                        {"bill_month": "2024-04-01", "amount_mad": 12.5, "bill_note": payload}
                    ],
                },
            )
        summary = SyncRun(store).run()
        assert summary.error is None and store.outbox_count() == 0
    return data


def _app_export(profile: Path, out: Path, fmt: str, *extra: str) -> None:
    form_file = out.parent / "form.json"
    form_file.write_text(json.dumps(EXPORT_FORM), encoding="utf-8")
    args = ["--data-dir", str(profile), "export", "--format", fmt, "--out", str(out)]
    assert fieldapp_main([*args, "--form", str(form_file), *extra]) == 0


def _server_export(out: Path, fmt: str, *extra: str) -> str:
    buf = io.StringIO()
    call_command(
        "export", "--form", "export_test", "--format", fmt, "--out", str(out), *extra, stdout=buf
    )
    return buf.getvalue()


def _without_revision(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [r[:_REVISION] + r[_REVISION + 1 :] for r in rows]


@pytest.mark.parametrize(
    "extra", [(), ("--headers", "labels", "--choices", "labels", "--lang", "ar")]
)
def test_app_and_server_csv_exports_are_the_same_files(synced: Path, tmp_path: Path, extra):
    (tmp_path / "app").mkdir()
    (tmp_path / "srv").mkdir()
    _app_export(synced, tmp_path / "app" / "surveys.csv", "csv", *extra)
    out = _server_export(tmp_path / "srv" / "surveys.csv", "csv", *extra)
    assert f"exported {len(FORMULA_PAYLOADS)} surveys" in out
    app_files = sorted(p.name for p in (tmp_path / "app").glob("*.csv"))
    assert app_files == sorted(p.name for p in (tmp_path / "srv").glob("*.csv"))
    assert app_files == ["surveys-bills.csv", "surveys.csv"]
    for name in app_files:
        app = (tmp_path / "app" / name).read_bytes()
        srv = (tmp_path / "srv" / name).read_bytes()
        assert app.startswith(b"\xef\xbb\xbf") and srv.startswith(b"\xef\xbb\xbf")
        if name == "surveys.csv":
            assert _without_revision(app) == _without_revision(srv)
            header = _without_revision(srv)[0]
        else:
            assert app == srv  # repeat tables carry no revision: byte for byte
            header = next(csv.reader(io.StringIO(srv.decode("utf-8-sig"))))
        assert len(set(header)) == len(header)
        for row in csv.reader(io.StringIO(srv.decode("utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
                assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit()


def test_server_xlsx_has_no_formula_cell_and_numbers_stay_numbers(synced: Path, tmp_path: Path):
    _server_export(tmp_path / "srv.xlsx", "xlsx")
    (tmp_path / "app").mkdir()
    _app_export(synced, tmp_path / "app" / "app.xlsx", "xlsx")
    books = [load_workbook(tmp_path / "srv.xlsx"), load_workbook(tmp_path / "app" / "app.xlsx")]
    for book in books:
        assert book.sheetnames == ["surveys", "bills"]
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    srv, app = ([list(r) for r in b["surveys"].iter_rows(values_only=True)] for b in books)
    for rows in (srv, app):
        for r in rows:
            del r[_REVISION]
    assert srv == app
    header = srv[0]
    residents = sorted(r[header.index("residents")] for r in srv[1:])
    assert residents == sorted(-3 - i for i in range(len(FORMULA_PAYLOADS)))
    names = {r[header.index("_establishment_name_fr")] for r in srv[1:]}
    assert names == {p.replace("\r", "\n") for p in FORMULA_PAYLOADS}


def test_server_export_refuses_a_missing_folder_or_form_in_one_line(synced: Path, tmp_path: Path):
    with pytest.raises(CommandError, match="does not exist") as missing:
        _server_export(tmp_path / "typo" / "s.csv", "csv")
    assert missing.value.returncode == 2 and not (tmp_path / "typo").exists()
    with pytest.raises(CommandError, match=r"no published form nope \(published: export_test@1"):
        call_command("export", "--form", "nope", "--out", str(tmp_path / "x.csv"))
