from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from sites.site_owned_views import SiteOwnedEditView, SiteOwnedIndexView, SiteOwnedViewSet

from .forms import HotTermRuleForm, PromotedResultForm
from .models import DictionaryTerm, HotTermRule, PromotedResult, SynonymSet
from .permissions import hot_rule_policy, promoted_policy


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


class HotTermRuleEditView(SiteOwnedEditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Look the rule up before the permission check, so that a rule outside the user's groups answers 404
        # here as in the inspect, delete, history and usage views — also for staff with no group at all.
        self.object = self.get_object()


class HotTermRuleViewSet(SiteOwnedViewSet):
    """热门搜索管理: a website group's staff hide terms from its hot terms, suggestions and "did you mean", or
    pin terms first in its hot terms (search.hot). Confined by search.permissions.hot_rule_policy."""

    model = HotTermRule
    icon = "list-ol"
    menu_label = "热门搜索管理"
    url_prefix = "search/hot-terms"
    policy = hot_rule_policy
    edit_view_class = HotTermRuleEditView
    edit_handler = ObjectList(HotTermRule.panels, base_form_class=HotTermRuleForm)
    search_fields = ["term", "note"]
    list_filter = ["action"]
    inspect_view_fields = ["site", "term", "action", "sort_order", "note", "updated_at"]
    list_display = [
        "term",
        "action",
        Column("site", label="网站群", accessor=lambda rule: rule.site.display_name),
        Column("sort_order", label="排序", sort_key="sort_order"),
        "note",
        "updated_at",
    ]


class SearchViewSetGroup(ModelViewSetGroup):
    menu_label = "站内搜索"
    menu_icon = "search"
    menu_order = 850
    items = (
        DictionaryTermViewSet("search_terms"),
        SynonymSetViewSet("search_synonyms"),
        PromotedResultViewSet("search_promoted"),
        HotTermRuleViewSet("search_hot_rules"),
    )
