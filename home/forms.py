"""Admin forms of the home app's page types."""

from sites.forms import DatedSlugPageForm


class ArticlePageForm(DatedSlugPageForm):
    """Articles: default slug ``tYYYYMMDD_NNN`` from the 发布时间 (sites.forms.DatedSlugMixin). Further mixins
    (e.g. a reason for changing the shown date) go before DatedSlugPageForm; every mixin calls super()."""

    slug_date_field = "publish_at"
