"""`fieldapp form import|check|validate`: outputs and exit codes."""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.forms import baseline_form, demo_answers
from fieldapp.forms.cli import register
from tests.core.forms.formkit import definition, q, workbook

ROOT = Path(__file__).parents[3]
BASELINE_XLSX = ROOT / "fieldapp" / "forms" / "data" / "baseline.xlsx"


def cli(*args: str, capsys) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="fieldapp")
    register(parser.add_subparsers(dest="command"))
    ns = parser.parse_args(["form", *args])
    code = ns.func(ns)
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_check(tmp_path: Path, capsys):
    out_json = tmp_path / "baseline.json"
    code, out, _ = cli("import", str(BASELINE_XLSX), "--out", str(out_json), capsys=capsys)
    assert code == 0 and out.startswith(f"wrote {out_json}: eps_baseline 2024.2:")
    assert json.loads(out_json.read_text(encoding="utf-8")) == baseline_form().to_json()
    code, out, _ = cli("check", str(out_json), capsys=capsys)
    assert code == 0
    assert out == (
        "ok eps_baseline 2024.2: 95 questions in 10 sections, 2 repeats, languages fr ar en\n"
    )
    code, out, _ = cli("check", str(BASELINE_XLSX), capsys=capsys)
    assert code == 0 and out.startswith("ok eps_baseline")


def test_check_lists_every_problem(tmp_path: Path, capsys):
    bad = workbook(
        tmp_path / "bad.xlsx",
        [["type", "name", "label", "bogus"], ["integr", "a", "A"], ["text", "b", "B"]],
    )
    code, out, _ = cli("check", str(bad), capsys=capsys)
    lines = out.splitlines()
    assert code == 1
    # the unknown column 'bogus' is one XLSForm keeps: not listed as why the workbook fails
    assert lines[0] == f"{bad}: 2 problems"
    assert "row 2, column 'type' (A2), question 'a': unsupported type 'integr'" in lines[1]
    assert "pyxform refuses this workbook too" in lines[2]
    assert "bogus" not in out
    code, _, _ = cli("import", str(bad), "--out", str(tmp_path / "x.json"), capsys=capsys)
    assert code == 1 and not (tmp_path / "x.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "missing.json"], "cannot read"),
        (["check", "garbage.json"], "is not valid JSON"),
        (["check", "junk.xlsx"], "not a readable .xlsx"),
        (["check", "form.txt"], "a form is a .json, .xlsx or .xls file"),
        (["import", "form.json", "--out", "x.json"], "is not an .xlsx or .xls workbook"),
        (["validate", "form.json", "missing.json"], "cannot read"),
        (["validate", "form.json", "garbage.json"], "is not valid JSON"),
        (["validate", "form.json", "list.json"], "must hold a JSON object"),
        (["validate", "missing.json", "list.json"], "cannot read"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    Path("garbage.json").write_text("{oops", encoding="utf-8")
    Path("junk.xlsx").write_bytes(b"junk")
    Path("form.txt").write_text("x", encoding="utf-8")
    Path("list.json").write_text("[1]", encoding="utf-8")
    Path("form.json").write_text(json.dumps(definition([q("a")])), encoding="utf-8")
    code, out, err = cli(*args, capsys=capsys)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and message in err and err.startswith("fieldapp form: ")


def test_import_to_an_unwritable_place(tmp_path: Path, capsys):
    code, _, err = cli(
        "import", str(BASELINE_XLSX), "--out", str(tmp_path / "no" / "dir.json"), capsys=capsys
    )
    assert code == 2 and "cannot write" in err


def test_validate(tmp_path: Path, capsys):
    form = baseline_form()
    good = tmp_path / "good.json"
    good.write_text(json.dumps(demo_answers(form, random.Random(3), complete=True)), "utf-8")
    code, out, _ = cli("validate", str(BASELINE_XLSX), str(good), capsys=capsys)
    assert (code, out) == (0, "valid\n")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"capacity": "many", "residents_total": 5}), "utf-8")
    code, out, _ = cli("validate", str(BASELINE_XLSX), str(bad), capsys=capsys)
    assert code == 1
    assert "capacity: [type] A whole number is expected." in out
    assert "eps_code: [required] An answer is required." in out
    assert out.splitlines()[-1].endswith(" issues")
    code, out, _ = cli("validate", str(BASELINE_XLSX), str(bad), "--draft", "--lang", "fr",
                       capsys=capsys)  # fmt: skip
    assert (code, out) == (1, "capacity: [type] Un nombre entier est attendu.\n1 issue\n")
    code, out, _ = cli("validate", str(BASELINE_XLSX), str(good), "--json", capsys=capsys)
    report = json.loads(out)
    assert code == 0 and report["valid"] is True and report["issues"] == []
    assert report["relevant"]["identification"] is True
    assert "bills_total_mad" in report["calculated"] or "staff_total" in report["calculated"]
    code, out, _ = cli("validate", str(BASELINE_XLSX), str(bad), "--json", capsys=capsys)
    report = json.loads(out)
    capacity = next(i for i in report["issues"] if i["question"] == "capacity")
    assert code == 1 and (capacity["path"], capacity["code"]) == ("capacity", "type")
    assert set(capacity["message"]) == {"fr", "ar", "en"}


