"""XLSForm import: every feature from a workbook, every error located, the shipped baseline."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fieldapp.forms import FormError, FormReadError, baseline_form, load_form
from tests.core.forms.formkit import workbook

DATA = Path(str(resources.files("fieldapp.forms").joinpath("data")))
HEADER = ["type", "name", "label::Français (fr)", "label::English (en)"]
SETTINGS = [
    ["form_id", "version", "form_title::Français (fr)", "form_title::English (en)",
     "default_language"],
    ["small", "3", "Petit", "Small", "fr"],
]  # fmt: skip


def problems(path: Path) -> list[tuple[str | None, int | None, str | None, str]]:
    with pytest.raises(FormError) as info:
        load_form(path)
    return [(p.sheet, p.row, p.cell, p.message) for p in info.value.problems]


def test_every_feature_imports(tmp_path: Path):
    survey = [
        [*HEADER, "hint::English (en)", "hint::Français (fr)", "required", "relevant",
         "constraint", "constraint_message::Français (fr)", "constraint_message::English (en)",
         "calculation", "default", "read_only", "choice_filter", "appearance", "repeat_count"],
        ["begin group", "g", "Groupe", "Group", None, None, None, None, None, None, None, None,
         None, None, None, "field-list"],
        ["select_one region", "region", "Région", "Region", None, None, "yes"],
        ["select one province", "province", "Province", "Province", None, None, "TRUE", None,
         None, None, None, None, None, None, "region=${region}"],
        ["integer", "n", "N", "N", "How many", "Combien", "no", None, ". >= 0", "Positif",
         "Positive", None, 2],
        ["end group"],
        ["begin repeat", "r", "Répétition", "Repeat", None, None, None, "${n} > 0", None, None,
         None, None, None, None, None, None, "${n}"],
        ["decimal", "x", "X", "X"],
        ["select_multiple region", "many", "Plusieurs", "Many"],
        ["rank region", "order", "Ordre", "Order"],
        ["end repeat"],
        ["calculate", "total", None, None, None, None, None, None, None, None, None, "sum(${x})"],
        ["date", "d", "Date", "Date", None, None, None, None, None, None, None, None,
         "2024-01-31", "yes"],
        ["geopoint", "gps", "GPS", "GPS"],
        ["image", "photo", "Photo", "Photo"],
        ["note", "info", "Note ${total}", "Note ${total}"],
        ["text", "t", "T", "T", None, None, "${n} > 3"],
    ]  # fmt: skip
    choices_rows = [
        ["list_name", "name", "label::Français (fr)", "label::English (en)", "region"],
        ["region", "north", "Nord", "North"],
        ["region", "south", "Sud", "South"],
        ["province", "p1", "P1", "P1", "north"],
        ["province", 2, "P2", "P2", "south"],
    ]
    form = load_form(workbook(tmp_path / "f.xlsx", survey, choices_rows, SETTINGS))
    assert (form.id, form.version, form.title) == ("small", "3", {"fr": "Petit", "en": "Small"})
    assert form.languages == ["fr", "en"] and form.default_language == "fr"
    province = form.question("province")
    assert province.required is True and province.choice_filter == "region=${region}"
    assert [c.name for c in province.choices] == ["p1", "2"]
    assert province.choices[0].columns == {"region": "north"}
    n = form.question("n")
    assert n.hint == {"en": "How many", "fr": "Combien"} and n.default == 2
    assert n.constraint_message == {"fr": "Positif", "en": "Positive"}
    assert form.question("d").default == "2024-01-31" and form.question("d").readonly is True
    assert form.question("t").required == "${n} > 3"
    assert form.item("g").appearance == "field-list"
    assert form.item("r").repeat_count == "${n}"
    assert form.question("order").type == "rank"
    assert form.question("x").repeat == "r" and form.question("x").path == "r/x"
    ev = form.evaluate({"n": 2, "r": [{"x": 1.5}, {"x": 2}]})
    assert ev.calculated["total"] == 3.5 and ev.repeat_count("r") == 2
    assert load_form(form.to_json()).to_json() == form.to_json()


def test_plain_label_is_the_default_language_and_aliases(tmp_path: Path):
    survey = [
        ["type", "name", "label", "readonly", "relevance", "calculate"],
        ["int", "a", "A"],
        ["begin_group", "g", "G"],
        ["calculate", "c", None, None, "${a} > 1", "${a} * 2"],
        ["end_group"],
    ]
    settings = [["form_id", "version", "form_title", "default_language"],
                ["f", "1", "Titre", "English (en)"]]  # fmt: skip
    form = load_form(workbook(tmp_path / "f.xlsx", survey, None, settings))
    assert form.languages == ["en"] and form.question("a").label == {"en": "A"}
    assert form.question("a").type == "integer"
    assert form.question("c").relevant == "${a} > 1"


def test_form_id_defaults_to_the_file_name(tmp_path: Path):
    path = workbook(
        tmp_path / "my form.xlsx",
        [["type", "name", "label"], ["text", "a", "A"]],
        None,
        [["version"], ["1"]],
    )
    form = load_form(path)
    assert form.id == "my_form" and form.title == {"fr": "my_form"}


def test_a_malformed_workbook_reports_every_error_with_its_cell(tmp_path: Path):
    survey = [
        [*HEADER, "relevant", "constraint", "media::image", "label::Klingon", "name"],
        ["begin group", "g", "G", "G"],
        ["integer", "a", "A", "A", "${a} > 1"],
        ["select_one nope", "b", "B", "B"],
        ["selct_one yn", "c", "C", "C"],
        ["text", "d", "D", None, None, "regex(., '[')"],
        ["select_one yn or_other", "e", "E", "E"],
        ["start", "s"],
        ["text", "1bad", "X", "X"],
        ["integer", "f", "F", "F", None, "frob(.)"],
        [None, "g2", "G2", "G2"],
        ["end repeat", None, "label"],
        ["begin repeat", "r", "R", "R"],
        ["text", "inner", "I", "I"],
    ]
    choices_rows = [
        ["list_name", "name", "label::Français (fr)", "label::English (en)", "image"],
        ["yn", "yes", "Oui", "Yes"],
        ["yn", "yes", "Oui", "Yes"],
        [None, "no", "Non", "No"],
    ]
    settings = [["form_id", "version", "style", "form_title::Français (fr)"],
                ["x", None, "pages", "X"]]  # fmt: skip
    found = problems(workbook(tmp_path / "bad.xlsx", survey, choices_rows, settings))
    expected = [
        ("settings", 2, None, "title has no 'en' translation"),
        ("survey", 1, "H1", "cannot tell the language of 'label::Klingon'"),
        ("survey", 1, "I1", "column 'name' appears twice"),
        ("survey", 3, "E3", "circular reference among relevant: ${a} -> ${a}"),
        ("survey", 4, "A4", "select_one needs a known choice list"),
        ("survey", 5, "A5", "unsupported type 'selct_one yn'"),
        ("survey", 6, "D6", "label has no 'en' translation"),
        ("survey", 6, "F6", "invalid regular expression"),
        ("survey", 7, "A7", "'or_other' is not supported"),
        ("survey", 8, "A8", "unsupported type 'start'"),
        ("survey", 9, "B9", "invalid name '1bad'"),
        ("survey", 10, "F10", "unsupported function frob()"),
        ("survey", 11, "A11", "the row has no type"),
        ("survey", 12, "A12", "'end repeat' closes the group begun on row 2"),
        ("survey", 12, "C12", "an 'end repeat' row takes no 'label::fr'"),
        ("survey", 13, "A13", "the repeat begun here is never closed"),
        ("choices", 3, "B3", "choice 'yes' appears twice in 'yn'"),
        ("choices", 4, "A4", "no list_name"),
    ]
    for sheet, row, cell, fragment in expected:
        assert any(
            s == sheet and r == row and c == cell and fragment in m for s, r, c, m in found
        ), (sheet, row, cell, fragment, found)
    # what XLSForm allows is not why pyxform refuses it: no version, kept columns
    assert not [m for *_, m in found if "unsupported column" in m or "version is required" in m]


def test_what_pyxform_accepts_loads_with_warnings(tmp_path: Path):
    """Cells on an 'end group' row, an external_choices sheet, a language without a code, two
    settings rows, no version: our strict reader refuses them, pyxform accepts them, so the
    workbook loads from pyxform's dict and says what it adjusted."""
    survey = [["type", "name", "label", "label::Klingon", "image"],
              ["begin group", "g", "G", "gG", None], ["text", "a", "A", None, "a.png"],
              ["end group", "g", "oops"]]  # fmt: skip
    form = load_form(
        workbook(tmp_path / "f.xlsx", survey, None, [["form_id"], ["f"], ["other"]],
                 {"external_choices": [["list_name"]]})
    )  # fmt: skip
    assert [q.name for q in form.questions] == ["a"]
    assert form.version.startswith("sha-")
    assert "klingon" in form.languages
    # the missing Klingon label falls back to the plain one, as ODK Collect shows it
    assert form.question("a").label["klingon"] == "A"
    assert form.question("a").media["image"]
    assert any("no version" in w for w in form.warnings)


