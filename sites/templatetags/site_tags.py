"""Template tags for the public chrome of every site in the group: navigation, breadcrumbs, footer
links and child-site panels.

Each tag resolves the current site from ``site_profile`` (set by ``sites.context_processors``) or the
request, and degrades to empty output when neither is known, so error pages and tests without a
site never crash.
"""

import functools
import re
from urllib.parse import urlencode

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Subquery
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail.models import Page, Site

from sites import site_cache
from sites.links import local_page_url
from sites.models import SiteProfile, SiteSettings
from sites.pages import translated_only
from sites.utils import get_profile_for_request

register = template.Library()

DEFAULT_THEME_COLOUR = "#b5121b"
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# 全国政府网站找错平台: every government site links here unless it runs its own error-report page.
NATIONAL_ERROR_REPORT_URL = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action"

# Routable classes of site roots, looked up once per process (a page id keeps its content type). Only
# routable classes are kept, so a root that is briefly a plain Page never hides the footer links for good.
_root_page_classes: dict[int, type] = {}


def _current_site(context) -> Site | None:
    profile = context.get("site_profile")
    if profile is not None:
        return profile.site
    request = context.get("request")
    if request is None:
        return None
    try:
        return Site.find_for_request(request)
    except Site.DoesNotExist:
        return None


def _root_page(site: Site):
    """The site root as a one-row queryset, used as a subquery so callers stay at one query."""
    return Page.objects.filter(pk=site.root_page_id)


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_nav(context):
    """Main navigation: the site home plus live ``show_in_menus`` children of the site root (one query).

    The item whose subtree contains the current page is marked active, so articles highlight their column.
    """
    request = context.get("request")
    site = _current_site(context)
    page = context.get("page")
    items = []
    if site is not None:
        profile = get_profile_for_request(request) if request is not None else None
        current_path = getattr(page, "path", "")
        if request is not None and profile is not None and profile.site_id == site.pk:
            # The menu only changes when this site publishes (sites/site_cache.py); which item is active does not
            # belong in the cached value. The query is built only when the cache has no menu: building it costs
            # about as much as reading the menu.
            entries = site_cache.cached(request, "nav", lambda: _nav_entries(_menu_pages(site, profile), request))
        else:
            entries = _nav_entries(_menu_pages(site, profile), request)
        items = [{**entry, "active": current_path.startswith(entry["path"])} for entry in entries]
    home_active = page is not None and site is not None and page.pk == site.root_page_id
    return {"items": items, "home_url": _home_path(), "home_active": home_active, "request": request}


def _menu_pages(site, profile):
    if profile is not None and profile.site_id == site.pk:
        # The root page came with the profile: a plain indexed query on (depth, path).
        root = profile.site.root_page
        children = Page.objects.live().in_menu().filter(depth=root.depth + 1, path__startswith=root.path)
    else:
        root = _root_page(site)
        children = (
            Page.objects.live()
            .in_menu()
            .filter(depth=Subquery(root.values("depth")[:1]) + 1, path__startswith=Subquery(root.values("path")[:1]))
        )
    return translated_only(children).order_by("path")


def _nav_entries(children, request) -> list[dict]:
    return [{"title": child.title, "url": local_page_url(child, request), "path": child.path} for child in children]


@register.simple_tag(takes_context=True)
def site_url(context, page):
    """``{% site_url page %}``: like ``{% pageurl %}`` but cheap for pages of the current site."""
    return local_page_url(page, context.get("request"))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, *extra):
    """当前位置: ancestors from the site home down to ``page`` (one query).

    ``extra`` labels are appended after ``page`` for routed sub-views such as 网站地图.
    """
    request = context.get("request")
    site = _current_site(context)
    if page is None or page.pk is None:
        return {"crumbs": _crumbs(request, site, page, extra)}
    # A page's trail changes only when this site publishes (titles) or the group changes (moves).
    build = lambda: _crumbs(request, site, page, extra)  # noqa: E731
    return {"crumbs": site_cache.cached(request, "crumbs", build, page.pk, *extra)}


def _crumbs(request, site, page, extra) -> list[dict]:
    crumbs = []
    if page is not None:
        ancestors = page.get_ancestors().filter(depth__gt=1)
        if site is not None:
            ancestors = ancestors.filter(depth__gte=Subquery(_root_page(site).values("depth")[:1]))
        crumbs = [{"title": a.title, "url": local_page_url(a, request)} for a in ancestors]
        is_root = site is not None and page.pk == site.root_page_id
        if not is_root or extra:
            crumbs.append({"title": page.title, "url": local_page_url(page, request)})
        if crumbs:
            crumbs[0]["title"] = gettext("首页")  # the site root is always shown as 首页, whatever its page title
            crumbs[0]["url"] = _home_path()
    crumbs.extend({"title": label, "url": ""} for label in extra)
    if crumbs:
        crumbs[-1]["url"] = ""  # the current location is text, not a link to itself
    return crumbs


