"""WSGI entry point for gunicorn: `gunicorn server.wsgi` (settings from the environment)."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.settings.production")
try:
    application = get_wsgi_application()
except ImproperlyConfigured as exc:
    # One line naming the missing setting; exit status 3 makes gunicorn stop instead of
    # restarting workers that cannot boot.
    print(f"fieldapp-server: error: {exc}", file=sys.stderr, flush=True)
    sys.exit(3)
