"""The evaluator workbench (报告 → 网站健康检查): who sees which sites, the heat map and drill-downs against runs made
with the runner, filters and their 400s, downloads, and the dashboard panel 本站风险."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook

from evaluation import services
from evaluation.enums import Severity
from openinfo.roles import EVALUATOR_GROUP
from tests.conftest import site_client

from .fake import DAY1, PlannedCheck, finding, planned  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("planned")
OVERVIEW = reverse("evaluation_overview")
DUE = datetime.date(2026, 11, 10)


@pytest.fixture
def evaluator(db):
    user = get_user_model().objects.create_user("evaluator", password="x")
    user.groups.add(Group.objects.get(name=EVALUATOR_GROUP))  # created (with its evaluation right) after migrate
    return user


@pytest.fixture
def findings_run(group):
    """One run over every site: 荷塘区 a veto and a warning, its village a warning, 市发改委 a veto, 常德 clean."""
    PlannedCheck.plan = {
        "hetang": [
            finding(
                "home",
                Severity.VETO,
                title="首页超过14天未更新",
                url="http://hetang.localhost/",
                edit_url="/admin/pages/1/edit/",
            ),
            finding("col", Severity.WARNING, title='=HYPERLINK("x")栏目预警', due=DUE),
        ],
        "hetang-daping": [finding("blank", Severity.WARNING, title="大坪社区空白栏目")],
        "zhuzhou-fgw": [finding("svc", Severity.VETO, title="发改委办事服务为空")],
    }
    return services.inspect(list(group.all.values()), ["planned"], today=DAY1)


def shown_sites(response) -> set[str]:
    html = response.content.decode()
    return {
        slug
        for slug in (
            "zhuzhou",
            "hetang",
            "zhuzhou-fgw",
            "hetang-yuetang",
            "hetang-daping",
            "zhuzhou-xiangjiang",
            "changde",
        )
        if f'data-site="{slug}"' in html
    }


ALL = {"zhuzhou", "hetang", "zhuzhou-fgw", "hetang-yuetang", "hetang-daping", "zhuzhou-xiangjiang", "changde"}


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("zhuzhou", ALL - {"changde"}),  # a city portal's office: its whole region
        ("hetang", {"hetang", "hetang-yuetang", "hetang-daping"}),  # a district: its townships and villages
        ("hetang-daping", {"hetang-daping"}),  # a village: itself
        ("zhuzhou-fgw", {"zhuzhou-fgw"}),  # a department: itself
    ],
)
def test_site_staff_see_their_site_and_a_portal_its_subtree(group, editor, findings_run, slug, expected):
    client = site_client(group.all[slug], editor(slug))
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert shown_sites(response) == expected
    for other in ALL - expected:
        assert client.get(reverse("evaluation_site", args=[other])).status_code == 404
    for own in expected:
        assert client.get(reverse("evaluation_site", args=[own])).status_code == 200


def test_evaluator_and_superuser_see_every_site(group, evaluator, findings_run):
    admin = get_user_model().objects.get(username="admin")
    for user in (evaluator, admin):
        response = site_client(group.zhuzhou, user).get(OVERVIEW)
        assert response.status_code == 200
        assert shown_sites(response) == ALL


def test_outsiders_get_403_and_the_signed_out_the_login_page(group):
    nobody = get_user_model().objects.create_user("nobody", password="x")
    admin_only = get_user_model().objects.create_user("admin-only", password="x")
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for user in (nobody, admin_only):
        client = site_client(group.zhuzhou, user)
        for url in (
            OVERVIEW,
            reverse("evaluation_site", args=["hetang"]),
            reverse("evaluation_check", args=["planned"]),
        ):
            response = client.get(url)
            assert response.status_code == 403, (user, url)
            assert "您没有查看网站健康检查的权限" in response.content.decode()
    response = site_client(group.zhuzhou).get(OVERVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login") + "?next=")


def test_heat_map_puts_veto_risks_first_with_counts_and_index(group, evaluator, findings_run):
    html = site_client(group.zhuzhou, evaluator).get(OVERVIEW).content.decode()
    order = [html.index(f'<tr data-site="{slug}"') for slug in ("hetang", "zhuzhou-fgw", "hetang-daping", "changde")]
    assert order == sorted(order)  # veto + warning, veto, warning, clean
    row = html[html.index('<tr data-site="hetang"') :]
    row = row[: row.index("</tr>")]
    assert "<td data-index>59</td>" in row  # 100 − 20 − 5 = 75, capped at 59 by the veto
    assert 'data-check="planned" class="evaluation-cell is-veto">1/1/0<' in row
    assert "2026-11-10" in row  # the earliest day a warning becomes a veto
    assert "网站 7 个，已检查 7 个，其中 2 个有单项否决风险；未解决：单项否决 2 项，预警 2 项" in html
    assert "echarts.min.js" in html and 'id="evaluation-chart-data"' in html
    assert f'<tr data-run="{findings_run.pk}">' in html


def test_site_drill_down_lists_findings_with_links_and_edit_only_for_its_staff(group, editor, evaluator, findings_run):
    url = reverse("evaluation_site", args=["hetang"])
    own = site_client(group.hetang, editor("hetang")).get(url).content.decode()
    assert own.index('data-finding="home"') < own.index('data-finding="col"')  # veto first
    assert 'href="http://hetang.localhost/"' in own and 'href="/admin/pages/1/edit/"' in own
    # The city's office reads 荷塘区's findings but does not edit its pages; nor does the read-only evaluator.
    for user in (editor("zhuzhou"), evaluator):
        html = site_client(group.zhuzhou, user).get(url).content.decode()
        assert 'data-finding="home"' in html and "/admin/pages/1/edit/" not in html


def test_check_drill_down_and_filters(group, evaluator, findings_run):
    client = site_client(group.zhuzhou, evaluator)
    html = client.get(reverse("evaluation_check", args=["planned"]), {"severity": "veto"}).content.decode()
    assert 'data-finding="home"' in html and 'data-finding="svc"' in html and 'data-finding="col"' not in html
    html = client.get(reverse("evaluation_check", args=["planned"]), {"parent": "hetang"}).content.decode()
    assert 'data-finding="blank"' in html and 'data-site="hetang"' not in html  # below 荷塘区, not 荷塘区 itself
    assert client.get(reverse("evaluation_check", args=["nosuch"])).status_code == 404
    assert shown_sites(client.get(OVERVIEW, {"kind": "village"})) == {"hetang-daping"}
    assert shown_sites(client.get(OVERVIEW, {"severity": "veto"})) == {"hetang", "zhuzhou-fgw"}
    assert shown_sites(client.get(OVERVIEW, {"parent": "zhuzhou", "severity": "warning"})) == {
        "hetang",
        "hetang-daping",
    }


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"kind": "planet"}, "kind", "网站类型的取值无效"),
        ({"severity": "fatal"}, "severity", "严重程度的取值无效"),
        ({"check": "nosuch"}, "check", "检查项的取值无效"),
        ({"parent": "nosuch"}, "parent", "未知的上级网站"),
        ({"parent": "changde"}, "parent", "未知的上级网站"),  # exists, but not 荷塘区's to read
        ({"format": "pdf"}, "format", "格式的取值无效"),
        ({"page": "abc"}, "page", "页码应为"),
        ({"kind": ["city", "district"]}, "kind", "只能给出一个值"),
    ],
)
def test_bad_filters_are_400_with_a_chinese_message(group, editor, findings_run, query, field, message):
    response = site_client(group.hetang, editor("hetang")).get(OVERVIEW, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'data-error="{field}"' in html and message in html
    assert 'data-site="hetang"' in html  # the page still shows, with the defaults


def test_xlsx_and_csv_downloads_hold_every_row(group, evaluator, findings_run):
    client = site_client(group.zhuzhou, evaluator)
    response = client.get(OVERVIEW, {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["网站健康", "趋势"]
    rows = list(book["网站健康"].values)
    header, by_slug = rows[0], {row[1]: row for row in rows[1:]}
    assert set(by_slug) == ALL
    hetang = dict(zip(header, by_slug["hetang"], strict=True))
    assert (hetang["健康指数"], hetang["单项否决"], hetang["预警"], hetang["计划问题·单项否决"]) == (59, 1, 1, 1)
    assert hetang["最早否决日期"] == "2026-11-10"
    assert list(book["趋势"].values)[1][:5] == (findings_run.pk, "2026-11-02", 2, 2, 0)

    csv = client.get(reverse("evaluation_site", args=["hetang"]), {"format": "csv", "table": "findings"})
    text = csv.content.decode("utf-8-sig")
    assert csv["Content-Disposition"] == 'attachment; filename="evaluation-hetang.csv"'
    assert "首页超过14天未更新" in text
    assert "'=HYPERLINK" in text  # a title a spreadsheet would evaluate is written as text
    assert "/admin/pages/1/edit/" not in text  # the evaluator does not edit; no edit column

    trend = client.get(OVERVIEW, {"format": "csv", "table": "trend"}).content.decode("utf-8-sig")
    assert trend.splitlines()[0] == "检查批次,判定日期,单项否决,预警,提示"


def test_dashboard_panel_shows_own_risks_and_next_due_date(group, editor, findings_run):
    html = site_client(group.hetang, editor("hetang")).get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index("本站风险") :]
    assert 'data-site="hetang"' in panel
    assert "最早 2026-11-10 将有预警变为单项否决" in panel
    assert panel.index('data-finding="home"') < panel.index('data-finding="col"')
    assert 'data-site="hetang-daping"' not in panel  # its own site only, not the villages below it
    assert OVERVIEW in html  # the menu item (报告 → 网站健康检查; the sidebar is JSON)


def test_menu_item_is_hidden_from_outsiders(group):
    user = get_user_model().objects.create_user("admin-only", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    html = site_client(group.zhuzhou, user).get(reverse("wagtailadmin_home")).content.decode()
    assert OVERVIEW not in html and "本站风险" not in html


def test_overview_queries_do_not_grow_with_the_sites_shown(group, editor, findings_run):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for slug in ("hetang", "zhuzhou"):  # 3 sites and 6 sites, both a portal's office
        client = site_client(group.all[slug], editor(slug))
        client.get(OVERVIEW)  # warm the per-user caches of the admin chrome
        with CaptureQueriesContext(connection) as queries:
            assert client.get(OVERVIEW).status_code == 200
        counts[slug] = len(queries)
    assert counts["hetang"] == counts["zhuzhou"], counts


def test_a_real_check_run_shows_in_the_drill_down(group, editor):
    """The 首页不更新 check over a site whose home page shows nothing: a veto, with the link to fix it."""
    from .content import emptied

    emptied(group.hetang)
    services.inspect([group.hetang], ["homepage"], today=DAY1)
    html = site_client(group.hetang, editor("hetang")).get(reverse("evaluation_site", args=["hetang"])).content.decode()
    assert 'data-severity="veto"' in html and "首页不更新" in html
    assert "健康指数：<strong>59</strong>" in html
    assert f'href="/admin/pages/{group.hetang.site.root_page_id}/edit/"' in html
