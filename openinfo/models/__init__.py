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
from .sections import DisclosureCategoryPage, DisclosureIndexPage

__all__ = [
    "ApplicationAttachment",
    "ApplicationEvent",
    "ApplicationFee",
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
    "allocate_index_number",
]
