"""Benchmarks only (bench/): production's serving behaviour (``hardened.py``) on the throw-away SQLite or
PostgreSQL database a benchmark builds, with or without Redis. Never deploy with it: ``production.py`` is the
settings module that refuses to start without its infrastructure."""

from .hardened import *  # noqa: F403
