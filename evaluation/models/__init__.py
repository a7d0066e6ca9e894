"""Models of the inspection workbench, one module per concern (runs, words, links); import each here."""

from .links import AvailabilityProbe, ExternalLinkResult  # noqa: F401
