"""GET /api/v1/interaction/stats/ (work in progress)."""

from . import router  # noqa: F401
