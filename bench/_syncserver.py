"""A real FieldApp server in a child process on loopback, driven over stdin (tests, benches).

The child runs Django's threaded HTTP/1.1 server (keep-alive, like a production app server
behind a proxy) on its own SQLite database, so that the sync tests and the bench see real HTTP
and real transactions, a restart is a real process restart, and nothing leaks into the test
process's Django settings. Commands are JSON lines on stdin, answers JSON lines on stdout.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SQLITE_NAME = "server.sqlite3"
DATABASE_ENV = "FIELDAPP_SYNCSERVER_DATABASE_URL"  # a PostgreSQL server instead of SQLite


# ---- the child -------------------------------------------------------------------------------


def _serve(data: Path, port: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "server.settings.testing"
    os.environ["DATABASE_URL"] = os.environ.get(DATABASE_ENV) or f"sqlite:///{data / SQLITE_NAME}"
    os.environ["FIELDAPP_DATA_DIR"] = str(data)
    os.environ["FIELDAPP_MEDIA_ROOT"] = str(data / "media")
    os.environ.setdefault("FIELDAPP_LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0, interactive=False)
    # Resets and stalls are what the tests do on purpose: no "Broken pipe" lines.
    logging.getLogger("django.server").setLevel(logging.CRITICAL)

    class Handler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadedWSGIServer(("127.0.0.1", port), Handler, allow_reuse_address=True)
    httpd.daemon_threads = True
    httpd.set_app(get_wsgi_application())
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(json.dumps({"port": httpd.server_address[1]}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            result = COMMANDS[request["cmd"]](**request.get("args", {}))
            answer = {"ok": True, "result": result}
        except Exception as exc:
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        finally:
            from django.db import connections

            connections.close_all()
        print(json.dumps(answer, default=str), flush=True)
    httpd.shutdown()


def _user(username: str, role: str = "agent", regions: list[str] | None = None) -> str:
    from server.accounts.models import User, issue_enrollment_code

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create(username=username, role=role, regions=regions or [])
    code, _ = issue_enrollment_code(user)
    return code


def _establishments(
    codes: list[str], region: str = "MA-07", assign_to: list[str] | None = None
) -> list[str]:
    from server.accounts.models import User
    from server.feed.publish import publish
    from server.registry.actions import assign, shared_entry
    from server.registry.models import Establishment

    ids = []
    for code in codes:
        est = Establishment.objects.filter(code=code).first()
        if est is None:
            est = Establishment.objects.create(
                code=code, name_fr=f"Centre {code}", name_ar="مركز", region=region, type="elderly"
            )
            publish([shared_entry(est, [])])
        for username in assign_to or []:
            assign(est, User.objects.get(username=username))
        ids.append(est.id)
    return ids


def _unassign(code: str, username: str) -> bool:
    from server.accounts.models import User
    from server.registry.actions import unassign
    from server.registry.models import Establishment

    return unassign(Establishment.objects.get(code=code), User.objects.get(username=username))


def _stored_survey(
    establishment_id: str, answers: dict[str, Any], survey_id: str | None = None
) -> str:
    """A survey written straight to the database, past the push's checks: what an older
    server, a restored backup or a hand-made row may hold (tests of the client's distrust).
    With `survey_id`, that survey's answers are replaced (a correction made on the server)."""
    from fieldapp.domain import new_id
    from server.feed.publish import publish
    from server.registry.models import Establishment
    from server.surveys.models import FormVersion, Survey
    from server.surveys.wire import survey_feed_entry

    if survey_id is not None:
        survey = Survey.objects.get(pk=survey_id)
        survey.answers = answers
        survey.revision += 1
        survey.save()
        publish([survey_feed_entry(survey)])
        return survey.id
    survey = Survey.objects.create(
        id=new_id(),
        establishment=Establishment.objects.get(pk=establishment_id),
        form=FormVersion.objects.order_by("pk").first(),
        answers=answers,
        revision=1,
        author="old server",
    )
    publish([survey_feed_entry(survey)])
    return survey.id


def _publish_form(definition: dict[str, Any]) -> list[str]:
    from server.surveys.actions import publish_form
    from server.surveys.models import FormVersion

    found = FormVersion.objects.filter(
        form_id=definition["id"], version=str(definition["version"])
    ).first()
    if found is None:
        found = publish_form(definition)
    return [found.form_id, found.version]


def _state() -> dict[str, Any]:
    from server.attachments.models import Attachment
    from server.feed.models import AppliedChange
    from server.surveys.models import Conflict, Survey, SurveyRevision

    return {
        "surveys": {
            s.id: {
                "revision": s.revision,
                "establishment_id": s.establishment_id,
                "answers": s.answers,
                "status": s.status,
                "form_version": s.form.version,
            }
            for s in Survey.objects.select_related("form")
        },
        "revisions": SurveyRevision.objects.count(),
        "revision_change_ids": list(SurveyRevision.objects.values_list("change_id", flat=True)),
        "applied_changes": AppliedChange.objects.count(),
        "conflicts": [
            {
                "survey_id": c.survey_id,
                "question": c.question,
                "revision": c.revision,
                "server": c.server,
                "client": c.client,
                "resolved": c.resolved_at is not None,
            }
            for c in Conflict.objects.all()
        ],
        "attachments": {
            a.sha256: {"size": a.size, "received": a.received, "complete": a.complete}
            for a in Attachment.objects.all()
        },
    }


def _conflict(c: Any) -> dict[str, Any]:
    return {
        "survey_id": c.survey_id,
        "question": c.question,
        "revision": c.revision,
        "server": c.server,
        "client": c.client,
        "resolved": c.resolved_at is not None,
    }


def _reset_epoch() -> str:
    from server.feed.models import FeedEpoch, new_epoch

    epoch = FeedEpoch.objects.order_by("id").first()
    assert epoch is not None
    epoch.epoch = new_epoch()
    epoch.save()
    return epoch.epoch


def _partial_upload(sha256: str, data_hex: str, size: int) -> dict[str, Any]:
    """Leave an upload half done by the newest device (the test's), as a cut link would: a
    partial upload belongs to its device (server.attachments.uploads)."""
    from server.accounts.models import Device
    from server.attachments.models import Upload
    from server.attachments.uploads import partial_path

    chunk = bytes.fromhex(data_hex)
    device = Device.objects.order_by("-created_at").first()
    assert device is not None
    upload = Upload.objects.create(sha256=sha256, device=device, size=size, received=len(chunk))
    partial_path(upload).write_bytes(chunk)
    return {"received": len(chunk)}


def _seed_demo() -> str:
    """What `fieldapp-server serve-demo` seeds (`make server`); the enrollment code of agent1."""
    from server.surveys.demo import seed_demo

    return seed_demo().enrollment_code


COMMANDS = {
    "seed_demo": _seed_demo,
    "user": _user,
    "establishments": _establishments,
    "publish_form": _publish_form,
    "state": _state,
    "reset_epoch": _reset_epoch,
    "partial_upload": _partial_upload,
    "unassign": _unassign,
    "stored_survey": _stored_survey,
}


# ---- the parent ------------------------------------------------------------------------------


class SyncServer:
    """Start, drive, restart and stop the child server."""

    def __init__(
        self,
        data: Path,
        port: int = 0,
        *,
        start_timeout: float = 60.0,
        database_url: str | None = None,
    ) -> None:
        self.data = Path(data)
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = port
        self.database_url = database_url
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SyncServer:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DATABASE"))}
        env.pop(DATABASE_ENV, None)
        if self.database_url:
            env[DATABASE_ENV] = self.database_url
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), str(self.data), str(self.port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,
            text=True,
            env=env,
            cwd=ROOT,
        )
        line = self._readline(self.start_timeout)
        self.port = int(json.loads(line)["port"])
        return self

    def _readline(self, timeout: float) -> str:
        assert self.proc is not None and self.proc.stdout is not None
        box: list[str] = []
        reader = threading.Thread(target=lambda: box.append(self.proc.stdout.readline()))  # type: ignore[union-attr]
        reader.daemon = True
        reader.start()
        reader.join(timeout)
        if not box or not box[0]:
            raise RuntimeError("the sync server did not answer (see its stderr above)")
        return box[0]

    def call(self, cmd: str, timeout: float = 120.0, **args: Any) -> Any:
        with self._lock:
            assert self.proc is not None and self.proc.stdin is not None
            self.proc.stdin.write(json.dumps({"cmd": cmd, "args": args}) + "\n")
            self.proc.stdin.flush()
            answer = json.loads(self._readline(timeout))
        if not answer["ok"]:
            raise RuntimeError(answer["error"])
        return answer["result"]

    def stop(self, *, kill: bool = False) -> None:
        if self.proc is None:
            return
        if kill:
            self.proc.kill()
        else:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=20)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc = None

    def restart(self) -> None:
        """Kill -9 and start again on the same port and database: a crashed app server."""
        self.stop(kill=True)
        self.start()

    # -- backups, as an operator takes and restores them (docs/deploy.md) --------------------

    def backup(self, target: Path) -> Path:
        """Back the database up to `target`: `pg_dump -Fc` on PostgreSQL (while serving), the
        SQLite file copied with the server stopped (then started again)."""
        target = Path(target)
        if self.database_url:
            subprocess.run(
                ["pg_dump", "-Fc", "-f", str(target), "--dbname", self.database_url],
                check=True,
                timeout=300,
            )
            return target
        self.stop()
        shutil.copyfile(self.data / SQLITE_NAME, target)
        self.start()
        return target

    def restore(self, source: Path) -> None:
        """Stop the server, put the backup in place of its database, start it again."""
        self.stop(kill=True)
        if self.database_url:
            subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                 "--dbname", self.database_url, str(source)],
                check=True, timeout=300,
            )  # fmt: skip
        else:
            for suffix in ("-wal", "-shm", "-journal"):
                (self.data / f"{SQLITE_NAME}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(source, self.data / SQLITE_NAME)
        self.start()

    def __enter__(self) -> SyncServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":
    _serve(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0)
