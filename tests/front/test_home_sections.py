"""Issue 15 item 1: home pages per site kind, as data (sites/home_sections.py and the blueprints' home_sections)."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from demo.factories.home import ArticlePageFactory, column_of
from demo.factories.interaction import QuestionFactory
from demo.factories.interaction import publish as publish_reply
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page
from demo.factories.openinfo import publish as publish_document
from sites.blueprint import load_blueprint
from tests.conftest import site_client

pytestmark = pytest.mark.django_db

SECTION_SELECTORS = {
    "lead": ".lead-story",
    "columns": ".column-grid",
    "openinfo": ".home-openinfo",
    "services": ".home-services",
    "interaction": ".home-interaction",
    "topic_banner": ".topic-banner",
    "projects": ".home-projects",
}
# Shown only when there is something to show: a picture for the lead story, rows for 重点项目.
OPTIONAL = ("lead", "projects")


def home(profile) -> BeautifulSoup:
    response = site_client(profile).get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def picture(collection) -> object:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), "#b5121b").save(buffer, "PNG")
    return get_image_model().objects.create(title="测试图", file=ImageFile(buffer, name="t.png"), collection=collection)


def test_each_kind_shows_the_sections_its_blueprint_lists_in_that_order(group):
    for profile in group.all.values():
        page = home(profile)
        wanted = [name for name in load_blueprint(profile.kind).home_sections if name not in OPTIONAL]
        found = [name for name in wanted if page.select_one(SECTION_SELECTORS[name])]
        assert found == wanted, profile.slug
        positions = [str(page).index(page.select_one(SECTION_SELECTORS[name]).attrs["class"][0]) for name in found]
        assert positions == sorted(positions), profile.slug
        unlisted = set(SECTION_SELECTORS) - set(load_blueprint(profile.kind).home_sections)
        assert not any(page.select_one(SECTION_SELECTORS[name]) for name in unlisted), profile.slug


def test_openinfo_section_has_the_entrances_and_the_newest_document(group):
    document = publish_document(
        DisclosureDocumentPageFactory(parent=category_page(group.hetang, "a20-01"), title="荷塘区测试公开文件")
    )
    section = home(group.hetang).select_one(".home-openinfo")
    entrances = [a.get_text(strip=True) for a in section.select(".entrance-list a")]
    assert {"政府信息公开指南", "法定主动公开内容", "依申请公开"} <= set(entrances)
    newest = section.select(".dated-list a")[0]
    assert newest.get_text(strip=True) == document.title


def test_interaction_section_lists_published_replies_only_and_the_writing_entrances(group):
    published = publish_reply(QuestionFactory(site=group.zhuzhou, title="公开答复的留言标题", name="王小明"))
    QuestionFactory(site=group.zhuzhou, title="尚未答复的留言标题")
    section = home(group.zhuzhou).select_one(".home-interaction")
    titles = [a.get_text(strip=True) for a in section.select(".dated-list a")]
    assert titles[0] == "公开答复的留言标题" and "尚未答复的留言标题" not in titles
    assert "王小明" not in str(section)
    assert section.select_one(f'a[href$="/{published.pk}/"]') is not None
    assert [a.get_text(strip=True).startswith("我要写信") for a in section.select(".mailbox-links a")] == [True, True]
    assert "已公开答复" in section.select_one(".home-interaction-figure").get_text()


def test_lead_story_is_the_newest_own_article_with_a_picture(group):
    column = column_of(group.zhuzhou, "zwyw")
    assert home(group.hetang).select_one(".lead-story") is None  # no article of that site has a picture
    image = picture(group.zhuzhou.collection)
    body = [("image", {"image": image, "decorative": False, "alt_text": "测试图片说明"}), ("paragraph", "正文")]
    ArticlePageFactory(parent=column, title="带图片的要闻", slug="with-picture", body=body)
    ArticlePageFactory(parent=column, title="更新但没有图片的要闻", slug="newer-no-picture")
    lead = home(group.zhuzhou).select_one(".lead-story")
    assert lead.select_one("h2").get_text(strip=True) == "带图片的要闻"
    img = lead.select_one("img")
    assert img["alt"] == "" and lead.select_one(".lead-image")["aria-hidden"] == "true"


def test_a_publish_on_the_site_refreshes_its_cached_sections(group):
    assert "第二份文件" not in str(home(group.hetang).select_one(".home-openinfo"))
    publish_document(DisclosureDocumentPageFactory(parent=category_page(group.hetang, "a20-01"), title="第二份文件"))
    assert "第二份文件" in str(home(group.hetang).select_one(".home-openinfo"))
