"""What only the Elasticsearch backend has: the fallback when the node is down, answering during a rebuild,
the mapping it creates and the health report."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.backends.elastic import ElasticsearchBackend
from search.enums import Scope
from search.services import rebuild_elasticsearch, search

from .conftest import ES_URL, require_elasticsearch

pytestmark = pytest.mark.django_db


@pytest.fixture
def es(request, settings, corpus):
    require_elasticsearch(request.config)
    settings.SEARCH_ELASTICSEARCH_URL = ES_URL
    backend = ElasticsearchBackend()
    backend.drop()
    rebuild_elasticsearch()
    yield backend
    backend.drop()


def test_down_node_falls_back_to_the_database_and_says_so(settings, corpus, group, django_capture_on_commit_callbacks):
    # No node listens on port 1: the connection is refused at once.
    settings.SEARCH_ELASTICSEARCH_URL = "http://127.0.0.1:1"
    results = search("电子政务", site=group.zhuzhou)
    assert results.degraded and results.backend == "database" and "暂时不可用" in results.notice
    assert "我市推进电子政务外网扩容升级" in {h.title for h in results.hits}
    # Publishing still works while the node is down (the database index is updated; the Elasticsearch write is
    # retried later by the worker).
    from .conftest import article

    with django_capture_on_commit_callbacks(execute=True):  # the index task runs when the publish commits
        article(group.zhuzhou, "zwyw", "停机期间发布的文章", "一网通办", 0)
    assert {h.title for h in search("一网通办", site=group.zhuzhou).hits} == {"停机期间发布的文章"}
    with pytest.raises(CommandError, match="不可用"):
        call_command("search_health")


@pytest.mark.elasticsearch
def test_missing_index_falls_back(request, settings, corpus, group):
    require_elasticsearch(request.config)
    settings.SEARCH_ELASTICSEARCH_URL = ES_URL
    ElasticsearchBackend().drop()
    results = search("电子政务", site=group.zhuzhou)
    assert results.degraded and results.hits


@pytest.mark.elasticsearch
def test_search_answers_during_a_rebuild_and_the_alias_swaps(es, group):
    old = es.health()["index"]
    seen = []

    def during(done, total):
        # The new index is being filled: the alias still points at the old one, which answers in full.
        results = search("电子政务", site=group.zhuzhou, scope=Scope.GROUP)
        seen.append((es.health()["index"], results.backend, {h.title for h in results.hits}))

    new = es.rebuild(iter(_documents()), 8, progress=during, chunk_size=3)
    assert seen and all(index == old and backend == "elasticsearch" for index, backend, _ in seen)
    assert all("我市推进电子政务外网扩容升级" in titles for _, _, titles in seen)
    assert es.health()["index"] == new != old
    assert es.write_targets() == [new]  # the old index is gone


def _documents():
    from search.models import SearchDocument

    return list(SearchDocument.objects.order_by("pk"))


@pytest.mark.elasticsearch
def test_mapping_uses_core_analysis_only(es):
    mapping = es.es.indices.get_mapping(index=es.alias)
    properties = next(iter(mapping.values()))["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "whitespace" and properties["body"]["analyzer"] == "whitespace"
    assert properties["body_text"]["analyzer"] == "govsites_raw"
    assert properties["index_number"]["type"] == "keyword" and properties["date"]["type"] == "date"
    assert es.alias.startswith(es.prefix) and "test_" in es.prefix  # parallel workers append gw0_, gw1_ …


@pytest.mark.elasticsearch
def test_health_and_reindex_commands(es, capsys):
    call_command("search_reindex", "--no-progress")
    call_command("search_health")
    out = capsys.readouterr().out
    assert "Elasticsearch 索引" in out and "别名已切换" in out
    assert "后端：Elasticsearch 8." in out and "不一致" not in out
