"""`fieldapp-server import-establishments` takes the files the ministry's Excel writes:
`;`-separated Windows-1252 with French labels, or UTF-8 with Arabic ones, normalises regions to
their ISO codes (so region-scoped coordinators see the establishments), and refuses bad lines
by number and reason, with a non-zero exit unless --partial."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from server.registry.models import Establishment
from tests.server.helpers import latest_by_id, make_user

# As French Excel saves "CSV (séparateur : point-virgule)": cp1252, ';', decimal commas,
# French headers and labels, CRLF line ends, an empty line of separators at the end.
EXCEL_FR = (
    "Code;Nom;Type;Capacité;Région;Province;Commune;Latitude;Longitude\r\n"
    "EPS-07-101;Dar Al Moussinine Benguerir;Personnes âgées;40;Marrakech-Safi;Rehamna;"
    "Benguerir;32,236;-7,954\r\n"
    "EPS-07-102;Centre Al Amal;Personnes en situation de handicap;25;Région Marrakech-Safi;"
    "Safi;Safi;32,299;-9,237\r\n"
    "EPS-06-201;Dar Attalib Settat;Enfants;60;Casablanca-Settat;Settat;Settat;"
    "33,001;-7,616\r\n"
    "EPS-06-202;Centre polyvalent Berrechid;polyvalent;;MA-06;Berrechid;Berrechid;;\r\n"
    ";;;;;;;;\r\n"
)


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_establishments", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _refused(*args: str) -> tuple[CommandError, str]:
    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_establishments", *args, stdout=StringIO(), stderr=err)
    return refused.value, err.getvalue()


def test_french_excel_file_imports_into_iso_codes_seen_by_the_regions_coordinator(
    transactional_db, client_for, tmp_path: Path
):
    path = tmp_path / "liste_eps.csv"
    path.write_bytes(EXCEL_FR.encode("cp1252"))
    out, err = _run(str(path))
    assert "created 4, updated 0, unchanged 0, bad lines 0" in out
    assert "warning: the file is not UTF-8: read as Windows-1252" in err
    rows = {e.code: e for e in Establishment.objects.all()}
    assert {c: e.region for c, e in rows.items()} == {
        "EPS-07-101": "MA-07",
        "EPS-07-102": "MA-07",
        "EPS-06-201": "MA-06",
        "EPS-06-202": "MA-06",
    }
    assert rows["EPS-07-101"].name_fr == "Dar Al Moussinine Benguerir"
    assert [rows[c].type for c in sorted(rows)] == [
        "children",
        "multipurpose",
        "elderly",
        "disability",
    ]
    assert (rows["EPS-07-101"].latitude, rows["EPS-07-101"].longitude) == (32.236, -7.954)
    assert rows["EPS-07-101"].capacity == 40 and rows["EPS-06-202"].capacity is None

    # The coordinator of Marrakech-Safi (MA-07) pulls exactly that region's establishments.
    coordinator = make_user("coord_ms", "coordinator", ["MA-07"])
    items = client_for(coordinator).pull_all()
    seen = {
        data["code"]
        for (kind, _), data in latest_by_id(items).items()
        if kind == "establishment" and data
    }
    assert seen == {"EPS-07-101", "EPS-07-102"}

    # Importing the same file again changes nothing.
    out, _ = _run(str(path))
    assert "created 0, updated 0, unchanged 4" in out


def test_utf8_tab_file_with_arabic_labels_and_region_names(db, tmp_path: Path):
    path = tmp_path / "eps.tsv"
    path.write_bytes(
        (
            "code\tname_fr\tname_ar\ttype\tregion\n"
            "EPS-A\tCentre A\tمركز أ\tالأشخاص المسنون\tجهة مراكش آسفي\n"
            "EPS-B\tCentre B\tمركز ب\tالنساء في وضعية صعبة\tالدار البيضاء سطات\n"
        ).encode("utf-8-sig")
    )
    out, err = _run(str(path))
    assert "created 2" in out and "warning" not in err
    assert dict(Establishment.objects.values_list("code", "region")) == {
        "EPS-A": "MA-07",
        "EPS-B": "MA-06",
    }
    assert dict(Establishment.objects.values_list("code", "type")) == {
        "EPS-A": "elderly",
        "EPS-B": "women",
    }


def test_bad_lines_give_their_number_and_reason_and_a_non_zero_exit(db, tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "code;name_fr;type;region;latitude;longitude\n"
        "EPS-1;Centre 1;Enfants;Marrakech-Safi;32,2;-7,9\n"
        "EPS-2;Centre 2;Enfants;Atlantis;32,2;-7,9\n"
        "EPS-3;Centre 3\n"
        "EPS-4;Centre 4;Enfants;MA-07;-7,9;32,2\n"
        "EPS-5;Centre 5;Enfants;MA-07;48,8;2,35\n"
        "EPS-6;Centre 6;Cirque;MA-07;;\n"
        "EPS-7;;Enfants;MA-07;;\n",
        encoding="utf-8",
    )
    error, err = _refused(str(path))
    assert error.returncode == 2 and "6 bad line(s): nothing imported" in str(error)
    assert f"{path}:3: region 'Atlantis' is unknown" in err
    assert f"{path}:4: 2 values for 6 columns" in err  # not "region is empty"
    assert f"{path}:5: latitude -7,9 and longitude 32,2 look swapped" in err
    assert f"{path}:6: coordinates 48,8, 2,35 are outside Morocco" in err
    assert f"{path}:7: type 'Cirque' is unknown" in err and "elderly (Personnes âgées)" in err
    assert f"{path}:8: name_fr is empty" in err
    assert not Establishment.objects.exists()

    error, _ = _refused(str(path), "--dry-run")
    assert error.returncode == 2 and not Establishment.objects.exists()

    out, _ = _run(str(path), "--partial")
    assert "created 1, updated 0, unchanged 0, bad lines 6" in out
    assert list(Establishment.objects.values_list("code", flat=True)) == ["EPS-1"]


def test_dry_run_counts_and_writes_nothing(db, tmp_path: Path):
    path = tmp_path / "ok.csv"
    path.write_text("code,name_fr,region\nEPS-9,Centre 9,MA-07\n", encoding="utf-8")
    out, _ = _run(str(path), "--dry-run")
    assert "dry run, nothing written: would have created 1" in out
    assert not Establishment.objects.exists()


def test_a_header_that_does_not_match_says_what_it_read(db, tmp_path: Path):
    path = tmp_path / "cols.csv"
    path.write_text("Identifiant;Nom;Zone\nX;Y;Z\n", encoding="utf-8")
    error, err = _refused(str(path))
    assert error.returncode == 2
    assert "missing column(s) code, region" in err
    assert "semicolon separator has: Identifiant, Nom, Zone" in err


def _ministry_workbook(path: Path) -> None:
    """A registry as the ministry keeps it in Excel: a title and a blank row above the
    header, numbers as numbers, a total row, a second sheet of notes."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "ESPS 2026"
    sheet.append(["Liste des établissements de protection sociale — mise à jour 2026"])
    sheet.merge_cells("A1:H1")
    sheet.append([])
    sheet.append(
        ["Code EPS", "Nom de l'établissement", "Nom (AR)", "Catégorie", "Capacité", "Région",
         "Province", "Latitude", "Longitude"]
    )  # fmt: skip
    sheet.append(
        ["EPS-01-017", "Dar Al Atfal Al Wafae", "دار الأطفال الوفاء", "Enfants", 80,
         "Tanger-Tétouan-Al Hoceïma", "Tétouan", 35.5785, -5.3684]
    )  # fmt: skip
    sheet.append(
        ["EPS-06-044", "Centre Lalla Meryem", "مركز للا مريم", "Femmes en difficulté", 35.0,
         "Grand Casablanca", "Casablanca", 33.5731, -7.5898]
    )  # fmt: skip
    sheet.append(["Total", None, None, None, "=SUM(E4:E5)", None, None, None, None])
    book.create_sheet("Notes").append(["Source : Entraide nationale"])
    book.save(path)


