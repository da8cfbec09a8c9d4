"""select_one_from_file and select_one_external: choices from the files published with the
form (CSV, XML, GeoJSON) or the workbook's external_choices sheet; missing files named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fieldapp.forms import FormError, load_form
from tests.core.forms.formkit import workbook

SURVEY = [
    ["type", "name", "label::English", "label::Arabic", "choice_filter"],
    ["select_one_from_file regions.csv", "region", "Region", "الجهة", None],
    ["select_one_from_file provinces.xml", "province", "Province", "الإقليم", "region=${region}"],
    ["select_one_from_file sites.geojson", "site", "Site", "الموقع", None],
]


def media(tmp_path: Path) -> list[Path]:
    csv = tmp_path / "regions.csv"
    csv.write_text("name,label::English,label::Arabic\nMA-07,Marrakech-Safi,مراكش آسفي\n"
                   "MA-05,Béni Mellal-Khénifra,بني ملال خنيفرة\n", encoding="utf-8")  # fmt: skip
    xml = tmp_path / "provinces.xml"
    xml.write_text(
        "<root><item><name>rehamna</name><label>Rehamna</label><region>MA-07</region></item>"
        "<item><name>khouribga</name><label>Khouribga</label><region>MA-05</region></item>"
        "</root>",
        encoding="utf-8",
    )
    geo = tmp_path / "sites.geojson"
    geo.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "id": "ben", "properties": {"title": "Benguerir"},
                     "geometry": {"type": "Point", "coordinates": [-7.95, 32.24]}},
                    {"type": "Feature", "properties": {"id": "saf", "title": "Safi"},
                     "geometry": {"type": "Point", "coordinates": [-9.23, 32.3]}},
                ],
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    return [csv, xml, geo]


def test_choices_come_from_the_media_files(tmp_path: Path) -> None:
    path = workbook(tmp_path / "f.xlsx", SURVEY, None, [["form_id", "version"], ["f", "1"]])
    form = load_form(path, media(tmp_path))
    assert form.missing_media == []
    region = form.question("region")
    assert [c.name for c in region.choices] == ["MA-07", "MA-05"]
    assert region.choices[0].label["ar"] == "مراكش آسفي"
    ev = form.evaluate({"region": "MA-05"})
    assert [c.name for c in ev.choices("province")] == ["khouribga"]  # filtered by column
    assert [c.name for c in form.question("site").choices] == ["ben", "saf"]
    assert form.validate({"region": "MA-07", "province": "rehamna", "site": "saf"}) == []
    issues = form.validate({"region": "MA-07", "province": "khouribga"}, finalize=False)
    assert [i.code for i in issues] == ["choice"]
    # the choices travel in the definition: a device needs nothing but the form
    again = load_form(form.to_json())
    assert [c.name for c in again.question("site").choices] == ["ben", "saf"]


def test_missing_media_are_named_by_form_check(tmp_path: Path, capsys) -> None:
    from fieldapp.cli import main

    path = workbook(tmp_path / "f.xlsx", SURVEY, None, [["form_id", "version"], ["f", "1"]])
    form = load_form(path)
    assert form.missing_media == ["regions.csv", "provinces.xml", "sites.geojson"]
    assert main(["form", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "missing media file(s)" in out and "regions.csv" in out
    files = media(tmp_path)
    assert main(["form", "check", str(path), *map(str, files)]) == 0
    assert capsys.readouterr().out.startswith("ok f 1")
    assert main(["form", "check", str(path), str(tmp_path / "nope.csv")]) == 2


def test_select_one_external_reads_the_external_choices_sheet(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "ext.xlsx",
        [["type", "name", "label", "choice_filter"],
         ["select_one states", "state", "State", None],
         ["select_one_external cities", "city", "City", "state=${state}"]],
        [["list_name", "name", "label"], ["states", "ma", "Marrakech"], ["states", "ca", "Casa"]],
        [["form_id", "version"], ["ext", "1"]],
        {"external_choices": [["list_name", "name", "label", "state"],
                              ["cities", "ben", "Benguerir", "ma"],
                              ["cities", "moh", "Mohammedia", "ca"]]},
    )  # fmt: skip
    form = load_form(path)
    assert form.missing_media == []
    ev = form.evaluate({"state": "ca"})
    assert [c.name for c in ev.choices("city")] == ["moh"]


LOOKUP_SURVEY = [
    ["type", "name", "label", "calculation", "default"],
    ["text", "code", "Code", None, None],
    ["calculate", "price", None, "pulldata('prices', 'mad', 'code', ${code})", None],
    ["calculate", "kind", None, "instance('prices')/root/item[code = ${code}]/kind", None],
    ["integer", "litres", "Litres", None, "pulldata('prices', 'litres', 'code', 'G1')"],
]


def test_pulldata_and_instance_read_the_csv_published_with_the_form(tmp_path: Path) -> None:
    csv = tmp_path / "prices.csv"
    csv.write_text("code,mad,kind,litres\nG1,12.5,gas,13\nE2,1.2,electric,0\n", encoding="utf-8")
    path = workbook(tmp_path / "f.xlsx", LOOKUP_SURVEY, None, [["form_id", "version"], ["f", "1"]])
    form = load_form(path, [csv])
    assert form.missing_media == []
    ev = form.evaluate({"code": "E2"})
    assert (ev.value("price"), ev.value("kind")) == ("1.2", "electric")
    assert form.initial_answers() == {"litres": 13}  # a dynamic default reading the file
    # The rows travel inside the definition: a device loading it needs no file.
    again = load_form(form.to_json())
    assert again.evaluate({"code": "G1"}).value("price") == "12.5"


def test_a_lookup_file_not_given_is_named_and_reads_empty(tmp_path: Path) -> None:
    path = workbook(tmp_path / "f.xlsx", LOOKUP_SURVEY, None, [["form_id", "version"], ["f", "1"]])
    form = load_form(path)
    assert form.missing_media == ["prices.csv"]
    assert any("prices.csv" in w for w in form.warnings)
    assert form.evaluate({"code": "E2"}).value("price") == ""


def test_search_appearance_offers_the_csv_rows(tmp_path: Path) -> None:
    """ODK's search('file', 'mode', 'column', value) appearance: the choices are the rows of
    the CSV given with the form, the choices sheet naming the value and label columns; the
    mode runs as a choice_filter over the same data."""
    csv = tmp_path / "communes.csv"
    csv.write_text(
        "code,nom,province\nC1,Benguerir,rehamna\nC2,Sidi Bouothmane,rehamna\n"
        "C3,Khouribga,khouribga\n",
        encoding="utf-8",
    )
    survey = [
        ["type", "name", "label", "appearance"],
        ["text", "province", "Province", None],
        ["select_one commune", "commune", "Commune",
         "search('communes', 'matches', 'province', ${province})"],
        ["select_one commune", "any_commune", "Commune", "search('communes')"],
    ]  # fmt: skip
    choices = [["list_name", "name", "label"], ["commune", "code", "nom"]]
    path = workbook(tmp_path / "f.xlsx", survey, choices, [["form_id", "version"], ["f", "1"]])
    form = load_form(path, [csv])
    assert form.missing_media == []
    ev = form.evaluate({"province": "rehamna"})
    offered = ev.choices("commune")
    assert [(c.name, c.label[form.default_language]) for c in offered] == [
        ("C1", "Benguerir"),
        ("C2", "Sidi Bouothmane"),
    ]
    assert len(ev.choices("any_commune")) == 3
    assert form.validate({"province": "rehamna", "commune": "C3"})[0].code == "choice"
    assert load_form(path).missing_media == ["communes.csv"]  # named when not given


def _searched(tmp_path: Path, appearance: str, label: str = "nom") -> Any:
    csv = tmp_path / "communes.csv"
    csv.write_text(
        "code,nom,nom_ar,province,milieu\nC1,Benguerir,بنجرير,Rehamna,urbain\n"
        "C2,Sidi Bouothmane,سيدي بوعثمان,rehamna,rural\nC3,Khouribga,خريبكة,khouribga,urbain\n"
        "C4,Oued Zem,وادي زم,khouribga,urbain\n",
        encoding="utf-8",
    )
    survey = [["type", "name", "label", "appearance"],
              ["text", "typed", "Typed", None],
              ["select_one commune", "commune", "Commune", appearance]]  # fmt: skip
    choices = [["list_name", "name", "label"], ["commune", "code", label]]
    path = workbook(tmp_path / "s.xlsx", survey, choices, [["form_id", "version"], ["s", "1"]])
    return load_form(path, [csv])


@pytest.mark.parametrize(
    ("appearance", "typed", "offered"),
    [
        # ODK Collect's ExternalDataHandlerSearch: SQL LIKE, ASCII case ignored
        ("search('communes', 'contains', 'nom', ${typed})", "OU", ["C2", "C3", "C4"]),
        ("search('communes', 'startsWith', 'nom', ${typed})", "b", ["C1"]),
        ("search('communes', 'endswith', 'nom', ${typed})", "GA", ["C3"]),
        ("search('communes', 'matches', 'province', ${typed})", "REHAMNA", ["C1", "C2"]),
        # several searched columns: a row is offered when one of them matches
        ("search('communes', 'startswith', 'nom,province', ${typed})", "k", ["C3", "C4"]),
        ("search('communes', 'contains', 'nom, milieu', ${typed})", "ural", ["C2"]),
        # a filter column and value: an exact match besides the search
        ("search('communes', 'contains', 'nom', ${typed}, 'milieu', 'urbain')", "e", ["C1", "C4"]),
        ("search('communes', 'contains', '', '', 'province', ${typed})", "khouribga", ["C3", "C4"]),
        # an unknown mode: contains, as Collect does (warned)
        ("search('communes', 'like', 'nom', ${typed})", "zem", ["C4"]),
    ],
)
def test_search_modes_columns_and_filter_as_odk_collect(
    tmp_path: Path, appearance: str, typed: str, offered: list[str]
) -> None:
    form = _searched(tmp_path, appearance)
    assert [c.name for c in form.evaluate({"typed": typed}).choices("commune")] == offered
    if "'like'" in appearance:
        assert any("'like' is no mode of ODK's search()" in w for w in form.warnings)


def test_search_labels_of_several_columns_as_collect_builds_them(tmp_path: Path) -> None:
    """The choices sheet's label may name several columns: 'v1 (col2: v2) (col3: v3)'."""
    form = _searched(tmp_path, "search('communes')", label="nom, nom_ar, province")
    first = form.evaluate({}).choices("commune")[0]
    assert first.label[form.default_language] == "Benguerir (nom_ar: بنجرير) (province: Rehamna)"
    assert form.validate({"commune": "C4"}) == []


