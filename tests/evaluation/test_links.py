"""The link checker's internal part (offline): pages of the site rendered as the public sees them, links resolved
against the group's pages, documents, images and files without any HTTP."""

import datetime

import pytest
import wagtail_factories
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from demo.factories.home import ArticlePageFactory, column_of
from evaluation.checks.base import FindingData
from evaluation.checks.registry import get
from evaluation.enums import Severity
from evaluation.links.checker import crawl_site
from evaluation.links.extractor import LinkKind, classify, extract_links, group_addresses

pytestmark = pytest.mark.django_db


def body(*blocks):
    return [{"type": kind, "value": value} for kind, value in blocks]


@pytest.fixture
def broken_article(group):
    """An article of 荷塘区 with one link of every kind, working and broken."""
    column = column_of(group.hetang, "gzdt")
    unpublished = ArticlePageFactory(parent=column, title="未发布的文章", live=False)
    doomed = ArticlePageFactory(parent=column, title="将被删除的文章")
    ok_document = wagtail_factories.DocumentFactory(title="正常附件", collection=group.hetang.collection)
    lost_file = wagtail_factories.DocumentFactory(title="文件丢失的附件", collection=group.hetang.collection)
    gone_document = wagtail_factories.DocumentFactory(title="已删除附件", collection=group.hetang.collection)
    gone_image = wagtail_factories.ImageFactory(title="已删除图片", collection=group.hetang.collection)
    ok_image = wagtail_factories.ImageFactory(title="正常图片", collection=group.hetang.collection)
    html = (
        '<p><a href="/no-such-column/">失效的站内链接</a> <a href="/gzdt/">正常栏目</a> '
        f'<a linktype="page" id="{unpublished.pk}">未发布页面</a> <a linktype="page" id="{doomed.pk}">被删页面</a> '
        '<a href="http://zhuzhou.localhost/nothing-here/">失效的站群链接</a> '
        '<a href="http://zhuzhou.localhost/">市政府门户</a> '
        f'<a linktype="document" id="{lost_file.pk}">文件丢失</a> '
        f'<a linktype="document" id="{ok_document.pk}">好附件</a>'
        '<img src="/media/images/never-uploaded.jpg" alt="丢失的图片"> '
        '<a href="mailto:office@example.gov.cn">邮件</a> <a href="#top">顶部</a> '
        '<a href="http://www.example.org/outside">外部</a></p>'
    )
    article = ArticlePageFactory(
        parent=column,
        title="含失效链接的文章",
        body=body(
            ("paragraph", html),
            ("image", {"image": ok_image.pk, "decorative": False, "alt_text": "正常"}),
            ("image", {"image": gone_image.pk, "decorative": False, "alt_text": "已删"}),
            ("attachment", {"document": gone_document.pk, "title": "已删附件"}),
        ),
    )
    default_storage.delete(lost_file.file.name)
    ids = {"doomed": doomed.pk, "gone_image": gone_image.pk, "gone_document": gone_document.pk}
    doomed.delete()
    gone_image.delete()
    gone_document.delete()
    return article, unpublished, lost_file, ids


def test_every_broken_internal_link_is_found_with_its_reason(group, broken_article):
    article, unpublished, lost_file, ids = broken_article
    crawl = crawl_site(group.hetang.site)
    found = {(b.target, b.kind, b.reason) for b in crawl.broken}
    assert found == {
        ("http://hetang.localhost/no-such-column/", LinkKind.PAGE, "HTTP 404（页面不存在）"),
        (f"http://hetang.localhost/gzdt/{unpublished.slug}/", LinkKind.PAGE, "目标页面未发布或已下线"),
        (f"page:{ids['doomed']}", LinkKind.PAGE, "链接的页面已删除"),
        ("http://zhuzhou.localhost/nothing-here/", LinkKind.CROSS_SITE, "HTTP 404（页面不存在）"),
        (f"http://hetang.localhost{lost_file.url}", LinkKind.DOCUMENT, "附件文件缺失"),
        ("http://hetang.localhost/media/images/never-uploaded.jpg", LinkKind.IMAGE, "图片文件缺失"),
        (f"image:{ids['gone_image']}", LinkKind.IMAGE, "图片已删除"),
        (f"document:{ids['gone_document']}", LinkKind.DOCUMENT, "附件已删除"),
    }
    assert {b.page_id for b in crawl.broken} == {article.pk}
    # Every published page of the site was rendered; the unpublished one was not.
    live = set(
        Page.objects.live()
        .public()
        .descendant_of(group.hetang.site.root_page, inclusive=True)
        .values_list("pk", flat=True)
    )
    assert set(crawl.pages) == live and unpublished.pk not in crawl.pages


def test_a_site_without_broken_links_has_none(group):
    crawl = crawl_site(group.hetang.site)
    assert crawl.broken == []
    assert crawl.links > 0 and len(crawl.pages) > 5  # template links (navigation, footer) counted


