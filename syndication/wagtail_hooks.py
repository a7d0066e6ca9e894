"""Admin of 信息报送: the 信息报送 menu, 报送 / 共享到… buttons on articles, log actions and the dashboard panel
本站信息报送."""

from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from home.models import ArticlePage
from sites.policies import is_platform_admin, staff_site_ids

from . import stats
from .enums import LOG_ACTIONS, SubmissionStatus
from .models import Submission
from .urls import admin_urlpatterns


@hooks.register("register_admin_urls")
def register_urls():
    return [path("syndication/", include((admin_urlpatterns, "syndication"), namespace="syndication"))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_platform_admin(request.user) or bool(staff_site_ids(request.user))


@hooks.register("register_admin_menu_item")
def register_menu():
    items = [
        StaffMenuItem("报送信息处理", reverse("syndication:queue"), icon_name="tasks", order=10),
        StaffMenuItem("我的报送", reverse("syndication:sent"), icon_name="upload", order=20),
        StaffMenuItem("信息报送统计", reverse("syndication:report"), icon_name="table", order=30),
    ]
    return SubmenuMenuItem("信息报送", Menu(items=items), icon_name="mail", order=250)


def _buttons(page, user, priority: int):
    # Cheap per listed row: the page's type, state and the user's cached page permissions.
    if page.specific_class is not ArticlePage or not page.live or page.alias_of_id:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button("报送", reverse("syndication:submit", args=[page.pk]), icon_name="upload", priority=priority)
    yield Button("共享到…", reverse("syndication:share", args=[page.pk]), icon_name="link", priority=priority + 1)


@hooks.register("register_page_listing_more_buttons")
def listing_buttons(page, user, next_url=None):
    yield from _buttons(page, user, 45)


@hooks.register("register_page_header_buttons")
def header_buttons(page, user, view_name, next_url=None):
    yield from _buttons(page, user, 66)


class SyndicationPanel(Component):
    """本站信息报送: this month's submitted / adopted / rate for each of the user's sites, and what waits."""

    name = "syndication_panel"
    order = 95
    template_name = "syndication/admin/panel.html"

    def __init__(self, site_ids):
        self.site_ids = list(site_ids)

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        sent = Submission.objects.filter(source_site_id__in=self.site_ids)
        month = stats.Figures()
        for row in stats.unit_statistics(sent, today.year, today.month):
            month.submitted += row.submitted
            month.adopted += row.adopted
        received = Submission.objects.filter(target_site_id__in=self.site_ids)
        return {
            "month": month,
            "label": stats.period_label(today.year, today.month),
            "pending": received.filter(status=SubmissionStatus.PENDING).count(),
            "outdated": received.filter(original_updated=True).count(),
            "queue_url": reverse("syndication:queue"),
            "sent_url": reverse("syndication:sent"),
        }


@hooks.register("construct_homepage_panels")
def add_panel(request, panels):
    site_ids = staff_site_ids(request.user)
    if site_ids:
        panels.append(SyndicationPanel(site_ids))
