"""Settings, read from the environment.

Local use needs nothing set: SQLite and the generated secret key live in PLAYBOOK_DATA_DIR.
Hosted use sets DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS and the email variables
(docs/deployment.md).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("PLAYBOOK_DATA_DIR") or BASE_DIR / "data").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Hosted mode turns on the cookie and transport protections that need HTTPS.
HOSTED = envbool("PLAYBOOK_HOSTED", False)
DEBUG = envbool("DEBUG", False)


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if HOSTED:
        raise ImproperlyConfigured("SECRET_KEY must be set when PLAYBOOK_HOSTED is on")
    # Generated once and kept beside the database, so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
# Where `playbook serve` listens on a laptop (`make run HOST=... PORT=...` sets them): the
# links it prints and emails name the same address.
SERVE_HOST = os.environ.get("PLAYBOOK_HOST") or "127.0.0.1"
SERVE_PORT = envint("PLAYBOOK_PORT", 8000)
_LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if SERVE_HOST not in (*_LOCAL_HOSTS, "0.0.0.0", "::"):
    _LOCAL_HOSTS.append(SERVE_HOST)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", _LOCAL_HOSTS)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
_SHOWN_HOST = "127.0.0.1" if SERVE_HOST in ("0.0.0.0", "::") else SERVE_HOST
SITE_URL = os.environ.get("SITE_URL", f"http://{_SHOWN_HOST}:{SERVE_PORT}").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "ninja",  # serves the API docs' Swagger UI from static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "playbook.accounts",
    "playbook.background",
    "playbook.children",
    "playbook.iep_import",
    "playbook.progress",
    "playbook.trail",
    "playbook.advocacy",
    "playbook.meetings",
    "playbook.refusals",
    "playbook.letters",
    "playbook.deadlines",
    "playbook.plan",
    "playbook.ledger",
    "playbook.exports",
    "playbook.coach",
    "playbook.pages",
    "playbook.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Moments are drawn in the family's time zone, set by the request's child or household.
    "playbook.accounts.clock.FamilyClockMiddleware",
    # The person's saved language first, then the switch's cookie, then Accept-Language.
    "playbook.accounts.language.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Hosted, an account whose email address is not confirmed reaches only the pages to
    # confirm it (accounts/verification.py).
    "playbook.accounts.verification.VerifiedEmailMiddleware",
    # A write to a page whose path names another household's object (or any object, for
    # a read-only member) stops here: see accounts/path_scope.py.
    "playbook.accounts.path_scope.PathScopeMiddleware",
    # Who opened or exported which child's data, for the household owner.
    "playbook.accounts.access_log.AccessLogMiddleware",
]

ROOT_URLCONF = "playbook.urls"
WSGI_APPLICATION = "playbook.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=envint("CONN_MAX_AGE", 60))
        config.setdefault("OPTIONS", {})
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "playbook.sqlite3",
        "OPTIONS": {
            # IMMEDIATE takes the write lock when a transaction starts, so two writers
            # queue on busy_timeout instead of failing with "database is locked" midway.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Where email is really sent, an account confirms its address (the emailed link) before it
# reaches family records; on a laptop the link only reaches the console, so it may start at
# once. Accepting an invitation always needs a confirmed address. Decision 0018.
REQUIRE_VERIFIED_EMAIL = envbool("PLAYBOOK_REQUIRE_VERIFIED_EMAIL", HOSTED)

# django-axes: lock an account+address pair after repeated failed logins.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"

LANGUAGE_CODE = "en"
# Each person picks one (accounts.language, decision 0034); Spanish uses Django's es formats.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# DATE_FORMAT and SHORT_DATE_FORMAT per language (playbook/formats, issue 19).
FORMAT_MODULE_PATH = ["playbook.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Parents see times in their own zone; a household stores its IANA name.
DEFAULT_PARENT_TIME_ZONE = os.environ.get("PLAYBOOK_TIME_ZONE", "America/New_York")

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The trained recogniser of school language, kept for every process (school_language/kept.py).
RECOGNISER_DIR = DATA_DIR / "recogniser"
# The project package is not an app itself, so its static folder is named here.
STATICFILES_DIRS: list[Path] = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "uploads"), "base_url": None},
    },
    # Compressing takes most of a build's minute; a throwaway checkout may skip it.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("PLAYBOOK_COMPRESS_STATIC", True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
# Uploads are family records: never under STATIC or a public MEDIA_URL; they are served
# only through views that check the household (accounts.access).
MEDIA_ROOT = DATA_DIR / "uploads"
# No route serves this prefix; Django only needs it to be a string.
MEDIA_URL = "/no-public-media/"
MAX_UPLOAD_BYTES = envint("PLAYBOOK_MAX_UPLOAD_MB", 20) * 1024 * 1024
# One imported email message at most (decision 0028): room for an attachment at the upload
# limit once base64 has grown it by a third, whose words are kept and the file skipped
# (decision 0005); a larger message is refused and listed with its reason (issue 14).
MAX_EMAIL_MESSAGE_BYTES = envint("PLAYBOOK_MAX_EMAIL_MESSAGE_MB", 30) * 1024 * 1024
# An uploaded PDF is read in a child process with these limits (iep_import/pdf_reading.py):
# a small file can inflate to gigabytes or take minutes of CPU.
PDF_MAX_MB = envint("PLAYBOOK_PDF_MAX_MB", 768)
PDF_SECONDS = envint("PLAYBOOK_PDF_SECONDS", 30)
PDF_MAX_DECODED_MB = envint("PLAYBOOK_PDF_MAX_DECODED_MB", 100)
# The most a backup zip may expand to when restored (a small zip can claim gigabytes).
RESTORE_MAX_BYTES = envint("PLAYBOOK_RESTORE_MAX_MB", 2048) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# GET binder.pdf makes the PDF while the client waits; about 20 s per 1,000 entries on a
# small server (docs/performance.md), so larger binders are made as background jobs.
BINDER_IN_REQUEST_MAX_ENTRIES = envint("PLAYBOOK_BINDER_IN_REQUEST_MAX_ENTRIES", 1_000)
# The API imports an email file this large while the client waits; a larger one is imported
# by a background job (202). A 20 MB mbox takes about a minute (decision 0022).
EMAIL_IMPORT_IN_REQUEST_MAX_BYTES = (
    envint("PLAYBOOK_EMAIL_IMPORT_IN_REQUEST_MAX_MB", 2) * 1024 * 1024
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email: console locally; EMAIL_URL (smtp://user:pass@host:port, or submission with
# ?tls=1 / ?ssl=1) or the usual EMAIL_* variables when hosted.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IEP Playbook <playbook@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def _email() -> dict:
    from urllib.parse import parse_qs, unquote, urlparse

    url = os.environ.get("EMAIL_URL")
    if url:
        parts = urlparse(url)
        if parts.scheme not in ("smtp", "smtps", "submission", "console", "locmem"):
            raise ImproperlyConfigured(f"EMAIL_URL scheme {parts.scheme!r} is not supported")
        if parts.scheme == "console":
            return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
        if parts.scheme == "locmem":
            return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
        query = parse_qs(parts.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port
            or (465 if parts.scheme == "smtps" else 587 if parts.scheme == "submission" else 25),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": parts.scheme == "smtps" or query.get("ssl") == ["1"],
            "EMAIL_USE_TLS": parts.scheme == "submission" or query.get("tls") == ["1"],
        }
    if os.environ.get("EMAIL_HOST"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": os.environ["EMAIL_HOST"],
            "EMAIL_PORT": envint("EMAIL_PORT", 25),
            "EMAIL_HOST_USER": os.environ.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": envbool("EMAIL_USE_TLS", False),
            "EMAIL_USE_SSL": envbool("EMAIL_USE_SSL", False),
        }
    return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


globals().update(_email())
EMAIL_TIMEOUT = 20

# Security headers. Content-Security-Policy: no inline scripts anywhere.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
if HOSTED:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

NINJA_PAGINATION_PER_PAGE = 100

# Background work (binders, large imports, digests) goes on a task queue: the database by
# default, drained by `playbook worker` (which `playbook serve` starts), or Redis for hosted
# installations with workers on several hosts (docs/deployment.md).
REDIS_URL = os.environ.get("PLAYBOOK_REDIS_URL", "")
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60 * 30}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A worker says it is alive this often; one silent for six beats has its task run again.
PLAYBOOK_WORKER_BEAT_SECONDS = float(os.environ.get("PLAYBOOK_WORKER_BEAT_SECONDS") or 5)

# One cache shared by every app process: rate-limit counts (sign-up, log-in, reset, API)
# must add up across processes. A database table needs no extra service; `playbook serve`
# creates it. CACHE_URL is not supported on purpose: one less thing to configure.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "playbook_cache",
        # Rate counts: a few bytes each. Django counts the table's rows on every write, so
        # it is kept modest; past it, the oldest third goes.
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # This process's memory: what it computed from a child's records (the coach, the
    # deadlines), kept under the child's records_version (playbook.children.computed).
    # Family data stays out of the cache table; every process can make its own copy.
    # PLAYBOOK_MEMORY_ENTRIES bounds it; 0 keeps nothing.
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "playbook-local",
        "TIMEOUT": 60 * 60 * 24,
        "OPTIONS": {"MAX_ENTRIES": envint("PLAYBOOK_MEMORY_ENTRIES", 1_000)},
    }
    if envint("PLAYBOOK_MEMORY_ENTRIES", 1_000) > 0
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
RATELIMIT_USE_CACHE = "default"
# Behind reverse proxies of our own, each appends the address it was reached from to
# X-Forwarded-For: the client is TRUSTED_PROXY_COUNT places from the end (anything before
# it the client could have written). 0 trusts no header. docs/deployment.md.
BEHIND_PROXY = envbool("BEHIND_PROXY", HOSTED)
TRUSTED_PROXY_COUNT = envint("PLAYBOOK_PROXY_COUNT", 1) if BEHIND_PROXY else 0
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("PLAYBOOK_PROXY_COUNT must be 0 or more")
# One definition of the client address for the sign-up, log-in and reset limits and the
# log-in lockout; the API's throttles count proxies the same way.
RATELIMIT_IP_META_KEY = "playbook.accounts.rates.client_ip"
AXES_CLIENT_IP_CALLABLE = "playbook.accounts.rates.client_ip"
NINJA_NUM_PROXIES = TRUSTED_PROXY_COUNT
# API rates per token or session, and per address for the unauthenticated.
API_RATE_AUTHENTICATED = os.environ.get("PLAYBOOK_API_RATE", "600/m")
API_RATE_ANONYMOUS = os.environ.get("PLAYBOOK_API_ANON_RATE", "60/m")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies may hold letters and uploads: never log them.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
