"""Backup and restore of a server: the database and the attachments, in one file.

A backup is a tar file `fieldapp-backup-<UTC time>.tar` holding `manifest.json` (what, when,
which FieldApp, checksums), the database (`database.dump` from `pg_dump --format=custom`, or
`database.sqlite3` from SQLite's online backup API) and `media/` (the attachments). The
database is dumped first, then the files are copied: everything the dump references was
complete before it, so the restored database never names a missing attachment.

A restore goes into an empty database (a fresh one, as after losing the host; `--force`
empties an existing one first) and an empty media folder, then runs the migrations of the
installed version, so a backup from an older release restores onto a newer one.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from server.attachments.uploads import file_sha256

FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on: one line for the operator; nothing changed."""


@dataclass(frozen=True)
class Database:
    engine: str  # "postgresql" or "sqlite"
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def current(cls) -> Database:
        db = settings.DATABASES["default"]
        engine = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite"
        if "sqlite" not in db["ENGINE"] and engine != "postgresql":
            raise BackupError(f"cannot back up a {db['ENGINE']} database")
        return cls(
            engine,
            str(db["NAME"]),
            str(db.get("USER") or ""),
            str(db.get("PASSWORD") or ""),
            str(db.get("HOST") or ""),
            str(db.get("PORT") or ""),
        )

    def pg_args(self) -> list[str]:
        args = []
        if self.host:
            args += ["--host", self.host]
        if self.port:
            args += ["--port", self.port]
        if self.user:
            args += ["--username", self.user]
        return args

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (apt install postgresql-client)")
    return found


def _run(args: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        raise BackupError(f"{Path(args[0]).name} failed: {lines[-1] if lines else proc.returncode}")


def _migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name"):
        latest[app] = max(latest.get(app, ""), name)
    return latest


def backup(out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Write a backup into the existing folder `out_dir`; returns its path and manifest."""
    from fieldapp import __version__

    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise BackupError(f"the folder {out_dir} does not exist")
    db = Database.current()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = out_dir / f"fieldapp-backup-{stamp}.tar"
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".fieldapp-backup-") as tmp_name:
        tmp = Path(tmp_name)
        if db.engine == "postgresql":
            dump = tmp / "database.dump"
            _run(
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                 *db.pg_args(), "--file", str(dump), db.name],
                db.pg_env(),
            )  # fmt: skip
        else:
            dump = tmp / "database.sqlite3"
            source = sqlite3.connect(db.name)
            copy = sqlite3.connect(dump)
            with copy:
                source.backup(copy)
            copy.close()
            source.close()
        media_files = [p for p in media.rglob("*") if p.is_file()] if media.is_dir() else []
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "fieldapp_version": __version__,
            "engine": db.engine,
            "database_file": dump.name,
            "database_sha256": file_sha256(dump),
            "migrations": _migrations(),
            "media_files": len(media_files),
            "media_bytes": sum(p.stat().st_size for p in media_files),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = tmp / "backup.tar"
        with tarfile.open(partial, "w") as tar:
            tar.add(tmp / "manifest.json", "manifest.json")
            tar.add(dump, dump.name)
            for path in media_files:
                tar.add(path, f"media/{path.relative_to(media).as_posix()}")
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    return target, manifest


def _tables() -> list[str]:
    return list(connection.introspection.table_names())


def _empty_database(db: Database) -> None:
    with connection.cursor() as cursor:
        if db.engine == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            for table in _tables():
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')


def restore(archive: Path, *, force: bool = False) -> dict[str, Any]:
    """Restore a backup into the configured database and MEDIA_ROOT; returns its manifest.

    Refuses (BackupError, nothing changed) a file that is not a FieldApp backup, a damaged
    one, a backup of the other engine, or a database or media folder that is not empty
    (unless `force`)."""
    archive = Path(archive)
    db = Database.current()
    media = Path(settings.MEDIA_ROOT)
    try:
        tar = tarfile.open(archive, "r:")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise BackupError(f"cannot read {archive}: {exc.strerror or exc}") from None
    except tarfile.TarError:
        raise BackupError(f"{archive} is not a FieldApp backup (not a tar file)") from None
    with tar, tempfile.TemporaryDirectory(prefix="fieldapp-restore-") as tmp_name:
        tmp = Path(tmp_name)
        try:
            tar.extractall(tmp, filter="data")
            manifest = json.loads((tmp / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, tarfile.TarError, ValueError, KeyError) as exc:
            why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BackupError(f"{archive} is not a FieldApp backup ({why})") from None
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{archive}: backup format {manifest.get('format')} is unknown")
        dump = tmp / str(manifest.get("database_file", ""))
        if not dump.is_file() or file_sha256(dump) != manifest.get("database_sha256"):
            raise BackupError(f"{archive} is damaged: its database does not match its checksum")
        if manifest["engine"] != db.engine:
            raise BackupError(
                f"{archive} holds a {manifest['engine']} database; DATABASE_URL is {db.engine}"
            )
        if _tables() and not force:
            raise BackupError(
                f"the database {db.name} is not empty: restore into a fresh one, "
                "or --force to replace what it holds"
            )
        if media.is_dir() and any(media.iterdir()) and not force:
            raise BackupError(f"the media folder {media} is not empty (--force replaces it)")
        if _tables():
            _empty_database(db)
        if db.engine == "postgresql":
            _run(
                [_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction",
                 "--exit-on-error", *db.pg_args(), "--dbname", db.name, str(dump)],
                db.pg_env(),
            )  # fmt: skip
        else:
            connection.close()
            target = Path(db.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(dump, f"{target}.restoring")
            os.replace(f"{target}.restoring", target)
        restored_media = tmp / "media"
        if media.is_dir():
            shutil.rmtree(media)
        if restored_media.is_dir():
            shutil.copytree(restored_media, media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    connection.close()
    return dict(manifest)
