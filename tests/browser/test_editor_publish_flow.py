"""An editor's publish flow in Chinese (issue 14 item 5), in a real browser: log in, write an article (the slug is
filled tYYYYMMDD_NNN and stays so while the title is typed), publish it (editor-hetang is also the site's reviewer,
so may publish), and see no English UI words on the dashboard, in the page editor or the image chooser — the
rendered page, scripts included (the sidebar and the block picker are drawn by JavaScript)."""

import re

import pytest
from django.utils import timezone

from demo.factories.home import column_of
from home.models import ArticlePage
from tests.browser.test_csp import guard, visit  # noqa: F401 (fixture)
from tests.conftest import EDITOR_PASSWORD
from tests.editorux.scan import english_words

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


# What a person reads: the rendered text, and the attributes read out or shown on hover, of visible elements only.
READ_ATTRIBUTES = """() => [...document.querySelectorAll('[placeholder], [title], [aria-label], [alt]')]
    .filter((el) => el.getClientRects().length > 0)
    .flatMap((el) => ['placeholder', 'title', 'aria-label', 'alt'].map((a) => el.getAttribute(a)).filter(Boolean))"""


def english_on(page, allowed) -> list[str]:
    texts = [*page.locator("body").inner_text().splitlines(), *page.evaluate(READ_ATTRIBUTES)]
    return sorted({text.strip() for text in texts if english_words(text, allowed)})


def test_editor_writes_and_publishes_an_article_in_chinese(guard, app_server, group):  # noqa: F811 (fixture)
    allowed = set(group.all) | {"editor-hetang"}
    column = column_of(group.hetang, "gzdt")
    page = guard.watch(guard.context.new_page())

    visit(guard, page, app_server.url + "/admin/login/")
    page.fill("#id_username", "editor-hetang")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url(app_server.url + "/admin/")
    guard.settle(page)
    assert page.get_by_role("heading", name="我的草稿").count() == 1
    assert english_on(page, allowed) == []

    visit(guard, page, f"{app_server.url}/admin/pages/add/home/articlepage/{column.pk}/")
    slug = f"t{timezone.localdate():%Y%m%d}_001"
    assert page.input_value("#id_slug") == slug
    page.fill("#id_title_zh_hans", "荷塘区召开安全生产工作会议")
    page.locator("#id_title_zh_hans").blur()
    page.fill("#id_summary_zh_hans", "会议部署了十月份安全生产大检查。")
    assert page.input_value("#id_slug") == slug  # the title did not overwrite the dated slug
    assert english_on(page, allowed) == []
    page.locator(".c-sf-add-button").first.click()  # the block picker of 正文 (drawn by the admin's scripts)
    page.locator(".w-combobox").first.wait_for()
    assert english_on(page, allowed) == []
    page.keyboard.press("Escape")

    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-publish']").click()
    guard.settle(page)
    article = ArticlePage.objects.get(title="荷塘区召开安全生产工作会议")
    assert article.live and article.slug == slug and re.fullmatch(r"t\d{8}_\d{3}", article.slug)
    assert article.summary == "会议部署了十月份安全生产大检查。"
    assert english_on(page, allowed) == []

    visit(guard, page, f"{app_server.url}/admin/pages/{article.pk}/edit/")
    assert english_on(page, allowed) == []
    guard.assert_clean("editor publish flow")
