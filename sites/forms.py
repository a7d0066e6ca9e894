from django import forms
from django.conf import settings
from wagtail.admin.forms import WagtailAdminModelForm


class SiteProfileForm(WagtailAdminModelForm):
    """Languages as checkboxes rather than raw JSON."""

    languages = forms.MultipleChoiceField(
        label="启用语言", choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple, required=True
    )
