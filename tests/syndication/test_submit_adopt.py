"""信息报送: submitting to a portal column, the receiving office's adopt / return / reject, and who may see what."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from demo.factories.home import column_of
from home.models import ArticlePage
from syndication import services
from syndication.enums import AdoptionMode, SubmissionStatus
from syndication.models import Submission
from tests.conftest import site_client

from .helpers import article, qxdt

pytestmark = pytest.mark.django_db


def _submit(group, editor, page, columns):
    client = site_client(group.zhuzhou, editor("zhuzhou-fgw"))
    return client.post(reverse("syndication:submit", args=[page.pk]), {"columns": [c.pk for c in columns]})


# -- 报送 ------------------------------------------------------------------------------------------------------


def test_submit_offers_only_the_accepting_columns_of_the_parent_portal(group, editor):
    page = article(group.zhuzhou_fgw)
    client = site_client(group.zhuzhou, editor("zhuzhou-fgw"))
    response = client.get(reverse("syndication:submit", args=[page.pk]))
    assert response.status_code == 200
    offered = list(response.context["form"].fields["columns"].queryset)
    assert offered == [qxdt(group)]
    assert "株洲市人民政府 › 区县动态" in response.content.decode()


def test_submit_creates_one_pending_row_per_column_and_logs_it(group, editor):
    page = article(group.zhuzhou_fgw)
    response = _submit(group, editor, page, [qxdt(group)])
    assert response.status_code == 302 and response.url == reverse("syndication:sent")
    submission = Submission.objects.get(page=page)
    assert submission.status == SubmissionStatus.PENDING
    assert (submission.source_site, submission.target_site) == (group.zhuzhou_fgw, group.zhuzhou)
    assert submission.submitted_by == editor("zhuzhou-fgw")
    assert PageLogEntry.objects.filter(page=page, action="syndication.submit").count() == 1
    history = site_client(group.zhuzhou, editor("zhuzhou-fgw")).get(
        reverse("wagtailadmin_pages:history", args=[page.pk])
    )
    assert history.status_code == 200 and "信息报送" in history.content.decode()


def test_submit_to_a_column_not_accepting_submissions_is_refused(group, editor):
    page = article(group.zhuzhou_fgw)
    news = column_of(group.zhuzhou, "zwyw")  # 政务要闻 does not accept submissions
    response = _submit(group, editor, page, [news])
    assert response.status_code == 200
    assert "所选栏目不可用。" in response.content.decode()
    assert not Submission.objects.exists()
    with pytest.raises(services.SyndicationError, match="不接受本站报送"):
        services.submit(page, [news], editor("zhuzhou-fgw"))
    assert not Submission.objects.exists()


def test_submit_to_a_column_of_an_unrelated_site_is_refused(group, editor):
    page = article(group.zhuzhou_fgw)
    other = column_of(group.hetang, "xzjd")  # accepts submissions, but from 荷塘's townships only
    with pytest.raises(services.SyndicationError, match="栏目“乡镇街道”不接受本站报送"):
        services.submit(page, [other], editor("zhuzhou-fgw"))
    response = _submit(group, editor, page, [other])
    assert "所选栏目不可用。" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_township_submits_to_its_district_not_to_the_city(group):
    offered = list(services.receiving_columns(group.hetang_yuetang))
    assert offered == [column_of(group.hetang, "xzjd")]


def test_submitting_twice_while_pending_is_refused(group, editor):
    page = article(group.zhuzhou_fgw)
    _submit(group, editor, page, [qxdt(group)])
    response = _submit(group, editor, page, [qxdt(group)])
    assert response.status_code == 200
    assert "本文已报送到栏目“区县动态”，正在等待处理，请勿重复报送。" in response.content.decode()
    assert Submission.objects.filter(page=page).count() == 1


def test_only_live_pages_can_be_submitted(group, editor):
    page = article(group.zhuzhou_fgw, live=False)
    response = _submit(group, editor, page, [qxdt(group)])
    assert response.status_code == 200
    assert "只有已发布的信息可以报送或共享，请先发布。" in response.content.decode()
    assert not Submission.objects.exists()


def test_another_sites_staff_cannot_submit_a_page(group, editor):
    page = article(group.zhuzhou_fgw)
    client = site_client(group.zhuzhou, editor("hetang"))
    response = client.post(reverse("syndication:submit", args=[page.pk]), {"columns": [qxdt(group).pk]})
    assert response.status_code == 404
    assert not Submission.objects.exists()


# -- The queue: scoping -----------------------------------------------------------------------------------------


@pytest.fixture
def pending(group, editor):
    page = article(group.zhuzhou_fgw)
    return services.submit(page, [qxdt(group)], editor("zhuzhou-fgw"))[0]


def test_queue_lists_submissions_to_own_columns_only(group, editor, pending):
    portal = site_client(group.zhuzhou, editor("zhuzhou"))
    assert [s.pk for s in portal.get(reverse("syndication:queue")).context["page_obj"]] == [pending.pk]
    hetang = site_client(group.zhuzhou, editor("hetang"))
    assert list(hetang.get(reverse("syndication:queue")).context["page_obj"]) == []


def test_queue_filters_by_status_unit_column_and_month(group, editor, pending):
    client = site_client(group.zhuzhou, editor("zhuzhou"))
    url = reverse("syndication:queue")
    month = pending.submitted_at.strftime("%Y-%m")
    query = {"status": "pending", "unit": group.zhuzhou_fgw.pk, "column": qxdt(group).pk, "month": month}
    found = client.get(url, query)
    assert [s.pk for s in found.context["page_obj"]] == [pending.pk]
    assert list(client.get(url, {"status": "adopted"}).context["page_obj"]) == []
    assert list(client.get(url, {"month": "2001-01"}).context["page_obj"]) == []
    bad = client.get(url, {"month": "2026-13"})
    assert "月份格式应为 YYYY-MM，例如 2026-03" in bad.content.decode()


def test_another_sites_staff_get_404_on_a_queue_item(group, editor, pending):
    client = site_client(group.zhuzhou, editor("hetang"))
    url = reverse("syndication:detail", args=[pending.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"action": "adopt", "mode": AdoptionMode.ALIAS})
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == SubmissionStatus.PENDING


def test_the_submitter_cannot_act_on_its_own_submission(group, editor, pending):
    client = site_client(group.zhuzhou, editor("zhuzhou-fgw"))
    response = client.post(reverse("syndication:detail", args=[pending.pk]), {"action": "reject", "reason": "x"})
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == SubmissionStatus.PENDING


# -- Adopt / return / reject -------------------------------------------------------------------------------------


def _act(group, editor, submission, **data):
    client = site_client(group.zhuzhou, editor("zhuzhou"))
    return client.post(reverse("syndication:detail", args=[submission.pk]), data, follow=True)


def test_adopt_as_alias_puts_the_original_live_in_the_column_with_source_and_canonical(group, editor, pending):
    response = _act(group, editor, pending, action="adopt", mode=AdoptionMode.ALIAS)
    assert "已采用“发改委召开项目调度会”（采用（引用原文））。" in response.content.decode()
    pending.refresh_from_db()
    assert (pending.status, pending.mode, pending.handled_by) == ("adopted", "alias", editor("zhuzhou"))
    alias = pending.adopted_page.specific
    assert alias.live and alias.alias_of_id == pending.page_id
    assert alias.get_parent().pk == qxdt(group).pk
    public = site_client(group.zhuzhou).get(alias.url)
    html = public.content.decode()
    assert public.status_code == 200
    assert "来源：株洲市发展和改革委员会" in html
    assert f'<link rel="canonical" href="{pending.page.full_url}">' in html
    assert "zhuzhou-fgw.localhost" in pending.page.full_url
    assert PageLogEntry.objects.filter(page=pending.page, action="syndication.adopt", user=editor("zhuzhou")).exists()


def test_adopt_twice_is_refused_and_creates_nothing(group, editor, pending):
    _act(group, editor, pending, action="adopt", mode=AdoptionMode.ALIAS)
    pages = Page.objects.count()
    response = _act(group, editor, pending, action="adopt", mode=AdoptionMode.COPY)
    assert "该报送信息已处理（已采用），不能重复处理。" in response.content.decode()
    assert Page.objects.count() == pages
    # A second submission of the same page to the same column, after adoption, cannot be adopted again either.
    again = Submission.objects.create(
        page=pending.page,
        title="x",
        source_site=pending.source_site,
        column=pending.column,
        target_site=pending.target_site,
        submitted_at=pending.submitted_at,
    )
    with pytest.raises(services.SyndicationError, match="本文已被该栏目采用，不能重复采用。"):
        services.adopt(again, editor("zhuzhou"), AdoptionMode.ALIAS)
    again.refresh_from_db()
    assert again.status == SubmissionStatus.PENDING and Page.objects.count() == pages


def test_adopt_as_edited_copy_creates_a_draft_with_the_unit_as_source(group, editor, pending):
    _act(group, editor, pending, action="adopt", mode=AdoptionMode.COPY)
    pending.refresh_from_db()
    copy = pending.adopted_page.specific
    assert isinstance(copy, ArticlePage) and not copy.live and copy.alias_of_id is None
    assert copy.source == "株洲市发展和改革委员会"
    assert copy.get_parent().pk == qxdt(group).pk


def test_return_needs_a_reason(group, editor, pending):
    response = _act(group, editor, pending, action="return", reason="  ")
    assert "请填写理由。" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == SubmissionStatus.PENDING and pending.handled_at is None


def test_return_then_resubmit(group, editor, pending):
    _act(group, editor, pending, action="return", reason="请补充图片说明")
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == (SubmissionStatus.RETURNED, "请补充图片说明")
    sent = site_client(group.zhuzhou, editor("zhuzhou-fgw")).get(reverse("syndication:sent"))
    html = sent.content.decode()
    assert "已退回" in html and "请补充图片说明" in html and "重新报送" in html
    response = _submit(group, editor, pending.page, [qxdt(group)])
    assert response.status_code == 302
    assert Submission.objects.filter(page=pending.page, status=SubmissionStatus.PENDING).count() == 1
    assert PageLogEntry.objects.filter(page=pending.page, action="syndication.return").exists()


def test_reject_with_reason(group, editor, pending):
    _act(group, editor, pending, action="reject", reason="与本栏目定位不符")
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == (SubmissionStatus.REJECTED, "与本栏目定位不符")
    assert pending.adopted_page is None
    assert PageLogEntry.objects.filter(page=pending.page, action="syndication.reject").exists()


# -- Sync ------------------------------------------------------------------------------------------------------


def test_an_alias_follows_a_correction_of_the_original(group, editor, pending):
    services.adopt(pending, editor("zhuzhou"), AdoptionMode.ALIAS)
    pending.refresh_from_db()
    original = pending.page.specific
    original.title = "发改委召开项目调度会（更正）"
    original.save_revision().publish()
    alias = ArticlePage.objects.get(pk=pending.adopted_page_id)
    assert alias.title == "发改委召开项目调度会（更正）"
    html = site_client(group.zhuzhou).get(alias.url).content.decode()
    assert "发改委召开项目调度会（更正）" in html


def test_an_edited_copy_is_flagged_when_the_original_is_republished(group, editor, pending):
    services.adopt(pending, editor("zhuzhou"), AdoptionMode.COPY)
    pending.refresh_from_db()
    assert not pending.original_updated
    original = pending.page.specific
    original.title = "发改委召开项目调度会（更正）"
    original.save_revision().publish()
    pending.refresh_from_db()
    assert pending.original_updated
    copy = ArticlePage.objects.get(pk=pending.adopted_page_id)
    assert copy.title == "发改委召开项目调度会"  # the copy keeps the portal's edit
    client = site_client(group.zhuzhou, editor("zhuzhou"))
    assert "原文已更新" in client.get(reverse("syndication:queue")).content.decode()
    # The portal editor compares and marks it checked; the marker goes until the next correction.
    response = client.post(reverse("syndication:detail", args=[pending.pk]), {"action": "checked"}, follow=True)
    assert "已标记为已核对。" in response.content.decode()
    pending.refresh_from_db()
    assert not pending.original_updated
    original.save_revision().publish()
    pending.refresh_from_db()
    assert pending.original_updated


def test_unpublishing_the_original_withdraws_the_adopted_alias(group, editor, pending):
    services.adopt(pending, editor("zhuzhou"), AdoptionMode.ALIAS)
    pending.refresh_from_db()
    pending.page.specific.unpublish()
    alias = Page.objects.get(pk=pending.adopted_page_id)
    assert not alias.live
    assert site_client(group.zhuzhou).get(alias.url).status_code == 404


def test_page_listing_offers_submit_and_share_on_live_articles_only(group, editor):
    page = article(group.zhuzhou_fgw)
    draft = article(group.zhuzhou_fgw, title="草稿", live=False)
    client = site_client(group.zhuzhou, editor("zhuzhou-fgw"))
    html = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])).content.decode()
    assert reverse("syndication:submit", args=[page.pk]) in html
    assert reverse("syndication:share", args=[page.pk]) in html
    assert reverse("syndication:submit", args=[draft.pk]) not in html


def test_a_refused_column_refuses_the_whole_submission(group, editor):
    page = article(group.zhuzhou_fgw)
    news = column_of(group.zhuzhou, "zwyw")
    with pytest.raises(services.SyndicationError, match="栏目“政务要闻”不接受本站报送。"):
        services.submit(page, [qxdt(group), news], editor("zhuzhou-fgw"))
    assert not Submission.objects.exists()
    assert not PageLogEntry.objects.filter(page=page, action="syndication.submit").exists()


def test_sent_list_shows_only_own_sites_submissions(group, editor, pending):
    mine = site_client(group.zhuzhou, editor("zhuzhou-fgw")).get(reverse("syndication:sent"))
    assert [s.pk for s in mine.context["page_obj"]] == [pending.pk]
    other = site_client(group.hetang, editor("hetang")).get(reverse("syndication:sent"))
    assert list(other.context["page_obj"]) == []
