"""Every fieldapp-server command of the project, plus the hyphen mapping of the entry point."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from server.accounts.models import Device, EnrollmentCode, User
from server.registry.models import Assignment, Establishment
from server.surveys.models import FormVersion
from tests.server.forms import form_definition

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_user_with_role_and_regions(db):
    out, _ = run(
        "create_user", "fatima", "--role", "coordinator", "--region", "MA-07", "--region", "MA-06"
    )
    user = User.objects.get(username="fatima")
    assert user.role == "coordinator" and user.regions == ["MA-06", "MA-07"] and user.is_staff
    assert "password:" in out
    run("create_user", "admin1", "--role", "admin", "--password", "s3cret-pass-2024")
    assert User.objects.get(username="admin1").check_password("s3cret-pass-2024")
    with pytest.raises(CommandError, match="region"):
        run("create_user", "nobody", "--role", "coordinator")


def test_create_user_refuses_weak_passwords_and_unknown_regions(db):
    for password in ("x", "password123", "12345678901", "karima-2024"):
        with pytest.raises(CommandError, match="password refused") as refused:
            run("create_user", "karima", "--role", "agent", "--password", password)
        assert refused.value.returncode == 2
    assert not User.objects.filter(username="karima").exists()
    with pytest.raises(CommandError, match="unknown region 'XX-99'"):
        run("create_user", "karim", "--role", "coordinator", "--region", "XX-99")
    assert not User.objects.filter(username="karim").exists()
    # A region by its French or Arabic name is kept as its ISO code.
    run("create_user", "karim", "--role", "coordinator", "--region", "Marrakech-Safi",
        "--region", "الدار البيضاء سطات")  # fmt: skip
    assert User.objects.get(username="karim").regions == ["MA-06", "MA-07"]


def test_enrollment_code_prints_the_code_on_its_last_line(db):
    run("create_user", "agent7", "--role", "agent", "--password", "field-laptop-7")
    out, _ = run("enrollment_code", "agent7")
    code = out.strip().splitlines()[-1]
    assert len(code) == 14 and code.count("-") == 2
    row = EnrollmentCode.objects.get(user__username="agent7")
    assert row.used_at is None and row.code_hash != code
    with pytest.raises(CommandError):
        run("enrollment_code", "ghost")


def test_enrollment_code_from_cli_enrolls_over_http(world, live_server):
    import requests

    out, _ = run("enrollment_code", "agent2")
    code = out.strip().splitlines()[-1]
    reply = requests.post(
        live_server.url + "/api/v1/enroll", json={"code": code, "device_name": "PC"}, timeout=10
    )
    assert reply.status_code == 200 and reply.json()["username"] == "agent2"


def test_revoke_device(world, client_for):
    client = client_for(world["agent1"])
    run("revoke_device", client.device_id)
    assert Device.objects.get(pk=client.device_id).revoked
    assert client.get("/sync/pull").status_code == 401
    with pytest.raises(CommandError):
        run("revoke_device", "no-such-device")


def test_import_establishments_reports_bad_lines_and_is_idempotent(db, tmp_path):
    csv_path = tmp_path / "eps.csv"
    csv_path.write_text(
        "code,name_fr,name_ar,type,capacity,region,province,commune,site,latitude,longitude\n"
        "EPS-A,Centre A,مركز أ,elderly,40,MA-07,Rehamna,Benguerir,Benguerir,32.23,-7.95\n"
        "EPS-B,Centre B,,children,abc,MA-07,,,,,\n"
        ",Sans code,,,,MA-07,,,,,\n"
        "EPS-C,Centre C,,women,,MA-06,Khouribga,Khouribga,Khouribga,95,-6.9\n"
        "EPS-D,Centre D,,spaceship,,MA-06,,,,,\n"
        "EPS-E,Centre E,,,,MA-06,,,,32.88,-6.90\n"
        "EPS-A,Centre A bis,,,,MA-07,,,,,\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError, match="5 bad line") as refused:
        call_command("import_establishments", str(csv_path), stdout=StringIO(), stderr=err)
    assert refused.value.returncode == 2 and not Establishment.objects.exists()
    err_text = err.getvalue()
    assert f"{csv_path}:3: capacity 'abc' is not a whole number" in err_text
    assert f"{csv_path}:4: code is empty" in err_text
    assert f"{csv_path}:5: coordinates 95, -6.9 are outside Morocco" in err_text
    assert f"{csv_path}:6: type 'spaceship' is unknown" in err_text
    assert f"{csv_path}:8: code EPS-A repeats line 2" in err_text
    out, err = run("import_establishments", str(csv_path), "--partial")
    assert "created 2, updated 0, unchanged 0, bad lines 5" in out
    assert set(Establishment.objects.values_list("code", flat=True)) == {"EPS-A", "EPS-E"}
    out, _ = run("import_establishments", str(csv_path), "--partial")
    assert "created 0, updated 0, unchanged 2" in out
    csv_path.write_text(
        "code,name_fr,region,capacity\nEPS-A,Centre A renamed,MA-07,45\n", encoding="utf-8"
    )
    out, _ = run("import_establishments", str(csv_path))
    assert "updated 1" in out
    assert Establishment.objects.get(code="EPS-A").capacity == 45
    with pytest.raises(CommandError, match="no such file"):
        run("import_establishments", str(tmp_path / "missing.csv"))


def test_assign_and_unassign(db):
    run("create_user", "agent1", "--role", "agent", "--password", "field-laptop-1")
    Establishment.objects.create(code="EPS-1", name_fr="Centre 1", region="MA-07")
    out, _ = run("assign", "agent1", "EPS-1")
    assert "EPS-1: assigned" in out and Assignment.objects.count() == 1
    out, _ = run("assign", "agent1", "EPS-1")
    assert "already assigned" in out
    out, _ = run("assign", "agent1", "EPS-1", "--remove")
    assert "unassigned" in out and Assignment.objects.count() == 0
    with pytest.raises(CommandError, match="unknown establishment"):
        run("assign", "agent1", "EPS-404")


def test_publish_form_json_and_refusals(db, tmp_path):
    good = tmp_path / "form.json"
    good.write_text(json.dumps(form_definition("3")), encoding="utf-8")
    out, _ = run("publish_form", str(good))
    assert "published baseline_test version 3" in out
    assert FormVersion.objects.filter(form_id="baseline_test", version="3").exists()
    with pytest.raises(CommandError, match="already published"):
        run("publish_form", str(good))
    bad = tmp_path / "bad.json"
    broken = form_definition("4")
    broken["children"][0]["type"] = "colour"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(CommandError, match="cannot publish"):
        run("publish_form", str(bad))


def test_stats_json(world):
    out, _ = run("stats", "--json")
    stats = json.loads(out)
    assert stats["establishments"] == 4 and stats["assignments"] == 3 and stats["forms"] == 1
    assert stats["surveys_by_status"] == {"draft": 0, "finalized": 0, "returned": 0, "approved": 0}
    out, _ = run("stats")
    assert "establishments: 4" in out


def test_seed_demo_only_into_an_empty_database(transactional_db):
    out, _ = run("seed_demo", "--establishments", "6")
    assert "agent1 / agent1-demo" in out and "coordinateur / coordinateur-demo" in out
    assert Establishment.objects.count() == 6 and Assignment.objects.count() == 6
    assert len(out.strip().splitlines()[-1]) == 14  # the enrollment code, last line
    out, _ = run("seed_demo")
    assert "not seeded" in out and Establishment.objects.count() == 6


def test_a_demo_seeded_with_an_older_baseline_gets_the_apps_version(transactional_db):
    from fieldapp.forms import baseline_form

    run("seed_demo", "--establishments", "2")
    current = baseline_form().version
    FormVersion.objects.filter(version=current).update(version="2024.1")  # an older release's
    out, _ = run("seed_demo")
    assert f"published the app's newer form eps_baseline v{current}" in out
    assert sorted(FormVersion.objects.values_list("version", flat=True)) == ["2024.1", current]
    out, _ = run("seed_demo")  # already there: nothing more
    assert "published" not in out and FormVersion.objects.count() == 2


def test_serve_demo_prepares_without_serving(transactional_db):
    out, _ = run("serve_demo", "--no-serve")
    assert "seeded demo" in out
    assert User.objects.filter(username="agent2").exists()


def test_export_csv_and_xlsx(world, client_for, tmp_path):
    pytest.importorskip("fieldapp.forms.flatten", reason="form engine flattening not landed yet")
    from tests.server.helpers import survey_change

    client = client_for(world["agent1"])
    client.push([survey_change(world["e1"].id, {"residents": i}) for i in range(5)])
    out, _ = run(
        "export", "--form", "baseline_test", "--format", "csv", "--out", str(tmp_path / "s.csv")
    )
    assert "exported 5 surveys" in out
    lines = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("_survey_id,_establishment_code") and len(lines) == 6
    out, _ = run(
        "export", "--form", "baseline_test@1", "--format", "xlsx", "--out", str(tmp_path / "s.xlsx")
    )
    assert "exported 5 surveys" in out and (tmp_path / "s.xlsx").stat().st_size > 0
    with pytest.raises(CommandError, match="no published form"):
        run("export", "--form", "nope", "--out", str(tmp_path / "x.csv"))


def test_entry_point_maps_hyphenated_commands():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "server.settings.dev"}
    proc = subprocess.run(
        [sys.executable, "-m", "server.cli", "help", "import-establishments"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    # argparse wraps the help where it likes: read it as one line.
    assert "code, name_fr, name_ar" in " ".join(proc.stdout.split())


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "server.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "fieldapp.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "FIELDAPP_DATA_DIR": str(tmp_path),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_production_settings_refuse_to_start_without_a_secret(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "server.settings.production",
        "DJANGO_SECRET_KEY": "",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode != 0 and "DJANGO_SECRET_KEY" in proc.stderr


def test_publish_form_with_its_media_files(db, tmp_path):
    """`publish-form FORM.xlsx MEDIA...`: the choices files travel in the definition devices
    pull; a media file the form names and that is not given refuses the publication."""
    from tests.core.forms.formkit import workbook

    path = workbook(
        tmp_path / "sites.xlsx",
        [["type", "name", "label"], ["select_one_from_file sites.csv", "site", "Site"]],
        None,
        [["form_id", "version"], ["sites_form", "1"]],
    )
    with pytest.raises(CommandError, match=r"missing media file\(s\).*sites\.csv"):
        run("publish_form", str(path))
    assert not FormVersion.objects.filter(form_id="sites_form").exists()
    sites = tmp_path / "sites.csv"
    sites.write_text("name,label\nben,Benguerir\nsaf,Safi\n", encoding="utf-8")
    out, _ = run("publish_form", str(path), str(sites))
    assert "published sites_form version 1" in out
    version = FormVersion.objects.get(form_id="sites_form", version="1")
    lists = version.definition["choice_lists"]
    assert [c["name"] for c in lists["file_sites_csv"]] == ["ben", "saf"]
    with pytest.raises(CommandError, match="no such file"):
        run("publish_form", str(path), str(tmp_path / "nope.csv"))


def test_publish_form_with_the_file_its_pulldata_reads(db, tmp_path):
    """A file read by pulldata()/instance() travels in the definition too, so the server
    and every laptop compute the same lookups; without it the publication is refused."""
    from server.surveys import formengine
    from tests.core.forms.formkit import workbook

    path = workbook(
        tmp_path / "prices.xlsx",
        [["type", "name", "label", "calculation"], ["text", "code", "Code", None],
         ["calculate", "mad", None, "pulldata('prices', 'mad', 'code', ${code})"]],
        None,
        [["form_id", "version"], ["prices_form", "1"]],
    )  # fmt: skip
    with pytest.raises(CommandError, match=r"missing media file\(s\).*prices\.csv"):
        run("publish_form", str(path))
    prices = tmp_path / "prices.csv"
    prices.write_text("code,mad\nG1,12.5\nE2,1.2\n", encoding="utf-8")
    run("publish_form", str(path), str(prices))
    version = FormVersion.objects.get(form_id="prices_form", version="1")
    form = formengine.form_for(version)
    assert form.evaluate({"code": "E2"}).value("mad") == "1.2"
