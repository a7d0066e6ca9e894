"""Search fixtures: a small corpus across the base group, and a ``backend`` fixture that runs each test once on
the database index and once on the Elasticsearch node in ELASTICSEARCH_URL.

Without that node the Elasticsearch runs skip with the reason, except under CI (the CI variable set), where a
missing node is a failure: CI starts a real one (.ci/elasticsearch.sh).
"""

import datetime
import os

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.rich_text import RichText

from demo.factories.home import (
    ArticlePageFactory,
    ServiceGuidePageFactory,
    StandardPageFactory,
    column_of,
    materials_value,
)
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from home.enums import MaterialForm, ServiceTarget
from interaction.enums import QuestionType
from interaction.services import receive, transition

ES_URL = getattr(settings, "SEARCH_TEST_ELASTICSEARCH_URL", "")


def elasticsearch_problem() -> str | None:
    if not ES_URL:
        return "Elasticsearch not configured: set ELASTICSEARCH_URL (start one with .ci/elasticsearch.sh start)"
    from elasticsearch import Elasticsearch

    try:
        Elasticsearch(ES_URL, request_timeout=5, max_retries=0).cluster.health()
    except Exception as exc:
        return f"Elasticsearch at {ES_URL} unreachable: {exc}"
    return None


_announced: list = []


def require_elasticsearch(config=None):
    problem = elasticsearch_problem()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the Elasticsearch tests must run: {problem}")
        pytest.skip(problem)
    if config is not None and not _announced:
        # Said once in the test log, so a CI log shows which node the Elasticsearch tests ran against.
        from search.backends.elastic import ElasticsearchBackend

        reporter = config.pluginmanager.get_plugin("terminalreporter")
        capture = config.pluginmanager.get_plugin("capturemanager")
        if reporter is not None and capture is not None:
            version = ElasticsearchBackend(url=ES_URL).version()
            with capture.global_and_fixture_disabled():
                reporter.write_line(f"\n[search] Elasticsearch tests run against Elasticsearch {version} at {ES_URL}")
        _announced.append(True)


def pytest_collection_modifyitems(config, items):
    """Skip the Elasticsearch runs at collection when there is no node, before their fixtures build the corpus
    (a skip from inside the ``backend`` fixture came after ``corpus``: ~1 s wasted per test, ~146 s a suite).
    Under CI nothing is skipped here, so the fixtures still fail the run without a node."""
    marked = [item for item in items if item.get_closest_marker("elasticsearch")]
    if not marked or os.environ.get("CI"):
        return
    problem = elasticsearch_problem()
    if problem:
        for item in marked:
            item.add_marker(pytest.mark.skip(reason=problem))


class Searcher:
    """Runs searches the way the page and the API do, on the backend under test."""

    def __init__(self, name):
        self.name = name

    def sync(self):
        """Make the backend reflect the database index (Elasticsearch: rebuild and refresh)."""
        if self.name == "elasticsearch":
            from search.services import rebuild_elasticsearch

            rebuild_elasticsearch()

    def refresh(self):
        if self.name == "elasticsearch":
            from search.backends.elastic import ElasticsearchBackend

            ElasticsearchBackend().refresh()

    def __call__(self, text, site, **kwargs):
        from search.services import search

        results = search(text, site=site, **kwargs)
        assert results.backend == self.name and not results.degraded, results.notice
        return results

    def titles(self, text, site, **kwargs):
        return {hit.title for hit in self(text, site, per_page=50, **kwargs).hits}


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, settings):
    if request.param == "elasticsearch":
        require_elasticsearch(request.config)
        settings.SEARCH_ELASTICSEARCH_URL = ES_URL
        from search.backends.elastic import ElasticsearchBackend

        ElasticsearchBackend().drop()
        yield Searcher("elasticsearch")
        ElasticsearchBackend().drop()
    else:
        settings.SEARCH_ELASTICSEARCH_URL = ""
        yield Searcher("database")


