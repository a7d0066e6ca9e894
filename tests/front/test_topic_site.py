"""Issue 15 item 1: the 专题 site's own home — its banner and the structured 重点项目 list (home/home_sections.py)."""

import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from demo.factories.home import ArticlePageFactory, column_of
from demo.home.projects import project_rows, seed_projects
from home.enums import ProjectProgress
from home.models import TopicProject
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def home_soup(profile) -> BeautifulSoup:
    response = site_client(profile).get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def add_projects(profile, *rows) -> None:
    home = profile.site.root_page.specific
    for order, row in enumerate(rows):
        home.projects.add(TopicProject(sort_order=order, **row))
    home.save_revision().publish()


def banner_image(collection):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 300), "#1d5f8a").save(buffer, "PNG")
    return get_image_model().objects.create(title="湘江", file=ImageFile(buffer, name="b.png"), collection=collection)


def test_text_banner_carries_the_site_name_and_intro_as_real_text(group):
    home = group.zhuzhou_xiangjiang.site.root_page.specific
    home.intro = "源治流清、共饮湘江。"
    home.save_revision().publish()
    page = home_soup(group.zhuzhou_xiangjiang)
    banner = page.select_one(".topic-banner")
    assert banner.select_one("h2").get_text(strip=True) == "湘江综合治理与保护"
    assert banner.select_one(".topic-banner-intro").get_text(strip=True) == "源治流清、共饮湘江。"
    assert banner.select_one("img") is None
    # The intro is said once, in the banner, not again in the generic intro box above the sections.
    assert (
        page.select_one(".home-intro") is None and page.select_one("main").get_text().count("源治流清、共饮湘江。") == 1
    )


def test_image_banner_has_its_alt_text_and_keeps_the_name_as_text(group):
    home = group.zhuzhou_xiangjiang.site.root_page.specific
    home.banner = banner_image(group.zhuzhou_xiangjiang.collection)
    home.banner_alt = "湘江株洲段航拍"
    home.save_revision().publish()
    banner = home_soup(group.zhuzhou_xiangjiang).select_one(".topic-banner")
    assert banner.select_one("img")["alt"] == "湘江株洲段航拍"
    assert banner.select_one("h2").get_text(strip=True) == "湘江综合治理与保护"


def test_a_banner_image_without_alt_text_is_refused_in_chinese(group):
    home = group.zhuzhou_xiangjiang.site.root_page.specific
    home.banner = banner_image(group.zhuzhou_xiangjiang.collection)
    with pytest.raises(ValidationError) as refused:
        home.full_clean()
    assert refused.value.message_dict["banner_alt"] == ["上传了横幅图片时，请填写图片说明（供读屏软件朗读）。"]


def test_projects_are_listed_in_order_with_their_progress_labels(group):
    article = ArticlePageFactory(parent=column_of(group.zhuzhou_xiangjiang, "xmjz"), title="排污口截污进展")
    add_projects(
        group.zhuzhou_xiangjiang,
        {"name": "排污口截污治理", "unit": "市住房和城乡建设局", "progress": ProjectProgress.DONE,
         "investment": Decimal("3.60"), "summary": "城区段截污改造", "article": article},
        {"name": "风光带提质改造", "unit": "市城管执法局", "progress": ProjectProgress.BUILDING,
         "investment": Decimal("4.20")},
        {"name": "生态护岸修复", "unit": "市自然资源和规划局", "progress": ProjectProgress.PLANNED},
    )  # fmt: skip
    page = home_soup(group.zhuzhou_xiangjiang)
    section = page.select_one(".home-projects")
    rows = section.select("tbody tr")
    assert [row.select_one(".col-title").get_text(strip=True) for row in rows] == [
        "排污口截污治理",
        "风光带提质改造",
        "生态护岸修复",
    ]
    assert [row.select_one(".progress-label").get_text(strip=True) for row in rows] == ["建成", "在建", "谋划"]
    assert rows[0].select_one(".col-title a")["href"].endswith(article.url_path.split("/", 2)[2])
    assert rows[0].select_one(".col-investment").get_text(strip=True) == "3.60"
    # Cards on phones: every cell but the title names its column.
    assert all(cell.get("data-label") for cell in rows[0].select("td")[1:])
    # The blueprint's order: banner, then projects, before the column lists.
    html = str(page)
    assert html.index("topic-banner") < html.index("home-projects") < html.index("column-grid")


def test_a_project_without_link_or_investment_renders_plain_text(group):
    row = {"name": "水源地保护区规范化建设", "unit": "市水利局", "progress": "planned"}
    add_projects(group.zhuzhou_xiangjiang, row)
    row = home_soup(group.zhuzhou_xiangjiang).select_one(".home-projects tbody tr")
    assert row.select_one(".col-title a") is None
    assert row.select_one(".col-title").get_text(strip=True) == "水源地保护区规范化建设"
    assert row.select_one(".col-investment").get_text(strip=True) == ""


