"""Admin forms of the home app's page types."""

from sites.forms import DatedSlugPageForm, ShownDateMixin


class ArticlePageForm(ShownDateMixin, DatedSlugPageForm):
    """文章: default slug ``tYYYYMMDD_NNN`` from the 发布时间 (sites.forms.DatedSlugMixin); a changed 发布时间 of a
    published article needs a reason, a future one schedules the article (ShownDateMixin). Every mixin calls
    super(), so they compose."""

    slug_date_field = "publish_at"
