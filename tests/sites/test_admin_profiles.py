"""Platform admins edit site profiles; bad input gets Chinese field errors and nothing stored changes."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def form_data(profile, **changes):
    data = {
        "site": profile.site_id,
        "kind": profile.kind,
        "parent": profile.parent_id or "",
        "slug": profile.slug,
        "org_name_zh_hans": profile.org_name,
        "org_name_en": "",
        "short_name_zh_hans": profile.short_name,
        "short_name_en": "",
        "org_code": profile.org_code,
        "site_code": profile.site_code,
        "icp_number": profile.icp_number,
        "police_record_number": profile.police_record_number,
        "sponsor_zh_hans": profile.sponsor,
        "sponsor_en": "",
        "languages": ["zh-hans"],
        "sort_order": 0,
        "org_name": profile.org_name,
        "short_name": profile.short_name,
        "sponsor": profile.sponsor,
    }
    data.update(changes)
    return data


@pytest.fixture
def admin_client(group):
    return site_client(group.zhuzhou, get_user_model().objects.get(username="admin"))


def test_admin_sees_site_list(admin_client):
    html = admin_client.get(reverse("site_profiles:index")).content.decode()
    assert "荷塘区人民政府" in html and "常德市人民政府" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"org_code": "11430200000000001X"}, "校验位不正确"),
        ({"site_code": "12345"}, "网站标识码应为10位"),
        ({"parent": ""}, "必须指定上级网站"),
        ({"languages": ["en"]}, "必须启用简体中文"),
    ],
)
def test_bad_profile_input_gets_chinese_field_error(admin_client, group, changes, message):
    profile = group.hetang
    before = (profile.org_code, profile.site_code, profile.parent_id, profile.languages)
    response = admin_client.post(reverse("site_profiles:edit", args=[profile.pk]), form_data(profile, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    profile.refresh_from_db()
    assert (profile.org_code, profile.site_code, profile.parent_id, profile.languages) == before


def test_valid_profile_edit_saves(admin_client, group):
    profile = group.hetang
    response = admin_client.post(
        reverse("site_profiles:edit", args=[profile.pk]),
        form_data(profile, icp_number="湘ICP备15009999号", languages=["zh-hans", "en"]),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.icp_number == "湘ICP备15009999号" and profile.languages == ["zh-hans", "en"]
