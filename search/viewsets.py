from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from sites.site_owned_views import SiteOwnedIndexView, SiteOwnedViewSet

from .forms import PromotedResultForm
from .models import DictionaryTerm, PromotedResult, SynonymSet
from .permissions import promoted_policy


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


# Promoted results: every view works on the pins the user may see (search.permissions), others answer 404.


class PromotedIndexView(SiteOwnedIndexView):
    list_select_related = ("site", "page")


def _target(pin):
    return pin.page.title if pin.page_id else pin.url


class PromotedResultViewSet(SiteOwnedViewSet):
    """置顶推荐: a page or link shown above the results when the query contains one of its terms."""

    model = PromotedResult
    icon = "pick"
    menu_label = "置顶推荐"
    url_prefix = "search/promoted"
    policy = promoted_policy
    index_view_class = PromotedIndexView
    edit_handler = ObjectList(PromotedResult.panels, base_form_class=PromotedResultForm)
    search_fields = ["terms", "title", "url", "description"]
    list_filter = ["enabled"]
    inspect_view_fields = [
        "site",
        "terms",
        "page",
        "url",
        "title",
        "description",
        "sort_order",
        "enabled",
        "expires_on",
    ]
    list_display = [
        "terms",
        Column("target", label="推荐内容", accessor=_target),
        Column("site", label="所属网站", accessor=lambda p: p.site.display_name if p.site_id else "所有网站"),
        Column("sort_order", label="排序", sort_key="sort_order"),
        "enabled",
        "expires_on",
    ]


class SearchViewSetGroup(ModelViewSetGroup):
    menu_label = "站内搜索"
    menu_icon = "search"
    menu_order = 850
    items = (
        DictionaryTermViewSet("search_terms"),
        SynonymSetViewSet("search_synonyms"),
        PromotedResultViewSet("search_promoted"),
    )
