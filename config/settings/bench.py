"""Benchmarks only (bench/): production's serving behaviour (``hardened.py``) on the throw-away SQLite or
PostgreSQL database a benchmark builds, with or without Redis. Never deploy with it: ``production.py`` is the
settings module that refuses to start without its infrastructure."""

from .hardened import *  # noqa: F403
from .hardened import env

# The benchmarks seed the demo group (seed_demo) and build pages with the factories.
INSTALLED_APPS += ["demo"]  # noqa: F405
DEMO_SEED_ALLOWED = True
DEMO_PASSWORD = env.get("DEMO_PASSWORD", "govsites-demo")

# Issue 11 (serving speed): a bare view behind the whole middleware stack, the baseline of cached pages.
ROOT_URLCONF = "config.bench_urls"