def test_structural_sheet_problems(tmp_path: Path):
    found = problems(workbook(tmp_path / "a.xlsx", [["name", "label"], ["a", "A"]]))
    assert any("no 'type' column" in m for *_, m in found)
    found = problems(
        workbook(tmp_path / "b.xlsx", [["type", "name", "label"], ["select_one l", "a", "A"]],
                 [["name", "label"], ["x", "X"]])
    )  # fmt: skip
    assert any("no 'list_name' column" in m for *_, m in found)
    assert any("pyxform refuses this workbook too" in m for *_, m in found)


def test_unreadable_workbooks(tmp_path: Path):
    with pytest.raises(FormReadError, match="no such file"):
        load_form(tmp_path / "missing.xlsx")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(FormReadError, match=r"not a readable \.xlsx"):
        load_form(junk)
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "notes"
    wb.create_sheet("other")
    wb.save(tmp_path / "nosurvey.xlsx")
    with pytest.raises(FormError, match="no 'survey' sheet"):
        load_form(tmp_path / "nosurvey.xlsx")


# -- the shipped baseline -----------------------------------------------------------------------


def test_baseline_xlsx_imports_to_exactly_the_shipped_json():
    from_xlsx = load_form(DATA / "baseline.xlsx").to_json()
    shipped = json.loads((DATA / "baseline.json").read_text(encoding="utf-8"))
    assert from_xlsx == shipped
    assert baseline_form().to_json() == shipped


