from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import DictionaryTerm, SynonymSet


class DictionaryTermViewSet(ModelViewSet):
    """Government terms the segmenter must keep whole (电子政务外网, 一网通办 …). Queries use a change at once;
    indexed text after the next `manage.py search_reindex`."""

    model = DictionaryTerm
    icon = "openquote"
    menu_label = "搜索词典"
    list_display = ["word", "pinyin", "initials", "weight", "enabled", "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["word", "pinyin", "initials", "note"]
    form_fields = ["word", "weight", "note", "enabled"]


class SynonymSetViewSet(ModelViewSet):
    """Citizen wording ↔ official wording (社保 ↔ 社会保险): a query for one finds the others."""

    model = SynonymSet
    icon = "link"
    menu_label = "同义词"
    list_display = ["terms", "note", "enabled", "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["terms", "note"]
    form_fields = ["terms", "note", "enabled"]


class SearchViewSetGroup(ModelViewSetGroup):
    menu_label = "站内搜索"
    menu_icon = "search"
    menu_order = 850
    items = (DictionaryTermViewSet("search_terms"), SynonymSetViewSet("search_synonyms"))
