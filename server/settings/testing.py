"""Tests: the database comes from DATABASE_URL (tests/server/conftest.py chooses it)."""

from __future__ import annotations

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "testing-only-key-not-for-production-0123456789abcdefghijklmnop"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Fast hashing: tests create many users; production keeps Django's default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not :memory:, so the live server thread and the tests' threads share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
# Live-server threads must not keep connections open past a test (the test DB is dropped).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
