"""Models of the inspection workbench, one module per concern (runs, words, links); import each here."""

from .runs import CheckResult, Finding, InspectionRun
from .words import WordEntry, WordOverride, WordWhitelist

__all__ = ["CheckResult", "Finding", "InspectionRun", "WordEntry", "WordOverride", "WordWhitelist"]
