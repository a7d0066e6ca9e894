"""Models of the inspection workbench, one module per concern (runs, words, links); import each here."""

from .runs import CheckResult, Finding, InspectionRun

__all__ = ["CheckResult", "Finding", "InspectionRun"]
