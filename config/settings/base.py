"""Settings shared by every environment.

Production values are the defaults here (DEBUG off, no secret); dev and test loosen them explicitly.
Every environment variable read here is listed in `.env.example` and in the README table.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.checks import parse_trusted_proxies
from config.storage import private_storage, public_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = os.environ


def env_bool(name: str, default: bool = False) -> bool:
    return env.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


def trusted_proxies(value: str) -> list[str]:
    """TRUSTED_PROXIES as a list of networks (config/checks.py); a malformed value stops the server."""
    try:
        return parse_trusted_proxies(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None


DEBUG = False
SECRET_KEY = env.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must precede every app whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "core",
    "sites",
    "home",
    "openinfo",
    "interaction",
    "ninja",  # django-ninja's own Swagger UI files, served from STATIC_URL (no CDN): see "Security headers" below
    "captcha",  # django-simple-captcha: offline, shown only to suspicious clients (interaction/antispam.py)
    "search",
    "evaluation",  # 网站健康检查 (issue 12); depends on every domain app, none depends on it
    "syndication",  # 信息报送 and 稿件共享 (issue 14); depends on sites and home, none depends on it
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security headers ("Security headers" below) sit outside every middleware that answers early (static files,
    # refused input, the anonymous page cache), so that those responses carry them too.
    "core.csp.SiteCSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Refuses NUL, control and bidi characters and invalid UTF-8 anywhere in a request (core/text.py) with a 400.
    "core.middleware.InputGuardMiddleware",
    # Issue 11 (serving speed): the anonymous page cache answers right after the security headers and the input
    # guard; a hit needs no session, locale (the path decides the language) or common-middleware work.
    "sites.page_cache.SitePageCacheMiddleware",
    # Site, profile and settings of the request's host from the shared cache (sites/site_cache.py).
    "sites.site_cache.SiteContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A page that refused a parameter (core.params.report) renders with the message but answers 400; inside the
    # page cache, which keeps only 200s.
    "core.middleware.RefusedParametersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Issue 10 (admin confinement): an admin URL naming another site's object answers 404 to site staff
    # (sites/admin_gate.py); needs the signed-in user, so it follows AuthenticationMiddleware.
    "sites.admin_gate.AdminConfinementMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
# Chinese error pages (core/errors.py); a failed CSRF check tells the visitor to reload the form.
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "sites.context_processors.site_group",
            ],
        },
    },
]

# Databases: SQLite is the embedded default; DATABASE_URL (PostgreSQL in production and CI) overrides it.
DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write to one file. A deferred transaction that reads and then writes fails at once
    # with "database is locked" (a 500 on a citizen's submission) when another worker writes; IMMEDIATE takes the
    # write lock at BEGIN so it waits (up to `timeout` s) instead, and WAL lets readers go on meanwhile.
    # synchronous stays FULL: an accepted message must survive a power cut. See bench/interaction_load.py.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (required in production so that Wagtail's site-root-paths
# cache is cleared for every worker at once), per-process memory otherwise.
if env.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env["REDIS_URL"],
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "govsites"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Languages: zh-hans is the default and the admin language; English is an optional mirror under /en/.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans",)


def _localized_verbose_name(verbose_name, lang):
    """Label of ``<field>_<lang>`` (modeltranslation's default is "标题 [zh-hans]"): the Chinese field keeps its
    own label, the English one says so in Chinese. Labels only; migrations keep the field's own verbose_name."""
    return str(verbose_name) if lang == MODELTRANSLATION_DEFAULT_LANGUAGE else f"{verbose_name}（英文）"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _localized_verbose_name
# Same URL paths in both languages: /en/<path>/ mirrors /<path>/, so no per-language slugs.
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Files that must never be public (citizens' attachments): outside MEDIA_ROOT, served only through the admin.
PRIVATE_MEDIA_ROOT = Path(env.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
# --- Media storage (issue 11; config/storage.py): local disk unless MEDIA_STORAGE / PRIVATE_MEDIA_STORAGE=s3
# (django-storages, S3-compatible object storage on the intranet). Production requires one of them explicitly.
STORAGES = {
    "default": public_storage(env),
    "private": private_storage(env, PRIVATE_MEDIA_ROOT),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# --- end of media storage

# Wagtail
WAGTAIL_SITE_NAME = env.get("WAGTAIL_SITE_NAME", "政务网站群管理平台")
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# The last review step publishes (sites.workflow: where review is required, that is the only road to live).
WAGTAIL_FINISH_WORKFLOW_ACTION = "sites.publishing.publish_approved"
WAGTAIL_I18N_ENABLED = False  # translations are columns (modeltranslation), not locale trees
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_USER_CUSTOM_FIELDS = []
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "ofd", "txt", "zip", "rar", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# --- Background tasks (issue 11, the task worker; docs/operations.md) -------------------------------------------
# Indexing, mail and other side effects go through Django's task framework (django-tasks backport), enqueued after
# the transaction commits (core.tasks.enqueue_on_commit). The default backend queues them in the database
# (django-tasks-db) and `manage.py db_worker` runs them (`make run` starts one; production runs it under systemd).
# TASKS_BACKEND selects another backend class (e.g. a Redis-based one later). config.settings.test runs them at once.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS = {"default": {"BACKEND": env.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# --- end of background tasks

# --- Admin at 2,000 sites (issue 11 item 6; core/form_renderer.py) ---------------------------------------------
# Long select and checkbox lists (every site, group or collection of the group) are written in Python, byte for
# byte what Django's widget templates write, instead of one template include per option.
FORM_RENDERER = "core.form_renderer.FastChoiceRenderer"
# A group's edit page without Wagtail's per-select prefetch of every collection's permissions (sites/admin_groups.py).
INSTALLED_APPS[INSTALLED_APPS.index("wagtail.users")] = "sites.apps.WagtailUsersConfig"
# --- end of the admin at 2,000 sites ---

# Website group
# Seconds an anonymous visitor's page stays cached (0 = off). Publishing anything invalidates at once.
PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", "0"))
# Port that demo/site hostnames are served on; links between sites are built from Site.port.
SITES_DEFAULT_PORT = int(env.get("SITES_PORT", "80"))
# 政民互动 anti-spam (interaction/antispam.py). A form sent back faster than this looks scripted.
INTERACTION_MIN_FILL_SECONDS = float(env.get("INTERACTION_MIN_FILL_SECONDS", "3"))
# Messages accepted per client IP per hour / per mobile number per day before further ones are refused.
INTERACTION_MAX_PER_IP_HOUR = int(env.get("INTERACTION_MAX_PER_IP_HOUR", "10"))
INTERACTION_MAX_PER_PHONE_DAY = int(env.get("INTERACTION_MAX_PER_PHONE_DAY", "5"))
# Messages per IP per hour above which the client must also answer a captcha.
INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR = int(env.get("INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR", "3"))
# Optional extra sensitive-word list (one word per line) added to interaction/data/sensitive_words.txt.
INTERACTION_SENSITIVE_WORDS_FILE = env.get("INTERACTION_SENSITIVE_WORDS_FILE", "")
# --- 依申请公开 public form (issue 13, openinfo/applications/intake.py): the mailbox's anti-spam, own limits ---
OPENINFO_APPLICATION_MIN_FILL_SECONDS = float(env.get("OPENINFO_APPLICATION_MIN_FILL_SECONDS", "3"))
OPENINFO_APPLICATION_MAX_PER_IP_HOUR = int(env.get("OPENINFO_APPLICATION_MAX_PER_IP_HOUR", "10"))
OPENINFO_APPLICATION_MAX_PER_PHONE_DAY = int(env.get("OPENINFO_APPLICATION_MAX_PER_PHONE_DAY", "5"))
OPENINFO_APPLICATION_CAPTCHA_AFTER_PER_IP_HOUR = int(env.get("OPENINFO_APPLICATION_CAPTCHA_AFTER_PER_IP_HOUR", "3"))
# --- end 依申请公开 ---
# The captcha is arithmetic (no words to misread); images are generated locally with Pillow.
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_TIMEOUT = 10  # minutes
# Legible for older eyes (issue 15): big digits, little rotation, a few arcs and no dots; the image is shown at this
# size, never stretched (static/css/site.css .captcha-image). core/captcha.py adds 换一张 and the 文字题 alternative.
CAPTCHA_FONT_SIZE = 44
CAPTCHA_LETTER_ROTATION = (-12, 12)
CAPTCHA_IMAGE_SIZE = (200, 70)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_arcs",)
# Site search (search/, docs/search.md): Elasticsearch 8 when ELASTICSEARCH_URL is set, else the database
# index, which is also the fallback while Elasticsearch is down. Index names start with SEARCH_INDEX_PREFIX.
SEARCH_ELASTICSEARCH_URL = env.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = env.get("SEARCH_INDEX_PREFIX", "govsites_")
SEARCH_ELASTICSEARCH_TIMEOUT = float(env.get("SEARCH_ELASTICSEARCH_TIMEOUT", "3"))
SEARCH_ELASTICSEARCH_REPLICAS = int(env.get("SEARCH_ELASTICSEARCH_REPLICAS", "1"))
# Optional plugin analyser for the unsegmented text fields (smartcn, ik_max_word); empty = core analysis only.
SEARCH_ELASTICSEARCH_ANALYZER = env.get("SEARCH_ELASTICSEARCH_ANALYZER", "")
# Index on publish/unpublish/move/delete (off only for bulk loads, followed by `manage.py search_reindex`).
SEARCH_AUTO_INDEX = env_bool("SEARCH_AUTO_INDEX", True)
# -- Search query log, who may write hot terms (issue 10 finding 5; search/querylog.py, docs/search.md) --
# A logged query is shown to others (热门搜索, suggestions, did you mean) once this many distinct clients searched
# it in the window, each client counted at most once per query and day.
SEARCH_LOG_MIN_CLIENTS = int(env.get("SEARCH_LOG_MIN_CLIENTS", "5"))
# A client searching more often than this in one minute stops counting in the log for the rest of the day; one
# over the daily number stops counting for that 24-hour window. Its searches are still answered.
SEARCH_LOG_MAX_PER_MINUTE = int(env.get("SEARCH_LOG_MAX_PER_MINUTE", "10"))
SEARCH_LOG_MAX_PER_DAY = int(env.get("SEARCH_LOG_MAX_PER_DAY", "100"))
# -- end of the search query log block --
# The reverse proxies in front of the app (addresses or networks, comma-separated; "none" when clients connect
# directly). X-Forwarded-For is believed only from them (core/clients.py). Production refuses to start unset.
TRUSTED_PROXIES = trusted_proxies(env.get("TRUSTED_PROXIES", "none"))
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
# Outgoing mail (the "your message has been answered" notice). dev prints mail to the console, tests keep it in memory.
EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10  # a slow mail server must not hold a worker (mail is sent after commit, failures are logged)

# --- Security headers and third parties (issue 10, finding 8; docs/security.md) -------------------------------
# One strict Content-Security-Policy in every environment, so that a violation shows up in development and in the
# browser tests (tests/browser/test_csp.py) long before production. No inline script or style anywhere: the public
# pages' scripts, styles and the per-site theme colour are files (static/, /theme/<rrggbb>.css); charts read their
# data from <script type="application/json"> blocks, which are not executed. The admin adds only what Wagtail needs
# (core/csp.py, ADMIN_CSP_UPDATE). Nothing is loaded from another host: no CDN, fonts or analytics.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        # Framing only by the same origin: Wagtail's live preview shows pages in an iframe of the admin.
        "frame-ancestors": ["'self'"],
    },
}
# What Wagtail 8's admin needs beyond the public policy, and why (core/csp.py). Never sent outside /admin/.
ADMIN_CSP_UPDATE = {
    # Wagtail's own inline initialisers (date pickers, choosers, inline panels) get this response's nonce, and only
    # they: core.csp.nonce_wagtail_initialisers. Any other inline script stays blocked.
    "script-src": [NONCE],
    # The rich-text editor (Draftail) renders <style> elements of its own (list numbering, placeholders that name
    # a random block key), which no nonce or hash can cover. Only style *elements* are relaxed: style attributes
    # keep the public 'self' (style-src), and styles cannot run code.
    "style-src-elem": ["'self'", "'unsafe-inline'"],
    # The focal-point editor of an image (Jcrop) tests for touch events by setting ontouchstart="return;" on a
    # detached element: that one harmless handler body, by its hash, and no other inline handler.
    "script-src-attr": ["'unsafe-hashes'", "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"],
}
# X-Frame-Options for browsers that predate frame-ancestors (current ones obey the CSP instead): DENY, as
# check --deploy asks (security.W019). Wagtail's preview views send SAMEORIGIN themselves
# (wagtail.utils.decorators.xframe_options_sameorigin_override), so the live preview works in those browsers too.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# No Referer to other hosts (links out of a government site must not leak the page a citizen read).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The admin loads nothing from other hosts: no Gravatar avatars (the default avatar is a local file), no
# "new Wagtail version" check against wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# --- end of security headers ---------------------------------------------------------------------------------

# --- Staff login controls (issue 10, 等保 身份鉴别/登录失败处理/安全审计; docs/security.md, core/accounts/) ---
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
# After AuthenticationMiddleware/MessageMiddleware: OTP verification state, idle/absolute session limits, the 2FA
# gate and the password-age gate; axes last (it turns a locked-out login into the Chinese lockout page).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "core.accounts.middleware.StaffLoginMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Lockout (django-axes): failures are counted per username (any client) and per client address (any username)
# separately, within LOGIN_LOCKOUT_MINUTES of the last failure; either limit locks for that long.
LOGIN_FAILURE_LIMIT = int(env.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_IP_FAILURE_LIMIT = int(env.get("LOGIN_IP_FAILURE_LIMIT", "20"))
LOGIN_LOCKOUT_MINUTES = int(env.get("LOGIN_LOCKOUT_MINUTES", "30"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_HANDLER = "core.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "core.accounts.lockout.lockout_ip"
AXES_LOCKOUT_CALLABLE = "core.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = False  # one valid account must not reset the counter of the address it guesses others from
AXES_DISABLE_ACCESS_LOG = True  # core.SecurityEvent is the audit trail
AXES_VERBOSE = False
WAGTAILADMIN_USER_LOGIN_FORM = "core.accounts.forms.StaffLoginForm"  # the same form, labels in Chinese
# Sessions: staff are signed out after STAFF_IDLE_MINUTES without a request, and STAFF_SESSION_HOURS after login
# whatever they do. The cookie is never readable by scripts and not sent on cross-site sub-requests.
STAFF_IDLE_MINUTES = int(env.get("STAFF_IDLE_MINUTES", "30"))
STAFF_SESSION_HOURS = int(env.get("STAFF_SESSION_HOURS", "8"))
SESSION_COOKIE_AGE = STAFF_SESSION_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Two-factor login (django-otp TOTP): required for superusers and for members of groups whose login policy says
# so, once TWO_FACTOR_ENFORCE is on (production: always). Anyone may enrol; whoever has a device is always asked.
TWO_FACTOR_ENFORCE = env_bool("TWO_FACTOR_ENFORCE", True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Passwords: at least PASSWORD_MIN_LENGTH characters, three of four character classes, not like the username,
# not common, not all digits (core/accounts/passwords.py); staff must change it every PASSWORD_MAX_AGE_DAYS (0 off).
PASSWORD_MIN_LENGTH = int(env.get("PASSWORD_MIN_LENGTH", "10"))
PASSWORD_MAX_AGE_DAYS = int(env.get("PASSWORD_MAX_AGE_DAYS", "90"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "core.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "core.accounts.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.accounts.passwords.PasswordChangeRecorder"},
]
# --- end of staff login controls ---

# --- Health probes, request ids, structured logs (issue 11 ops; core/health.py, core/requestlog.py,
# docs/deployment.md). The request id middleware is outermost so that every response carries X-Request-ID. The
# probes answer right after the security-header middleware (so they carry the same headers) and before host
# validation (CommonMiddleware), the input guard and the page cache; they are exempt from the HTTPS redirect, so
# a load balancer can probe an app server by address over plain HTTP.
MIDDLEWARE.insert(0, "core.requestlog.RequestIdMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.clickjacking.XFrameOptionsMiddleware") + 1, "core.health.HealthCheckMiddleware"
)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# /readyz fails when the oldest due task has waited longer than this (the worker is down or far behind).
READYZ_TASK_MAX_AGE_MINUTES = int(env.get("READYZ_TASK_MAX_AGE_MINUTES", "10"))
# Checks reported by /readyz that never make it answer 503 (database, cache, elasticsearch, tasks).
READYZ_IGNORE = env_list("READYZ_IGNORE")
# A Redis outage must not take the sites down: django-redis then answers every read as a miss and drops writes
# (logged), so pages render uncached, messages are still stored (PostgreSQL), and the per-client limits and the
# page cache are off until Redis is back (docs/deployment.md "When a service is down"). /readyz reports it.
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    CACHES["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] = True
    CACHES["default"]["OPTIONS"].setdefault("SOCKET_CONNECT_TIMEOUT", 1)
    CACHES["default"]["OPTIONS"].setdefault("SOCKET_TIMEOUT", 1)
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "govsites.cache"
LOG_FORMATS = ("text", "json")


def logging_config(log_format: str) -> dict:
    """LOGGING for LOG_FORMAT: "text" (one readable line) or "json" (JSON lines for a log collector); both carry
    the request id (core/requestlog.py). Access lines (govsites.access) are INFO, LOG_ACCESS=0 drops them."""
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f'LOG_FORMAT must be "text" or "json", not {log_format!r} (e.g. LOG_FORMAT=json).')
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "core.requestlog.RequestIdFilter"}},
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            "json": {"()": "core.requestlog.JsonLinesFormatter"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": log_format},
        },
        "loggers": {
            "govsites.access": {"level": "INFO" if env_bool("LOG_ACCESS", True) else "WARNING"},
        },
        "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
    }


LOGGING = logging_config(env.get("LOG_FORMAT", "text"))
# --- end of health probes and logs

# --- Inspection workbench: link checker and availability probe (issue 12; evaluation/links/, docs/evaluation.md) ---
# External links are checked only by the `external_links` check (never in the default offline run); intranets without
# a way out set EVALUATION_EXTERNAL_LINKS=0 and the check yields nothing.
EVALUATION_EXTERNAL_LINKS = env_bool("EVALUATION_EXTERNAL_LINKS", True)
EVALUATION_LINK_WORKERS = int(env.get("EVALUATION_LINK_WORKERS", "8"))  # hosts contacted at the same time
EVALUATION_LINK_HOST_DELAY = float(env.get("EVALUATION_LINK_HOST_DELAY", "1"))  # seconds between two requests to a host
EVALUATION_LINK_TIMEOUT = float(env.get("EVALUATION_LINK_TIMEOUT", "10"))  # connect and read timeout, seconds
EVALUATION_EXTERNAL_LINK_CACHE_HOURS = 24  # an external URL's result is reused for a day
# Hosts whose links differ only by a query naming the linking page: checked once per path (我为政府网站找错 entrance).
EVALUATION_LINK_QUERY_INSENSITIVE_HOSTS = ["zfwzzc.www.gov.cn"]
EVALUATION_LINK_SHARED_PAGES = 20  # a target broken on more pages than this is one finding (template/navigation)
# The probe fetches http(s)://<Site.hostname>[:port]/ unless a base URL is given (tests, or probing through a VIP):
# EVALUATION_PROBE_BASE_URL="http://127.0.0.1:8080" sends the site's hostname as the Host header to that address.
EVALUATION_PROBE_BASE_URL = env.get("EVALUATION_PROBE_BASE_URL", "")
# Scheme of the probed home pages; empty: https when SECURE_SSL_REDIRECT is on (production), else http.
EVALUATION_PROBE_SCHEME = env.get("EVALUATION_PROBE_SCHEME", "")
EVALUATION_PROBE_TIMEOUT = 15.0  # 国办秘函〔2019〕19号: an attempt still not open after 15 s counts as failed
EVALUATION_PROBE_WORKERS = int(env.get("EVALUATION_PROBE_WORKERS", "8"))
# --- end of link checker and availability probe

# --- Public chrome: 党政机关网站标识 and share cards (issue 15; docs/front.md) ---
# Artwork of the 党政机关网站标识 (a static file), shown in the footer only of a site whose 站点设置 holds its
# certificate link. The shipped img/conac.svg is a placeholder drawing: CONAC's own badge is served by a script
# from its servers, which an intranet cannot load, so platforms put the artwork issued with the certificate here.
CONAC_BADGE_IMAGE = env.get("CONAC_BADGE_IMAGE", "img/conac.svg")
# og:image of a page without an image of its own on a site without a logo (a static file).
SHARE_DEFAULT_IMAGE = env.get("SHARE_DEFAULT_IMAGE", "img/apple-touch-icon.png")
# --- end of public chrome
