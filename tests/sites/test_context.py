"""The site profile in templates (sites.context_processors.site_group): public pages and page previews get it; admin
pages, which show none, do not look it up."""

from django.urls import reverse

from tests.conftest import site_client


def test_public_pages_and_previews_get_the_site_profile_admin_pages_skip_it(group, editor):
    public = site_client(group.hetang).get("/")
    assert public.status_code == 200 and public.context["site_profile"].slug == "hetang"

    client = site_client(group.hetang, editor("hetang"))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200 and "site_profile" not in dashboard.context

    home = group.hetang.site.root_page.specific
    revision = home.save_revision()
    preview = client.get(reverse("wagtailadmin_pages:revisions_view", args=[home.pk, revision.pk]))
    assert preview.status_code == 200 and preview.context["site_profile"].slug == "hetang"
    assert "荷塘区人民政府" in preview.content.decode()
