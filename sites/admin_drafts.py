"""Dashboard panel 我的草稿 (issue 14 item 5): the pages whose latest version the user saved and nobody published yet.

Site-scoped like every admin list (sites.scopes: a site editor sees drafts under their own sites only) and bounded:
one query for at most ``PANEL_LIMIT`` rows, whatever the number of sites (a platform administrator's filter is
just the user, not 2,000 site paths).
"""

from django.db.models import QuerySet
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .scopes import is_confined, owned_pages

PANEL_LIMIT = 10


def my_drafts(user) -> QuerySet:
    """Pages with unpublished changes whose latest revision is ``user``'s, newest first, within their sites."""
    pages = Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
    if is_confined(user):
        pages = pages.filter(pk__in=owned_pages(user).values("pk"))
    return pages.order_by("-latest_revision_created_at", "-pk")


class MyDraftsPanel(Component):
    name = "my_drafts"
    order = 95  # after Wagtail's 待我审核 (100 is its "your pages in a workflow"), before the recent edits
    template_name = "sites/admin/drafts_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        rows = list(my_drafts(self.user).select_related("content_type")[: PANEL_LIMIT + 1])
        return {"drafts": rows[:PANEL_LIMIT], "more": len(rows) > PANEL_LIMIT, "limit": PANEL_LIMIT}


def add_drafts_panel(request, panels):
    """``construct_homepage_panels`` hook."""
    panels.append(MyDraftsPanel(request.user))
