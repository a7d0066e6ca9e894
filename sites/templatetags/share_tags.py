"""Share cards and the canonical URL of every public page (issue 15 item 5).

WeChat, Weibo, QQ and search engines read the Open Graph tags (og:title, og:description, og:image, og:url);
Weibo adds its ``weibo:webpage:*`` dates. (No schema.org ``itemprop`` tags: outside an ``itemscope`` they are
invalid HTML, and QQ reads Open Graph too.) Without the WeChat JS-SDK
(an external script this intranet-ready platform does not load) WeChat's in-app browser takes the title and
the first large image of the page, which is why og:image is also the page's own first image when it has one.
"""

from urllib.parse import urljoin

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.images.models import SourceImageIOError

from .site_tags import page_origin

register = template.Library()

SHARE_IMAGE_FILTER = "max-1200x630"
DESCRIPTION_LENGTH = 120


def _root_url(context) -> str:
    profile = context.get("site_profile")
    site = getattr(profile, "site", None)
    if site is not None:
        return site.root_url
    request = context.get("request")
    return f"{request.scheme}://{request.get_host()}" if request is not None else ""


def _absolute(context, url: str) -> str:
    return urljoin(_root_url(context) + "/", url) if url else ""


def _canonical(context, page) -> str:
    """An alias names its original (信息报送/稿件共享); anything else its own address on its own site's host
    (never the fallback host a request may have come in by), without query parameters except the list page."""
    origin = page_origin(context, page) if page is not None else None
    if origin:
        return origin["url"]
    request = context.get("request")
    if request is None:
        return ""
    url = _absolute(context, request.path)
    number = request.GET.get("page", "")
    return f"{url}?page={number}" if number.isdigit() and number != "1" else url


def _description(context, page) -> str:
    profile = context.get("site_profile")
    text = ""
    if page is not None:
        text = getattr(page, "summary", "") or page.search_description or getattr(page, "intro", "")
    text = strip_tags(str(text or "")).strip() or getattr(profile, "org_name", "")
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


@register.inclusion_tag("includes/share_card.html", takes_context=True)
def share_card(context, title=None, description=None, type="website"):
    """``{% share_card %}`` in base.html; item pages pass ``type="article"`` and routed views their own title."""
    page = context.get("page")
    profile = context.get("site_profile")
    site_name = getattr(profile, "org_name", "")
    if title is None:
        title = (page.seo_title or page.title) if page is not None else site_name
    if description is not None:
        description = Truncator(" ".join(strip_tags(str(description)).split())).chars(DESCRIPTION_LENGTH)
    return {
        "page": page,
        "site_profile": profile,
        "settings": context.get("settings"),
        "request": context.get("request"),
        "share_title": title,
        "share_description": description if description is not None else _description(context, page),
        "share_url": _canonical(context, page),
        "share_type": type,
        "site_name": site_name,
        # 发布时间 where the page type has one (articles), else Wagtail's first publication.
        "created": getattr(page, "publish_at", None) or getattr(page, "first_published_at", None),
        "updated": getattr(page, "last_published_at", None),
    }


def _first_image(page):
    body = getattr(page, "body", None)
    if body is None or not hasattr(body, "raw_data"):
        return None
    if not any(block.get("type") == "image" for block in body.raw_data):
        return None  # no image block: do not load the stream's images at all
    for block in body:
        if block.block_type == "image" and block.value is not None:
            return block.value
    return None


@register.simple_tag(takes_context=True)
def share_image_url(context, page=None, logo=None):
    """Absolute URL of the share image: the page's first image, else the site's logo, else the platform's
    default (settings.SHARE_DEFAULT_IMAGE, a static file). A missing file never breaks the page."""
    for image in (_first_image(page), logo):
        # None, or "" where a page has no site settings (the 404 of an unknown host).
        if not hasattr(image, "get_rendition"):
            continue
        try:
            return _absolute(context, image.get_rendition(SHARE_IMAGE_FILTER).url)
        except (SourceImageIOError, OSError):  # a missing or unreadable source file: try the next image
            continue
    return _absolute(context, static_or_empty(settings.SHARE_DEFAULT_IMAGE))


def static_or_empty(path: str) -> str:
    """The static URL of ``path``, or "" when it is not among the collected files (the manifest storage of
    production raises instead of answering): a misconfigured asset leaves an element out, never a 500."""
    try:
        return static(path) if path else ""
    except ValueError:
        return ""


@register.simple_tag
def conac_badge_src() -> str:
    """The 党政机关网站标识 artwork (settings.CONAC_BADGE_IMAGE); "" leaves the badge link as text."""
    return static_or_empty(settings.CONAC_BADGE_IMAGE)
