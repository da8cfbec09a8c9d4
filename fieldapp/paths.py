"""Where a profile keeps its data: one data dir is one independent agent profile."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "FieldApp"
ENV_DATA_DIR = "FIELDAPP_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The profile's data dir: `override`, else `$FIELDAPP_DATA_DIR`, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """The platform's log dir for the app (shared by all profiles of one OS user)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def existing_profile(override: str | os.PathLike[str] | None = None) -> Path:
    """The data dir of a profile that exists, for commands that read or send one (`check`,
    `export`, `sync`, bundles): a mistyped --data-dir must not make, then export or sync, an
    empty profile. Raises StoreError(NOT_FOUND) with one line."""
    from fieldapp.store import DB_NAME, StoreError, StoreErrorCode

    directory = data_dir(override)
    if not (directory / DB_NAME).is_file():
        raise StoreError(
            StoreErrorCode.NOT_FOUND,
            f"there is no FieldApp profile in {directory} (a mistyped --data-dir?); a profile "
            "is made by the app's first start, `fieldapp enroll` or `fieldapp demo`",
            path=str(directory),
        )
    return directory


class NewProfileGuard:
    """Removes what a command created in a data dir when it fails (a failed enrollment must
    not leave an empty profile behind): the dir itself if it did not exist, else only the
    entries that appeared in it. Use as `with NewProfileGuard(dir) as guard: …; guard.keep()`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.existed = directory.exists()
        self.before = set(os.listdir(directory)) if directory.is_dir() else set()
        self.kept = False

    def __enter__(self) -> NewProfileGuard:
        return self

    def keep(self) -> None:
        self.kept = True

    def __exit__(self, *exc: object) -> None:
        if self.kept:
            return
        import shutil

        if not self.existed:
            shutil.rmtree(self.directory, ignore_errors=True)
            return
        if not self.directory.is_dir():
            return
        for name in set(os.listdir(self.directory)) - self.before:
            path = self.directory / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
