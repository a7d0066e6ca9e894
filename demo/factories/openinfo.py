"""Factories for disclosure pages, shared by tests and the demo seed."""

import datetime

import factory
import wagtail_factories

from openinfo.enums import DocumentGenre
from openinfo.models import DisclosureCategoryPage, DisclosureDocumentPage


class DisclosureDocumentPageFactory(wagtail_factories.PageFactory):
    """Creates a *draft*; call :func:`publish` to publish it (publishing allocates the 索引号)."""

    class Meta:
        model = DisclosureDocumentPage

    title = factory.Sequence(lambda n: f"关于印发测试文件{n}的通知")
    slug = factory.Sequence(lambda n: f"doc-{n}")
    written_on = datetime.date(2026, 3, 2)
    published_on = datetime.date(2026, 3, 5)
    subject = "综合政务"
    genre = DocumentGenre.OTHER_DOCUMENT
    live = False


def publish(page):
    """Publish through a revision, as the admin does, and return the fresh page."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def category_page(profile, code: str) -> DisclosureCategoryPage:
    """The statutory column ``code`` (e.g. ``a20-01``) of a site's 政府信息公开 section."""
    return DisclosureCategoryPage.objects.descendant_of(profile.site.root_page).get(category=code)
