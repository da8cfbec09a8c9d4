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
    "EPS-06-201;Dar Attalib Khouribga;Enfants;60;Casablanca-Settat;Khouribga;Khouribga;"
    "32,88;-6,906\r\n"
    "EPS-06-202;Centre polyvalent Oued Zem;polyvalent;;MA-06;Khouribga;Oued Zem;;\r\n"
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
