"""Admin forms of the home app's page types."""

from sites.forms import DatedSlugPageForm, ShownDateMixin, SitePageForm


class ArticlePageForm(ShownDateMixin, DatedSlugPageForm):
    """文章: default slug ``tYYYYMMDD_NNN`` from the 发布时间 (sites.forms.DatedSlugMixin); a changed 发布时间 of a
    published article needs a reason, a future one schedules the article (ShownDateMixin). Every mixin calls
    super(), so they compose."""

    slug_date_field = "publish_at"


class HomePageForm(SitePageForm):
    """站点首页: a 重点项目 row may link only to an article of this site (staff act on their own site's objects; the
    rows are a child formset, whose forms do not know their page while they are cleaned, so the check lives here)."""

    def clean(self):
        cleaned = super().clean()
        projects = self.formsets.get("projects")
        if projects is None or not projects.is_valid() or not self.instance.path:
            return cleaned
        for form in projects.forms:
            article = form.cleaned_data.get("article")
            if article is not None and not article.path.startswith(self.instance.path):
                form.add_error("article", "只能选择本站点的文章。")
        return cleaned
