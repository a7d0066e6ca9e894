"""The home app's home-page sections (sites/home_sections.py): 要闻 lead story, the column lists, 政务服务, and a 专题
site's own banner and 重点项目 list."""

from django.db.models import Q

from sites.home_sections import register
from sites.route_cache import private_q as cached_private_q

LEAD_CANDIDATES = 30  # newest articles looked at for one with a picture
SERVICE_ITEMS = 8


def first_image(article):
    """The first picture block of an article's body with its alt text, or None."""
    for block in article.body:
        if block.block_type == "image" and block.value is not None:
            return block.value
    return None


def lead_context(page, request):
    """要闻 with a picture: the newest article of the home page's columns that carries an image (a static lead story,
    not a slideshow — nothing moves, so nothing has to be paused, 适老化). None when no article has a picture."""
    from .models import ArticlePage, ColumnPage

    paths = ColumnPage.objects.live().child_of(page).filter(show_on_home=True).values_list("path", flat=True)
    within = Q()
    for path in paths:
        within |= Q(path__startswith=path)
    if not within:
        return None
    # The site's own articles: an item adopted from a district (an alias, syndication) keeps its own site's picture.
    articles = ArticlePage.objects.live().exclude(cached_private_q()).filter(within, alias_of__isnull=True)
    for article in articles.order_by("-publish_at", "-pk")[:LEAD_CANDIDATES]:
        image = first_image(article)
        if image is not None:
            return {"lead": article, "lead_image": image}
    return None


def columns_context(page, request):
    return {"home_columns": page.home_columns()}


def services_context(page, request):
    """政务服务: the site's 办事服务 column and its first service guides (in the editors' order)."""
    from .enums import ColumnType
    from .models import ColumnPage, guides_under

    column = ColumnPage.objects.live().child_of(page).filter(column_type=ColumnType.SERVICE).first()
    if column is None:
        return None
    return {"service_column": column, "guides": list(guides_under(column)[:SERVICE_ITEMS])}


def topic_banner_context(page, request):
    """专题 banner: the home page's banner image when it has one; the template always writes the site name and intro as
    text, so nothing is said only by the picture (GB/T 37668 图片须有文字替代)."""
    return {"banner": page.banner, "banner_alt": page.banner_alt}


def projects_context(page, request):
    """重点项目: the home page's project rows in the editors' order; None (no section) when there are none."""
    projects = list(page.projects.select_related("article"))
    if not projects:
        return None
    return {"projects": projects}


def register_sections() -> None:
    register("lead", "home/sections/lead.html", lead_context)
    register("columns", "home/sections/columns.html", columns_context)
    register("services", "home/sections/services.html", services_context)
    register("topic_banner", "home/sections/topic_banner.html", topic_banner_context)
    register("projects", "home/sections/projects.html", projects_context)
