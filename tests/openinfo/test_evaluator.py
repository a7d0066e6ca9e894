"""The read-only evaluator role: statistics of every site, refused every edit."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from openinfo.roles import EVALUATOR_GROUP
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluator(db):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("evaluator", password="x")
    user.groups.add(Group.objects.get(name=EVALUATOR_GROUP))  # created after migrate
    return user


def test_evaluator_sees_statistics_of_every_site(group, evaluator):
    publish(DisclosureDocumentPageFactory(parent=category_page(group.changde, "a20-07"), title="常德市财政预算"))
    response = site_client(group.zhuzhou, evaluator).get(reverse("openinfo_statistics"), {"year": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    for slug in ("zhuzhou", "hetang", "zhuzhou-fgw", "hetang-yuetang", "changde"):
        assert f'data-site="{slug}"' in html
    assert "echarts.min.js" in html and 'id="openinfo-chart-data"' in html
    assert "2026 年发布 1 条" in html


def test_evaluator_can_edit_nothing(group, evaluator):
    client = site_client(group.zhuzhou, evaluator)
    for profile in group.all.values():
        # The evaluator is staff of no site: every site's objects are another site's (sites/admin_gate.py).
        home = profile.site.root_page
        assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code == 404
        assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk])).status_code == 404
        settings_url = reverse("wagtailsettings:edit", args=["sites", "sitesettings", profile.site.pk])
        assert client.get(settings_url).status_code == 404
    assert client.get(reverse("site_profiles:index")).status_code in (302, 403)
    assert client.get(reverse("calendar_days:index")).status_code in (302, 403)


def test_editors_do_not_see_group_statistics_but_admins_do(group, editor):
    refused = site_client(group.hetang, editor("hetang")).get(reverse("openinfo_statistics"))
    assert refused.status_code == 403 or (
        refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    )
    admin = get_user_model().objects.get(username="admin")
    assert site_client(group.zhuzhou, admin).get(reverse("openinfo_statistics")).status_code == 200
