"""Opt-in page behaviour that depends on the website group."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation

from .forms import SitePageForm
from .utils import get_profile_for_request

# Set by sites/route_cache.py on a page routed from the cache: its view restrictions, read with it.
VIEW_RESTRICTIONS_ATTR = "_served_view_restrictions"


def translated_only(queryset):
    """Under a non-default language, keep only pages translated into it (lists, nav and sitemap must not
    mix Chinese titles into the English mirror)."""
    language = translation.get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return queryset
    field = f"title_{language.replace('-', '_')}"
    return queryset.exclude(**{f"{field}__isnull": True}).exclude(**{field: ""})


def hreflang(language_code: str) -> str:
    """Django's language code as a BCP 47 tag: zh-hans → zh-Hans (the script subtag is title case), en → en."""
    base, _, script = language_code.partition("-")
    return f"{base}-{script.title()}" if len(script) == 4 else language_code


class SitePageMixin:
    """Per-site-kind templates with fallback, and the /en/ mirror rule.

    Templates: ``kinds/<kind>/<template>`` is tried before the page's own template, so a county portal
    can look different from a department site without any ``if kind == …`` in code.

    Languages: a page is served in a non-default language only when the site enables that language and
    the page has a translated title; otherwise the visitor is redirected to the Chinese page (never shown
    Chinese content under an English URL).

    Admin form: ``SitePageForm`` (short pinyin slugs, sites/forms.py); articles and documents override it.
    """

    base_form_class = SitePageForm

    def get_template_candidates(self, request):
        candidates = super().get_template_candidates(request)
        profile = get_profile_for_request(request) if request is not None else None
        if profile is None:
            return candidates
        return [f"kinds/{profile.kind}/{name}" for name in candidates] + candidates

    # Sections (columns, indexes, fixed pages) appear in the 网站地图; dated items under them (articles, documents,
    # guides, reports) set this to False.
    in_html_sitemap = True

    def has_translation(self, language_code: str) -> bool:
        if language_code == settings.LANGUAGE_CODE:
            return True
        return bool(getattr(self, f"title_{language_code.replace('-', '_')}", ""))

    def language_redirect(self, request):
        """A redirect to the Chinese page when this page cannot be shown in the active language, else None."""
        language = translation.get_language()
        if language and language != settings.LANGUAGE_CODE:
            profile = get_profile_for_request(request)
            site_has_language = profile is None or profile.supports_language(language)
            if not (site_has_language and self.has_translation(language)):
                with translation.override(settings.LANGUAGE_CODE):
                    return redirect(self.get_url(request) or "/")
        return None

    def serve(self, request, *args, **kwargs):
        return self.language_redirect(request) or super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        """Every URL with a lastmod, and its other language versions as alternates — only those that exist: the
        site enables the language and this page has a translation (a link to /en/ that redirects back to Chinese
        would be a broken alternate)."""
        urls = super().get_sitemap_urls(request)
        lastmod = self.last_published_at or self.latest_revision_created_at or self.first_published_at
        profile = get_profile_for_request(request) if request is not None else None
        languages = [code for code in (profile.languages if profile else []) if self.has_translation(code)]
        alternates = []
        if len(languages) > 1:
            for code in languages:
                with translation.override(code):
                    alternates.append({"lang_code": hreflang(code), "location": self.get_full_url(request)})
        for url in urls:
            url["lastmod"] = url.get("lastmod") or lastmod
            if alternates:
                url["alternates"] = alternates
        return urls

    def get_view_restrictions(self):
        """While serving a page routed from the cache, its restrictions came with it (sites/route_cache.py)."""
        served = getattr(self, VIEW_RESTRICTIONS_ATTR, None)
        return served if served is not None else super().get_view_restrictions()


def html_sitemap_types() -> list:
    """The page types the 网站地图 lists (every type that does not opt out with ``in_html_sitemap = False``)."""
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if getattr(model, "in_html_sitemap", False)]
