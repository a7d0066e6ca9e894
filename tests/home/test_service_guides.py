"""办事指南 (ServiceGuidePage) and 办事服务 columns: validation with Chinese field errors, the guide's accessible
table, the column's 事项目录, the blueprint column and the demo guides' data."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from demo.factories.home import ArticlePageFactory, ServiceGuidePageFactory, column_of, materials_value
from demo.home import content, data, texts
from home.enums import ColumnType, MaterialForm, ServiceItemType, ServiceTarget
from home.models import ColumnPage, ServiceGuidePage
from sites.blueprint import load_blueprint
from tests.conftest import site_client

pytestmark = pytest.mark.django_db

GUIDE_ROWS = [
    "title",
    "item-type",
    "implementing-body",
    "target",
    "conditions",
    "materials",
    "process",
    "legal-days",
    "promised-days",
    "fee",
    "location",
    "hours",
    "consult-phone",
    "complaint-phone",
    "online",
    "legal-basis",
]


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def service_column(group):
    return column_of(group.hetang, "bsfw")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"legal_days": 5, "promised_days": 10}, "promised_days", "承诺办结时限不能超过法定办结时限（5个工作日）"),
        ({"legal_days": 0, "promised_days": 0}, "legal_days", "法定办结时限至少为1个工作日"),
        ({"charged": True, "fee_standard": "  "}, "fee_standard", "收费事项须填写收费标准及依据"),
        ({"consult_phone": "请打电话<script>"}, "consult_phone", "请填写电话号码"),
        ({"complaint_phone": "abc"}, "complaint_phone", "请填写电话号码"),
        ({"online_url": "javascript:alert(1)"}, "online_url", "有效的 URL"),
        ({"item_type": "punishment"}, "item_type", "不是有效选项"),
        ({"no_materials": True}, "no_materials", "已列出申请材料，不能同时勾选“无需提交材料”"),
    ],
)
def test_bad_guides_get_chinese_field_errors(service_column, fields, field, message):
    guide = ServiceGuidePageFactory(parent=service_column)
    for name, value in fields.items():
        setattr(guide, name, value)
    with pytest.raises(ValidationError) as excinfo:
        guide.full_clean()
    assert message in " ".join(excinfo.value.message_dict[field])


@pytest.mark.parametrize(
    "fields",
    [
        {"legal_days": 20, "promised_days": 20},
        {"legal_days": 20, "promised_days": 0},  # 即办
        {"legal_days": None, "promised_days": 30},  # no statutory limit: any commitment
        {"charged": True, "fee_standard": "按核定标准收取"},
        {"consult_phone": "0731-12345、0731-28888888转8001"},
        {"no_materials": True, "materials": []},  # a telephone service: no papers, said explicitly
    ],
)
def test_valid_guides_pass(service_column, fields):
    ServiceGuidePageFactory(parent=service_column, **fields).full_clean()


def test_admin_form_shows_the_error_and_saves_a_valid_guide(group, editor, service_column):
    client = site_client(group.hetang, editor("hetang"))
    url = f"/admin/pages/add/home/serviceguidepage/{service_column.pk}/"

    def post(**changes):
        fields = {
            "title_zh_hans": "建设工程消防设计审查",
            "slug": "xfsj-sc",
            "item_type": ServiceItemType.LICENSING,
            "implementing_body_zh_hans": "荷塘区住房和城乡建设局",
            "target": ServiceTarget.ORGANISATION,
            "legal_days": "15",
            "promised_days": "10",
            "consult_phone": "0731-12345",
            "materials_zh_hans": streamfield(
                [("material", {"name": "消防设计文件", "copies": "2", "form": MaterialForm.ORIGINAL, "note": ""})]
            ),
            "materials_en": streamfield([]),
            **changes,
        }
        return client.post(url, nested_form_data(fields))

    response = post(promised_days="20")
    assert response.status_code == 200
    assert "承诺办结时限不能超过法定办结时限（15个工作日）" in response.content.decode()
    assert not ServiceGuidePage.objects.filter(slug="xfsj-sc").exists()

    assert post().status_code == 302
    guide = ServiceGuidePage.objects.get(slug="xfsj-sc")
    assert guide.promised_days == 10 and guide.materials[0].value["name"] == "消防设计文件"


def test_guides_live_only_in_service_columns(group, editor, service_column):
    news = column_of(group.hetang, "gzdt")
    assert ServiceGuidePage.can_create_at(service_column)
    assert not ServiceGuidePage.can_create_at(news)
    assert not ServiceGuidePage.can_create_at(group.hetang.site.root_page)
    guide = ServiceGuidePageFactory(parent=service_column)
    assert not any(model.can_create_at(guide) for model in (ServiceGuidePage, ColumnPage))
    client = site_client(group.hetang, editor("hetang"))
    assert client.get(f"/admin/pages/add/home/serviceguidepage/{service_column.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/home/serviceguidepage/{news.pk}/").status_code != 200
    assert "serviceguidepage" not in client.get(f"/admin/pages/{news.pk}/add_subpage/").content.decode()


def test_guide_page_is_an_accessible_escaped_table(group, service_column):
    guide = ServiceGuidePageFactory(
        parent=service_column,
        title="<script>alert(1)</script>公共自行车租车卡办理",
        implementing_body="<b>株洲市城市管理局</b>",
        conditions="年满16周岁\n持有效身份证件",
        materials=materials_value(
            ("居民身份证", 1, MaterialForm.BOTH, "<i>核验后退还</i>"), ("照片", 2, MaterialForm.ORIGINAL, "")
        ),
        process="申请\n受理\n当场领卡",
        legal_days=None,
        promised_days=0,
        online_url="https://zwfw.example.gov.cn/zhuzhou/ggzxc",
    )
    response = site_client(group.hetang).get(guide.url)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>株洲市城市管理局</b>" not in html and "<i>核验后退还</i>" not in html
    soup = soup_of(response)
    table = soup.select_one("table.guide-table")
    assert table.caption.get_text(strip=True) == "办事指南"
    assert [td["data-guide"] for td in table.select("td[data-guide]")] == GUIDE_ROWS
    assert all(th.get("scope") == "row" for th in table.select("th"))
    cell = {td["data-guide"]: td.get_text(" ", strip=True) for td in table.select("td[data-guide]")}
    assert cell["item-type"] == "公共服务" and cell["target"] == "自然人"
    assert cell["legal-days"] == "法律法规未规定" and cell["promised-days"] == "即办" and cell["fee"] == "不收费"
    assert [li.get_text() for li in table.select('td[data-guide="process"] li')] == ["申请", "受理", "当场领卡"]
    assert len(table.select('td[data-guide="conditions"] li')) == 2

    materials = soup.select_one("table#guide-materials")
    assert materials.caption.get_text(strip=True) == "申请材料"
    assert [th.get_text() for th in materials.select("thead th")] == ["序号", "材料名称", "份数", "材料形式", "备注"]
    assert all(th["scope"] == "col" for th in materials.select("thead th"))
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in materials.select("tbody tr")]
    assert rows == [["1", "居民身份证", "1", "原件和复印件", "<i>核验后退还</i>"], ["2", "照片", "2", "原件", ""]]

    button = soup.select_one("a[data-online-url]")
    assert button["href"] == "https://zwfw.example.gov.cn/zhuzhou/ggzxc" and button.get_text(strip=True) == "在线办理"
    assert soup.find("meta", attrs={"name": "ArticleTitle"})["content"].endswith("公共自行车租车卡办理")
    assert soup.find("meta", attrs={"name": "SiteIDCode"})["content"] == group.hetang.site_code


def test_guide_without_online_link_or_materials_says_so(group, service_column):
    guide = ServiceGuidePageFactory(
        parent=service_column,
        online_url="",
        materials=[],
        no_materials=True,
        legal_days=20,
        promised_days=5,
        charged=True,
        fee_standard="按省定标准收取",
    )
    soup = soup_of(site_client(group.hetang).get(guide.url))
    assert soup.select_one("a[data-online-url]") is None and soup.select_one("#guide-materials") is None
    cell = {td["data-guide"]: td.get_text(" ", strip=True) for td in soup.select("td[data-guide]")}
    assert cell["online"] == "暂未开通网上办理，请到办理地点办理" and cell["materials"] == "无需提交材料"
    assert cell["legal-days"] == "20个工作日" and cell["promised-days"] == "5个工作日"
    assert cell["fee"] == "收费：按省定标准收取"


def test_guide_with_no_materials_listed_nor_stated_does_not_claim_none_are_needed(group, service_column):
    guide = ServiceGuidePageFactory(parent=service_column, materials=[], no_materials=False)
    soup = soup_of(site_client(group.hetang).get(guide.url))
    cell = {td["data-guide"]: td.get_text(" ", strip=True) for td in soup.select("td[data-guide]")}
    assert cell["materials"] == "未列明，请向办理机构咨询"


def test_service_column_lists_guides_then_its_articles(group, service_column):
    for i, (item_type, days) in enumerate([(ServiceItemType.LICENSING, 10), (ServiceItemType.CONFIRMATION, 0)]):
        ServiceGuidePageFactory(
            parent=service_column, title=f"事项{i}", item_type=item_type, promised_days=days, online_url=""
        )
    ServiceGuidePageFactory(parent=service_column, title="草稿事项", live=False)
    ArticlePageFactory(parent=service_column, title="关于调整窗口办公时间的公告")
    client = site_client(group.hetang)
    soup = soup_of(client.get(service_column.url))
    table = soup.select_one("table.guide-list")
    assert [th.get_text() for th in table.select("thead th")] == ["事项名称", "事项类型", "承诺办结时限", "网上办理"]
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.select("tr[data-guide-row]")]
    assert rows == [["事项0", "行政许可", "10个工作日", "窗口办理"], ["事项1", "行政确认", "即办", "窗口办理"]]
    assert table.select_one("tbody th")["scope"] == "row"
    assert "草稿事项" not in soup.get_text()
    assert "关于调整窗口办公时间的公告" in soup.select_one(".dated-list").get_text()
    assert soup.find("meta", attrs={"name": "ColumnType"})["content"] == "办事服务"
    # Ordinary columns keep their dated list only.
    news = soup_of(client.get(column_of(group.hetang, "gzdt").url))
    assert news.select_one("table.guide-list") is None and news.select_one(".dated-list") is not None


def test_service_column_paginates_its_guides(group, service_column):
    for i in range(21):
        ServiceGuidePageFactory(parent=service_column, title=f"分页事项{i:02d}")
    client = site_client(group.hetang)
    first = soup_of(client.get(service_column.url)).select("tr[data-guide-row]")
    second = soup_of(client.get(service_column.url, {"page": 2})).select("tr[data-guide-row]")
    assert len(first) == 20 and [r.th.get_text(strip=True) for r in second] == ["分页事项20"]
    assert client.get(service_column.url, {"page": "abc"}).status_code == 400  # the first page, with a notice


@pytest.mark.parametrize("kind", ["city", "district", "department", "township"])
def test_blueprints_have_a_service_column(kind):
    spec = next(s for s in load_blueprint(kind).pages if s.slug == "bsfw")
    assert spec.model is ColumnPage and spec.fields["column_type"] == ColumnType.SERVICE
    assert spec.fields["show_in_menus"]


def test_sites_get_the_service_column_and_a_rerun_restores_it(group):
    for slug in ("zhuzhou", "hetang", "zhuzhou-fgw", "hetang-yuetang"):
        column = column_of(group.all[slug], "bsfw")
        assert column.column_type == ColumnType.SERVICE and column.show_in_menus and column.live
    for slug in ("hetang-daping", "zhuzhou-xiangjiang"):  # villages and topic sites have no services
        assert not ColumnPage.objects.child_of(group.all[slug].site.root_page).filter(slug="bsfw").exists()
    nav = soup_of(site_client(group.hetang).get("/")).find("nav").get_text()
    assert "办事服务" in nav

    home = group.hetang.site.root_page
    Page.objects.get(pk=column_of(group.hetang, "bsfw").pk).delete()
    call_command(
        "create_site",
        *("--kind", "district", "--name", "荷塘区人民政府", "--slug", "hetang", "--parent", "zhuzhou"),
        *("--hostname", "hetang.localhost"),
        stdout=io.StringIO(),
    )
    restored = ColumnPage.objects.child_of(home).get(slug="bsfw")
    assert restored.column_type == ColumnType.SERVICE and restored.title == "办事服务"


def test_demo_guides_are_valid_and_come_where_the_brief_says():
    by_site = {entry.slug: data.guides_for(entry) for entry in data.all_sites()}
    for city in ("zhuzhou", "changde"):
        assert 6 <= len(by_site[city]) <= 10, city
    departments = [e.slug for e in data.all_sites() if e.kind == "department" and by_site[e.slug]]
    assert len(departments) >= 4
    titles = {g.title for guides in by_site.values() for g in guides}
    for service in (
        "CA数字证书新办",
        "CA数字证书延期",
        "出租汽车电召",
        "公共自行车",
        "市民一卡通",
        "12345",
        "工商登记信息查询",
    ):
        assert any(service in title for title in titles), service
    assert any("一站式" in title for title in titles)
    page_fields = {f.name for f in Page._meta.fields}
    for entry in data.all_sites():
        group = data.group_of(entry.group)
        for guide in by_site[entry.slug]:
            page = ServiceGuidePage(
                slug=guide.slug, **content.guide_fields(guide, entry, texts.context_for(entry, group))
            )
            page.clean_fields(exclude=page_fields | {"page_ptr"})
            page.clean()


def test_demo_guides_are_seeded_once_with_fixed_dates(group):
    entry = next(e for e in data.all_sites() if e.slug == "hetang")  # the demo's 荷塘区 is the test group's
    anchor = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    home = group.hetang.site.root_page.specific
    assert content.seed_guides(home, entry, data.group_of("zhuzhou"), anchor) == 1
    guide = ServiceGuidePage.objects.child_of(column_of(group.hetang, "bsfw")).get()
    assert guide.title == "政务服务事项网上申报" and guide.implementing_body == "荷塘区人民政府"
    assert "荷塘区政务服务中心" in guide.location and guide.consult_phone == "0731-12345"
    assert guide.last_published_at == anchor - datetime.timedelta(days=30) + datetime.timedelta(hours=9, minutes=30)
    assert content.seed_guides(home, entry, data.group_of("zhuzhou"), anchor) == 0  # filled columns are left alone


def test_english_mirror_shows_a_translated_guide_with_english_labels(group):
    column = column_of(group.zhuzhou, "bsfw")
    guide = ServiceGuidePageFactory(parent=column, title_en="Public bicycle card", promised_days=3, legal_days=None)
    untranslated = ServiceGuidePageFactory(parent=column)  # created first: an /en/ request leaves English active
    client = site_client(group.zhuzhou)
    soup = soup_of(client.get(f"/en/bsfw/{guide.slug}/"))
    cell = {td["data-guide"]: td.get_text(" ", strip=True) for td in soup.select("td[data-guide]")}
    assert soup.select_one("table.guide-table caption").get_text(strip=True) == "Service guide"
    assert cell["promised-days"] == "3 working days" and cell["legal-days"] == "Not set by law"
    assert client.get(f"/en/bsfw/{untranslated.slug}/").status_code == 302