def test_baseline_is_a_valid_xlsform_for_pyxform(tmp_path: Path):
    """The reference implementation accepts our workbook, so ODK/Kobo can use it too.

    pyxform 4.5 crashes on translated form titles (form_title::lang, our extension), so they
    are replaced by a plain form_title before converting.
    """
    from pyxform.xls2xform import convert

    wb = load_workbook(DATA / "baseline.xlsx")
    settings = wb["settings"]
    titles = [c.column for c in settings[1] if str(c.value).startswith("form_title::")]
    settings.cell(1, titles[0]).value = "form_title"
    for column in sorted(titles[1:], reverse=True):
        settings.delete_cols(column)
    path = tmp_path / "pyxform.xlsx"
    wb.save(path)
    result = convert(xlsform=str(path), validate=False, pretty_print=False)
    assert "<h:html" in result.xform
    assert "odk:rank" in result.xform or "rank" in result.xform


def test_list_names_and_filter_columns_keep_their_case(tmp_path: Path):
    form = load_form(
        workbook(
            tmp_path / "case.xlsx",
            [["type", "name", "label", "choice_filter"],
             ["select_one YesNo", "q", "Q", None], ["select_one Places", "p", "P", "Gov = ${q}"]],
            [["list_name", "name", "label", "Gov", "count"],
             ["YesNo", "yes", "Yes", None, None], ["YesNo", "no", "No", None, None],
             ["Places", "a", "A", "yes", "3"], ["Places", "b", "B", "no", "4"]],
        )
    )  # fmt: skip
    assert form.question("q").choice_list == "YesNo"
    ev = form.evaluate({"q": "no"})
    assert [c.name for c in ev.choices("p")] == ["b"]
    # a choices column named `count` is a filter column, not a repeat_count
    assert form.question("p").choices[0].columns == {"Gov": "yes", "count": "3"}


def test_numeric_default_on_numeric_choice_names(tmp_path: Path):
    form = load_form(
        workbook(
            tmp_path / "num.xlsx",
            [["type", "name", "label", "default"], ["select_one n", "q", "Q", 2]],
            [["list_name", "name", "label"], ["n", 1, "One"], ["n", 2, "Two"]],
        )
    )  # fmt: skip
    assert form.question("q").default == "2"
    assert form.initial_answers() == {"q": "2"}


def test_a_workbook_declaring_a_million_rows_reads_only_its_rows(tmp_path: Path):
    import zipfile

    path = workbook(tmp_path / "big.xlsx", [["type", "name", "label"], ["text", "a", "A"]])
    patched = tmp_path / "declared.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:Z1048576"', data)
            dst.writestr(info, data)
    assert b"1048576" in zipfile.ZipFile(patched).read("xl/worksheets/sheet1.xml")
    form = load_form(patched)
    assert [q.name for q in form.questions] == ["a"]


