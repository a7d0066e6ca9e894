"""Admin forms of the 政府信息公开 section's fixed pages (指南, 制度)."""

from sites.forms import DatedSlugPageForm, ShownDateMixin, SitePageForm

from . import guide


def _site_of(page):
    site = page.get_site() if page is not None else None
    if site is None:
        return None, None
    from sites.models import SiteProfile, SiteSettings

    return SiteProfile.objects.filter(site=site).select_related("parent").first(), SiteSettings.for_site(site)


class DisclosureGuideForm(SitePageForm):
    """A new guide starts with the statutory texts written out for this organ, so the editor adapts them rather
    than starting blank (政府信息公开条例 Art. 12); contact fields stay blank and follow the site settings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk or self.is_bound or self.parent_page is None:
            return
        profile, site_settings = _site_of(self.parent_page)
        org = getattr(profile, "org_name", "") or self.parent_page.get_site().site_name
        office = guide.first(getattr(site_settings, "organizer", ""), org)
        texts = guide.default_texts(org, office, guide.superior_of(profile))
        texts["intro"] = guide.DEFAULT_INTRO.format(org=org)
        for name, text in texts.items():
            if name in self.fields and not self.initial.get(name):
                self.initial[name] = text


class DisclosureRulesForm(SitePageForm):
    """The rules listed must be this site's own documents: the page chooser is confined to the editor's sites
    (sites/wagtail_hooks.py), and the form refuses any other site's document — whoever saves it."""

    def clean(self):
        cleaned = super().clean()
        site = self.parent_page.get_site() if self.parent_page is not None else None
        formset = self.formsets.get("rules")
        if site is None or formset is None or not formset.is_valid():
            return cleaned
        root = site.root_page
        for form in formset.forms:
            chosen = form.cleaned_data.get("page") if hasattr(form, "cleaned_data") else None
            if chosen is None or form.cleaned_data.get("DELETE"):
                continue
            if not chosen.path.startswith(root.path) or chosen.depth <= root.depth:
                form.add_error("page", "只能选择本站的公开信息。")
        return cleaned


class DisclosureDocumentForm(ShownDateMixin, DatedSlugPageForm):
    """公开信息: default slug ``tYYYYMMDD_NNN`` from the 发布日期 (sites.forms.DatedSlugMixin); a changed 发布日期 of a
    published document needs a reason, a future one schedules the document (ShownDateMixin)."""

    slug_date_field = "published_on"
