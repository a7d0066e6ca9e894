"""A Redis outage degrades, it does not take the sites down (config/settings/base.py, core/ratelimit.py).

The settings are read in a subprocess with REDIS_URL set, as production reads them; the cache is then pointed at a
port where nothing listens."""

import json
import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings

from core import ratelimit
from interaction.models import Question

pytestmark = pytest.mark.django_db
DEAD_REDIS = "redis://127.0.0.1:9/0"


@pytest.fixture(scope="module")
def production_caches():
    code = "import json; from config.settings import base; print(json.dumps(base.CACHES))"
    env = {**os.environ, "REDIS_URL": DEAD_REDIS}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_redis_errors_are_ignored_with_short_timeouts(production_caches):
    options = production_caches["default"]["OPTIONS"]
    assert production_caches["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert options["IGNORE_EXCEPTIONS"] is True
    assert options["SOCKET_CONNECT_TIMEOUT"] == 1 and options["SOCKET_TIMEOUT"] == 1


def test_pages_and_messages_survive_a_dead_redis(production_caches, group):
    with override_settings(CACHES=production_caches, PAGE_CACHE_SECONDS=300):
        assert ratelimit.hit("outage-test", 60) == 1  # counted without the cache: limits are open, not refusing
        for host in ("zhuzhou.localhost", "hetang.localhost"):
            response = Client().get("/", HTTP_HOST=host)
            assert response.status_code == 200
            assert response.get("X-Page-Cache") != "hit"  # stored nowhere: every visitor gets a fresh render
        response = Client().post(
            "/api/v1/interaction/questions/",
            {
                "site": "zhuzhou",
                "type": "consult",
                "title": "缓存故障时的留言",
                "content": "缓存服务停止时提交的留言也必须保存下来。",
                "name": "赵六",
                "phone": "13700137000",
            },
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="0b8e4f1c-6a2d-4c1e-9f3a-7d5b2e8c4a11",
        )
        assert response.status_code == 201
        assert Question.objects.filter(tracking_code=response.json()["tracking_code"]).exists()
        ready = Client().get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["checks"]["cache"]["status"] == "fail"


def test_search_site_map_loads_without_the_cache(production_caches, group, monkeypatch):
    """The search documents' site map is versioned in the cache; with the cache down it is loaded afresh rather
    than failing (a message accepted during a Redis outage is still indexed)."""
    from search import documents

    monkeypatch.setattr(documents, "_shared", {})
    with override_settings(CACHES=production_caches):
        site_map = documents.SiteMap.shared()
    assert site_map.complete
    assert {profile.slug for profile in site_map.profiles.values()} >= {"zhuzhou", "hetang"}
