"""Admin integration: the platform's site list, and confinement of the admin to each user's own sites.

What the confinement covers and how: sites/scopes.py (what a user owns), sites/admin_gate.py (URLs naming
another site's object answer 404), sites/admin_urls.py (confined listings and reports at Wagtail's paths), and
the registrations below.
"""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .action_menu import primary_action_first, refuse_direct_publish, refuse_direct_publish_of_new_page
from .admin_api import confine_admin_api
from .admin_bulk import CONFINED_BULK_ACTIONS
from .admin_drafts import add_drafts_panel
from .admin_pages import OwnedPageViewSet
from .admin_reviews import replace_review_panel
from .policies import is_site_staff
from .viewsets import site_profile_viewset

# Registered after Wagtail's own (default order 0) so that these replace them.
AFTER_WAGTAIL = 100


@hooks.register("register_admin_viewset")
def register_site_profiles():
    return site_profile_viewset


@hooks.register("register_admin_viewset", order=AFTER_WAGTAIL)
def register_owned_page_viewset():
    return OwnedPageViewSet()


hooks.register("construct_admin_api", confine_admin_api, order=AFTER_WAGTAIL)
hooks.register("construct_homepage_panels", replace_review_panel)
hooks.register("construct_homepage_panels", add_drafts_panel)
hooks.register("construct_page_action_menu", primary_action_first)
hooks.register("before_edit_page", refuse_direct_publish)
hooks.register("before_create_page", refuse_direct_publish_of_new_page)
for action_class in CONFINED_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=AFTER_WAGTAIL)


@hooks.register("construct_page_chooser_queryset")
def confine_page_chooser(pages, request):
    """Editors only see (and link to) pages of sites they work on.

    Wagtail lets every editor browse the whole tree in the chooser because it assumes one organisation
    (wagtail#1700); in a website group each department must stay on its own site.
    """
    user = request.user
    if user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(user)
    return pages.filter(pk__in=explorable.values_list("pk", flat=True))


@hooks.register("construct_page_chooser_queryset", order=AFTER_WAGTAIL)
def prefetch_page_chooser_status(pages, request):
    """Each chooser row's status tag asked for its scheduled revision and its workflow, two queries a row.

    The explorer's own listing reads both from one annotation and one prefetch (Wagtail's PageQuerySet
    helpers); the chooser, browsing or searching, gets the same here.
    """
    return pages.annotate_approved_schedule().prefetch_workflow_states()


@hooks.register("register_log_actions")
def register_shown_date_action(actions):
    from wagtail.log_actions import LogFormatter

    from .shown_dates import DATE_CHANGED_ACTION

    @actions.register_action(DATE_CHANGED_ACTION)
    class ShownDateChanged(LogFormatter):
        label = "修改发布时间"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return "将{}由 {} 改为 {}，原因：{}".format(
                data.get("field", "发布时间"), data.get("from", ""), data.get("to", ""), data.get("reason", "")
            )


@hooks.register("register_admin_urls")
def register_editorial_audit_urls():
    from django.urls import path

    from .admin_audit import EditorialAuditView

    return [
        path("audit/editorial/", EditorialAuditView.as_view(), name="sites_editorial_audit"),
        path(
            "audit/editorial/results/",
            EditorialAuditView.as_view(results_only=True),
            name="sites_editorial_audit_results",
        ),
    ]


class _SiteStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_site_staff(request.user)


@hooks.register("register_reports_menu_item")
def register_editorial_audit_menu_item():
    return _SiteStaffMenuItem("采编操作审计", reverse("sites_editorial_audit"), icon_name="history", order=80)
