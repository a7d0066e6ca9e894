from modeltranslation.translator import TranslationOptions, register

from .models import SiteProfile, SiteSettings


@register(SiteProfile)
class SiteProfileTR(TranslationOptions):
    fields = ("org_name", "short_name", "sponsor")


@register(SiteSettings)
class SiteSettingsTR(TranslationOptions):
    fields = ("organizer", "address")
