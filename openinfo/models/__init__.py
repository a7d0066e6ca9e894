from .annual import AnnualReportIndexPage, AnnualReportPage, OpenInfoAnnualReport, Table3Correction
from .application_page import ApplicationPage
from .applications import (
    ApplicationAttachment,
    ApplicationEvent,
    ApplicationFee,
    ApplicationRemedy,
    InformationApplication,
)
from .documents import DisclosureAttachment, DisclosureDocumentPage
from .guides import DisclosureGuidePage, DisclosureRule, DisclosureRulesPage
from .index_numbers import IndexNumberCounter, allocate_index_number
from .letters import LetterTemplate
from .sections import DisclosureCategoryPage, DisclosureIndexPage

__all__ = [
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "ApplicationAttachment",
    "ApplicationEvent",
    "ApplicationFee",
    "ApplicationPage",
    "ApplicationRemedy",
    "DisclosureAttachment",
    "DisclosureCategoryPage",
    "DisclosureDocumentPage",
    "DisclosureGuidePage",
    "DisclosureIndexPage",
    "DisclosureRule",
    "DisclosureRulesPage",
    "IndexNumberCounter",
    "InformationApplication",
    "LetterTemplate",
    "OpenInfoAnnualReport",
    "Table3Correction",
    "allocate_index_number",
]
