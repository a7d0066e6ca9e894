"""*报告 → 采编操作审计*: site staff see the log entries of their own sites' pages only, platform administrators
every site's; filters by action, user, date range and page; CSV and XLSX export of the filtered rows."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from demo.factories.home import ArticlePageFactory, column_of
from demo.factories.openinfo import publish
from sites.shown_dates import log_date_change
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
URL = "/admin/audit/editorial/"


@pytest.fixture
def world(group, editor):
    hetang, fgw = editor("hetang"), editor("zhuzhou-fgw")
    own = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), live=False, title="荷塘AUDIT文章")
    own.save_revision(user=hetang, log_action=True).publish(user=hetang)
    other = ArticlePageFactory(parent=column_of(group.all["zhuzhou-fgw"], "tzgg"), live=False, title="发改OTHER文章")
    other.save_revision(user=fgw, log_action=True).publish(user=fgw)
    old = publish(ArticlePageFactory(parent=column_of(group.hetang, "tzgg"), live=False, title="荷塘OLD文章"))
    PageLogEntry.objects.filter(page=old).update(timestamp=timezone.now() - datetime.timedelta(days=400))
    log_date_change(own, datetime.date(2026, 1, 1), datetime.date(2026, 1, 2), "更正录入错误", user=hetang)
    return {"own": own, "other": other, "old": old, "hetang": hetang}


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_site_staff_see_only_their_sites_entries(group, world):
    html = page(site_client(group.hetang, world["hetang"]))
    assert "荷塘AUDIT文章" in html and "荷塘OLD文章" in html and "发改OTHER文章" not in html
    assert "editor-hetang" in html and "editor-zhuzhou-fgw" not in html
    assert "更正录入错误" in html  # the reason of a shown-date change
    assert reverse("wagtailadmin_pages:history", args=[world["own"].pk]) in html


def test_platform_admin_sees_every_site(group, world):
    admin = get_user_model().objects.get(username="admin")
    html = page(site_client(group.hetang, admin))
    assert "荷塘AUDIT文章" in html and "发改OTHER文章" in html


def test_filters_by_action_user_date_and_page(group, world):
    client = site_client(group.hetang, world["hetang"])
    html = page(client, action="sites.shown_date_changed")
    assert "修改发布时间" in html and "荷塘OLD文章" not in html
    html = page(client, user="editor-hetang")
    assert "荷塘AUDIT文章" in html and "荷塘OLD文章" not in html  # the old one was published by the system
    since = timezone.localdate() - datetime.timedelta(days=30)
    html = page(client, timestamp_from=since.isoformat(), timestamp_to=timezone.localdate().isoformat())
    assert "荷塘AUDIT文章" in html and "荷塘OLD文章" not in html
    html = page(client, page_ref=str(world["old"].pk))
    assert "荷塘OLD文章" in html and "荷塘AUDIT文章" not in html
    html = page(client, page_ref="OLD")
    assert "荷塘OLD文章" in html and "荷塘AUDIT文章" not in html


def test_csv_and_xlsx_exports_hold_the_filtered_rows_in_chinese(group, world):
    client = site_client(group.hetang, world["hetang"])
    response = client.get(URL, {"export": "csv", "page_ref": "AUDIT"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = text.strip().splitlines()
    assert header == "时间,页面,编号,操作,操作人,说明"
    assert rows and all("荷塘AUDIT文章" in row for row in rows)
    assert any("修改发布时间" in row and "更正录入错误" in row and "editor-hetang" in row for row in rows)
    assert "发改OTHER文章" not in text

    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["时间", "页面", "编号", "操作", "操作人", "说明"]
    titles = {row[1] for row in values[1:]}
    assert {"荷塘AUDIT文章", "荷塘OLD文章"} <= titles and "发改OTHER文章" not in titles


def test_a_user_with_no_site_is_refused(group, world):
    nobody = get_user_model().objects.create_user("no-site-staff", password="x-pass-123")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = site_client(group.hetang, nobody).get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert "荷塘AUDIT文章" not in site_client(group.hetang, nobody).get(URL, follow=True).content.decode()


def test_application_steps_of_the_users_organs_only(group, world, editor):
    """范围 依申请公开: the handling steps (Wagtail log entries of the applications) of the user's organs."""
    from demo.factories.openinfo import InformationApplicationFactory
    from openinfo.applications import services

    own = InformationApplicationFactory(site=group.hetang, document_title="荷塘APPLY申请")
    other = InformationApplicationFactory(site=group.all["zhuzhou-fgw"], document_title="发改APPLY申请")
    services.accept(own, actor=world["hetang"])
    services.accept(other, actor=editor("zhuzhou-fgw"))
    html = page(site_client(group.hetang, world["hetang"]), source="openinfo.applications")
    assert own.tracking_code in html and other.tracking_code not in html
    assert f"/admin/openinfo/applications/{own.pk}/" in html and "荷塘AUDIT文章" not in html
    admin = get_user_model().objects.get(username="admin")
    html = page(site_client(group.hetang, admin), source="openinfo.applications")
    assert own.tracking_code in html and other.tracking_code in html


def test_queries_do_not_grow_with_the_rows(group, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = site_client(group.hetang, world["hetang"])
    page(client)  # warm Wagtail's per-request caches (site root paths, content types)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page(client)
        return len(captured)

    before = queries()
    column = column_of(group.hetang, "gzdt")
    for n in range(15):
        article = ArticlePageFactory(parent=column, live=False, title=f"荷塘批量文章{n}")
        article.save_revision(user=world["hetang"], log_action=True).publish(user=world["hetang"])
    assert queries() == before
