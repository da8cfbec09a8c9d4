"""The app's export as a person opens it in Excel: a BOM, unique headers (names or labels in
fr/ar), choice labels on request, dates as dates and numbers as numbers in XLSX, and no cell
that a spreadsheet would evaluate, from text answers or from registry names (OWASP)."""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fieldapp.cli import main as fieldapp_main
from fieldapp.domain import Establishment
from fieldapp.export import META_COLUMNS, ExportOptions, export_surveys
from fieldapp.forms import load_form
from fieldapp.store import Store
from tests.server.forms import EXPORT_FORM, FORMULA_PAYLOADS

DANGEROUS = tuple("=+-@\t\r")


def _answers(i: int, text: str) -> dict[str, object]:
    return {
        "manager_name": text,
        "residents": -2 - i,  # a negative number stays a number
        "bill_mad": 1234.5,
        "visit_date": "2024-03-0" + str(1 + i % 9),
        "has_internet": "yes",
        "hot_water": ["solar", "gas"],
        "notes": text,
        "bills": [
            {"bill_month": "2024-01-01", "amount_mad": 300.25, "bill_note": text},
            {"bill_month": "2024-02-01", "amount_mad": -12, "bill_note": "ok"},
        ],
    }


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """Surveys whose text answers and establishment names are formula payloads."""
    data = tmp_path / "profile"
    form = load_form(EXPORT_FORM)
    with Store.open(data, actor="agent1") as store:
        store.upsert_establishments(
            Establishment(
                id=f"e{i}",
                code=f"EPS-{i}",
                name_fr=payload,
                name_ar="مركز",
                type="elderly",
                region="MA-07",
                province="Rehamna",
                commune=payload,
            )
            for i, payload in enumerate(FORMULA_PAYLOADS)
        )
        for i, payload in enumerate(FORMULA_PAYLOADS):
            survey = store.start_survey(f"e{i}", form.id, form.version)
            store.finalize(survey.id, _answers(i, payload))
    return data


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _assert_inert_csv(rows: list[list[str]]) -> None:
    """No cell a spreadsheet evaluates: only numbers may start with '-'."""
    for row in rows:
        for cell in row:
            assert not cell.startswith(DANGEROUS) or NUMBER.fullmatch(cell), (cell, row)


def test_csv_has_a_bom_unique_headers_and_no_live_formula(profile: Path, tmp_path: Path):
    form = load_form(EXPORT_FORM)
    with Store.open(profile) as store:
        written = export_surveys(store, "csv", tmp_path / "s.csv", form=form)
    assert [p.name for p in written] == ["s.csv", "s-bills.csv"]
    for path in written:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    main, bills = (_csv_rows(p) for p in written)
    assert main[0][: len(META_COLUMNS)] == list(META_COLUMNS)
    assert bills[0] == ["_survey_id", "_index", "bill_month", "amount_mad", "bill_note"]
    for table in (main, bills):
        assert len(set(table[0])) == len(table[0])
        _assert_inert_csv(table)
    by_name = [dict(zip(main[0], r, strict=True)) for r in main[1:]]
    assert len(by_name) == len(FORMULA_PAYLOADS)
    # The payload is kept, readable, behind a quote; numbers are untouched.
    names = sorted(r["manager_name"] for r in by_name)
    assert names == sorted("'" + p for p in FORMULA_PAYLOADS)
    assert sorted(r["_establishment_name_fr"] for r in by_name) == names
    assert {r["residents"] for r in by_name} == {str(-2 - i) for i in range(len(names))}
    assert {r[3] for r in bills[1:]} == {"300.25", "-12.0"}


def test_cached_and_recomputed_exports_are_equally_inert(profile: Path, tmp_path: Path):
    from fieldapp.store import export_cache

    form = load_form(EXPORT_FORM)
    with Store.open(profile) as store:
        warm = [p.read_bytes() for p in export_surveys(store, "csv", tmp_path / "a.csv", form=form)]
        export_cache.clear(store)
        cold = [p.read_bytes() for p in export_surveys(store, "csv", tmp_path / "b.csv", form=form)]
    assert warm == cold


