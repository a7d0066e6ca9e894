from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SiteProfile


class SiteProfileIndexView(IndexView):
    def get_base_queryset(self):
        # The 上级网站 column: one join, not a query per row (2,000 sites: 100 pages of 20).
        return super().get_base_queryset().select_related("parent")


class SiteProfileViewSet(ModelViewSet):
    """Platform administrators maintain the structure of the group here.

    New sites are created with ``manage.py create_site`` (which also builds columns, groups and
    permissions); this view edits their structural facts. Only users with the model permissions on
    SiteProfile (platform admins) see it: site editors get none.
    """

    model = SiteProfile
    index_view_class = SiteProfileIndexView
    icon = "site"
    menu_label = "网站群站点"
    menu_order = 900
    add_to_settings_menu = True
    add_to_admin_menu = False
    list_display = ["org_name", "slug", "kind", "parent", "site_code"]
    list_filter = ["kind"]
    search_fields = ["org_name", "slug", "site_code"]
    inspect_view_enabled = True
    form_fields = [
        "site",
        "kind",
        "parent",
        "slug",
        "org_name",
        "short_name",
        "org_code",
        "site_code",
        "icp_number",
        "police_record_number",
        "sponsor",
        "languages",
        "sort_order",
    ]


site_profile_viewset = SiteProfileViewSet("site_profiles")
