"""Models of the inspection workbench, one module per concern (runs, words, links); import each here."""

from .annual import WebsiteAnnualReport, WebsiteReportPage
from .digest import DigestNotice
from .links import AvailabilityProbe, ExternalLinkResult
from .runs import CheckResult, Finding, InspectionRun
from .words import WordEntry, WordOverride, WordWhitelist

__all__ = [
    "AvailabilityProbe",
    "CheckResult",
    "DigestNotice",
    "ExternalLinkResult",
    "Finding",
    "InspectionRun",
    "WebsiteAnnualReport",
    "WebsiteReportPage",
    "WordEntry",
    "WordOverride",
    "WordWhitelist",
]
