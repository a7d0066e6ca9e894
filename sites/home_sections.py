"""Home-page sections of every site, as data: which blocks a site kind's home page shows, in which order.

The order per kind is the ``home_sections`` list in that kind's blueprint (``sites/blueprints/<kind>.toml``); the
sections themselves belong to the apps that own their data and register them in ``AppConfig.ready()`` — 政府信息公开
by openinfo, 政民互动 by interaction, the column lists and 政务服务 by home — so this app names none of them
(dependencies flow one way, core ← sites ← content apps). A name in a blueprint that no installed app registers is
skipped, so a kind can list a section before the app that provides it is installed.

Each section renders its own template with the context its function returns, or nothing when the function returns
None (e.g. a site without a disclosure section). The rendered HTML is kept per site until the site publishes or the
group changes (``sites/site_cache.py``), like the rest of the page chrome; a section whose data live on other sites
(the interaction statistics of a portal, say) must bump those sites' counters when they change, as the content apps
already do for their own lists.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from . import site_cache

# 政府网站发展指引 (2017) 附件 2.2: a portal's home page carries 信息发布, 解读回应, 办事服务 and 互动交流 entrances;
# smaller sites keep the same blocks scaled down. Kinds choose theirs in their blueprint; this is the fallback.
DEFAULT_SECTIONS = ("columns",)


@dataclass(frozen=True)
class HomeSection:
    name: str
    template: str
    context: Callable  # (home_page, request) -> dict | None


_SECTIONS: dict[str, HomeSection] = {}


def register(name: str, template: str, context: Callable) -> None:
    _SECTIONS[name] = HomeSection(name=name, template=template, context=context)


def registered() -> dict[str, HomeSection]:
    return dict(_SECTIONS)


def sections_for(kind: str) -> list[HomeSection]:
    """The registered sections of a kind's home page, in its blueprint's order."""
    from .blueprint import load_blueprint

    names = load_blueprint(kind).home_sections or DEFAULT_SECTIONS
    return [_SECTIONS[name] for name in names if name in _SECTIONS]


def render_section(section: HomeSection, page, request) -> str:
    """The section's HTML for this site (cached per site generation), "" when it has nothing to show."""

    def build() -> str:
        context = section.context(page, request)
        if context is None:
            return ""
        return render_to_string(section.template, {**context, "page": page, "request": request}, request=request)

    return site_cache.cached(request, f"home-section:{section.name}", build, page.pk)
