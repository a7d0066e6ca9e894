"""Small per-site files outside the page tree: the theme colour as a stylesheet (so that public pages need no inline
<style>, Content-Security-Policy style-src 'self', config/settings/base.py), robots.txt and the favicon."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe
from wagtail.models import Site

# The URL names the colour, so a file never changes: browsers and proxies may keep it for a year.
IMMUTABLE = "public, max-age=31536000, immutable"


@require_safe
def theme_stylesheet(request, colour: str):
    """/theme/<rrggbb>.css (the URL pattern admits six lower-case hex digits only): the site's --theme colour."""
    response = HttpResponse(f":root{{--theme:#{colour};}}\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = IMMUTABLE
    return response


# Read once: the icon is part of the code base (static/img/favicon.ico), the same for every site of the group.
FAVICON_PATH = Path(settings.BASE_DIR) / "static" / "img" / "favicon.ico"
# What crawlers should not walk: the admin, the APIs (their data is on the pages), the search results (endless
# query combinations) and the captcha images. Everything else is public by design (政府网站发展指引: content is
# meant to be found by search engines), and the sitemap names it.
ROBOTS_DISALLOW = ("/admin/", "/api/", "/search/", "/en/search/", "/captcha/")


@require_safe
def favicon(request):
    """/favicon.ico: browsers ask for it on every site even without a <link rel="icon">; without it a 404 per visit."""
    response = HttpResponse(_favicon_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@cache
def _favicon_bytes() -> bytes:
    return FAVICON_PATH.read_bytes()


@require_safe
def robots_txt(request):
    """/robots.txt of the site the host names, pointing crawlers at that site's own sitemap."""
    site = Site.find_for_request(request)
    root = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    disallow = [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines = ["User-agent: *", *disallow, "", f"Sitemap: {root}/sitemap.xml", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
