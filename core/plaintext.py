"""Plain text of stored markup, as search documents and the 错敏词 scan read it: tags stripped, entities decoded,
runs of whitespace collapsed. (Moved from search/documents.py so that evaluation reads pages the same way.)"""

import html
import re

from django.utils.html import strip_tags

SPACES_RE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    return SPACES_RE.sub(" ", html.unescape(strip_tags(text or ""))).strip()


def stream_text(value) -> str:
    """The searchable text of a StreamField value (every block's own get_searchable_content)."""
    if not value:
        return ""
    return clean_text(" ".join(str(part) for part in value.stream_block.get_searchable_content(value)))
