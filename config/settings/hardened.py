"""Production's serving behaviour without the infrastructure checks: DEBUG off, transport security, the page
cache default, two-factor login. Not deployable on its own: ``production.py`` (fail closed, issue 11) and
``bench.py`` (benchmarks on their throw-away databases) build on it."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False

# --- Transport security (issue 10, finding 8; docs/security.md). `manage.py check --deploy` reports nothing with
# these defaults (tests/core/test_security_headers.py). The other headers are set in every environment (base.py).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# HSTS: browsers refuse plain HTTP to these hosts for SECURE_HSTS_SECONDS (default one year). includeSubDomains
# and preload are on by default as check --deploy asks; a city whose other subdomains still serve plain HTTP must
# turn SECURE_HSTS_INCLUDE_SUBDOMAINS off (and keep preload off) before the first deployment: browsers remember it.
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# --- end of transport security

# Whole-page cache for anonymous visitors (sites/page_cache.py). Invalidation must reach every worker, so it
# defaults on only with a shared cache (REDIS_URL).
PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", "300" if env.get("REDIS_URL") else "0"))

# Staff login controls: the two-factor requirement (superusers, flagged groups) cannot be switched off here.
TWO_FACTOR_ENFORCE = True