def _home_path() -> str:
    """The site root's path in the active language ("/" or "/en/"): every site's home is served at its root."""
    try:
        return reverse("wagtail_serve", args=("",))
    except NoReverseMatch:
        return "/"


def _root_page_class(site: Site):
    cls = _root_page_classes.get(site.root_page_id)
    if cls is None:
        ct_id = Page.objects.filter(pk=site.root_page_id).values_list("content_type_id", flat=True).first()
        cls = (ContentType.objects.get_for_id(ct_id).model_class() if ct_id else None) or Page
        if hasattr(cls, "get_resolver"):
            _root_page_classes[site.root_page_id] = cls
    return cls


@register.simple_tag(takes_context=True)
def site_home_url(context, route_name=""):
    """URL of the site home, or of one of its routes (``{% site_home_url "html_sitemap" %}``).

    Uses the page being rendered when it is the site root; otherwise the root's class (cached per
    process), so footers cost no query. Returns "" when the route does not exist.
    """
    home = _home_path()
    if not route_name:
        return home
    site = _current_site(context)
    page = context.get("page")
    if site is None:
        return ""
    owner = page if page is not None and page.pk == site.root_page_id else _root_page_class(site)
    if not hasattr(owner, "get_resolver"):
        return ""
    try:
        return home + owner.get_resolver().reverse(route_name)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def site_domain(context):
    """Hostname for the SiteDomain meta tag: the site's configured hostname, else the request host."""
    site = _current_site(context)
    if site is not None:
        return site.hostname
    request = context.get("request")
    return request.get_host().rsplit(":", 1)[0] if request is not None else ""


@register.simple_tag(takes_context=True)
def error_report_url(context):
    """找错 link: the site's own page if configured, else the national platform with 网站标识码 and this URL."""
    request = context.get("request")
    site_settings = _site_settings(context)
    if site_settings is not None and site_settings.error_report_url:
        return site_settings.error_report_url
    profile = context.get("site_profile")
    params = {"sitecode": getattr(profile, "site_code", "") or ""}
    if request is not None:
        params["url"] = request.build_absolute_uri()
    return f"{NATIONAL_ERROR_REPORT_URL}?{urlencode(params)}"


def _site_settings(context):
    request = context.get("request")
    if request is None:
        return None
    try:
        return SiteSettings.for_request(request)
    except (Site.DoesNotExist, SiteSettings.DoesNotExist):  # no site for this host: footer renders without settings
        return None


@register.simple_tag(takes_context=True)
def child_sites(context, profile):
    """Child sites of ``profile`` with their Wagtail sites joined (one query, then from the shared cache until a
    site of the group changes); [] when there is no profile."""
    if profile is None:
        return []
    request = context.get("request")
    children = lambda: list(SiteProfile.objects.with_site().filter(parent=profile))  # noqa: E731
    if request is None:
        return children()
    return site_cache.cached(request, "child-sites", children, profile.pk)


@register.filter
def of_kind(profiles, kinds):
    """Keep profiles whose kind is in ``kinds`` ("district" or "township,village"); no query."""
    wanted = {k.strip() for k in str(kinds).split(",")}
    return [p for p in profiles or [] if p.kind in wanted]


@register.simple_tag(takes_context=True)
def language_url(context, language_code):
    """The current page in ``language_code``, or "" when the site does not enable that language or the page has no
    version in it (a link or hreflang to an /en/ URL that only redirects back to Chinese is a broken link)."""
    request = context.get("request")
    profile = context.get("site_profile")
    if request is None or profile is None or not profile.supports_language(language_code):
        return ""
    page = context.get("page")
    if page is not None and hasattr(page, "has_translation") and not page.has_translation(language_code):
        return ""
    return _translated_path(request.path, language_code, get_language())


@functools.lru_cache(maxsize=4096)
def _translated_path(path, language_code, active_language):
    """``translate_url`` resolves the path through the whole URLconf; a page asks up to four times (head and
    header), and its answer depends only on these three values and the URLconf, fixed per process."""
    return translate_url(path, language_code)


_CJK = re.compile(r"[\u3400-\u9fff]")


@register.filter
def proper_name(value):
    """A name shown as written (a site's or unit's name with no English form, an ICP or 公安 record number): under
    a non-Chinese language Chinese text is marked ``lang="zh-Hans"`` (WCAG 2.1 SC 3.1.2 Language of Parts, GB/T
    37668), so screen readers switch voice and checkers can tell a proper name from untranslated chrome."""
    text = str(value or "")
    if not text or (get_language() or "").startswith("zh") or not _CJK.search(text):
        return value
    return format_html('<span lang="zh-Hans">{}</span>', text)


