"""Issue 15 item 5: Open Graph / share cards (WeChat, Weibo, QQ) and one canonical link on every public page;
ContentSource on 互动 reply pages."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from demo.factories.home import ArticlePageFactory, column_of
from tests.conftest import site_client
from tests.interaction.test_public_pages import make

pytestmark = pytest.mark.django_db


def meta(response) -> dict[str, list[str]]:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    found: dict[str, list[str]] = {}
    for tag in soup.select("meta[property], meta[name], meta[itemprop]"):
        key = tag.get("property") or tag.get("name") or f"itemprop:{tag['itemprop']}"
        found.setdefault(key, []).append(tag.get("content", ""))
    found["canonical"] = [link["href"] for link in soup.select('link[rel="canonical"]')]
    return found


def one(tags, key) -> str:
    assert len(tags.get(key, [])) == 1, f"{key}: {tags.get(key)}"
    return tags[key][0]


def test_article_card_uses_the_summary_its_first_image_and_the_canonical_url(group):
    image = wagtail_factories.ImageFactory(title="图", collection=group.hetang.collection)
    article = ArticlePageFactory(
        parent=column_of(group.hetang, "gzdt"),
        title="荷塘区开展防汛演练",
        summary="演练检验了应急预案。",
        body=[
            {"type": "paragraph", "value": "<p>正文</p>"},
            {"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": "演练现场"}},
        ],
    )
    tags = meta(site_client(group.hetang).get(f"/gzdt/{article.slug}/"))
    url = f"{group.hetang.site.root_url}/gzdt/{article.slug}/"
    assert one(tags, "canonical") == url and one(tags, "og:url") == url
    assert one(tags, "og:title") == "荷塘区开展防汛演练"
    assert one(tags, "og:description") == "演练检验了应急预案。"
    assert one(tags, "og:type") == "article"
    assert one(tags, "og:site_name") == "荷塘区人民政府"
    assert one(tags, "og:image").startswith(f"{group.hetang.site.root_url}/media/images/")
    assert "itemprop:image" not in tags  # itemprop outside an itemscope is invalid HTML (Nu checker)
    assert one(tags, "weibo:webpage:create_at")


def test_pages_without_an_image_fall_back_to_the_default_and_every_page_has_one_canonical(group):
    client = site_client(group.hetang)
    for path in ("/", "/gzdt/", "/ldxx/", "/sitemap/", "/hdjl/", "/zfxxgk/"):
        response = client.get(path)
        tags = meta(response)
        assert one(tags, "canonical") == f"{group.hetang.site.root_url}{path}", path
        assert one(tags, "og:image").startswith("http://hetang.localhost"), path
        assert one(tags, "og:description"), path
    # A list page keeps its page number; other query parameters are not part of the address.
    assert one(meta(client.get("/gzdt/", {"page": "1"})), "canonical").endswith("/gzdt/")


def test_a_request_through_another_host_names_the_sites_own_host(group):
    response = site_client(group.zhuzhou).get("/", HTTP_HOST="unknown.example")
    assert one(meta(response), "canonical") == f"{group.zhuzhou.site.root_url}/"


def test_an_alias_article_keeps_the_original_as_its_only_canonical(group):
    original = ArticlePageFactory(parent=column_of(group.zhuzhou, "zwyw"), title="全市通报")
    alias = original.create_alias(parent=column_of(group.hetang, "gzdt"), update_slug=original.slug)
    response = site_client(group.hetang).get(f"/gzdt/{alias.slug}/")
    tags = meta(response)
    assert one(tags, "canonical") == f"{group.zhuzhou.site.root_url}/zwyw/{original.slug}/"


def test_reply_page_has_content_source_and_its_own_card(group):
    question, _ = make(group.zhuzhou, title="光纤入户进度咨询")
    tags = meta(site_client(group.zhuzhou).get(f"/hdjl/{question.pk}/"))
    assert one(tags, "ContentSource") == "株洲市发展和改革委员会"
    assert one(tags, "og:title") == "光纤入户进度咨询"
    assert one(tags, "og:description") == "关于光纤入户进度咨询的答复。"
    assert one(tags, "canonical") == f"{group.zhuzhou.site.root_url}/hdjl/{question.pk}/"
    assert "王小明" not in str(tags)
