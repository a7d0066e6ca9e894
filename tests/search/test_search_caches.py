"""What the search page keeps between requests (issue 11, serving speed) and how exactly it follows changes:
results that found enough (search/result_cache.py), the promoted pins' parsed terms (search/promoted.py), the
planner's choice of match function (search/backends/fulltext.py) and the offered scopes. A publish, an
unpublish, a site rename or a pin change shows on the next search, on both backends."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.models import PromotedResult, QueryLog
from search.suggest import FEW_HITS
from tests.conftest import site_client

from .conftest import article

pytestmark = pytest.mark.django_db

WORD = "垃圾分类"


def count_line(html) -> str:
    match = re.search(r'<p class="search-count" role="status" aria-live="polite">(.*?)</p>', html, re.S)
    return match.group(1) if match else ""


def hit_titles(html) -> list[str]:
    found = re.findall(r'<h3 class="search-hit-title"><a [^>]*>(.*?)</a>', html)
    return [re.sub(r"<[^>]+>", "", title) for title in found]


def publish(profile, title, days_ago=1):
    return article(profile, "zwyw", title, f"{title}，全面推进{WORD}工作。", days_ago)


@pytest.fixture
def sorted_news(group, backend, django_capture_on_commit_callbacks):
    """Three articles of 株洲 about 垃圾分类 (more than FEW_HITS: their results may be kept)."""
    with django_capture_on_commit_callbacks(execute=True):
        pages = [publish(group.zhuzhou, f"{WORD}第{n}号通报", n) for n in (1, 2, 3)]
    assert len(pages) > FEW_HITS
    backend.sync()
    return pages


def get(profile, **params):
    response = site_client(profile).get("/search/", {"q": WORD, **params})
    assert response.status_code == 200
    return response.content.decode()


def document_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "search_searchdocument" in q["sql"]]


def test_a_repeated_search_reads_no_index_and_still_counts_in_the_query_log(sorted_news, group, backend):
    first = get(group.zhuzhou)
    assert "找到与“垃圾分类”相关的结果 3 条" in count_line(first)
    with CaptureQueriesContext(connection) as captured:
        again = get(group.zhuzhou)
    if backend.name == "database":
        assert document_queries(captured) == []
    assert again == first
    assert QueryLog.objects.get(query=WORD, site=group.zhuzhou).count == 2


def test_a_publish_and_an_unpublish_in_scope_show_on_the_next_search(
    sorted_news, group, backend, django_capture_on_commit_callbacks
):
    assert "结果 3 条" in count_line(get(group.zhuzhou))
    with django_capture_on_commit_callbacks(execute=True):
        publish(group.zhuzhou, f"{WORD}第4号通报", 0)
    backend.refresh()
    html = get(group.zhuzhou)
    assert "结果 4 条" in count_line(html)
    assert f"{WORD}第4号通报" in hit_titles(html)
    with django_capture_on_commit_callbacks(execute=True):
        sorted_news[0].unpublish()
    backend.refresh()
    html = get(group.zhuzhou)
    assert "结果 3 条" in count_line(html)
    assert f"{WORD}第1号通报" not in hit_titles(html)


def test_another_page_sort_or_filter_is_not_served_the_first_ones_results(sorted_news, group):
    newest_first = hit_titles(get(group.zhuzhou, sort="date"))
    assert newest_first[0] == f"{WORD}第1号通报"
    assert hit_titles(get(group.zhuzhou, sort="date", type="news")) == newest_first
    assert "未找到" in count_line(get(group.zhuzhou, type="service"))
    assert "结果 3 条" in count_line(get(group.zhuzhou, sort="date"))


def test_a_renamed_site_shows_its_new_name_with_the_cached_hits(sorted_news, group):
    group_wide = {"scope": "group"}
    assert "株洲市人民政府" in get(group.zhuzhou, **group_wide)
    profile = group.zhuzhou
    profile.org_name = "株洲市人民政府（更名）"
    profile.save()
    assert '<span class="hit-site">株洲市人民政府（更名）</span>' in get(group.zhuzhou, **group_wide)


def test_a_query_that_finds_few_is_searched_every_time(group, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(group.zhuzhou, f"{WORD}唯一通报")
    backend.sync()
    assert "结果 1 条" in count_line(get(group.zhuzhou))
    with CaptureQueriesContext(connection) as captured:
        get(group.zhuzhou)
    if backend.name == "database":
        assert document_queries(captured)


def promoted_titles(html) -> list[str]:
    block = html.split('class="search-promoted"', 1)[1].split("</ul>", 1)[0] if "search-promoted" in html else ""
    return re.findall(r'<a href="[^"]*">(.*?)</a>', block)


def test_a_new_changed_or_deleted_pin_shows_at_once(sorted_news, group):
    assert promoted_titles(get(group.zhuzhou)) == []
    pin = PromotedResult.objects.create(
        site=group.zhuzhou, terms=WORD, url="https://example.gov.cn/ljfl", title="垃圾分类指南"
    )
    assert promoted_titles(get(group.zhuzhou)) == ["垃圾分类指南"]
    pin.terms = "公积金"
    pin.save()
    assert promoted_titles(get(group.zhuzhou)) == []
    pin.terms = WORD
    pin.save()
    assert promoted_titles(get(group.zhuzhou)) == ["垃圾分类指南"]
    pin.delete()
    assert promoted_titles(get(group.zhuzhou)) == []


def test_an_unpublished_pinned_page_leaves_at_once(sorted_news, group):
    PromotedResult.objects.create(site=group.zhuzhou, terms=WORD, page=sorted_news[1])
    assert promoted_titles(get(group.zhuzhou)) == [sorted_news[1].title]
    sorted_news[1].unpublish()
    assert promoted_titles(get(group.zhuzhou)) == []


def test_the_kept_hits_follow_the_language(sorted_news, group):
    chinese = get(group.zhuzhou)
    response = site_client(group.zhuzhou).get("/en/search/", {"q": WORD})
    assert response.status_code == 200
    english = response.content.decode()
    assert '<span class="hit-type">新闻</span>' in chinese
    assert '<span class="hit-type">News</span>' in english
    assert '<span class="hit-type">新闻</span>' in get(group.zhuzhou)


def test_the_log_counts_every_search_and_each_client_once_a_day_cached_or_not(sorted_news, group):
    def search_as(address, profile=group.zhuzhou):
        response = site_client(profile).get("/search/", {"q": WORD}, REMOTE_ADDR=address)
        assert response.status_code == 200

    for address in ("10.1.0.1", "10.1.0.1", "10.1.0.2"):
        search_as(address)
    search_as("10.1.0.1", group.hetang)  # the same client from another site: a search there, not a new client
    rows = {row.site_id: row for row in QueryLog.objects.filter(query=WORD)}
    assert (rows[group.zhuzhou.pk].count, rows[group.zhuzhou.pk].clients, rows[group.zhuzhou.pk].hits) == (3, 2, 3)
    assert (rows[group.hetang.pk].count, rows[group.hetang.pk].clients) == (1, 0)
    assert rows[group.zhuzhou.pk].pinyin == "lajifenlei"


def page_body(html) -> str:
    """The search page's form and results: what the page keeps with the results."""
    return html[html.index('<form class="catalogue-filters search-filters"') : html.index("</main>")]


def test_links_carry_only_the_validated_parameters_so_one_rendering_serves_both_requests(sorted_news, group):
    noisy = get(group.zhuzhou, utm_source="weixin", sort="relevance", scope="site")
    hrefs = re.findall(r'href="(\?[^"]*)"', noisy)
    assert hrefs, "the results page links its sorts and filters"
    assert not [h for h in hrefs if "utm_source" in h or "sort=relevance" in h or "scope=site" in h]
    assert "sort=date" in noisy  # the other sort keeps the query
    plain = get(group.zhuzhou)
    assert page_body(plain) == page_body(noisy)


def test_a_refused_value_is_shown_back_in_the_form_and_nothing_is_kept(sorted_news, group):
    response = site_client(group.zhuzhou).get("/search/", {"q": WORD, "from": "2024-13-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="2024-13-01"' in html  # what was typed stays in the form next to its message
    assert 'value="2024-13-01"' not in get(group.zhuzhou)
