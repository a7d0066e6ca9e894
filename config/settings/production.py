"""Production: fails closed (issue 11). Without SECRET_KEY, ALLOWED_HOSTS, TRUSTED_PROXIES, PostgreSQL, Redis, a
queued task backend and a media storage it prints one line per missing or malformed item and exits with status 2
(config/checks.py); it never falls back to SQLite, per-process memory, inline tasks or a default media directory.
The demo app is not installed here (dev.py and test.py add it)."""

import logging
import os

from django.core.exceptions import ImproperlyConfigured

from config import checks
from config.storage import media_origin

# --- Fail closed (issue 11): every environment problem is collected before base.py runs (base parses
# TRUSTED_PROXIES and DATABASE_URL and would stop at the first malformed one with a traceback), then reported all
# at once.
_problems = checks.environment_problems(os.environ)
try:
    from .hardened import *  # noqa: F403
    from .hardened import CONTENT_SECURITY_POLICY, TASKS, env, logging_config, trusted_proxies
except (ImproperlyConfigured, ValueError):  # ValueError: dj_database_url's UnknownSchemeError
    if not _problems:
        raise
    checks.refuse_to_start(_problems)
_problems += [problem for problem in [checks.tasks_problem(TASKS)] if problem]
if _problems:
    checks.refuse_to_start(_problems)
if _warning := checks.elasticsearch_warning(os.environ):
    logging.getLogger("config.settings").warning(_warning)
# --- end of fail closed

SECRET_KEY = env["SECRET_KEY"].strip()
ALLOWED_HOSTS = [host.strip() for host in env["ALLOWED_HOSTS"].split(",") if host.strip()]
# Behind nginx every citizen would otherwise share the proxy's address (one captcha and one 429 for the whole
# city); facing clients directly, a trusted X-Forwarded-For would let anyone pick theirs. No default is safe, so
# the operator must say which it is (docs/security.md).
TRUSTED_PROXIES = trusted_proxies(env["TRUSTED_PROXIES"])
# Public media on object storage is another origin: pages may show its images, and nothing else from it.
if _media_origin := media_origin(os.environ):
    _img_src = CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [*_img_src, _media_origin]

# Structured logs: JSON lines with the request id (core/requestlog.py); LOG_FORMAT=text for a human reading stderr.
LOGGING = logging_config(env.get("LOG_FORMAT", "json"))