def test_validate_against_a_broken_form(tmp_path: Path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(definition([q("a", relevant="${b}")])), "utf-8")
    answers = tmp_path / "a.json"
    answers.write_text("{}", "utf-8")
    code, out, _ = cli("validate", str(broken), str(answers), capsys=capsys)
    assert code == 2 and "unknown question ${b}" in out


def test_through_the_fieldapp_command(tmp_path: Path):
    """The core CLI registers the form commands: run them as a user would."""
    if not (ROOT / "fieldapp" / "cli.py").exists():
        pytest.skip("fieldapp/cli.py is not there yet")
    run = subprocess.run(
        [sys.executable, "-m", "fieldapp", "form", "check", str(BASELINE_XLSX)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("ok eps_baseline")
    run = subprocess.run(
        [sys.executable, "-m", "fieldapp", "form", "check", str(tmp_path / "none.json")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_check_piped_into_head_ends_quietly(tmp_path: Path):
    """`fieldapp form check F | head -1`: no BrokenPipe traceback when the reader leaves."""
    import subprocess
    import sys

    rows = [["type", "name", "label"]] + [["integr", f"q{i}", "Q"] for i in range(3000)]
    bad = workbook(tmp_path / "many.xlsx", rows)
    proc = subprocess.Popen(
        [sys.executable, "-m", "fieldapp", "form", "check", str(bad)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert b"3001 problems" in first or b"problems" in first
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_check_says_in_one_line_what_odk_refuses_too_and_warns_what_reads_no_node(
    tmp_path: Path, capsys
):
    """Issue 16: an expression ODK Validate refuses (not XPath; a function Collect has not)
    is one line naming sheet, row and column and saying ODK refuses it too; a path or name
    that reads no node loads (as in Collect) with a warning naming row, column and path."""
    head = ["type", "name", "label", "required", "calculation"]
    survey = [head,
              ["integer", "num", "Number", None, None],
              ["calculate", "calc", None, None, "if(${num}<1,0,1"],
              ["calculate", "cht", None, None, "cht:difference-in-days(${num}, 2)"]]  # fmt: skip
    bad = workbook(tmp_path / "bad.xlsx", survey)
    code, out, _ = cli("check", str(bad), capsys=capsys)
    assert code == 1  # EXIT_INVALID, as for every form error
    lines = out.splitlines()
    assert lines[0] == f"{bad}: 2 problems"
    assert lines[1] == (
        "  sheet 'survey', row 3, column 'calculation', question 'calc': expected ',' or ')', "
        "found end of expression at column 16 in 'if(${num}<1,0,1': not valid XPath, "
        "ODK Validate refuses it too"
    )
    assert lines[2].startswith("  sheet 'survey', row 4, column 'calculation', question 'cht'")
    assert lines[2].endswith("ODK Collect has no such function either, ODK Validate refuses it too")
    fine = workbook(tmp_path / "fine.xlsx", [head,
                    ["text", "model", "Model", "basic", None],
                    ["calculate", "lat", None, None, "../${model}/meta/location/lat"]])  # fmt: skip
    code, out, _ = cli("check", str(fine), capsys=capsys)
    assert code == 0 and out.startswith("ok small 3:")
    assert (
        "  warning: survey row 2, column 'required' of 'model': 'basic' leads to no node of the "
        "form: read as empty, as ODK Collect reads a path to no node (pyxform passes a required "
        "cell other than yes/no on as an expression: not required)\n"
    ) in out
    assert "survey row 3, column 'calculation' of 'lat': '../${model}/meta/location/lat'" in out
