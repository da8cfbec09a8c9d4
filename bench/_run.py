"""`make bench`: every benchmark that can run on this machine, one after the other, and a last
JSON line saying which ran, which were skipped and why, and which failed.

A bench that cannot run here is skipped with its reason instead of stopping the others: the
server load bench needs PostgreSQL (when none answers at FIELDAPP_BENCH_ADMIN_URL, a
throwaway cluster is started in a temporary directory if PostgreSQL's programs are installed,
and removed afterwards; FIELDAPP_BENCH_THROWAWAY_PG=0 skips instead), the UI bench needs
PySide6, the bundle bench PyInstaller. A bench may also skip itself by exiting with status
77 (as automake's tests do) after printing its reason.

    python bench/_run.py [NAME ...]     # default: every bench/*.py but linkem.py and _*.py
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SKIPPED = 77
DEFAULT_ADMIN_URL = "postgres://fieldapp:fieldapp@127.0.0.1:5432/fieldapp"
NEEDS_MODULE = {"ui": "PySide6", "dist": "PyInstaller"}
NEEDS_POSTGRES = {"server_apply", "server_load"}


def _shown(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _postgres_problem(url: str) -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[server]')"
    try:
        with psycopg.connect(url, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        text = str(exc).strip().splitlines()
        return text[0] if text else type(exc).__name__


def _pg_program(name: str) -> str | None:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if found:
        return str(found[-1])
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL cluster of its own in a temporary directory, on a free loopback port, with
    a `fieldapp` superuser (trust authentication, loopback only); removed afterwards. Raises
    RuntimeError with the reason when it cannot start."""
    initdb, pg_ctl = _pg_program("initdb"), _pg_program("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError("PostgreSQL's initdb/pg_ctl are not installed")
    as_user: list[str] = []
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:  # initdb refuses root: run the cluster as the postgres user
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError("running as root and there is no postgres user") from None
        as_user = ["runuser", "-u", "postgres", "--"]
    base = Path(tempfile.mkdtemp(prefix="fieldapp-bench-pg-"))
    data, sockets = base / "data", base / "run"
    sockets.mkdir()
    if owner is not None:
        for path in (base, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    log = base / "server.log"

    def run(*args: str) -> None:
        proc = subprocess.run(
            [*as_user, *args], capture_output=True, text=True, timeout=120, check=False
        )
        if proc.returncode != 0:
            lines = (proc.stderr or proc.stdout).strip().splitlines()
            raise RuntimeError(f"{Path(args[0]).name}: {lines[-1] if lines else 'failed'}")

    started = False
    try:
        run(initdb, "-D", str(data), "-U", "fieldapp", "--auth=trust", "-E", "UTF8")
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        started = True
        url = f"postgres://fieldapp:fieldapp@127.0.0.1:{port}/postgres"
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE fieldapp")
        yield f"postgres://fieldapp:fieldapp@127.0.0.1:{port}/fieldapp"
    finally:
        if started:
            with contextlib.suppress(RuntimeError, subprocess.SubprocessError):
                run(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


def _benches(names: list[str]) -> list[Path]:
    found = sorted(p for p in BENCH.glob("*.py") if p.stem != "linkem" and p.name[0] != "_")
    if names:
        found = [p for p in found if p.stem in names]
    return found


def _run(path: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run one bench, its output passed through; returns its status and its last line."""
    proc = subprocess.Popen(
        [sys.executable, str(path)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    last = ""
    assert proc.stdout is not None
    for line in proc.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        if line.strip():
            last = line.strip()
    return proc.wait(), last


def main(argv: list[str]) -> int:
    ran: list[str] = []
    skipped: dict[str, str] = {}
    failed: dict[str, str] = {}
    throwaway: str | None = None  # one throwaway cluster serves every bench that needs one
    with contextlib.ExitStack() as stack:
        for path in _benches(argv):
            name = path.stem
            env = dict(os.environ)
            module = NEEDS_MODULE.get(name)
            if module and importlib.util.find_spec(module) is None:
                skipped[name] = f"{module} is not installed"
                continue
            if name in NEEDS_POSTGRES:
                url = env.get("FIELDAPP_BENCH_ADMIN_URL", DEFAULT_ADMIN_URL)
                problem = _postgres_problem(url)
                if problem is not None and throwaway is not None:
                    url, problem = throwaway, None
                if problem is not None and env.get("FIELDAPP_BENCH_THROWAWAY_PG") == "0":
                    skipped[name] = (
                        f"no PostgreSQL at {_shown(url)} ({problem}); throwaway cluster off"
                    )
                    continue
                if problem is not None:
                    try:
                        url = throwaway = stack.enter_context(throwaway_postgres())
                    except RuntimeError as exc:
                        skipped[name] = (
                            f"no PostgreSQL at {url} ({problem}) and no throwaway cluster ({exc})"
                        )
                        continue
                    print(
                        f"bench: PostgreSQL at {_shown(url)} (throwaway cluster)", file=sys.stderr
                    )
                env["FIELDAPP_BENCH_ADMIN_URL"] = url
            started = time.monotonic()
            status, last = _run(path, env)
            if status == 0:
                ran.append(name)
            elif status == SKIPPED:
                skipped[name] = last or "skipped itself"
            else:
                failed[name] = f"exit status {status} after {time.monotonic() - started:.0f} s"
    print(json.dumps({"bench": "make bench", "ran": ran, "skipped": skipped, "failed": failed}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
