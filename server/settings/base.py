"""Settings shared by every environment. Anything a deployment must choose comes from the
environment (see docs/deploy.md)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """Where the SQLite database (by default) and attachments live: `FIELDAPP_DATA_DIR`; else
    `var/` of a source checkout (`make server`); else, for an installed package, the user's data
    dir (e.g. ~/.local/share/fieldapp-server), never inside site-packages. The systemd unit
    sets FIELDAPP_DATA_DIR=/var/lib/fieldapp (docs/deploy.md)."""
    if os.environ.get("FIELDAPP_DATA_DIR"):
        return Path(os.environ["FIELDAPP_DATA_DIR"])
    checkout = BASE_DIR.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout / "var"
    import platformdirs

    return platformdirs.user_data_path("fieldapp-server")


DATA_DIR = default_data_dir().resolve()

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The API docs page (/api/v1/docs) renders its Swagger UI from ninja's own static files
    # when ninja is an installed app; otherwise it loads them from a public CDN, which a closed
    # network does not reach and which would see who reads the docs.
    "ninja",
    # Admin login lockout (settings AXES_* below).
    "axes",
    "server.accounts",
    "server.registry",
    "server.surveys",
    "server.feed",
    "server.ops",
    "server.attachments",
    "server.throttle",
]

MIDDLEWARE = [
    "server.api.middleware.ApiBodyMiddleware",
    "server.api.middleware.ApiGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into our 429.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out client before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "server.urls"
WSGI_APPLICATION = "server.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_from_env(default_sqlite: Path) -> dict[str, object]:
    """`DATABASE_URL` (postgres://… or sqlite:///PATH) or a SQLite file in the data dir."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        name = str(config.get("NAME") or "")
        if name and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy timeout
        # instead of one failing with "database is locked" when it upgrades a read lock.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        }
        config["CONN_MAX_AGE"] = 0
    return config


DATABASES = {"default": database_from_env(DATA_DIR / "fieldapp.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Django's four validators, for the admin's forms and `create-user` alike: a password not too
# close to the username, 10+ characters, not among the 20,000 most common, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("FIELDAPP_STATIC_ROOT", DATA_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("FIELDAPP_MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "media/"
STORAGES = {
    # Attachments go through Django's storage API: the filesystem under MEDIA_ROOT by default;
    # several app servers need MEDIA_ROOT on a shared volume (docs/deploy.md).
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Body limits. A push batch is a few hundred surveys; an attachment arrives in chunks.
FIELDAPP_MAX_BODY_BYTES = int(os.environ.get("FIELDAPP_MAX_BODY_BYTES", 16 * 1024 * 1024))
# After gzip is inflated: a push of 500 surveys of ~3 KB is ~1.5 MB; 32 MiB leaves room for
# big surveys and refuses a small gzip bomb before any JSON is parsed (docs/security.md).
FIELDAPP_MAX_INFLATED_BYTES = int(os.environ.get("FIELDAPP_MAX_INFLATED_BYTES", 32 * 1024 * 1024))
# One text answer and one survey's answers (UTF-8 bytes), checked by server.surveys.hygiene.
FIELDAPP_MAX_ANSWER_BYTES = int(os.environ.get("FIELDAPP_MAX_ANSWER_BYTES", 64 * 1024))
FIELDAPP_MAX_SURVEY_BYTES = int(os.environ.get("FIELDAPP_MAX_SURVEY_BYTES", 1024 * 1024))
FIELDAPP_MAX_ATTACHMENT_BYTES = int(
    os.environ.get("FIELDAPP_MAX_ATTACHMENT_BYTES", 200 * 1024 * 1024)
)
# One PUT of an attachment carries at most this much; the client sends a file in chunks.
FIELDAPP_MAX_CHUNK_BYTES = int(os.environ.get("FIELDAPP_MAX_CHUNK_BYTES", 8 * 1024 * 1024))
# A partial upload without a new chunk for this long is deleted (server.attachments.uploads).
FIELDAPP_PARTIAL_UPLOAD_TTL_HOURS = float(os.environ.get("FIELDAPP_PARTIAL_UPLOAD_TTL_HOURS", 48))
# Django refuses bigger bodies with a 400; our middleware answers 413 before that.
DATA_UPLOAD_MAX_MEMORY_SIZE = FIELDAPP_MAX_INFLATED_BYTES + 1
FIELDAPP_ENROLLMENT_CODE_TTL_HOURS = int(os.environ.get("FIELDAPP_ENROLLMENT_CODE_TTL_HOURS", 72))

# Throttling (server/throttle, docs/security.md). Behind a reverse proxy, name the header it sets
# with the client's address (e.g. X-Real-IP); without one, REMOTE_ADDR is the client.
FIELDAPP_CLIENT_ADDRESS_HEADER = os.environ.get("FIELDAPP_CLIENT_ADDRESS_HEADER", "")
FIELDAPP_ENROLL_WINDOW_SECONDS = int(os.environ.get("FIELDAPP_ENROLL_WINDOW_SECONDS", 900))
FIELDAPP_ENROLL_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("FIELDAPP_ENROLL_MAX_FAILURES_PER_ADDRESS", 10)
)
FIELDAPP_ENROLL_MAX_FAILURES_PER_PREFIX = int(
    os.environ.get("FIELDAPP_ENROLL_MAX_FAILURES_PER_PREFIX", 5)
)
# Admin logins: 5 failures per address, or per user name, lock for 15 minutes (a new failure
# during the lockout starts it again); `fieldapp-server axes_reset` lifts every lockout.
AXES_FAILURE_LIMIT = int(os.environ.get("FIELDAPP_ADMIN_MAX_FAILURES", 5))
AXES_COOLOFF_TIME = timedelta(seconds=int(os.environ.get("FIELDAPP_ADMIN_LOCKOUT_SECONDS", 900)))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "server.throttle.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "server.throttle.throttle.admin_lockout_response"

# One line per event on stderr (gunicorn's --capture-output puts it in its error log). A 4xx
# is what a client did wrong: one line with its status and path, never the traceback Django
# attaches to a 403 or 400 (server.logs.ClientErrorsOnOneLine); a 5xx keeps its traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_on_one_line": {"()": "server.logs.ClientErrorsOnOneLine"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["client_errors_on_one_line"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("FIELDAPP_LOG_LEVEL", "WARNING")},
}
