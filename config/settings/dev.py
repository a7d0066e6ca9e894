"""Local development: DEBUG on, every *.localhost host allowed, demo site port 8000."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1", "[::1]", "testserver"]
SITES_DEFAULT_PORT = int(env.get("SITES_PORT", "8000"))
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Staff login controls (docs/security.md): the `make run` demo signs in as `admin` with the demo password and no
# phone, so the two-factor requirement is off unless TWO_FACTOR_ENFORCE=1; enrolling stays possible and a user
# with a device is still asked. Passwords do not age in the demo (the seed writes them directly).
TWO_FACTOR_ENFORCE = env_bool("TWO_FACTOR_ENFORCE", False)
PASSWORD_MAX_AGE_DAYS = int(env.get("PASSWORD_MAX_AGE_DAYS", "0"))

# --- Demo app (issue 11): the demo group, seed_demo and the factories live in the dev-only app `demo`, which
# production never installs. DEMO_SEED_ALLOWED is seed_demo's own opt-in (it refuses to run without it).
INSTALLED_APPS += ["demo"]  # noqa: F405
DEMO_SEED_ALLOWED = True
DEMO_PASSWORD = env.get("DEMO_PASSWORD", "govsites-demo")
# --- end of demo app
