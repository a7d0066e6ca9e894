from .documents import DisclosureAttachment, DisclosureDocumentPage
from .index_numbers import IndexNumberCounter, allocate_index_number
from .sections import DisclosureCategoryPage, DisclosureIndexPage

__all__ = [
    "DisclosureAttachment",
    "DisclosureCategoryPage",
    "DisclosureDocumentPage",
    "DisclosureIndexPage",
    "IndexNumberCounter",
    "allocate_index_number",
]
