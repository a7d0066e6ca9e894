"""Public 政民互动 API: submitting a message (questions.py) and reply statistics (stats.py) on one router."""

from ninja import Router

router = Router(tags=["政民互动"])

from . import questions, stats  # noqa: E402, F401  (register their endpoints on the router)
