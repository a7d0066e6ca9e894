"""The text of a page the 错敏词 check reads: every field the page model declares searchable (Wagtail's
``search_fields``: title, summary, subtitle, StreamField and rich-text bodies …), as plain text, in the default
language. Each model already says which of its fields are text for a reader, so nothing here names a page type."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.plaintext import clean_text, stream_text

SEPARATOR = "\n"  # a field boundary ends a sentence: a leaders' list never runs from one field into the next


def _base_name(name: str) -> str:
    # modeltranslation adds title_zh_hans, title_en … beside title: read the field once, in the default language.
    for code, _ in settings.LANGUAGES:
        suffix = "_" + code.replace("-", "_")
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name


def _fields(model) -> list[str]:
    names = []
    for search_field in model.get_search_fields():
        name = _base_name(search_field.field_name)
        if isinstance(search_field, index.SearchField) and name not in names:
            names.append(name)
    return names


def _field_text(page, name: str) -> str:
    try:
        model_field = page._meta.get_field(name)
    except FieldDoesNotExist:  # a search field may name a method or property; read it as text
        model_field = None
    value = getattr(page, name, "")
    if callable(value):
        value = value()
    if isinstance(model_field, StreamField):
        return stream_text(value)
    if isinstance(model_field, RichTextField):
        return clean_text(str(value or ""))
    return clean_text(str(value)) if value not in (None, "") else ""


def page_text(page) -> str:
    """Plain text of ``page`` (a specific page instance), fields separated by newlines."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = [_field_text(page, name) for name in _fields(type(page))]
    return SEPARATOR.join(p for p in parts if p)
