import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from modeltranslation import settings as mt_settings
from wagtail import hooks
from wagtail_modeltranslation import settings as wmt_settings
from wagtail_modeltranslation import wagtail_hooks as modeltranslation_hooks

from .viewsets import calendar_day_viewset


@hooks.register("register_admin_viewset")
def register_calendar_days():
    return calendar_day_viewset


def modeltranslation_settings():
    """wagtail-modeltranslation's editor settings as data for static/js/admin-modeltranslation.js: the values of
    its own `translation_settings` hook, which writes them as an inline script that the admin's CSP blocks."""
    if wmt_settings.LOCALE_PICKER_DEFAULT is not None:
        picker_default = list(wmt_settings.LOCALE_PICKER_DEFAULT)
    else:
        picker_default = [mt_settings.DEFAULT_LANGUAGE]
    data = {
        "languages": [code for code, _ in settings.LANGUAGES],
        "defaultLanguage": mt_settings.DEFAULT_LANGUAGE,
        # Its own label is English only ("View / edit fields for"); the admin is zh-hans throughout.
        "viewEditString": "查看/编辑以下语言的字段",
        "translate_slugs": bool(wmt_settings.TRANSLATE_SLUGS),
        "locale_picker_default": picker_default,
        "locale_picker_restore": bool(wmt_settings.LOCALE_PICKER_RESTORE),
    }
    return format_html(
        '<script src="{}" data-settings="{}"></script>', static("js/admin-modeltranslation.js"), json.dumps(data)
    )


def _replace_hook(name, old, new):
    # Wagtail has no public way to unregister a hook; its registry is a dict of (function, order) lists.
    registered = hooks._hooks.get(name, [])
    kept = [(fn, order) for fn, order in registered if fn is not old]
    if len(kept) == len(registered):
        raise RuntimeError(f"{old.__module__}.{old.__name__} is no longer a {name} hook: review core/wagtail_hooks.py")
    hooks._hooks[name] = [*kept, (new, 0)]


_replace_hook("insert_editor_js", modeltranslation_hooks.translation_settings, modeltranslation_settings)
