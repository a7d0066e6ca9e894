"""The Content-Security-Policy in a real browser (issue 10, finding 8): representative public pages, the ECharts
pages with their tooltips, the search suggestions, the API docs (Swagger UI) and the admin, as a site editor
(page editor with StreamField, rich text, image upload and chooser, document and page choosers, the scheduling
date picker, live preview) and as a platform administrator (政府信息公开统计, 留言办理, settings). Every page must
raise no `securitypolicyviolation` event (in any frame), log no CSP error, throw no uncaught error, and send no
request anywhere but the test server (no CDN, no Gravatar, no validator badge)."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from PIL import Image
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from config.api import api
from demo.factories.home import ArticlePageFactory, column_of
from demo.factories.interaction import QuestionFactory
from demo.factories.interaction import publish as publish_reply
from demo.factories.openinfo import DisclosureDocumentPageFactory, InformationApplicationFactory, category_page, publish
from interaction.models import Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.slow]  # ~40 s of admin and public pages

# Reports every violation, from every frame (the live preview is an iframe), to Python as it happens.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber} on ${location.href}`;
  window.__cspViolation(`${e.violatedDirective} ${e.blockedURI} at ${where}`);
});
"""


class Guard:
    """What the browser did that the policy forbids or that left the server: violations, CSP console errors,
    uncaught errors and requests to other hosts."""

    def __init__(self, context, server_port):
        self.port = server_port
        self.violations, self.console, self.errors, self.foreign, self.requests = [], [], [], [], []
        self.in_flight = 0
        context.expose_function("__cspViolation", lambda text: self.violations.append(text))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("request", self._request)
        context.on("requestfinished", self._done)
        context.on("requestfailed", self._done)

    def _done(self, request):
        self.in_flight -= 1

    def settle(self, page, quiet_ms: int = 100, limit_ms: int = 15_000) -> None:
        """Wait until no request of the context has been in flight for ``quiet_ms``: what a page's scripts fetch
        after its load event has arrived, and the violations it raised have been reported. Playwright's
        "networkidle" waits for 500 ms of quiet after every page; from the local test server responses come in
        milliseconds, and the 400 ms more per page added up to ~20 s of the suite doing nothing."""
        waited, quiet_since = 0, None
        while waited < limit_ms:
            page.wait_for_timeout(20)  # lets Playwright deliver the request events
            waited += 20
            if self.in_flight > 0:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = waited
            elif waited - quiet_since >= quiet_ms:
                return
        raise AssertionError(f"{self.in_flight} requests still in flight after {limit_ms} ms")

    def watch(self, page):
        page.on("console", lambda m: self.console.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page

    def _request(self, request):
        self.in_flight += 1
        self.requests.append(request.url)
        parts = urlsplit(request.url)
        local = parts.hostname == "localhost" or (parts.hostname or "").endswith(".localhost")
        if parts.scheme in ("data", "blob") or (local and parts.port == self.port):
            return
        self.foreign.append(request.url)

    def assert_clean(self, where):
        found = {"violations": self.violations, "console": self.console, "errors": self.errors, "foreign": self.foreign}
        assert not any(found.values()), f"{where}: { {k: sorted(set(v))[:5] for k, v in found.items() if v} }"
        assert self.requests, f"{where}: no request was recorded at all"
        self.requests.clear()


@pytest.fixture
def guard(browser, app_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    guard = Guard(context, urlsplit(app_server.url).port)
    guard.context = context
    yield guard
    context.close()


def site_url(app_server, profile, path="/"):
    # Chromium resolves every *.localhost name to the loopback interface the live server listens on.
    return app_server.url.replace("://localhost", f"://{profile.site.hostname}") + path


def path_of(page):
    return urlsplit(page.full_url).path


def visit(guard, page, url):
    response = page.goto(url)
    assert response.status == 200, url
    guard.settle(page)
    return page


@pytest.fixture
def content(group, django_capture_on_commit_callbacks):
    """An article with rich text, a published disclosure document and published replies for the statistics (their
    search indexing runs on commit: here, at once)."""
    hetang, zhuzhou = group.all["hetang"], group.all["zhuzhou"]
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(
            parent=column_of(hetang, "gzdt"),
            title="荷塘区推进政务服务标准化",
            body=[("paragraph", RichText("<p>推进政务服务标准化、规范化、便利化。</p>"))],
        )
        document = DisclosureDocumentPageFactory(parent=category_page(zhuzhou, "a20-01"), title="关于印发办法的通知")
        document = publish(document)
        for _ in range(3):
            publish_reply(QuestionFactory(site=zhuzhou))
    return {"article": article, "document": document}


def test_public_pages_pass_the_policy_and_stay_on_this_server(guard, app_server, group, content):
    page = guard.watch(guard.context.new_page())
    for slug in ("zhuzhou", "hetang", "zhuzhou-fgw", "hetang-yuetang", "hetang-daping", "zhuzhou-xiangjiang"):
        visit(guard, page, site_url(app_server, group.all[slug]))
        assert group.all[slug].org_name in page.title()
        guard.assert_clean(f"home of {slug}")

    hetang, zhuzhou = group.all["hetang"], group.all["zhuzhou"]
    for profile, path in [
        (hetang, "/gzdt/"),
        (hetang, path_of(content["article"])),
        (zhuzhou, "/zfxxgk/"),
        (zhuzhou, path_of(content["document"])),
        (zhuzhou, "/hdjl/"),
        (zhuzhou, "/hdjl/szxx/"),
        (zhuzhou, "/hdjl/query/"),
    ]:
        visit(guard, page, site_url(app_server, profile, path))
        guard.assert_clean(path)

    # The article tools and reading aids run (site.js): the font-size buttons change the text size.
    visit(guard, page, site_url(app_server, hetang, path_of(content["article"])))
    page.get_by_role("button", name="大", exact=True).click()
    guard.assert_clean("reading tools")


def hover_across(page, chart):
    """Move the mouse across a chart so that ECharts shows its tooltips."""
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    for step in range(1, 10):
        page.mouse.move(box["x"] + box["width"] * step / 10, box["y"] + box["height"] / 2)
        page.wait_for_timeout(60)


def test_echarts_statistics_page_and_its_tooltips_pass_the_policy(guard, app_server, group, content):
    page = guard.watch(guard.context.new_page())
    visit(guard, page, site_url(app_server, group.all["zhuzhou"], "/hdjl/stats/"))
    chart = page.locator("#stats-chart-monthly")
    chart.locator("canvas").wait_for()  # drawn by static/js/interaction-stats.js
    hover_across(page, chart)
    guard.assert_clean("互动交流 statistics with tooltips")


def test_search_suggestions_pass_the_policy(guard, app_server, group, content):
    page = guard.watch(guard.context.new_page())
    visit(guard, page, site_url(app_server, group.all["hetang"], "/search/?q=政务服务"))
    page.locator("#search-q").fill("")
    page.locator("#search-q").press_sequentially("zwfw", delay=20)
    page.locator(".search-box [role=listbox] [role=option]").first.wait_for()
    assert any("/api/v1/search/suggest/" in url for url in guard.requests)
    guard.assert_clean("search page with suggestions")


def test_api_docs_load_swagger_ui_from_this_server(guard, app_server, group):
    page = guard.watch(guard.context.new_page())
    visit(guard, page, app_server.url + "/api/v1/docs")
    page.locator(".opblock").first.wait_for()  # Swagger UI rendered the operations
    operations = sum(len(methods) for methods in api.get_openapi_schema()["paths"].values())
    assert page.locator(".opblock").count() == operations
    assert any(url.endswith("/static/ninja/swagger-ui-bundle.js") for url in guard.requests)
    page.locator(".opblock-summary").first.click()
    guard.assert_clean("API docs")


def logged_in_page(guard, app_server, username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    session = client.cookies["sessionid"].value
    guard.context.add_cookies([{"name": "sessionid", "value": session, "url": app_server.url}])
    return guard.watch(guard.context.new_page())


def red_png(tmp_path):
    path = tmp_path / "红色.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def close_modal(page):
    page.locator(".modal button.close").click()
    page.locator(".modal").wait_for(state="detached")


@pytest.fixture
def one_request_at_a_time(settings):
    """The editor's background requests (autosave, preview refresh, editing-session pings) would otherwise change
    the page between the test's own steps (the server takes them one at a time, but in any order)."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_AUTO_UPDATE_PREVIEW_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000


@pytest.mark.usefixtures("one_request_at_a_time")
def test_page_editor_passes_the_policy_as_a_site_editor(guard, app_server, group, content, tmp_path):
    page = logged_in_page(guard, app_server, "editor-hetang")
    admin = app_server.url + "/admin/"
    visit(guard, page, admin)
    guard.assert_clean("dashboard")
    visit(guard, page, f"{admin}pages/{group.all['hetang'].site.root_page_id}/")
    guard.assert_clean("explorer")

    visit(guard, page, f"{admin}pages/{content['article'].pk}/edit/")
    # wagtail-modeltranslation got its settings (no inline script); its language picker has nothing to toggle since
    # the English fields have a tab of their own (core/translation_panels.py), which is there instead.
    assert page.evaluate("() => Array.isArray(window.wagtailModelTranslations?.languages)")
    assert page.get_by_role("tab", name="英文").is_visible()
    guard.assert_clean("page editor")

    # Rich text: typing and a link through the page chooser modal.
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.type("补充内容")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Control+k")
    page.locator(".modal-content").wait_for()
    guard.settle(page)
    close_modal(page)
    guard.assert_clean("rich text and page chooser")

    # StreamField: an image block, the image chooser, an upload in it, the chosen image shown.
    page.locator("button.c-sf-add-button:visible").last.click()
    page.get_by_role("option", name=re.compile("图片")).first.click()
    page.locator("button:visible", has_text="选择一个图片").last.click()
    page.locator(".modal-content").wait_for()
    page.get_by_role("tab", name=re.compile("上传")).click()
    page.locator(".modal-content input[type=file]").set_input_files(red_png(tmp_path))
    expect(page.locator(".modal-content input[name$='title']")).to_have_value("红色")  # filled from the file name
    page.locator(".modal-content form[enctype] button[type=submit]").click()
    page.locator(".modal").wait_for(state="detached")
    assert page.locator(".chooser__title", has_text="红色").first.is_visible()
    page.locator("input[name$='-value-alt_text']").last.fill("红色示例图")
    guard.assert_clean("image block, chooser and upload")

    # Live preview: the page in an iframe of the admin (frame-ancestors 'self', X-Frame-Options SAMEORIGIN).
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe[title]").first
    preview.locator(".site-name").wait_for()
    assert preview.locator(".site-name").inner_text() == "荷塘区人民政府"
    assert preview.locator("img[alt='红色示例图']").count() == 1  # the image just uploaded, from this server
    page.locator("[data-side-panel-toggle='preview']").click()
    guard.assert_clean("live preview")

    # Inline panel (attachments): a new child and its document chooser.
    page.locator("#id_attachments-ADD").click()
    page.locator("#id_attachments-FORMS .chooser__choose-button").last.click()
    page.locator(".modal-content").wait_for()
    guard.settle(page)
    close_modal(page)
    guard.assert_clean("inline panel and document chooser")

    # The scheduling dialog's date-time picker (its initialiser runs when the dialog is moved into the page).
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']:visible").first.click()
    page.locator("#id_go_live_at").click()
    page.locator(".xdsoft_datetimepicker:visible").wait_for()
    page.keyboard.press("Escape")
    guard.assert_clean("schedule dialog and date picker")


def test_admin_reports_and_settings_pass_the_policy_as_platform_admin(guard, app_server, group, content):
    page = logged_in_page(guard, app_server, "admin")
    admin = app_server.url + "/admin/"

    visit(guard, page, f"{admin}openinfo/statistics/")
    heatmap = page.locator("#heatmap")
    heatmap.locator("canvas").wait_for()  # drawn by static/js/openinfo-report.js
    assert heatmap.bounding_box()["height"] >= 320
    hover_across(page, heatmap)
    guard.assert_clean("政府信息公开统计")

    question = Question.objects.filter(site=group.all["zhuzhou"]).first()
    visit(guard, page, f"{admin}interaction/questions/")
    assert page.locator(f"main a[href='/admin/interaction/questions/{question.pk}/']").count() == 1
    guard.assert_clean("留言办理 list")
    visit(guard, page, f"{admin}interaction/questions/{question.pk}/")
    assert page.locator("[data-tracking-code]").inner_text() == question.tracking_code
    guard.assert_clean("留言办理 message")

    application = InformationApplicationFactory(site=group.all["zhuzhou"])
    for path, label in (("", "依申请公开 list"), (f"{application.pk}/", "依申请公开 application"), ("add/", "登记")):
        visit(guard, page, f"{admin}openinfo/applications/{path}")
        guard.assert_clean(label)
    assert page.locator("[data-register-form]").count() == 1

    for path in (
        f"settings/sites/sitesettings/{group.all['hetang'].site.pk}/",
        "images/",
        "reports/site-history/",
        "users/",
        "groups/",
    ):
        visit(guard, page, admin + path)
        guard.assert_clean(path)
