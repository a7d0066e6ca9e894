"""The personal data highlighted on the admin's message page, in a real browser: each finding is visible with its
kind written out beside it and a dashed underline, so that it does not rely on colour (WCAG 1.4.1)."""

import os

import pytest

from interaction.services import receive, transition
from tests.conftest import EDITOR_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def message(group):
    question, _ = receive(
        site=group.all["hetang"],
        type="complaint",
        title="建设路12号工地噪音扰民",
        content="我叫张三丰，身份证11010519491231002X，手机13800138000，住在建设路12号3栋2单元501室。",
        name="张三丰",
        phone="13800138000",
        consent_publish=True,
    )
    return transition(
        question, "answer", answer="张三丰您好：已责令停止夜间施工。", answered_by="荷塘区住房和城乡建设局"
    )


def test_findings_are_marked_with_their_kind_and_not_by_colour_alone(page, app_server, message):
    page.goto(f"{app_server.url}/admin/login/")
    page.fill("input[name=username]", "editor-hetang")
    page.fill("input[name=password]", EDITOR_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{app_server.url}/admin/")
    page.goto(f"{app_server.url}/admin/interaction/questions/{message.pk}/")
    marks = page.locator("[data-content] mark.pii")
    assert marks.count() == 4
    for index in range(marks.count()):
        mark = marks.nth(index)
        assert mark.is_visible()
        style = mark.evaluate("m => getComputedStyle(m).borderBottomStyle")
        assert style == "dashed"
        assert mark.locator(".pii-kind").is_visible()
    assert [marks.nth(i).inner_text() for i in range(4)] == [
        "张三丰〔姓名〕",
        "11010519491231002X〔身份证号码〕",
        "13800138000〔手机号码〕",
        "建设路12号3栋2单元501室〔住址〕",
    ]
    preview = page.locator("[data-copy-content]").inner_text()
    assert "110************02X" in preview and "11010519491231002X" not in preview
    if os.environ.get("SCREENSHOT_DIR"):  # for reviewing the layout by eye
        page.screenshot(path=os.path.join(os.environ["SCREENSHOT_DIR"], "personal-data.png"))
