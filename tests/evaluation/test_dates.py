"""Dates: a shown publication date in the future, or changed after first publication (against the first
published revision), each linked to the page's history."""

import datetime

import pytest

from demo.factories.home import column_of
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from evaluation.enums import Severity

from .content import TODAY, article, findings, noon

pytestmark = pytest.mark.django_db


def published_article(site, when):
    page = article(column_of(site, "gzdt"), when, live=False)
    return publish(page)


def republish(page, **changes):
    for field, value in changes.items():
        setattr(page, field, value)
    return publish(page)


def test_a_future_date_is_a_veto_and_today_is_not(group):
    site = group.hetang
    tomorrow = article(column_of(site, "gzdt"), noon(TODAY + datetime.timedelta(days=1)))
    tonight = article(column_of(site, "gzdt"), noon(TODAY) + datetime.timedelta(hours=11))
    found = findings("dates", site)
    assert found[f"page:{tomorrow.pk}:future"].severity == Severity.VETO
    assert found[f"page:{tomorrow.pk}:future"].edit_url == f"/admin/pages/{tomorrow.pk}/history/"
    assert f"page:{tonight.pk}:future" not in found


def test_a_date_changed_after_first_publication_is_a_warning(group):
    site = group.hetang
    page = published_article(site, noon(datetime.date(2026, 10, 20)))
    assert findings("dates", site) == {}
    page = republish(page, publish_at=noon(datetime.date(2026, 10, 12)))
    found = findings("dates", site)[f"page:{page.pk}:changed"]
    assert found.severity == Severity.WARNING
    assert found.extra == {"shown": "2026-10-12", "first": "2026-10-20"}
    assert found.edit_url == f"/admin/pages/{page.pk}/history/"


def test_other_edits_and_a_new_time_on_the_same_day_are_not_a_change(group):
    site = group.hetang
    page = published_article(site, noon(datetime.date(2026, 10, 20)))
    republish(page, title="改过标题的文章", publish_at=noon(datetime.date(2026, 10, 20)) + datetime.timedelta(hours=3))
    assert findings("dates", site) == {}


def test_pages_published_without_a_revision_are_judged_for_future_dates_only(group):
    site = group.hetang
    article(column_of(site, "gzdt"), noon(datetime.date(2026, 10, 1)))  # the factory publishes without a revision
    assert findings("dates", site) == {}


def test_a_disclosure_document_changed_or_in_the_future(group):
    site = group.all["zhuzhou-fgw"]
    category = category_page(site, "a20-01")
    changed = publish(DisclosureDocumentPageFactory(parent=category, published_on=datetime.date(2026, 3, 5)))
    changed = republish(changed, published_on=datetime.date(2026, 3, 4))
    future = publish(
        DisclosureDocumentPageFactory(
            parent=category, written_on=datetime.date(2026, 10, 1), published_on=datetime.date(2026, 11, 3)
        )
    )
    found = findings("dates", site)
    assert found[f"page:{changed.pk}:changed"].extra == {"shown": "2026-03-04", "first": "2026-03-05"}
    assert found[f"page:{future.pk}:future"].severity == Severity.VETO
    assert set(found) == {f"page:{changed.pk}:changed", f"page:{future.pk}:future"}


def test_a_flagged_document_without_revisions_is_still_reported(group):
    """openinfo flags every change of a published document's date even when made outside the editor."""
    site = group.all["zhuzhou-fgw"]
    doc = publish(DisclosureDocumentPageFactory(parent=category_page(site, "a20-01")))
    type(doc).objects.filter(pk=doc.pk).update(publish_date_changed=True)
    type(doc).objects.filter(pk=doc.pk).first().revisions.all().delete()
    found = findings("dates", site)[f"page:{doc.pk}:changed"]
    assert found.extra["first"] is None
