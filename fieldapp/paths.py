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
