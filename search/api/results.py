"""GET /api/v1/search/: the search page's results as JSON (filled in next)."""

from . import router  # noqa: F401