def test_xlsx_has_no_formula_cell_and_typed_dates_and_numbers(profile: Path, tmp_path: Path):
    form = load_form(EXPORT_FORM)
    out = tmp_path / "s.xlsx"
    with Store.open(profile) as store:
        export_surveys(store, "xlsx", out, form=form)
    book = load_workbook(out)
    assert book.sheetnames == ["surveys", "bills"]
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        assert len(set(header)) == len(header)
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    rows = list(book["surveys"].iter_rows(values_only=True))
    header = rows[0]
    records = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    # Texts are kept as typed (string cells cannot run); numbers and dates are typed.
    # (XML reads a carriage return back as a line feed.)
    typed = sorted(p.replace("\r", "\n") for p in FORMULA_PAYLOADS)
    assert sorted(r["manager_name"] for r in records) == typed
    assert all(isinstance(r["residents"], int) and r["residents"] < 0 for r in records)
    assert all(r["bill_mad"] == 1234.5 for r in records)
    assert all(isinstance(r["visit_date"], datetime) for r in records)  # Excel dates
    assert all(isinstance(r["_updated_at"], datetime) for r in records)
    assert records[0]["hot_water/solar"] == 1
    bills = list(book["bills"].iter_rows(values_only=True))
    assert bills[0] == ("_survey_id", "_index", "bill_month", "amount_mad", "bill_note")
    assert {b[1] for b in bills[1:]} == {1, 2}
    assert {b[2].date() for b in bills[1:]} == {date(2024, 1, 1), date(2024, 2, 1)}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_label_headers_and_choice_labels(profile: Path, tmp_path: Path, lang: str):
    form = load_form(EXPORT_FORM)
    options = ExportOptions(headers="labels", choices="labels", lang=lang)
    with Store.open(profile) as store:
        main_csv, bills_csv = export_surveys(
            store, "csv", tmp_path / "s.csv", form=form, options=options
        )
        export_surveys(store, "xlsx", tmp_path / "s.xlsx", form=form, options=options)
    main = _csv_rows(main_csv)
    header = main[0]
    assert len(set(header)) == len(header)
    expected = {
        "fr": ["Code de l'établissement", "Responsable", "Eau chaude / Solaire", "Observations"],
        "ar": ["رمز المؤسسة", "المسؤول", "الماء الساخن / شمسي", "ملاحظات"],
    }[lang]
    assert set(expected) <= set(header)
    assert "Observations [notes_more]" in header or "ملاحظات [notes_more]" in header
    record = dict(zip(header, main[1], strict=True))
    yes, both = {"fr": ("Oui", "Solaire ; Gaz"), "ar": ("نعم", "شمسي ; غاز")}[lang]
    assert yes in record.values() and both in record.values()
    assert _csv_rows(bills_csv)[0][1] == {"fr": "N°", "ar": "الرقم"}[lang]
    book = load_workbook(tmp_path / "s.xlsx")
    assert [c.value for c in book["surveys"][1]] == header


def test_plain_utf8_on_request(profile: Path, tmp_path: Path):
    form = load_form(EXPORT_FORM)
    with Store.open(profile) as store:
        out = export_surveys(
            store, "csv", tmp_path / "s.csv", form=form, options=ExportOptions(bom=False)
        )[0]
    assert out.read_bytes().startswith(b"_survey_id,")


def test_cli_export_options_and_one_line_errors(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    form_file = tmp_path / "form.json"
    form_file.write_text(json.dumps(EXPORT_FORM), encoding="utf-8")
    base = ["--data-dir", str(profile), "export", "--format", "csv"]
    out = tmp_path / "out.csv"
    code = fieldapp_main(
        [*base, "--out", str(out), "--form", str(form_file), "--headers", "labels", "--lang", "ar"]
    )
    assert code == 0
    assert "المسؤول" in _csv_rows(out)[0]
    capsys.readouterr()

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "fieldapp-form", "id": 3}', encoding="utf-8")
    for args, words in [
        (["--out", str(out), "--form", str(bad)], "cannot use the form"),
        (["--out", str(out), "--form", str(tmp_path / "missing.xlsx")], "missing.xlsx"),
        (["--out", str(tmp_path / "typo" / "s.csv")], "does not exist"),
    ]:
        assert fieldapp_main([*base, *args]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and words in err and "Traceback" not in err
    assert not (tmp_path / "typo").exists()
