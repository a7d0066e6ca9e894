from django import forms
from django.conf import settings
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from .enums import ALLOWED_PARENT_KINDS


class SiteProfileForm(WagtailAdminModelForm):
    """Languages as checkboxes rather than raw JSON; site and parent choices without the 2,000 villages.

    上级网站 offers only kinds a site can hang under (never a village) and 站点 only Wagtail sites that have no
    profile yet (plus this profile's own): otherwise each select lists every site of the group (阳光三农网: 2,053
    options each, seconds to render) although model validation would refuse most of them.
    """

    languages = forms.MultipleChoiceField(
        label="启用语言", choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "parent" in self.fields:
            parent_kinds = {kind for kinds in ALLOWED_PARENT_KINDS.values() for kind in kinds}
            self.fields["parent"].queryset = self.fields["parent"].queryset.filter(kind__in=parent_kinds)
        if "site" in self.fields:
            own = Q(pk=self.instance.site_id) if self.instance.site_id else Q(pk__in=[])
            self.fields["site"].queryset = self.fields["site"].queryset.filter(Q(profile__isnull=True) | own)


def _page_type_choices():
    # Every page model, named by its label (how blueprints name them) — read at form time, so this app never
    # imports the content apps that define them.
    from wagtail.models import get_page_models

    models = sorted((m for m in get_page_models() if m._meta.app_label != "wagtailcore"), key=lambda m: m._meta.label)
    return [(m._meta.label, f"{m._meta.verbose_name}（{m._meta.label}）") for m in models]


class ReviewPolicyForm(WagtailAdminModelForm):
    page_types = forms.MultipleChoiceField(
        label="需审核的页面类型",
        choices=_page_type_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="仅当选择“仅所列页面类型”时生效",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == "listed" and not cleaned.get("page_types"):
            self.add_error("page_types", "选择“仅所列页面类型”时，请至少选择一种页面类型。")
        return cleaned
