"""POST /api/v1/interaction/questions/ (work in progress)."""

from . import router  # noqa: F401
