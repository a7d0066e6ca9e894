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
