"""Admin (设置 menu): the 错敏词 dictionary for platform staff (Django model permissions: superusers, or a group
granted them) and each site's whitelist for that site's own staff (sites.policies.SiteOwnedPolicy: another
site's entry answers 404)."""

from django.forms import Media
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from sites.policies import SiteOwnedPolicy
from sites.site_owned_views import SiteOwnedViewSet

from ..forms import WordEntryForm, WordWhitelistForm
from ..models.words import WordEntry, WordWhitelist

whitelist_policy = SiteOwnedPolicy(WordWhitelist)


class WordEntryIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Seven columns: on a phone the listing scrolls in its own box instead of being cut off.
        context["media"] += Media(css={"all": ["css/evaluation-listing.css"]})
        return context


class WordEntryViewSet(ModelViewSet):
    model = WordEntry
    index_view_class = WordEntryIndexView
    icon = "warning"
    menu_label = "错敏词词典"
    url_prefix = "evaluation/words"
    add_to_settings_menu = True
    edit_handler = ObjectList(WordEntry.panels, base_form_class=WordEntryForm)
    list_display = ["word", "kind", "correction", "variants", "level", "enabled", "updated_at"]
    list_filter = ["kind", "level", "enabled"]
    search_fields = ["word", "correction", "variants", "leadership", "note"]


class WordWhitelistViewSet(SiteOwnedViewSet):
    model = WordWhitelist
    icon = "tick"
    menu_label = "错敏词白名单"
    url_prefix = "evaluation/word-whitelist"
    add_to_settings_menu = True
    policy = whitelist_policy
    edit_handler = ObjectList(WordWhitelist.panels, base_form_class=WordWhitelistForm)
    search_fields = ["word", "note"]
    inspect_view_fields = ["site", "word", "note", "updated_at"]
    list_display = [
        "word",
        Column("site", label="所属网站", accessor=lambda entry: entry.site.display_name),
        "note",
        "updated_at",
    ]
