"""Inspection checks. Import each check module here so that it registers itself (see base.py for the contract)."""

from . import (
    availability,  # noqa: F401
    links,  # noqa: F401
    registry,  # noqa: F401
)
