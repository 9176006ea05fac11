"""Relais settings: one module, driven by environment variables only.

Every variable is documented in docs/deploy.md. Defaults are safe for local development;
production (DEBUG off) refuses to start without a SECRET_KEY.
"""

from __future__ import annotations

import sys
from pathlib import Path

import environ
import xstatic.pkg.bootstrap
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():  # optional, for local use only
    env.read_env(str(BASE_DIR / ".env"))

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("RELAIS_TESTING", default="pytest" in sys.modules)

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghijkl"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if (DEBUG or TESTING) else "")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see docs/deploy.md).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "relais.core",
    "relais.accounts",
    "relais.programmes",
    "relais.design",
    "relais.delivery",
    "relais.evaluation",
    "relais.knowledge",
    "relais.publications",
    "relais.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "relais.core.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "relais.accounts.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "relais.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "relais.api.guard.ApiInputGuard",
]

ROOT_URLCONF = "config.urls"
# Benchmarks and load tests (bench/): the floor page is mounted, and responses carry Server-Timing.
RELAIS_BENCH = env.bool("RELAIS_BENCH", default=False)
if RELAIS_BENCH:
    ROOT_URLCONF = "config.urls_bench"
if env.bool("RELAIS_SERVER_TIMING", default=RELAIS_BENCH):
    MIDDLEWARE.insert(0, "relais.core.server_timing.ServerTimingMiddleware")
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "relais.core.context_processors.relais",
            ],
            # unlocalize everywhere: ids in attributes must never get a thousands separator ("1,192").
            "builtins": ["django.templatetags.l10n"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL) is the embedded default; PostgreSQL is selected with DATABASE_URL=postgres://…
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'relais.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Second factor (TOTP). Enforced for administrators and programme managers unless turned off (local
# demo only). RELAIS_REQUIRE_2FA_FOR_ADMINS is the name it had before programme managers were included.
_REQUIRE_2FA_BEFORE = env.bool("RELAIS_REQUIRE_2FA_FOR_ADMINS", default=not DEBUG)
RELAIS_REQUIRE_2FA = env.bool("RELAIS_REQUIRE_2FA", default=_REQUIRE_2FA_BEFORE)
# People recorded but registered in no session are anonymised this many months after their record
# last changed (no programme's retention period applies to them); 0 keeps them until erased on request.
RELAIS_RETENTION_WITHOUT_SESSION_MONTHS = env.int("RELAIS_RETENTION_WITHOUT_SESSION_MONTHS", default=24)
OTP_TOTP_ISSUER = "Relais"

# Login throttling (django-axes): 5 failures per account and address, then a 15-minute pause.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "relais.accounts.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "relais.accounts.throttling.attempted_username"
# The client's address (for throttling and the audit log) comes from REMOTE_ADDR, or, behind a
# reverse proxy (RELAIS_BEHIND_PROXY=1), from X-Forwarded-For as set by AXES_PROXY_COUNT proxies.
BEHIND_PROXY = env.bool("RELAIS_BEHIND_PROXY", default=False)
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=1 if BEHIND_PROXY else 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if BEHIND_PROXY else ["REMOTE_ADDR"]
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Idle expiry: the age counts from the last activity, renewed at most every SESSION_TOUCH_INTERVAL
# seconds (relais.accounts.sessions), so reading pages does not write the session each time.
SESSION_TOUCH_INTERVAL = env.int("SESSION_TOUCH_INTERVAL", default=300)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
# Staff work in English or French; participants also answer in these languages, whose small
# catalogues cover the participants' pages only (scripts/participant_catalogues.py).
PARTICIPANT_LANGUAGES = ["bg", "bs", "cs", "de", "hr", "hu", "it", "mk", "nl", "ro", "sq", "sr"]
LOCALE_PATHS = [BASE_DIR / "relais" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Vienna")
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["relais.formats"]
LANGUAGE_COOKIE_NAME = "relais_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
# Bootstrap's stylesheet ships with the xstatic-bootstrap package: nothing is fetched at run time.
STATICFILES_DIRS = [("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")  # or "s3"
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if MEDIA_STORAGE == "s3":  # needs the "s3" extra: uv sync --extra s3
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@mail.example.org:587 ; the console by default.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST", "localhost")
EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = EMAIL_CONFIG.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = EMAIL_CONFIG.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Relais <relais@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's public address, for links in e-mails sent outside a request (the daily questionnaire
# reminders: `manage.py send_questionnaire_reminders`).
# --- API -------------------------------------------------------------------------------------
# Requests per token (per address without one) and period; counters live in the default cache.
RELAIS_API_RATE_READ = env.str("RELAIS_API_RATE_READ", default="600/min")
RELAIS_API_RATE_WRITE = env.str("RELAIS_API_RATE_WRITE", default="120/min")
# One process: its own memory. Several web processes: a shared cache, e.g. CACHE_URL=redis://… or
# dbcache://relais_cache (then `manage.py createcachetable`), so rate limits hold across them.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://relais")}

RELAIS_BASE_URL = env.str("RELAIS_BASE_URL", default="")

# --- Background tasks (django-tasks, queue in the database) ---------------------------------
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            # Tests and the local demo run tasks at once; production queues them for `db_worker`.
            default="django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or DEBUG
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
_secure = not DEBUG and not TESTING and env.bool("RELAIS_HTTPS", default=True)
SESSION_COOKIE_SECURE = _secure
LANGUAGE_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_SSL_REDIRECT = _secure and env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _secure else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_HSTS_PRELOAD = _secure
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Relais ---------------------------------------------------------------------------------
# Shows a banner on every page saying that the data are fictional (set by `make run`).
RELAIS_DEMO = env.bool("RELAIS_DEMO", default=False)
FORM_RENDERER = "relais.core.forms.RelaisFormRenderer"
# Where `manage.py backup` writes its archives when given no --output (docs/deploy.md, "Backup and restore").
RELAIS_BACKUP_DIR = Path(env.str("RELAIS_BACKUP_DIR", default=str(BASE_DIR / "var" / "backups")))

# --- Knowledge centre -----------------------------------------------------------------------
# The search index is a local replica of the database (rebuilt by `manage.py search_reindex`,
# kept current from the change log): each machine that serves search keeps its own.
RELAIS_SEARCH_DIR = Path(env.str("RELAIS_SEARCH_DIR", default=str(BASE_DIR / "var" / "search")))
# Largest document file accepted (bytes); the web server's own limit must be at least this.
RELAIS_DOCUMENT_MAX_BYTES = env.int("RELAIS_DOCUMENT_MAX_BYTES", default=50 * 1024 * 1024)
# Largest ZIP of files accepted by the catalogue import on the web (0: ten times the document limit).
RELAIS_IMPORT_ZIP_MAX_BYTES = env.int("RELAIS_IMPORT_ZIP_MAX_BYTES", default=0)