def test_the_ministry_excel_workbook_imports_as_it_is(db, tmp_path: Path):
    path = tmp_path / "ESPS 2026.xlsx"
    _ministry_workbook(path)
    out, err = _run(str(path))
    assert "created 2, updated 0, unchanged 0, bad lines 0" in out
    assert "the header is on line 3" in err
    assert "line 6 is a total line: not read" in err
    assert "read the sheet 'ESPS 2026' of 2" in err
    # A region named as before 2015 that went whole into one of today's is read as it.
    assert (
        "region 'Grand Casablanca' (before 2015) read as today's Casablanca-Settat (MA-06)" in err
    )
    rows = {e.code: e for e in Establishment.objects.all()}
    assert rows["EPS-01-017"].name_ar == "دار الأطفال الوفاء"
    assert rows["EPS-01-017"].region == "MA-01" and rows["EPS-06-044"].region == "MA-06"
    assert rows["EPS-06-044"].capacity == 35 and rows["EPS-06-044"].type == "women"
    assert (rows["EPS-01-017"].latitude, rows["EPS-01-017"].longitude) == (35.5785, -5.3684)


def test_a_legacy_xls_workbook_imports_too(db, tmp_path: Path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Feuil1")
    for r, row in enumerate(
        [["code", "name_fr", "region", "capacity"], ["EPS-05-003", "Dar Al Khayr", "MA-05", 40]]
    ):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "liste.xls"
    book.save(str(path))
    out, _ = _run(str(path))
    assert "created 1" in out
    assert Establishment.objects.get(code="EPS-05-003").capacity == 40


def test_arabic_windows_csv_reads_its_arabic_names(db, tmp_path: Path):
    # Excel's "CSV" on an Arabic Windows is Windows-1256: Arabic letters and French accents.
    path = tmp_path / "liste_ar.csv"
    path.write_bytes(
        (
            "Code;Nom;Nom arabe;Catégorie;Région\r\n"
            "EPS-07-210;Dar Al Moussinine Safi;دار المسنين آسفي;Personnes âgées;مراكش آسفي\r\n"
            "EPS-07-211;Centre Al Amal Chichaoua;مركز الأمل شيشاوة;handicap;Marrakech-Safi\r\n"
        ).encode("cp1256")
    )
    out, err = _run(str(path))
    assert "created 2" in out and "read as Windows-1256 (Arabic)" in err
    rows = {e.code: e for e in Establishment.objects.all()}
    assert rows["EPS-07-210"].name_ar == "دار المسنين آسفي"
    assert rows["EPS-07-211"].name_ar == "مركز الأمل شيشاوة"
    assert rows["EPS-07-210"].type == "elderly" and rows["EPS-07-210"].region == "MA-07"


def test_a_region_split_in_2015_is_refused_with_todays_regions(db, tmp_path: Path):
    path = tmp_path / "ancien.csv"
    path.write_text("code;name_fr;region\nEPS-X;Centre El Jadida;Doukkala-Abda\n", encoding="utf-8")
    error, err = _refused(str(path))
    assert error.returncode == 2
    assert (
        "region 'Doukkala-Abda' is a region before 2015, now split between "
        "Casablanca-Settat (MA-06) and Marrakech-Safi (MA-07): give today's region"
    ) in err
    assert not Establishment.objects.exists()


def test_a_damaged_workbook_is_refused_in_words_and_nothing_is_written(db, tmp_path: Path):
    path = tmp_path / "liste.xlsx"
    _ministry_workbook(path)
    path.write_bytes(path.read_bytes()[:900])  # cut short, as a broken USB copy leaves it
    error, err = _refused(str(path))
    assert error.returncode == 2
    assert "is not a readable .xlsx workbook" in err and "save it again from Excel" in err
    assert "Traceback" not in err
    assert not Establishment.objects.exists()


def test_a_french_capitals_csv_is_not_taken_for_arabic(db, tmp_path: Path):
    # Capitals with accents read in Windows-1256 are Arabic letters too ('É' is 'ة'): only
    # Arabic words (runs of Arabic letters) make the file Arabic.
    path = tmp_path / "MAJUSCULES.csv"
    path.write_bytes(
        (
            "CODE;NOM;CATÉGORIE;RÉGION\r\n"
            "EPS-04-001;CENTRE ÉDUCATIF À SALÉ;ENFANTS;RABAT-SALÉ-KÉNITRA\r\n"
        ).encode("cp1252")
    )
    out, err = _run(str(path))
    assert "created 1" in out and "read as Windows-1252" in err
    row = Establishment.objects.get()
    assert (row.name_fr, row.region, row.type) == ("CENTRE ÉDUCATIF À SALÉ", "MA-04", "children")


def test_the_province_tells_a_missing_or_split_region_and_catches_a_wrong_one(db, tmp_path: Path):
    path = tmp_path / "provinces.csv"
    path.write_text(
        "Code;Nom;Région;Province\n"
        "EPS-1;Dar Attalib Khouribga;Casablanca-Settat;Khouribga\n"  # Khouribga is MA-05
        "EPS-2;Centre El Jadida;Doukkala-Abda;Province d'El Jadida\n"  # split: MA-06 or MA-07
        "EPS-3;Centre Youssoufia;Doukkala-Abda;اليوسفية\n"
        "EPS-4;Centre Tiznit;;Tiznit\n"  # no region: the province's
        "EPS-5;Centre Nulle Part;;Atlantide\n",
        encoding="utf-8",
    )
    _, err = _refused(str(path))
    assert (
        f"{path}:6: region is empty and the province 'Atlantide' is not one of Morocco's 75" in err
    )
    out, err = _run(str(path), "--partial")
    assert "created 4" in out
    assert dict(Establishment.objects.values_list("code", "region")) == {
        "EPS-1": "MA-06",  # kept as given, but said
        "EPS-2": "MA-06",
        "EPS-3": "MA-07",
        "EPS-4": "MA-09",
    }
    assert (
        "the province Khouribga is in Béni Mellal-Khénifra (MA-05), the region given is "
        "Casablanca-Settat (MA-06): check it (kept MA-06) (line 2)"
    ) in err
    assert "region read from the province (Tiznit: Souss-Massa (MA-09)) (line 5)" in err
    assert (
        "region 'Doukkala-Abda' (before 2015) read as today's Casablanca-Settat (MA-06) from "
        "the province (line 3)"
    ) in err


def test_a_header_with_the_province_and_no_region_column_imports(db, tmp_path: Path):
    path = tmp_path / "sans_region.csv"
    path.write_text("code,name_fr,province\nEPS-8,Centre Errachidia,Errachidia\n", "utf-8")
    out, _ = _run(str(path))
    assert "created 1" in out
    assert Establishment.objects.get().region == "MA-08"
