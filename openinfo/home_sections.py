"""政府信息公开 on the home page (sites/home_sections.py): the platform's entrances and the newest documents."""

from sites.home_sections import register

LATEST_DOCUMENTS = 6


def openinfo_context(page, request):
    """None when the site has no 政府信息公开 section (e.g. a topic site)."""
    from wagtail.models import Page

    from .models import DisclosureIndexPage
    from .services import documents_in

    index = DisclosureIndexPage.objects.live().child_of(page).first()
    if index is None:
        return None
    entrances = Page.objects.live().public().child_of(index).order_by("path")
    documents = (
        documents_in(root=index, request=request)
        .select_related(None)
        .only(*("id", "title", "url_path", "published_on", "path", "depth", "content_type_id", "locale_id"))
    )
    return {"disclosure_index": index, "entrances": list(entrances), "documents": list(documents[:LATEST_DOCUMENTS])}


def register_sections() -> None:
    register("openinfo", "openinfo/includes/home_section.html", openinfo_context)