def test_links_are_classified_by_host_and_path(group):
    addresses = group_addresses()
    own = "hetang.localhost"
    kinds = {
        "http://hetang.localhost/gzdt/": LinkKind.PAGE,
        "http://zhuzhou.localhost/gzdt/": LinkKind.CROSS_SITE,
        "http://hetang.localhost:80/documents/3/a.pdf": LinkKind.DOCUMENT,
        "http://hetang.localhost/media/images/a.max-960x960.jpg": LinkKind.IMAGE,
        "http://hetang.localhost/media/other/a.zip": LinkKind.MEDIA,
        "http://hetang.localhost/static/css/site.css": LinkKind.STATIC,
        "https://www.gov.cn/": LinkKind.EXTERNAL,
    }
    for url, kind in kinds.items():
        assert classify(1, url, "a", addresses, own).kind == kind, url
    assert classify(1, "ftp://example.org/x", "a", addresses, own) is None


def test_extraction_resolves_relative_links_and_base_href_and_skips_non_links(group):
    html = (
        b'<html><head><base href="http://hetang.localhost/gzdt/"><link rel="stylesheet" href="/static/a.css">'
        b'<link rel="canonical" href="/x/"></head><body><a href="item/">x</a><a href="../up/">y</a>'
        b'<a href="item/#p2">same</a><a href="javascript:void(0)">j</a><a href="tel:12345">t</a><a>no href</a>'
        b'<img src="pic.png" alt="alt text"><iframe src="https://v.example.org/v"></iframe></body></html>'
    )
    links = list(extract_links(7, "http://hetang.localhost/", html, group_addresses(), "hetang.localhost"))
    assert [(link.url, link.kind, link.text) for link in links] == [
        ("http://hetang.localhost/static/a.css", LinkKind.STATIC, ""),
        ("http://hetang.localhost/gzdt/item/", LinkKind.PAGE, "x"),
        ("http://hetang.localhost/up/", LinkKind.PAGE, "y"),
        ("http://hetang.localhost/gzdt/pic.png", LinkKind.IMAGE, "alt text"),
        ("https://v.example.org/v", LinkKind.EXTERNAL, ""),
    ]


def test_links_check_yields_one_warning_per_broken_link_with_page_editor_and_edit_url(group, broken_article, editor):
    article, _unpublished, _lost, _ids = broken_article
    user = editor("hetang")
    article.save_revision(user=user).publish(user=user)
    findings = list(get("links").run(group.hetang, timezone.localdate()))
    assert len(findings) == 8
    assert all(isinstance(f, FindingData) and f.severity == Severity.WARNING for f in findings)
    finding = next(f for f in findings if f.extra["target"] == "http://hetang.localhost/no-such-column/")
    assert finding.page_id == article.pk
    assert finding.url == article.full_url
    assert finding.edit_url == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert finding.key == f"link:{article.pk}:http://hetang.localhost/no-such-column/"
    assert finding.extra["reason"] == "HTTP 404（页面不存在）"
    assert finding.extra["kind"] == "page"
    assert finding.extra["publisher"] == "editor-hetang"
    assert "含失效链接的文章" in finding.title and "失效的站内链接" in finding.detail


def test_a_link_broken_on_many_pages_is_one_finding(group, settings):
    settings.EVALUATION_LINK_SHARED_PAGES = 3
    column = column_of(group.hetang, "gzdt")
    html = '<p><a href="/retired-service/">旧链接</a></p>'
    pages = [ArticlePageFactory(parent=column, body=body(("paragraph", html))) for _ in range(4)]
    findings = list(get("links").run(group.hetang, timezone.localdate()))
    assert len(findings) == 1
    (finding,) = findings
    assert finding.key == "link:site:http://hetang.localhost/retired-service/"
    assert finding.extra["pages"] == 4 and set(finding.extra["page_ids"]) == {p.pk for p in pages}


def test_a_page_that_fails_to_render_is_a_finding_not_a_crash(group, monkeypatch):
    article = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), title="渲染出错的文章")
    from home.models import ArticlePage

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("template bug")

    monkeypatch.setattr(ArticlePage, "serve", explode)  # any server error of a page
    findings = list(get("links").run(group.hetang, datetime.date.today()))
    own = [f for f in findings if f.page_id == article.pk]
    assert [(f.extra["target"], f.extra["reason"]) for f in own] == [
        (article.full_url, "页面无法打开：HTTP 500（服务器错误）")
    ]
    # The column and the home page that list it link to a failing page: those links are broken too.
    others = [f for f in findings if f.page_id != article.pk]
    assert others and {(f.extra["target"], f.extra["reason"]) for f in others} == {
        (article.full_url, "HTTP 500（服务器错误）")
    }