def test_the_same_name_in_two_groups_loads_as_pyxform_allows_it(tmp_path) -> None:
    """pyxform accepts a name used in two groups as long as no ${name} refers to it (a
    reference would be ambiguous: pyxform refuses it, and so does FieldApp, saying so). The
    later one is renamed after its group, answered and exported on its own."""
    from fieldapp.forms import FormError, load_form
    from fieldapp.forms.flatten import flatten
    from tests.core.forms.formkit import workbook

    survey = [
        ["type", "name", "label", "calculation"],
        ["begin group", "head", "Head", None],
        ["text", "name", "Name", None],
        ["end group", None, None, None],
        ["begin repeat", "members", "Members", None],
        ["text", "name", "Name", None],
        ["end repeat", None, None, None],
    ]
    settings = [["form_id", "version"], ["f", "1"]]
    form = load_form(workbook(tmp_path / "f.xlsx", survey, None, settings))
    assert [q.name for q in form.questions] == ["name", "members_name"]
    answers = {"name": "Fatima", "members": [{"members_name": "Said"}]}
    assert form.validate(answers) == []
    assert flatten(form, answers)["name"] == "Fatima"
    assert any("used again" in w for w in form.warnings)
    referring = [*survey, ["calculate", "c", None, "concat('x', ${name})"]]
    with pytest.raises(FormError) as err:
        load_form(workbook(tmp_path / "g.xlsx", referring, None, settings))
    assert "appears more than once" in str(err.value)


def test_a_choice_filter_may_read_the_choices_labels(tmp_path) -> None:
    """XLSForm filters may read a label column (`label::English`, `label`): the choice's
    label in that language."""
    from fieldapp.forms import load_form
    from tests.core.forms.formkit import workbook

    survey = [
        ["type", "name", "label::English", "label::French (fr)", "choice_filter"],
        ["select_one crops", "crop", "Crop", "Culture", "starts-with(label::English, 'B')"],
        ["select_one crops", "culture", "Crop", "Culture", "label::French != 'Riz'"],
    ]
    choices = [
        ["list_name", "name", "label::English", "label::French (fr)"],
        ["crops", "beans", "Beans", "Haricots"],
        ["crops", "rice", "Rice", "Riz"],
        ["crops", "barley", "Barley", "Orge"],
    ]
    form = load_form(workbook(tmp_path / "f.xlsx", survey, choices, [["form_id"], ["f"]]))
    ev = form.evaluate({})
    assert [c.name for c in ev.choices("crop")] == ["beans", "barley"]
    assert [c.name for c in ev.choices("culture")] == ["beans", "barley"]
    assert form.validate({"crop": "rice"}, finalize=False)[0].code == "choice"


def test_a_legacy_xls_workbook_loads_as_its_xlsx_twin(tmp_path: Path):
    """Many ODK, Kobo and OSM forms are still .xls: they load like .xlsx, numbers, dates and
    all, and their problems still name the sheet, row and cell."""
    from datetime import date

    survey = [["type", "name", "label", "default", "constraint"],
              ["integer", "n", "How many?", 3, ". < 10"],
              ["select_one yn", "ok", "OK?", 1, None],
              ["date", "d", "When?", date(2024, 5, 1), None],
              ["begin repeat", "people", "People", None, None],
              ["text", "who", "Who?", None, None],
              ["end repeat", None, None, None, None]]  # fmt: skip
    choices = [["list_name", "name", "label"], ["yn", 1, "Yes"], ["yn", 0, "No"]]
    legacy = load_form(workbook(tmp_path / "f.xls", survey, choices))
    modern = load_form(workbook(tmp_path / "f.xlsx", survey, choices))
    assert legacy.to_json() == {**modern.to_json(), "id": legacy.to_json()["id"]}
    assert legacy.question("n").default == 3
    assert legacy.question("ok").default == "1"
    assert legacy.question("d").default == "2024-05-01"
    assert [q.name for q in legacy.questions] == ["n", "ok", "d", "who"]
    bad = workbook(tmp_path / "bad.xls", [["type", "name", "label"], ["text", "a", "A"],
                                          ["integer", "a", "Again"]])  # fmt: skip
    assert any(s == "survey" and r == 3 for s, r, _, _ in problems(bad))


def test_an_unreadable_legacy_workbook_says_so(tmp_path: Path):
    junk = tmp_path / "junk.xls"
    junk.write_bytes(b"not a workbook")
    with pytest.raises(FormReadError, match=r"junk.xls is not a readable .xls workbook"):
        load_form(junk)


