"""Settings for Claim Tracker, read from the environment (DESIGN §9).

`DJANGO_ENV=production` switches on production mode: it refuses to start
without SECRET_KEY and ALLOWED_HOSTS and turns on HTTPS-only behaviour.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PRODUCTION = env.str("DJANGO_ENV", default="development") == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not SECRET_KEY or not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs SECRET_KEY and ALLOWED_HOSTS in the environment.")
else:
    # A development-only key; production refuses to start without its own.
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-dev-only-claim-tracker")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "tracker.admin_site.WorkspaceAdminConfig",  # django.contrib.admin, opening on the work queue
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "sources",
    "claims",
    "claims.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tracker.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tracker.limits.RequestBodyLimitMiddleware",
    "tracker.cache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: reading the login form runs the upload handlers, which ask who is signed in.
    "tracker.throttle.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that its process_exception sees the OperationalError of a view (or of opening the view's
    # ATOMIC_REQUESTS transaction) first: a 503, not a 500, when the database is down.
    "tracker.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=2))
    # No JIT: PostgreSQL over-estimates the recursive provenance query and spends ~0.5 s compiling a plan that
    # runs in milliseconds, on every page and API read that shows claims. Short OLTP queries never repay it.
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
    # Statements prepared once per connection (issue #7): otherwise PostgreSQL plans the same joins again on
    # every request, milliseconds a list page. DB_PREPARED_STATEMENTS=false behind a transaction-mode pooler.
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
# One readable form for dates on pages, ISO in data and date fields: tracker/formats/en_GB/formats.py.
FORMAT_MODULE_PATH = ["tracker.formats"]
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# One Redis for shared state (DESIGN §11): REDIS_URL gives the cache (so the public cache, the sign-in
# throttle and the API rates hold across app servers) and the job queue (claims.jobs). CACHE_URL, when set,
# still names the cache; without either, each process keeps its own memory and jobs run in the caller.
REDIS_URL = env.str("REDIS_URL", default="")
# Put before every key this app keeps in Redis: several deployments (or test runs) can share one Redis.
REDIS_KEY_PREFIX = env.str("REDIS_KEY_PREFIX", default="")
if env.str("CACHE_URL", default="") or not REDIS_URL:
    CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_KEY_PREFIX,
            # A Redis that does not answer costs a request 1 s at most: the cache, the throttle and the
            # public cache all carry on without it (tracker.cache, tracker.throttle).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

# Imports check their rows' foreign keys a COPY at a time where the database role may ("auto": superusers, or a
# role granted SET on session_replication_role); "rows" keeps PostgreSQL's check of each row (claims.bulk).
IMPORT_KEY_CHECKS = env.str("IMPORT_KEY_CHECKS", default="auto")
if IMPORT_KEY_CHECKS not in ("auto", "rows"):
    raise ImproperlyConfigured(f"IMPORT_KEY_CHECKS must be 'auto' or 'rows', not {IMPORT_KEY_CHECKS!r}.")

# Jobs (claims.jobs): a worker gives up a job after JOB_TIMEOUT seconds; a running job beats every
# JOB_HEARTBEAT_SECONDS, and one that missed JOB_STALE_SECONDS of beats is failed (its process is gone).
JOB_TIMEOUT = env.int("JOB_TIMEOUT", default=6 * 3600)
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=5)
JOB_STALE_SECONDS = env.int("JOB_STALE_SECONDS", default=60)

# DESIGN §4: the relative tolerance around approximate figures.
FIGURE_TOLERANCE = env.float("FIGURE_TOLERANCE", default=0.10)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.EditorWritesOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["claims.api.renderers.ORJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.CursorPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "claims.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.AnonThrottle", "claims.api.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="120/minute"),
        "user": env.str("THROTTLE_USER", default="1200/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Claim Tracker API",
    "DESCRIPTION": (
        "Claims made in coverage of contested conflicts, and the contradictions between sides. "
        "Anonymous users read published data only; writes need `Authorization: Token <key>` of an editor "
        "(POST /api/auth/token/). Lists are cursor-paginated (follow `next`) and take `?format=csv`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ContradictionStatusEnum": "claims.models.Contradiction.Status",
        "ContradictionKindEnum": "claims.rules.Kind",
        "TopicKindEnum": "claims.models.Topic.Kind",
        "ActorKindEnum": "sources.models.Actor.Kind",
        "OutletKindEnum": "sources.models.Outlet.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Scripts, styles, images and fonts from this site only: no inline code, no third parties (issue #8).
# Same name and shape as Django 6.0's setting; tracker.security applies it on 5.2.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
SECURE_CSP_REPORT_ONLY = {}
# Who may frame the embeds (/embed/…, claims.embed_views): the only pages whose frame-ancestors is not 'none'.
# Sources as CSP writes them, comma-separated: `https:` (any https site), or `https://news.example.org`.
EMBED_FRAME_ANCESTORS = env.list("EMBED_FRAME_ANCESTORS", default=["https:"])

# Who reviews the claims, as ClaimReview markup names it (claims.claimreview): the fact-checking
# organisation's name and home page (default: this site, at its own address).
CLAIMREVIEW_AUTHOR_NAME = env.str("CLAIMREVIEW_AUTHOR_NAME", default="Claim Tracker")
CLAIMREVIEW_AUTHOR_URL = env.str("CLAIMREVIEW_AUTHOR_URL", default="")

# Seconds an anonymous reader may be served a cached page or API read (tracker.cache); signed-in
# users always get live data. Off outside production, so editors and tests see every change at once.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=30 if PRODUCTION else 0)

# Failed sign-ins (admin login, API token) allowed per client address and per username in a window
# before answering 429 (tracker.throttle). Counted in the default cache: give gunicorn's workers a
# shared one (CACHE_URL) so that the limit holds across them.
LOGIN_THROTTLE_FAILURES = env.int("LOGIN_THROTTLE_FAILURES", default=10)
LOGIN_THROTTLE_WINDOW = env.int("LOGIN_THROTTLE_WINDOW", default=15 * 60)

# API tokens are refused this many days after they were made (claims.api.auth); signing in again gives a new one.
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=30)

# How much of a request the app reads (tracker.limits; gunicorn.conf.py limits the request line and headers).
# A body announced over MAX_REQUEST_BODY_SIZE is a 413 unread (the import page takes files up to 20 MB);
# form fields and API JSON over DATA_UPLOAD_MAX_MEMORY_SIZE are refused; uploads above
# FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file, and never for a visitor who is not signed in.
MAX_REQUEST_BODY_SIZE = env.int("MAX_REQUEST_BODY_SIZE", default=25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_HANDLERS = [
    "tracker.limits.StrangerUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production: it shows settings and code to visitors.")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe health over plain HTTP inside the network; a redirect would read as "down".
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
    # Behind N reverse proxies the client's address is N from the right in X-Forwarded-For (set NUM_PROXIES,
    # or every client shares the proxy's address in the throttles). 0: REMOTE_ADDR alone, so that a client
    # cannot pick its own address with a forged header (DRF's default, None, trusts the whole header).
    REST_FRAMEWORK["NUM_PROXIES"] = env.int("NUM_PROXIES", default=0)
