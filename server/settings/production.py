"""Production: everything from the environment; refuses to start without a secret key.

Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER=1 (docs/deploy.md).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# server.cli and server.wsgi print these messages as one line (no traceback), exit 2.
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set: put 50+ random characters in it "
        "(e.g. in /etc/fieldapp/server.env, see docs/deploy.md)"
    )
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is too short ({len(SECRET_KEY)} characters): use 50+ random ones"
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set: list the server's host names, comma-separated "
        "(e.g. fieldapp.example.org)"
    )

SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "1") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise to browsers' HSTS lists that every subdomain serves HTTPS, for
# months, and is hard to undo: an organisation opts in (DJANGO_HSTS_PRELOAD=1), never by default.
SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD", "0") == "1"
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "preload not set": off on purpose, above
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
LOGGING["root"]["level"] = os.environ.get("FIELDAPP_LOG_LEVEL", "INFO")  # noqa: F405