def test_list_names_with_colons_and_defaults_pyxform_accepts(tmp_path: Path):
    """OSM mapping forms name lists after tags (`building:material`) and keep defaults that
    are no choice of their list ('Fixme') or numbers on a range: pyxform accepts them; the
    list is renamed, the stray default left unselected as in ODK Collect, and both told."""
    survey = [["type", "name", "label", "default", "parameters"],
              ["select_one building:material", "m", "Material", "Fixme: a list", None],
              ["select_one building:material", "m2", "Again", "wood", None],
              ["range", "w", "Width", 3, "start=1;end=5;step=1"],
              ["calculate", "c", None, None, None]]  # fmt: skip
    survey[0].append("trigger")
    survey[0].append("calculation")
    survey[-1] += ["${m2}", "concat(${m2}, '!')"]
    choices = [["list_name", "name", "label"], ["building:material", "wood", "Wood"],
               ["building:material", "brick", "Brick"]]  # fmt: skip
    form = load_form(workbook(tmp_path / "osm.xlsx", survey, choices))
    assert form.question("m").choice_list == form.question("m2").choice_list == "building_material"
    assert [c.name for c in form.question("m").choices] == ["wood", "brick"]
    assert form.question("m").default is None
    assert form.question("m2").default == "wood"
    assert form.question("w").default == 3
    # pyxform hands the trigger over as bare names: read as the ${name} written
    assert form.question("c").trigger == "${m2}"
    assert form.initial_answers() == {"m2": "wood", "w": 3}
    assert any("'building:material' read as 'building_material'" in w for w in form.warnings)
    assert any("'Fixme: a list' of 'm' is no choice" in w for w in form.warnings)


def test_xpath_paths_read_as_the_questions_they_point_at(tmp_path: Path):
    """CHT and hand-written forms use location paths pyxform passes through: `./source`,
    `../${inputs}/user/id`, `/data/g/q`. Each is the question it points at; a path to
    nothing is an empty node-set, as in JavaRosa, warned with its row and column."""
    survey = [["type", "name", "label", "relevant", "calculation"],
              ["begin group", "inputs", "Inputs", None, None],
              ["hidden", "source", None, None, None],
              ["begin group", "user", "User", None, None],
              ["text", "contact_id", "Contact", None, None],
              ["end group", None, None, None, None],
              ["end group", None, None, None, None],
              ["calculate", "cid", None, None, "../${inputs}/user/contact_id"],
              ["calculate", "both", None, None, "concat(/data/inputs/user/contact_id, '/x/y')"],
              ["text", "q", "Q", "${inputs}/source = 'user'", None],
              ["text", "r", "R", "./../q != ''", None]]  # fmt: skip
    form = load_form(workbook(tmp_path / "cht.xlsx", survey))
    assert form.question("cid").calculation == "${contact_id}"
    assert form.question("both").calculation == "concat(${contact_id}, '/x/y')"
    assert form.question("q").relevant == "${source} = 'user'"
    assert form.question("r").relevant == "${q} != ''"
    answers = {"source": "user", "contact_id": "c-1"}
    ev = form.evaluate(answers)
    assert ev.is_relevant("q")
    assert ev.value("cid") == "c-1"
    assert any("XPath path(s) read as the question" in w for w in form.warnings)
    survey[7][4] = "concat('<', ../${inputs}/nobody/here, '>')"
    nowhere = load_form(workbook(tmp_path / "nowhere.xlsx", survey))
    assert nowhere.evaluate(answers).value("cid") == "<>"
    assert (
        "survey row 8, column 'calculation' of 'cid': '../${inputs}/nobody/here' leads to no "
        "node of the form: read as empty, as ODK Collect reads a path to no node"
    ) in nowhere.warnings


def test_a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused_before_reading(
    tmp_path: Path,
):
    """A small .xlsx whose sheet inflates to 70 MB of rows (a zip bomb, or a sheet dragged
    down a million lines) is refused from the sizes its directory declares, in one sentence,
    instead of being parsed for minutes; the same file under the cap is read."""
    import zipfile

    base = workbook(tmp_path / "base.xlsx", [["type", "name", "label"], ["text", "q", "Q"]])
    row = '<row r="3"><c r="A3" t="inlineStr"><is><t>text</t></is></c></row>'

    def inflated(path: Path, size: int) -> Path:
        with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    head, tail = data.decode().split("</sheetData>")
                    data = (head + row * (size // len(row)) + "</sheetData>" + tail).encode()
                out.writestr(item, data)
        return path

    bomb = inflated(tmp_path / "bomb.xlsx", 70 * 1024 * 1024)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(FormReadError, match=r"bomb\.xlsx unpacks to 70 MB, more than the 64 MB"):
        load_form(bomb)
    # The cap is far above real forms: the same construction at 100 KB is read.
    small = load_form(inflated(tmp_path / "small.xlsx", 100 * 1024))
    assert "q" in [q.name for q in small.questions]
