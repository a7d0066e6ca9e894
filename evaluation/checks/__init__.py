"""Inspection checks. Import each check module here so that it registers itself (see base.py for the contract)."""

from . import (
    registry,  # noqa: F401
    words,  # noqa: F401  (错敏词)
)
