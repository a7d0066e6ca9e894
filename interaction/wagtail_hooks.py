"""Admin integration: the 互动交流 menu (留言办理, 答复模板), confined to each site's own staff."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import ReplyTemplate
from .permissions import reply_template_policy
from .viewsets import InteractionMenu

# Registered before the viewset so that its views, menu item and choosers all use the site-confined policy.
register_permission_policy(ReplyTemplate, reply_template_policy)


@hooks.register("register_admin_viewset")
def register_interaction_menu():
    return InteractionMenu()


@hooks.register("construct_homepage_panels")
def add_my_messages_panel(request, panels):
    """我的留言（即将到期/已超期） on the dashboard of site staff (interaction/views/dashboard.py)."""
    from .views.dashboard import add_messages_panel

    add_messages_panel(request, panels)
