from wagtail.admin.viewsets.model import ModelViewSet

from .models import SiteProfile


class SiteProfileViewSet(ModelViewSet):
    """Platform administrators maintain the structure of the group here.

    New sites are created with ``manage.py create_site`` (which also builds columns, groups and
    permissions); this view edits their structural facts. Only users with the model permissions on
    SiteProfile (platform admins) see it: site editors get none.
    """

    model = SiteProfile
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
