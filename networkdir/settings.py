"""Settings read from the environment, with safe defaults for a newcomer.

With nothing set the site runs on an embedded SQLite file. DEBUG is on only when asked
(`DEBUG=1`), and without DEBUG a real SECRET_KEY is required.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY, or DEBUG=1 for development."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
elif not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core.admin_site.AdminConfig",  # django.contrib.admin, with its site checking bulk actions
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "core",
    "platforms",
    "outreach",
    "profiles",
    "workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The Content-Security-Policy header on every answer, errors included (CONTENT_SECURITY_POLICY).
    "csp.middleware.CSPMiddleware",
    # Notices the end of a database outage (core/outage.py; the 503s come from handler500).
    "core.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A NUL character that reached the database driver is a 400 (core/nul_bytes.py).
    "core.nul_bytes.NulByteMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "networkdir.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "platforms.context_processors.data_provenance",
            ],
            # Django's `{% translate %}` and `{% url %}`, each constant one kept per language
            # (core/templatetags/kept_i18n.py, kept_url.py). The site's `i18n` is Django's
            # library with that `translate`, on purpose: the check that reports a library name
            # given twice (templates.W003) is silenced for it, and a test keeps it the only one.
            "libraries": {"i18n": "core.templatetags.kept_i18n"},
            "builtins": ["core.templatetags.kept_url"],
        },
    },
    # Only for markup drawn many times a page, through a template tag, with every word given
    # (ranked advice, the navigation): pages themselves are Django templates, and the most
    # repeated markup (search rows, a board's cards, form fields) is written in Python
    # (core/html.py).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [],
        "APP_DIRS": True,
    },
]

SILENCED_SYSTEM_CHECKS = ["templates.W003"]

WSGI_APPLICATION = "networkdir.wsgi.application"

# Persistent connections in production: a worker keeps its connection for CONN_MAX_AGE seconds
# (checked before reuse) instead of opening one per request.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG else "300"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
# A PostgreSQL read replica takes the reads that may lag a little (networkdir/db_router.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["networkdir.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "networkdir.db_router.PrimaryAfterWriteMiddleware",
    )
# PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high. A web
# request's queries are short: the candidate search's network filter runs in 25 ms and took
# 200 ms more to compile, so this site's connections run without it.
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {})["options"] = "-c jit=off"
# An index's INCLUDE columns only spare PostgreSQL a table read; SQLite, the newcomer's database,
# builds the same index without them, which is all the warning would say on every command.
# SQLite lets one writer at a time: a transaction that will write takes the lock when it begins
# (IMMEDIATE), and others wait for it up to `timeout` seconds, rather than failing at once with
# "database is locked" when two requests write together.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    SILENCED_SYSTEM_CHECKS.append("models.W040")
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Two caches. "default" holds plain data anyone may rebuild (core/cache.py). "shared" holds what
# must be counted once for every worker and server: API and export rate limits
# (core/throttling.py). Both are Redis when REDIS_URL is set. Without Redis, "default" is each
# process's memory (fine for data that is rebuilt) and "shared" is a table in the database
# (created by core's migration, or `manage.py createcachetable`), never per-process memory:
# with four workers a memory counter would let four times the limit through.
SHARED_CACHE_ALIAS = "shared"
# Whole pages for visitors without a session (core/pages.py), kept in each process's memory: a
# page is found under the data version, which comes from the default cache, so an edit made
# anywhere shows on the next request, and serving a kept page costs one round trip, not three.
PAGES_CACHE_ALIAS = "pages"
PAGES_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": PAGES_CACHE_ALIAS,
    "OPTIONS": {"MAX_ENTRIES": 2_000},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
        },
        SHARED_CACHE_ALIAS: {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": SHARED_CACHE_ALIAS,
        },
        PAGES_CACHE_ALIAS: PAGES_CACHE,
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # Room for the platform pages' plain data in every language and filter people ask for.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        # Counters only, each raised by one statement (core/throttling.py).
        SHARED_CACHE_ALIAS: {
            "BACKEND": "core.throttling.CounterDatabaseCache",
            "LOCATION": "networkdir_shared_cache",
        },
        PAGES_CACHE_ALIAS: PAGES_CACHE,
    }
# Plain data and whole pages every visitor without a session is shown the same (core/cache.py,
# core/pages.py): how long an entry lives. An edit of the platform records starts a new data
# version at once in a shared cache (Redis); a memory cache is per process and can't hear about
# edits made in another worker, so there entries live only a few seconds.
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", "600" if REDIS_URL else "5"))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's, reading a user's permissions with the user, and who they are on the site.
    "profiles.auth.ViewerBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "core.catalogue_fixes.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "profiles:me"
LOGOUT_REDIRECT_URL = "platforms:directory"

# Lock an account+IP pair out for an hour after five failed logins. Signed-in password checks
# (deleting the account, changing the password) count as failed logins too
# (profiles/password_checks.py). The counts are rows in the database, which every worker shares.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "profiles.views.locked_out_view"
# Masked in the request data django-axes keeps with each failure (beside "password").
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "old_password",
    "new_password1",
    "new_password2",
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "NetworkDir <no-reply@networkdir.example>"
)
# For EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Introductions live in the inbox on the site; with NETWORK_EMAILS the party whose turn it is
# also gets an email per change (the sources say email is weak in China, so it is off unless
# asked for). SITE_URL starts the links in those emails and the saved searches' digests, e.g.
# https://networkdir.example; in development, where `make run` serves the site.
NETWORK_EMAILS = env_bool("NETWORK_EMAILS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")

# The API (/api/v1/): JSON only, deny by default (each public endpoint opts in), tokens for
# scripts and the session for the browser. Versioned by URL rather than a versioning class: a
# breaking change gets /api/v2/ beside v1. Throttle counters live in the "shared" cache, which
# every worker and server sees (core/throttling.py).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.DescribedFieldsSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so a request without credentials is answered 401 with WWW-Authenticate.
        # An invalid token counts against the anonymous rate (core/throttling.py).
        "core.throttling.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["core.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.parsers.StrictJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "core.api.BoundedPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "core.throttling.AnonRateThrottle",
        "core.throttling.UserRateThrottle",
        "core.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANON", "60/minute"),
        "user": os.environ.get("API_RATE_USER", "300/minute"),
        "recommendations": os.environ.get("API_RATE_RECOMMENDATIONS", "30/minute"),
        "candidate_export": os.environ.get("API_RATE_CANDIDATE_EXPORT", "10/hour"),
        "account_deletion": os.environ.get("API_RATE_ACCOUNT_DELETION", "5/hour"),
    },
    # Client addresses for the anonymous rate come from REMOTE_ADDR unless NUM_PROXIES says how
    # many proxies append to X-Forwarded-For (otherwise a client could forge its address).
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")),
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NetworkDir API",
    "DESCRIPTION": """China's professional networking platforms, candidates and outreach advice.

