"""Security headers of the public pages, the API and its docs, and the admin (issue 10, finding 8): one strict
Content-Security-Policy, the admin's few additions only under /admin/, frame and sniffing protection, and
`check --deploy` with no warning in production (tests/core/test_deploy_checks.py). The browser side, that the
pages really pass the policy, is tests/browser/test_csp.py."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail import hooks

from core.wagtail_hooks import modeltranslation_settings
from demo.factories.home import ArticlePageFactory, column_of
from sites.models import SiteSettings
from tests.conftest import site_client

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
JCROP_HANDLER_HASH = "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"  # sha256("return;")


def policy(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    parsed = {name: values for name, *values in directives}
    assert len(parsed) == len(directives), "a directive is repeated"
    return parsed


def assert_common_headers(response, frame_options="DENY"):
    assert response["X-Frame-Options"] == frame_options
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("url", ["/", "/gzdt/", "/hdjl/", "/hdjl/stats/", "/zfxxgk/", "/search/?q=政务"])
def test_public_pages_send_the_strict_policy_and_no_nonce(group, url):
    response = site_client(group.hetang).get(url)
    assert response.status_code == 200
    assert policy(response) == PUBLIC_POLICY
    assert_common_headers(response)


@pytest.mark.parametrize("url", ["/api/v1/sites/", "/api/v1/openinfo/documents/", "/api/v1/docs", "/api/v1/nowhere/"])
def test_the_api_and_its_docs_send_the_strict_policy(group, url):
    response = site_client(group.zhuzhou).get(url)
    assert response.status_code == (404 if "nowhere" in url else 200)
    assert policy(response) == PUBLIC_POLICY
    assert_common_headers(response)


def test_refused_input_and_error_pages_carry_the_headers_too(group):
    refused = site_client(group.hetang).get("/search/", {"q": "a\x00b"})
    missing = site_client(group.hetang).get("/no-such-page/")
    assert (refused.status_code, missing.status_code) == (400, 404)
    for response in (refused, missing):
        assert policy(response) == PUBLIC_POLICY
        assert_common_headers(response)


def test_a_page_served_from_the_anonymous_cache_keeps_its_headers(group):
    client = site_client(group.hetang)
    with override_settings(PAGE_CACHE_SECONDS=60):
        client.get("/")
        hit = client.get("/")
    assert hit["X-Page-Cache"] == "hit"
    assert policy(hit) == PUBLIC_POLICY
    assert_common_headers(hit)


def test_public_html_has_no_inline_script_style_or_handler(group):
    article = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), title="无内联脚本的文章")
    client = site_client(group.hetang)
    for url in ("/", article.url, "/hdjl/stats/", "/hdjl/szxx/", "/zfxxgk/", "/search/?q=政务"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        inline = [s for s in soup.find_all("script") if not s.get("src") and "json" not in s.get("type", "")]
        assert inline == [], url
        assert soup.find_all("style") == [], url
        assert soup.select("[style]") == [], url
        handlers = [(tag.name, name) for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]
        assert handlers == [], url


def test_a_site_theme_colour_comes_from_a_stylesheet_of_its_own(group):
    SiteSettings.objects.filter(site=group.hetang.site).update(theme_colour="#1A5FB4")
    html = site_client(group.hetang).get("/").content.decode()
    assert '<link rel="stylesheet" href="/theme/1a5fb4.css">' in html and "<style" not in html

    css = site_client(group.hetang).get("/theme/1a5fb4.css")
    assert css.status_code == 200 and css["Content-Type"] == "text/css; charset=utf-8"
    assert css.content.decode() == ":root{--theme:#1a5fb4;}\n"
    assert css["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_default_theme_colour_needs_no_extra_stylesheet(group):
    html = site_client(group.zhuzhou).get("/").content.decode()
    assert "/theme/" not in html


@pytest.mark.parametrize("path", ["/theme/1A5FB4.css", "/theme/12345.css", "/theme/zzzzzz.css", "/theme/1a5fb4x.css"])
def test_only_six_lower_case_hex_digits_name_a_theme_stylesheet(group, path):
    assert site_client(group.zhuzhou).get(path).status_code == 404


def test_the_api_docs_load_swagger_ui_from_this_server_only(group):
    response = site_client(group.zhuzhou).get("/api/v1/docs")
    soup = BeautifulSoup(response.content, "html.parser")
    urls = [tag.get("src") or tag.get("href") for tag in soup.find_all(["script", "link", "img"])]
    urls = [url for url in urls if url]
    assert "/static/ninja/swagger-ui-bundle.js" in urls and "/static/ninja/swagger-ui-init.js" in urls
    assert all(url.startswith("/static/") for url in urls), urls
    assert not re.search(r"https?://|//cdn", response.content.decode().replace("http://www.w3.org", ""))
    settings_json = soup.find("script", id="swagger-settings").string
    assert '"validatorUrl": null' in settings_json  # no badge image from validator.swagger.io


def admin_get(group, user, url):
    response = site_client(group.hetang, user).get(url)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("url", ["/admin/", "/admin/documents/", "/admin/images/", "/admin/reports/site-history/"])
def test_the_admin_adds_only_its_own_entries_to_the_policy(group, editor, url):
    response = admin_get(group, editor("hetang"), url)
    directives = policy(response)
    nonce = [v for v in directives["script-src"] if v.startswith("'nonce-")]
    expected = {
        **PUBLIC_POLICY,
        "script-src": ["'self'", *nonce],
        "style-src-elem": ["'self'", "'unsafe-inline'"],
        "script-src-attr": ["'unsafe-hashes'", JCROP_HANDLER_HASH],
    }
    assert directives == expected
    assert_common_headers(response)


def inline_scripts(html):
    soup = BeautifulSoup(html, "html.parser")
    return [s for s in soup.find_all("script") if not s.get("src") and "json" not in s.get("type", "")]


def test_the_page_editor_nonces_exactly_wagtails_initialisers(group, editor):
    article = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), title="编辑器里的文章")
    response = admin_get(group, editor("hetang"), f"/admin/pages/{article.pk}/edit/")
    (nonce,) = [v[7:-1] for v in policy(response)["script-src"] if v.startswith("'nonce-")]
    scripts = inline_scripts(response.content)
    bodies = " ".join(s.string or "" for s in scripts)
    # publish_at (date-time picker), go_live_at/expire_at, the attachments' inline panel and document chooser.
    for initialiser in ("initDateTimeChooser(", "new InlinePanel(", "new DocumentChooser("):
        assert initialiser in bodies
    assert scripts and all(s.get("nonce") == nonce for s in scripts)
    assert "wagtailModelTranslations =" not in response.content.decode()  # replaced by a static file
    assert len(response.content) == int(response["Content-Length"])


def test_a_nonce_is_sent_only_when_a_page_has_an_initialiser(group, editor):
    response = admin_get(group, editor("hetang"), "/admin/")
    assert inline_scripts(response.content) == []
    assert policy(response)["script-src"] == ["'self'"]


def test_the_admin_avatar_is_served_locally(group, editor):
    html = admin_get(group, editor("hetang"), "/admin/").content.decode()
    assert "gravatar" not in html.lower()
    assert "/static/wagtailadmin/images/default-user-avatar.png" in html


def test_modeltranslation_settings_reach_the_editor_as_data_not_inline_code():
    outputs = [fn() for fn in hooks.get_hooks("insert_editor_js")]
    assert modeltranslation_settings in hooks.get_hooks("insert_editor_js")
    assert not any("wagtailModelTranslations =" in str(html) for html in outputs)
    tag = BeautifulSoup(modeltranslation_settings(), "html.parser").script
    assert tag["src"] == "/static/js/admin-modeltranslation.js"
    assert '"languages": ["zh-hans", "en"]' in tag["data-settings"]
