"""Existing installs: turn a site's 政府信息公开指南 / 制度 StandardPage into the structured page type.

``create_site`` (sites/services.py) only adds missing pages — it never changes the type of a page that exists —
so sites created before the guide and rules pages keep a StandardPage at ``zfxxgk/zn`` and ``zfxxgk/zd``. The
conversion keeps the page itself (id, path, URL, slug, title, publication state, revisions, permissions and
everything that links to it) and moves its body (and English body) into the new type's 其他说明/正文: only the
type-specific table row changes. A page with unpublished changes is refused, so no draft is lost.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Page, Revision

from .models import DisclosureGuidePage, DisclosureIndexPage, DisclosureRulesPage

TARGETS = {"zn": DisclosureGuidePage, "zd": DisclosureRulesPage}
CARRIED_FIELDS = ("body", "body_en")


class ConversionRefused(Exception):
    """The page cannot be converted as it stands; nothing was changed."""


@dataclass(frozen=True)
class Candidate:
    page: Page  # the StandardPage, specific
    target: type

    def describe(self) -> str:
        return f"{self.page.url_path}（{self.page.title}）→ {self.target._meta.verbose_name}"


def candidates(site_roots=None) -> list[Candidate]:
    """Every 指南/制度 page of a 政府信息公开 section that is still a StandardPage (optionally below some roots)."""
    sections = DisclosureIndexPage.objects.all()
    if site_roots is not None:
        sections = [s for s in sections if any(s.is_descendant_of(root) for root in site_roots)]
    standard = ContentType.objects.get_by_natural_key("home", "standardpage")
    found = []
    for section in sections:
        for page in section.get_children().filter(slug__in=TARGETS, content_type=standard).specific():
            found.append(Candidate(page=page, target=TARGETS[page.slug]))
    return found


def convert(candidate: Candidate) -> Page:
    """Convert one page in one transaction and return it as its new type."""
    page, target = candidate.page, candidate.target
    if page.has_unpublished_changes and page.live:
        raise ConversionRefused(f"{page.url_path} 有未发布的修改，请先发布或撤销后再转换")
    new_type = ContentType.objects.get_for_model(target)
    with transaction.atomic():
        values = {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
        for name in CARRIED_FIELDS:
            stream = getattr(page, name, None)
            values[name] = list(stream.raw_data) if stream else []
        old_table = type(page)._meta.db_table
        with connection.cursor() as cursor:
            # The StandardPage row only; the wagtailcore_page row (and all that refers to it) stays.
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(old_table)} WHERE page_ptr_id = %s",
                [page.pk],
            )
        values["content_type_id"] = new_type.pk
        converted = target(**values)
        converted.page_ptr_id = page.pk
        # raw: writes the new type's own row; the page row exists already and must not be re-saved as new.
        converted.save_base(raw=True)
        Page.objects.filter(pk=page.pk).update(content_type=new_type)
        Revision.page_revisions.filter(object_id=str(page.pk)).update(content_type=new_type)
        converted = target.objects.get(pk=page.pk)
        revision = converted.save_revision(clean=False, log_action=False)
        if converted.live:
            revision.publish(log_action=False)
    return target.objects.get(pk=page.pk)