**Versions.** Everything lives under `/api/v1/`; a breaking change will get `/api/v2/` beside it.

**Authentication.** Scripts send `Authorization: Token <key>`; a signed-in person creates and
revokes their key on the *API token* page (`/en/me/api-token/`). The browser session works too
(writes then need the CSRF token). Platforms, compare and recommendations are public; candidates
are for recruiters and admins; `/me/` is the caller's own data. Without credentials an endpoint
that needs them answers 401; a role that may not use it, 403; an object outside your reach, 404.

**Pages.** Platforms come in numbered pages with a total `count`. Candidates come in numbered
pages without a total (counting a million profiles costs more than the page): follow `next`
until it is null. `page_size` is capped at 100: a larger value is served as 100.

**Rate limits.** Per user (or per address when anonymous); advice (`recommendations`), candidate
export and account deletion have stricter limits. Over the limit: 429 with `Retry-After`.

**Errors.** Always a JSON object: `{"detail": "..."}` for the request as a whole, or
`{"<field>": ["..."]}` naming each bad field or query parameter (nested as in the body).

**Language.** Labels, reasons and messages follow `Accept-Language` (`en` or `zh-hans`).""",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PlatformKindEnum": "platforms.models.Platform.Kind",
        "StatusEventKindEnum": "platforms.models.StatusEvent.Kind",
        "PlatformStatusEnum": "platforms.models.Platform.Status",
        "PlatformLevelEnum": "platforms.models.Platform.Level",
        "DatePrecisionEnum": "platforms.dates.DatePrecision",
        "DateQualifierEnum": "platforms.dates.DateQualifier",
        "ProjectRoleEnum": "workspace.models.Role",
        "StageEnum": "workspace.models.Stage",
        "IntroductionRoleEnum": "profiles.introduction_rules.Role",
        "ExportedRequestStatusEnum": "profiles.api.network_export.REQUEST_STATUSES",
        "LoggedOutcomeEnum": "workspace.models.Outcome",
        "WillingnessEnum": "profiles.network_models.Willingness",
    },
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # HTTPS is the deployment's to switch on (behind a TLS-terminating proxy): with these off,
    # `check --deploy` warns about exactly these two (W004, W008) and nothing else.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
    # Load balancers probe over plain HTTP inside the network: answer them, don't redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp): scripts, styles, images, fonts and requests from this site
# only, and nothing inline (no 'unsafe-inline'): a script slipped into a page can't run. The API
# docs page adds what Swagger UI needs (networkdir/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}

# A database outage is logged once by core.outage, not as a traceback per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_outages": {"()": "core.outage.QuietOutages"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["quiet_outages"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
