"""Admin edit forms of the home app's page types."""

from wagtail.admin.forms import WagtailAdminPageForm

from sites.forms import ShownDateMixin


class ArticlePageForm(ShownDateMixin, WagtailAdminPageForm):
    """文章: a changed 发布时间 of a published article needs a reason; a future one schedules the article."""