@pytest.mark.parametrize(
    ("appearance", "message"),
    [
        ("search('communes', 'contains')",
         "search() takes 1, 4 or 6 arguments ('file'; 'mode', 'column(s)', value; "
         "'filter column', value), not 2: ODK Collect refuses it too"),
        ("search('communes', 'contains', 'nowhere', ${typed})",
         "search() reads 'nowhere', no column of communes.csv (its columns: code, nom, nom_ar, "
         "province, milieu)"),
        ("search(${typed})", "search()'s file, mode and column names must be quoted texts"),
    ],
)  # fmt: skip
def test_what_search_cannot_run_is_refused_with_its_row(
    tmp_path: Path, appearance: str, message: str
) -> None:
    with pytest.raises(FormError) as info:
        _searched(tmp_path, appearance)
    (problem,) = info.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.question) == (
        "survey",
        3,
        "appearance",
        "commune",
    )
    assert problem.message.startswith(message), problem.message


BAD_CHOICE_FILES = [
    # what a coordinator may hand over, and the one sentence it gets
    ("regions.csv", "name,label\nfes,Fès\n".encode("cp1252"),
     "regions.csv is not UTF-8 text (line 2): ODK reads choices files as UTF-8; save it from "
     "Excel as 'CSV UTF-8'"),
    ("provinces.xml", b"<root><item><name>a</name><label>A</label></item>",
     "provinces.xml is not well-formed XML (no element found: line 1, column 49)"),
    ("provinces.xml",
     b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
     b"<root><item><name>&b;</name></item></root>",
     "provinces.xml declares entities or a DTD, which a choices file has no use for: refused"),
    ("sites.geojson", b"{\"type\": \"FeatureCollection\", \"features\": [",
     "sites.geojson is not valid JSON"),
    ("sites.geojson", b"[1, 2, 3]",
     "sites.geojson is not a GeoJSON FeatureCollection (no list of features)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "said"), BAD_CHOICE_FILES)
def test_a_bad_choices_file_is_one_sentence_naming_it(
    tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    path = workbook(tmp_path / "f.xlsx", SURVEY, None, [["form_id", "version"], ["f", "1"]])
    given = {p.name: p for p in media(tmp_path)}
    given[name].write_bytes(data)
    with pytest.raises(FormError) as refused:
        load_form(path, list(given.values()))
    assert said in str(refused.value)


def test_a_choices_file_past_16_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = workbook(tmp_path / "f.xlsx", SURVEY, None, [["form_id", "version"], ["f", "1"]])
    given = media(tmp_path)
    with given[0].open("ab") as grown:
        grown.truncate(17 * 1024 * 1024)  # a sparse file: 17 MB without writing them
    with pytest.raises(FormError, match=r"regions\.csv is 17 MB: a choices file travels inside"):
        load_form(path, given)
