"""Journeys settings: one file, driven by environment variables, with defaults that run.

Every variable read here is documented in docs/settings.md (a test checks that).
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from journeys.core import keyfiles

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JOURNEYS_VAR_DIR", BASE_DIR / "var"))
CONTENT_DIR = Path(os.environ.get("JOURNEYS_CONTENT_DIR", BASE_DIR / "content"))


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envint(name: str, default: int, least: int = 0) -> int:
    """A whole number from the environment, or an error that names the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < least:
        raise ValueError(f"{name} must be a whole number of at least {least}, not {raw!r}")
    return int(raw)


DEBUG = envbool("JOURNEYS_DEBUG")
# One random key per installation, kept in var/, so sessions survive restarts.
SECRET_KEY = os.environ.get("SECRET_KEY") or keyfiles.read_or_create(VAR_DIR / "secret_key", 50)
# Peppers the questionnaires' pairing keys (journeys/assessments/pairing.py). Kept out of
# var/ on purpose: a copy of the database and var/ alone cannot test a single code.
PAIRING_KEY_FILE = Path(
    os.environ.get("JOURNEYS_PAIRING_KEY_FILE", Path.home() / ".config/journeys/pairing_key")
)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
REDIS_URL = os.environ.get("REDIS_URL", "")

# Behind a TLS-terminating proxy: secure cookies, HSTS and redirects to https.
HTTPS = envbool("JOURNEYS_HTTPS")
SECURE_SSL_REDIRECT = HTTPS
# The health check and metrics are asked for by the machine itself, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Believed only from JOURNEYS_TRUSTED_PROXIES: journeys/core/middleware.py drops the
# header from anyone else.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# Reverse proxies whose X-Forwarded-For is believed (journeys/core/clients.py); none by
# default, so a client cannot pick its own address for the rate limits.
TRUSTED_PROXIES = envlist("JOURNEYS_TRUSTED_PROXIES", "")
# Prometheus metrics at /metrics (journeys/core/metrics.py): off unless a token is set,
# then only for "Authorization: Bearer <token>". Each worker writes its numbers to files
# here (prometheus_client's multiprocess mode) so that one scrape sees every worker.
METRICS_TOKEN = os.environ.get("JOURNEYS_METRICS_TOKEN", "")
METRICS_DIR = VAR_DIR / "metrics"
if METRICS_TOKEN:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(METRICS_DIR)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A session holds a login and, while a questionnaire is open, its pairing key: a working
# day, not Django's two weeks. Expired rows are deleted hourly (journeys/core/maintenance.py).
SESSION_COOKIE_AGE = int(os.environ.get("JOURNEYS_SESSION_HOURS", "12")) * 3600
# Days after a workshop is over (or a self-paced learner last answered) until its
# nicknames and pairing keys are forgotten (journeys/core/maintenance.py, docs/privacy.md).
RETENTION_DAYS = envint("JOURNEYS_RETENTION_DAYS", 365, least=1)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "journeys.core",
    "journeys.accounts",
    "journeys.trainings",
    "journeys.knowledge",
    "journeys.cards",
    "journeys.mi",
    "journeys.assessments",
    "journeys.workshops",
    "axes",
    "csp",
    # Task queue tables (journeys/core/built_files.py): always there, used when
    # JOURNEYS_TASKS is set, so switching it on needs no new migration.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # X-Forwarded-* only from JOURNEYS_TRUSTED_PROXIES, before anything reads them.
    "journeys.core.middleware.forwarded_headers_from_trusted_proxies",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every part of a request reads the same content version (journeys/core/content/readmodel.py).
    "journeys.core.content.readmodel.one_version_per_request",
    "csp.middleware.CSPMiddleware",
    # 400 for a NUL or lone surrogate anywhere in a request, before anything reads it.
    "journeys.core.storable.refuse_unstorable_text",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a locked-out login into the lockout page
]

ROOT_URLCONF = "journeys.urls"
ASGI_APPLICATION = "journeys.asgi.application"

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
                "journeys.core.context_processors.languages",
            ],
        },
    },
]


# PostgreSQL connections one process may hold at once (its requests, its event streams'
# lookups). N workers hold at most N times this: keep it under PostgreSQL's max_connections.
DATABASE_POOL_SIZE = int(os.environ.get("JOURNEYS_DATABASE_POOL_SIZE", "16"))


def database_from_env() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL")
    if url:
        database: dict[str, Any] = dict(dj_database_url.parse(url))
        if database["ENGINE"] == "django.db.backends.postgresql":
            # Under ASGI every request runs in a thread of its own and a connection belongs
            # to a thread: a persistent connection was opened per request and left behind.
            # psycopg's pool hands connections from one thread to the next instead.
            pool = {"min_size": 2, "max_size": DATABASE_POOL_SIZE, "timeout": 10}
            database["OPTIONS"] = {**database.get("OPTIONS", {}), "pool": pool}
        return database
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        # Django's SQLite backend that reuses connections (journeys/core/sqlite/base.py).
        "ENGINE": "journeys.core.sqlite",
        "NAME": VAR_DIR / "journeys.sqlite3",
        # WAL lets readers go on while one writer writes; IMMEDIATE avoids
        # "database is locked" when a read transaction turns into a write.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": database_from_env()}