def test_no_projects_means_no_empty_section(group):
    page = home_soup(group.zhuzhou_xiangjiang)
    assert page.select_one(".topic-banner") is not None and page.select_one(".home-projects") is None


def test_other_kinds_show_neither_banner_nor_projects_even_with_rows(group):
    add_projects(group.zhuzhou, {"name": "门户不显示的项目", "unit": "市发改委", "progress": "building"})
    for profile in group.all.values():
        if profile.kind == "topic":
            continue
        page = home_soup(profile)
        assert page.select_one(".topic-banner") is None and page.select_one(".home-projects") is None, profile.slug
    assert "门户不显示的项目" not in str(home_soup(group.zhuzhou))


def test_demo_seed_gives_the_topic_site_its_projects_once(group):
    article = ArticlePageFactory(
        parent=column_of(group.zhuzhou_xiangjiang, "gzdt"), title="湘江沿线视频监控资源接入电子眼共享平台"
    )
    home = group.zhuzhou_xiangjiang.site.root_page.specific
    expected = len(project_rows("zhuzhou-xiangjiang"))
    assert expected >= 5 and seed_projects(home, "zhuzhou-xiangjiang") == expected
    assert seed_projects(home, "zhuzhou-xiangjiang") == 0  # a re-run leaves the rows alone
    assert TopicProject.objects.filter(page=home, article=article).count() == 1
    assert seed_projects(group.zhuzhou.site.root_page.specific, "zhuzhou") == 0
    labels = [td.get_text(strip=True) for td in home_soup(group.zhuzhou_xiangjiang).select(".progress-label")]
    assert len(labels) == expected and set(labels) == {"谋划", "在建", "建成"}


def test_the_site_editor_edits_banner_and_projects_on_the_home_page_form(group):
    editor = get_user_model().objects.get(username="editor-zhuzhou-xiangjiang")
    add_projects(group.zhuzhou_xiangjiang, {"name": "已有项目", "unit": "市水利局", "progress": "building"})
    home = group.zhuzhou_xiangjiang.site.root_page
    response = site_client(group.zhuzhou_xiangjiang, editor).get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "专题横幅" in html and "横幅图片说明" in html and "计划投资（亿元）" in html and "已有项目" in html


def edit_form_data(html: str) -> dict:
    """The values the admin's page edit form would post as it stands."""
    form = BeautifulSoup(html, "html.parser").select_one("form#page-edit-form")
    data = {}
    for field in form.select("input, textarea, select"):
        name, kind = field.get("name"), field.get("type")
        if not name or kind in ("submit", "button", "file") or (kind == "checkbox" and not field.has_attr("checked")):
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            option = field.select_one("option[selected]") or field.select_one("option")
            data[name] = option.get("value", "") if option else ""
        else:
            data[name] = field.get("value", "on" if kind == "checkbox" else "")
    return data


def post_project(profile, article):
    editor = get_user_model().objects.get(username=f"editor-{profile.slug}")
    client = site_client(profile, editor)
    url = f"/admin/pages/{profile.site.root_page_id}/edit/"
    data = edit_form_data(client.get(url).content.decode())
    row = {"name": "链接项目", "unit": "株洲市水利局", "progress": "planned", "article": str(article.pk), "ORDER": "1"}
    data.update({f"projects-0-{key}": value for key, value in row.items()} | {"projects-TOTAL_FORMS": "1"})
    return client.post(url, data)


def test_a_project_cannot_link_to_another_sites_article(group):
    other = ArticlePageFactory(parent=column_of(group.zhuzhou, "zwyw"), title="门户的文章")
    home = group.zhuzhou_xiangjiang.site.root_page
    revisions = home.revisions.count()
    response = post_project(group.zhuzhou_xiangjiang, other)
    assert response.status_code == 200
    assert "只能选择本站点的文章。" in response.content.decode()
    assert home.revisions.count() == revisions  # nothing saved, not even a draft


def test_a_project_may_link_to_its_own_sites_article(group):
    own = ArticlePageFactory(parent=column_of(group.zhuzhou_xiangjiang, "gzdt"), title="本站文章")
    home = group.zhuzhou_xiangjiang.site.root_page
    response = post_project(group.zhuzhou_xiangjiang, own)
    assert response.status_code == 302
    draft = home.specific.get_latest_revision().as_object()  # saved as a draft, not yet published
    assert [(p.name, p.article_id) for p in draft.projects.all()] == [("链接项目", own.pk)]
