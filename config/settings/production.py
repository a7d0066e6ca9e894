"""Production: fails closed. SECRET_KEY and ALLOWED_HOSTS must come from the environment."""

from .base import *  # noqa: F403
from .base import env, env_bool, require, trusted_proxies

DEBUG = False
SECRET_KEY = require("SECRET_KEY")
ALLOWED_HOSTS = [host for host in require("ALLOWED_HOSTS").split(",") if host.strip()]
# Behind nginx every citizen would otherwise share the proxy's address (one captcha and one 429 for the whole
# city); facing clients directly, a trusted X-Forwarded-For would let anyone pick theirs. No default is safe, so
# the operator must say which it is (docs/security.md).
TRUSTED_PROXIES = trusted_proxies(require("TRUSTED_PROXIES"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", "0"))
X_FRAME_OPTIONS = "SAMEORIGIN"

# Whole-page cache for anonymous visitors (sites/page_cache.py). Invalidation must reach every worker, so it
# defaults on only with a shared cache (REDIS_URL).
PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", "300" if env.get("REDIS_URL") else "0"))

# Staff login controls: the two-factor requirement (superusers, flagged groups) cannot be switched off here.
TWO_FACTOR_ENFORCE = True
