"""Public search API on one router, mounted at /api/v1/search/: results (results.py) and suggestions as you
type, did-you-mean and hot terms (suggest.py). Each module registers its endpoints on ``router`` when imported
below."""

from ninja import Router

router = Router(tags=["站内搜索"])

from . import results, suggest  # noqa: E402, F401  (registers the endpoints on the router)
