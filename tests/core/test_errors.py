"""Chinese error pages instead of Django's bare English ones; the API answers errors in its one JSON shape."""

import pytest
from django.test import Client

from tests.conftest import site_client


def test_csrf_failure_tells_the_visitor_to_reload(group):
    client = Client(enforce_csrf_checks=True, HTTP_HOST=group.hetang.site.hostname)
    response = client.post("/hdjl/zxtsjy/", {"title": "标题标题"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "刷新页面后重新提交" in text and 'lang="zh-hans"' in text and "CSRF" not in text


def test_disallowed_host_gets_the_chinese_400(db):
    from django.test import override_settings

    with override_settings(ALLOWED_HOSTS=["zhuzhou.localhost"], DEBUG=False):
        response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400 and "请求有误" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/no-such-endpoint/", "/api/v1/openinfo/documents/NOPE-1"])
def test_api_404_is_json_in_the_error_shape(group, path):
    response = site_client(group.zhuzhou).get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"message", "errors"} and body["message"]