def committed():
    """Run the block's on-commit callbacks (the index tasks) at its end, as the request's commit would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def rich(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def article(profile, column_slug, title, body, days_ago=1, **kwargs):
    return ArticlePageFactory(
        parent=column_of(profile, column_slug),
        title=title,
        summary="",
        body=rich(body),
        publish_at=timezone.now() - datetime.timedelta(days=days_ago),
        **kwargs,
    )


@pytest.fixture
def corpus(group, django_capture_on_commit_callbacks):
    """Documents across two city groups; the fixture returns them by a short name. Indexing is a task enqueued
    when the transaction commits: the block runs those tasks as a commit would."""
    with django_capture_on_commit_callbacks(execute=True):
        return _corpus(group)


@pytest.fixture(scope="class")
def class_corpus(django_db_setup, django_db_blocker):
    """The corpus built once for a test class, inside a transaction rolled back after the class's last test. Each
    test still runs in its own savepoint on top of it (pytest-django's ``db``), so what a test writes is undone after
    it as usual. For classes whose tests leave the corpus's objects in memory as they found them: a class opts in by
    overriding ``corpus`` with a fixture that returns this one."""
    from django.db import transaction

    from tests.conftest import base_group

    with django_db_blocker.unblock(), transaction.atomic():
        with committed():
            docs = _corpus(base_group())
        yield docs
        transaction.set_rollback(True)


def _corpus(group):
    zz, ht, fgw, cd = group.zhuzhou, group.hetang, group.all["zhuzhou-fgw"], group.changde
    docs = {
        "egov": article(zz, "zwyw", "我市推进电子政务外网扩容升级", "推进电子政务外网扩容升级，加快建设智慧株洲。", 3),
        "social": article(
            zz, "tzgg", "关于调整社会保险缴费基数的通知", "各单位：现就社会保险缴费基数调整有关事项通知如下。", 5
        ),
        "fibre": article(ht, "gzdt", "荷塘区光网城市建设提速", "芦淞区和荷塘区的光网城市建设进入新阶段。", 2),
        "fund": article(fgw, "zcfg", "住房公积金提取管理办法", "职工提取住房公积金应当提交申请。", 10),
        "changde": article(cd, "zwyw", "常德市电子政务工作会议召开", "会议部署电子政务和政务服务工作。", 4),
        "guide": StandardPageFactory(
            parent=zz.site.root_page, title="办事指南总览", body=rich("政务服务事项清单与办理流程。")
        ),
    }
    # A 办事指南 (type 办事): its words are in no other document, so the shared tests' exact result sets stand.
    docs["bike"] = ServiceGuidePageFactory(
        parent=column_of(zz, "bsfw"),
        title="公共自行车租车卡办理",
        implementing_body="株洲市城市管理局",
        target=ServiceTarget.PERSON,
        conditions="年满16周岁的居民",
        materials=materials_value(("居民身份证", 1, MaterialForm.ORIGINAL, "现场核验后退还")),
        process="到服务网点提出申请\n缴纳押金\n当场领卡",
        promised_days=0,
        location="各公共自行车服务网点",
        legal_basis="市政府关于公共自行车系统运营管理的规定",
    )
    docs["decree"] = publish(
        DisclosureDocumentPageFactory(
            parent=category_page(zz, "a20-01"),
            title="株洲市人民政府关于印发智慧株洲建设方案的通知",
            document_number="株政发〔2026〕3号",
            subject="综合政务",
            description="智慧株洲建设方案，推进光网城市和电子政务外网建设。",
        )
    )
    question, _ = receive(
        site=ht,
        type=QuestionType.CONSULT,
        title="12345热线打不通怎么办",
        content="我是张三丰，打12345热线一直占线，电话13800000000。",
        name="张三丰",
        phone="13800000000",
        email="zsf@example.com",
        consent_publish=True,
    )
    question = transition(question, "answer", answer="已协调增加坐席，请错峰拨打。", answered_by="荷塘区政务服务中心")
    docs["answer"] = transition(question, "publish")
    unpublished, _ = receive(
        site=ht,
        type=QuestionType.COMPLAINT,
        title="12345热线投诉未公开",
        content="内容",
        name="李四",
        phone="13900000000",
    )
    docs["private"] = unpublished
    return docs