@register.filter
def proper_name_lang(value):
    """`` lang="zh-Hans"`` where ``proper_name`` would mark ``value``, for an element holding only that name — an
    ``<option>`` cannot hold its ``<span>`` — else ""."""
    text = str(value or "")
    if not text or (get_language() or "").startswith("zh") or not _CJK.search(text):
        return ""
    return mark_safe(' lang="zh-Hans"')


@register.filter
def theme_colour(value):
    """Only a #rrggbb value may reach CSS; anything else falls back to the default red."""
    value = str(value or "")
    return value if _HEX_COLOUR.match(value) else DEFAULT_THEME_COLOUR


@register.simple_tag
def theme_stylesheet_url(colour):
    """URL of the stylesheet that sets a site's own theme colour, or "" for the default (already in site.css).
    A stylesheet rather than an inline <style>: the Content-Security-Policy allows no inline style."""
    colour = theme_colour(colour).lower()
    return "" if colour == DEFAULT_THEME_COLOUR else reverse("theme-css", args=[colour[1:]])


@register.simple_tag
def page_numbers(page_obj, on_each_side=2, on_ends=1):
    """Page numbers around the current one for the 首页/上一页/…/末页 pager; None marks a "…" gap."""
    if page_obj is None:
        return []
    numbers = page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends)
    return [n if isinstance(n, int) else None for n in numbers]


@register.filter
def record_code(value):
    """Digits of a 公安机关备案号: editors type "湘公网安备 43020302000001号", beian.gov.cn wants only digits."""
    return re.sub(r"\D", "", str(value or ""))


@register.simple_tag
def sitemap_tree(pages, home):
    """Group the flat, path-ordered 网站地图 list into [(top-level page, [its children])]; no query."""
    tree = []
    top_depth = getattr(home, "depth", 1) + 1
    for page in pages or []:
        if page.depth == top_depth:
            tree.append((page, []))
        elif tree and page.path.startswith(tree[-1][0].path):
            tree[-1][1].append(page)
        # else: a page whose section is not listed (private, untranslated) is left out rather than shown under
        # the previous section.
    return tree


class SiteCacheNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        vary = [v.resolve(context) for v in self.vary]
        if any(v is None or v == "" for v in vary):
            return self.nodelist.render(context)  # the caller said this output must not be kept
        build = lambda: self.nodelist.render(context)  # noqa: E731
        return site_cache.cached(context.get("request"), f"fragment:{self.name}", build, *vary)


@register.simple_tag(takes_context=True)
def home_sections(context, page):
    """The rendered home-page sections of the current site's kind, in order, empty ones left out."""
    from django.utils.safestring import mark_safe

    from sites.home_sections import render_section, sections_for

    profile = context.get("site_profile")
    request = context.get("request")
    if profile is None:
        return []
    rendered = (render_section(section, page, request) for section in sections_for(profile.kind))
    return [mark_safe(html) for html in rendered if html]


@register.tag("sitecache")
def sitecache(parser, token):
    """``{% sitecache "name" var … %}…{% endsitecache %}``: the rendered block, kept in the shared cache for this
    site, language and ``var`` values until the site publishes or the group changes (sites/site_cache.py).

    Only for output that depends on nothing else: not the request's URL, user or query parameters. A ``var``
    that is None or empty renders the block without the cache (``paginate_cached``'s ``fragment_key`` of a
    filtered list).
    """
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('{% sitecache "name" [var …] %} needs a quoted fragment name')
    nodelist = parser.parse(("endsitecache",))
    parser.delete_first_token()
    return SiteCacheNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])


@register.simple_tag(takes_context=True)
def page_origin(context, page):
    """Where an alias page (Wagtail page aliases: 信息报送 采用（引用原文）, 稿件共享) comes from: ``{"url": the
    original's full URL, "site": its site's name}`` for ``<link rel="canonical">`` and 来源, else None. One query
    for the original and its site, only for aliases."""
    original_id = getattr(page, "alias_of_id", None)
    if not original_id:
        return None
    original = Page.objects.filter(pk=original_id).only("id", "path", "url_path", "live").first()
    if original is None or not original.live:
        return None
    root_path = original.path[: 2 * Page.steplen]  # every site's home page sits directly under the tree root
    profile = SiteProfile.objects.filter(site__root_page__path=root_path).only("org_name").first()
    return {"url": original.get_full_url(context.get("request")), "site": profile.org_name if profile else ""}