# Rate-limit counters (journeys/core/limits.py) live in Redis when it is set, else in the
# database: this process's memory would give each process its own budget.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Pages that show only content (journeys/core/caching.py): how long a reverse proxy may
# serve one without asking again. Browsers always revalidate (a 304 while unchanged).
PROXY_CACHE_SECONDS = int(os.environ.get("JOURNEYS_PROXY_CACHE_SECONDS", "60"))

# Requests go through Django one at a time per worker, in order (journeys/core/gate.py);
# one that has waited this long goes ahead alongside. 0: no queue, all at once.
REQUEST_PATIENCE_MS = int(os.environ.get("JOURNEYS_REQUEST_PATIENCE_MS", "250"))

# Live workshops: the most participants a trainer may allow in one workshop; per minute:
# joins into one workshop from one address and in all (after its first that many), wrong
# codes from one address, and answers from one participant (docs/workshops.md: why these).
WORKSHOP_PARTICIPANT_CAP = int(os.environ.get("JOURNEYS_WORKSHOP_CAP", "300"))
RATE_JOIN = int(os.environ.get("JOURNEYS_RATE_JOIN", "60"))
RATE_JOIN_WORKSHOP = int(os.environ.get("JOURNEYS_RATE_JOIN_WORKSHOP", "100"))
RATE_WRONG_CODE = int(os.environ.get("JOURNEYS_RATE_WRONG_CODE", "200"))
RATE_ANSWER = int(os.environ.get("JOURNEYS_RATE_ANSWER", "30"))
# Card PDFs (journeys/cards/downloads.py): new ones one address may have built per minute
# (a stored one is free), and the disk that composed decks may fill in var/cards/composed/.
RATE_CARD_PDF = int(os.environ.get("JOURNEYS_RATE_CARD_PDF", "10"))
CARD_PDF_CACHE_MB = float(os.environ.get("JOURNEYS_CARD_PDF_CACHE_MB", "200"))
# Built PDFs not served for this many days are removed by the daily maintenance.
PDF_CACHE_DAYS = envint("JOURNEYS_PDF_CACHE_DAYS", 30, least=1)
# Report and certificate PDFs (journeys/core/built_files.py): the disk each kind may fill
# in var/. JOURNEYS_TASKS=database: PDFs not built yet are made by `journeys worker`, off
# the request path; unset, the request builds them, one at a time per process.
PDF_CACHE_MB = float(os.environ.get("JOURNEYS_PDF_CACHE_MB", "200"))
TASKS_MODE = os.environ.get("JOURNEYS_TASKS", "")
if TASKS_MODE not in ("", "database"):
    raise ValueError("JOURNEYS_TASKS must be empty or 'database'")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "trainings:catalogue"

# Wrong passwords (django-axes): after JOURNEYS_LOGIN_FAILURES for one username from one
# address, that pair waits JOURNEYS_LOGIN_COOLOFF minutes. Keyed on the pair, so one person
# cannot lock out a whole shared Wi-Fi, nor an attacker a user from everywhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("JOURNEYS_LOGIN_FAILURES", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("JOURNEYS_LOGIN_COOLOFF", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "journeys.accounts.lockout.login_address"  # JOURNEYS_TRUSTED_PROXIES
AXES_LOCKOUT_CALLABLE = "journeys.accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
# Nothing identifying is kept or logged: no record of each login, and log lines name
# neither the username nor the address. Failed attempts are deleted after the cool-off.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): scripts, styles, fonts and connections (HTMX,
# the live workshops' event streams) come from this site only; report plots are data:
# images. No inline scripts, styles or style attributes: the browser tests fail on a
# violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Languages: English and Dutch ship. JOURNEYS_LANGUAGE picks the default, served
# without a URL prefix; the other language lives under /<code>/.
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LANGUAGE_CODE = os.environ.get("JOURNEYS_LANGUAGE", "en")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ValueError(f"JOURNEYS_LANGUAGE must be one of {', '.join(dict(LANGUAGES))}")
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("JOURNEYS_STATIC_ROOT", VAR_DIR / "static"))

# The public address printed cards' QR codes point to when they are built outside a
# request (`journeys cards build`); pages use the address they were asked on.
SITE_URL = os.environ.get("JOURNEYS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# An organisation's admin sets its LRS address, and the server posts to it: by default
# only to public addresses, so that the setting cannot reach the server's own network.
XAPI_PRIVATE_ADDRESSES = envbool("JOURNEYS_XAPI_PRIVATE_ADDRESSES")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the apps' static folders until `journeys setup` has collected them.
WHITENOISE_USE_FINDERS = DEBUG or not any(STATIC_ROOT.iterdir())

# Nothing identifying is logged: no request bodies, only warnings and errors, and no
# exception messages, which can quote what someone wrote (journeys/core/logs.py).
LOGGING_CONFIG = "journeys.core.logs.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Django's own handlers (a console under DEBUG, mail to ADMINS) give way to the root's;
    # SQL with its values (DEBUG-level records) is never logged.
    "loggers": {
        "django": {"handlers": [], "level": "WARNING", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        # One line a run: what maintenance deleted and forgot (journeys/core/maintenance.py).
        "journeys.core.maintenance": {"level": "INFO"},
    },
}
DEFAULT_EXCEPTION_REPORTER = "journeys.core.logs.PrivateReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "journeys.core.logs.PrivateReporterFilter"
