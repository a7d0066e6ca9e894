"""政府信息公开指南 (条例 Art. 12) and 政府信息公开制度: rendering with the site's data, fallbacks, the rules list
confined to the site, the blueprint, the conversion of existing StandardPages, and the admin."""

import datetime

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from home.models import StandardPage
from openinfo.models import DisclosureGuidePage, DisclosureIndexPage, DisclosureRule, DisclosureRulesPage
from sites.models import SiteSettings
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
D = datetime.date


def section_of(profile) -> DisclosureIndexPage:
    return DisclosureIndexPage.objects.descendant_of(profile.site.root_page).get()


def child(profile, slug):
    return section_of(profile).get_children().get(slug=slug).specific


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def contacts(page_soup) -> dict[str, str]:
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in page_soup.select("dt")}


@pytest.fixture
def hetang_settings(group):
    settings = SiteSettings.for_site(group.hetang.site)
    settings.organizer = "荷塘区人民政府办公室"
    settings.address = "株洲市荷塘区新华西路1号"
    settings.postcode = "412000"
    settings.phone = "0731-12345"
    settings.email = "zwgk@hetang.example.cn"
    settings.save()
    return settings


def test_blueprint_creates_both_pages_on_every_disclosing_kind(group):
    for slug in ("zhuzhou", "hetang", "zhuzhou-fgw", "hetang-yuetang"):
        assert type(child(group.all[slug], "zn")) is DisclosureGuidePage
        assert type(child(group.all[slug], "zd")) is DisclosureRulesPage
        assert child(group.all[slug], "zn").live
    section = section_of(group.hetang)
    assert not DisclosureGuidePage.can_create_at(section)  # one per section
    assert not DisclosureGuidePage.can_create_at(group.hetang.site.root_page)
    assert DisclosureGuidePage.allowed_subpage_models() == [] and DisclosureRulesPage.allowed_subpage_models() == []


def test_guide_renders_every_element_with_the_site_data(group, hetang_settings):
    guide = child(group.hetang, "zn")
    guide.office_hours = "工作日 8:30—12:00，14:30—17:30"
    guide.fax = "0731-22880001"
    guide.save()
    page = soup(site_client(group.hetang).get("/zfxxgk/zn/"))
    assert contacts(page) == {
        "行政机关": "荷塘区人民政府",
        "机构名称": "荷塘区人民政府办公室",
        "办公地址": "株洲市荷塘区新华西路1号",
        "邮政编码": "412000",
        "办公时间": "工作日 8:30—12:00，14:30—17:30",
        "咨询电话": "0731-12345",
        "传真": "0731-22880001",
        "电子邮箱": "zwgk@hetang.example.cn",
    }
    assert page.select_one('a[href="mailto:zwgk@hetang.example.cn"]')
    headings = [h.get_text(strip=True) for h in page.select("article h2")]
    assert headings == [
        "一、政府信息公开工作机构",
        "二、主动公开",
        "三、依申请公开",
        "四、办理期限",
        "五、收费",
        "六、监督和救济",
    ]
    text = page.select_one("article").get_text()
    assert "第十二条" in text  # the guide says why it exists
    assert "20个工作日内予以答复" in text and "最长不超过20个工作日" in text and "第三十三条" in text
    assert "第四十二条" in text and "国办函〔2020〕109号" in text and "10件以下（含）不收费" in text
    assert "株洲市人民政府或者政府信息公开工作主管部门投诉、举报" in text  # Art. 51: the organ one level up
    assert "申请行政复议或者提起行政诉讼" in text and "第五十一条" in text
    links = {a.get_text(strip=True): a["href"] for a in page.select("article a")}
    assert links["政府信息公开目录"] == "/zfxxgk/"
    assert links["法定主动公开内容"] == "/zfxxgk/fdzdgknr/"
    assert links["政府信息公开制度"] == "/zfxxgk/zd/"
    assert links["前往“依申请公开”"] == "/zfxxgk/ysqgk/"


def test_empty_elements_are_left_out_never_shown_as_empty_labels(group):
    SiteSettings.objects.filter(site=group.hetang.site).update(organizer="", address="", postcode="", email="")
    page = soup(site_client(group.hetang).get("/zfxxgk/zn/"))
    shown = contacts(page)
    assert "传真" not in shown and "办公时间" not in shown and "邮政编码" not in shown and "电子邮箱" not in shown
    assert shown["机构名称"] == "荷塘区人民政府"  # no 承办单位: the organ itself
    assert all(value for value in shown.values())


def test_the_editors_values_win_over_the_site_data(group, hetang_settings):
    guide = child(group.hetang, "zn")
    guide.office_name = "荷塘区政务公开办公室"
    guide.phone = "0731-28881234"
    guide.remedies = "对本机关政府信息公开工作有异议的，可以向荷塘区政务公开办公室反映。"
    guide.complaint_phone = "0731-28885678"
    guide.save()
    page = soup(site_client(group.hetang).get("/zfxxgk/zn/"))
    shown = contacts(page)
    assert shown["机构名称"] == "荷塘区政务公开办公室" and shown["咨询电话"] == "0731-28881234"
    assert shown["办公地址"] == "株洲市荷塘区新华西路1号"  # not filled on the page: the site's
    assert shown["监督投诉电话"] == "0731-28885678"
    text = page.select_one("article").get_text()
    assert "可以向荷塘区政务公开办公室反映" in text and "第五十一条" not in text


def test_bad_contact_values_get_chinese_field_errors(group):
    guide = child(group.hetang, "zn")
    guide.fax = "传真号码"
    guide.postcode = "41200"
    guide.email = "not-an-email"
    with pytest.raises(ValidationError) as caught:
        guide.full_clean()
    errors = caught.value.message_dict
    assert errors["fax"] == ["请填写电话号码：数字、区号连字符“-”，多个号码用“、”分隔，分机用“转”。"]
    assert errors["postcode"] == ["邮政编码应为6位数字。"]
    assert errors["email"] == ["输入一个有效的 Email 地址。"]


def test_a_new_guide_form_is_prefilled_with_the_statutory_texts_for_the_organ(group, editor):
    form_class = DisclosureGuidePage.get_edit_handler().get_form_class()
    form = form_class(instance=DisclosureGuidePage(), parent_page=section_of(group.hetang), for_user=editor("hetang"))
    assert "荷塘区人民政府" in form.initial["intro"]
    assert "株洲市人民政府或者政府信息公开工作主管部门" in form.initial["remedies"]
    assert "20个工作日" in form.initial["periods"]
    assert (
        not form.initial["phone"] and not form.initial["fax"]
    )  # contacts follow the site settings until the organ fills them


# -- 制度 ---------------------------------------------------------------------------------------------------


def rule_document(profile, title, number="", live=True, **fields):
    doc = DisclosureDocumentPageFactory(
        parent=category_page(profile, "a20-15"), title=title, document_number=number, **fields
    )
    return publish(doc) if live else doc


def test_rules_page_lists_its_documents_with_number_and_date(group):
    rules = child(group.hetang, "zd")
    secrecy = rule_document(
        group.hetang, "荷塘区政府信息公开保密审查制度", "荷政办发〔2025〕3号", written_on=D(2025, 3, 2)
    )
    draft = rule_document(group.hetang, "荷塘区政府信息公开工作考核制度（草稿）", live=False)
    upload = wagtail_factories.DocumentFactory(title="scan.pdf", collection=group.hetang.collection)
    rules.rules.add(DisclosureRule(page=secrecy))
    rules.rules.add(DisclosureRule(page=draft))
    rules.rules.add(
        DisclosureRule(
            document=upload,
            title="荷塘区政府信息公开申请办理制度",
            document_number="荷政办函〔2024〕8号",
            issued_on=D(2024, 6, 1),
        )
    )
    rules.save()
    page = soup(site_client(group.hetang).get("/zfxxgk/zd/"))
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in page.select("table.rules-table tbody tr")]
    assert rows == [
        ["荷塘区政府信息公开保密审查制度", "荷政办发〔2025〕3号", "2025-03-02"],
        ["荷塘区政府信息公开申请办理制度", "荷政办函〔2024〕8号", "2024-06-01"],
    ]  # the draft is not listed
    hrefs = [a["href"] for a in page.select("table.rules-table a")]
    assert hrefs[0].endswith(f"/{secrecy.slug}/") and hrefs[1] == upload.url


def test_a_rule_needs_a_document_or_an_upload_with_a_title(group):
    upload = wagtail_factories.DocumentFactory(collection=group.hetang.collection)
    doc = rule_document(group.hetang, "制度")
    cases = [
        (DisclosureRule(), "page", "请选择本站的公开信息，或上传制度文件。"),
        (DisclosureRule(document=upload), "title", "上传文件时请填写制度名称。"),
        (
            DisclosureRule(page=doc, document=upload, title="x"),
            "document",
            "每行只能选择一项：本站公开信息或上传文件。",
        ),
        (DisclosureRule(page=doc, document_number="荷政办发[2025]3号"), "document_number", None),
    ]
    for rule, field, message in cases:
        with pytest.raises(ValidationError) as caught:
            rule.full_clean(exclude=["rules_page"])
        assert field in caught.value.message_dict
        if message:
            assert caught.value.message_dict[field] == [message]


def rules_form(page, rule_pages, action="publish"):
    data = {
        "slug": page.slug,
        f"action-{action}": action,
        "intro": "本机关政府信息公开工作制度如下。",
        "rules": {
            "TOTAL_FORMS": len(rule_pages),
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
            **{
                str(i): {
                    "page": doc.pk,
                    "document": "",
                    "title": "",
                    "document_number": "",
                    "issued_on": "",
                    "ORDER": i,
                }
                for i, doc in enumerate(rule_pages)
            },
        },
    }
    for lang in ("zh_hans", "en"):
        data.update(
            {
                f"title_{lang}": page.title if lang == "zh_hans" else "",
                f"seo_title_{lang}": "",
                f"search_description_{lang}": "",
                f"body_{lang}": streamfield([]),
            }
        )
    return nested_form_data(data)


def test_the_admin_refuses_another_sites_document_with_a_field_error(group, editor):
    rules = child(group.hetang, "zd")
    own = rule_document(group.hetang, "荷塘区政府信息发布协调制度", "荷政办发〔2025〕5号")
    foreign = rule_document(group.all["zhuzhou-fgw"], "株洲市发展和改革委员会政府信息公开保密审查制度")
    client = site_client(group.hetang, editor("hetang"))
    url = reverse("wagtailadmin_pages:edit", args=[rules.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, rules_form(rules, [own, foreign]))
    assert response.status_code == 200
    assert "只能选择本站的公开信息。" in response.content.decode()
    assert not DisclosureRule.objects.filter(rules_page=rules).exists()  # nothing saved
    response = client.post(url, rules_form(rules, [own]))
    assert response.status_code == 302
    assert list(DisclosureRule.objects.filter(rules_page=rules).values_list("page", flat=True)) == [own.pk]
    listed = soup(site_client(group.hetang).get("/zfxxgk/zd/")).select("table.rules-table td")
    assert listed[0].get_text(strip=True) == "荷塘区政府信息发布协调制度"


def test_site_editors_edit_only_their_own_sites_pages(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    for slug in ("zn", "zd"):
        own = child(group.hetang, slug)
        other = child(group.all["zhuzhou-fgw"], slug)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
        assert response.status_code == 200 and "政府信息公开" in response.content.decode()
        assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code == 404


# -- conversion of existing installs ---------------------------------------------------------------------


def standard_pages_at_the_old_places(profile):
    """A site as created before the structured types existed: StandardPages at zn and zd."""
    section = section_of(profile)
    old = {}
    for slug, title in (("zn", "政府信息公开指南"), ("zd", "政府信息公开制度")):
        section.get_children().get(slug=slug).delete()
        page = StandardPage(title=title, slug=slug, body=[("paragraph", f"<p>{title}旧正文</p>")], live=True)
        section.add_child(instance=page)
        old[slug] = page
    return old


def test_convert_command_keeps_the_page_its_slug_title_and_body(group):
    old = standard_pages_at_the_old_places(group.hetang)
    untouched = standard_pages_at_the_old_places(group.all["zhuzhou-fgw"])
    call_command("convert_disclosure_pages", "--site", "hetang", "--dry-run")
    assert type(child(group.hetang, "zn")) is StandardPage  # a dry run writes nothing
    call_command("convert_disclosure_pages", "--site", "hetang")
    guide, rules = child(group.hetang, "zn"), child(group.hetang, "zd")
    assert type(guide) is DisclosureGuidePage and type(rules) is DisclosureRulesPage
    assert (guide.pk, guide.title, guide.slug, guide.live) == (old["zn"].pk, "政府信息公开指南", "zn", True)
    assert rules.pk == old["zd"].pk and not StandardPage.objects.filter(pk__in=[guide.pk, rules.pk]).exists()
    assert guide.body.raw_data[0]["value"] == "<p>政府信息公开指南旧正文</p>"
    assert type(child(group.all["zhuzhou-fgw"], "zn")) is StandardPage  # another site: not asked for
    page = soup(site_client(group.hetang).get("/zfxxgk/zn/"))
    assert "政府信息公开指南旧正文" in page.get_text() and contacts(page)["行政机关"] == "荷塘区人民政府"
    assert "政府信息公开制度旧正文" in soup(site_client(group.hetang).get("/zfxxgk/zd/")).get_text()
    call_command("convert_disclosure_pages")  # every site; hetang has nothing left to convert
    assert type(child(group.all["zhuzhou-fgw"], "zd")) is DisclosureRulesPage
    assert untouched["zd"].pk == child(group.all["zhuzhou-fgw"], "zd").pk


def test_convert_command_refuses_a_page_with_a_pending_draft_and_unknown_sites(group):
    old = standard_pages_at_the_old_places(group.hetang)
    page = old["zn"]
    page.title = "草稿标题"
    page.save_revision()
    with pytest.raises(CommandError, match="有未发布的修改"):
        call_command("convert_disclosure_pages", "--site", "hetang")
    assert type(child(group.hetang, "zn")) is StandardPage
    assert type(child(group.hetang, "zd")) is DisclosureRulesPage  # the other page was converted
    with pytest.raises(CommandError, match="未知的站点标识：nowhere"):
        call_command("convert_disclosure_pages", "--site", "nowhere")


# -- demo -----------------------------------------------------------------------------------------------------


def test_demo_fills_the_guide_and_lists_the_organs_rules(group, hetang_settings):
    from demo.openinfo.guides import seed_site_guides

    today = D(2026, 6, 15)
    assert seed_site_guides(group.hetang, today=today) == 4
    guide, rules = child(group.hetang, "zn"), child(group.hetang, "zd")
    assert guide.office_name == "荷塘区政务公开办公室（设在荷塘区人民政府办公室）"
    assert guide.office_hours.startswith("法定工作日") and guide.fax.startswith("0731-2")
    listed = rules.listed_rules()
    assert [r.shown["title"] for r in listed] == [
        "荷塘区人民政府政府信息公开保密审查制度",
        "荷塘区人民政府政府信息公开申请办理制度",
        "荷塘区人民政府政府信息发布协调制度",
        "荷塘区人民政府政府信息公开工作考核制度",
    ]
    assert all(r.shown["number"].startswith("荷政办发〔") and r.shown["date"] < today for r in listed)
    assert all(r.page.host_site == group.hetang and r.page.index_number for r in listed)
    assert seed_site_guides(group.hetang, today=today) == 0  # idempotent
    assert rules.rules.count() == 4
    department = group.all["zhuzhou-fgw"]
    seed_site_guides(department, today=today)
    assert child(department, "zn").fax == ""  # departments list no fax: the guide leaves the row out
    assert seed_site_guides(group.all["hetang-daping"], today=today) == 0  # a village has no section


def test_guide_and_rules_pages_are_searchable_with_their_own_text(group):
    from search.documents import SiteMap, page_document

    guide = child(group.hetang, "zn")
    guide.office_hours = "周一至周五 8:30—17:30"
    guide.save()
    rules = child(group.hetang, "zd")
    rules.rules.add(DisclosureRule(page=rule_document(group.hetang, "荷塘区政府信息公开保密审查制度")))
    rules.save()
    assert "周一至周五 8:30—17:30" in page_document(guide, SiteMap())["body"]
    assert "荷塘区政府信息公开保密审查制度" in page_document(rules, SiteMap())["body"]


def test_the_admin_shows_chinese_field_errors_and_saves_the_guide(group, editor):
    guide = child(group.hetang, "zn")
    client = site_client(group.hetang, editor("hetang"))
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])

    def post(**changes):
        data = {"slug": "zn", "action-publish": "publish", "office_hours": "工作日 9:00—17:00", **changes}
        for lang in ("zh_hans", "en"):
            data.update(
                {
                    f"title_{lang}": guide.title if lang == "zh_hans" else "",
                    f"seo_title_{lang}": "",
                    f"search_description_{lang}": "",
                    f"body_{lang}": streamfield([]),
                }
            )
        return client.post(url, nested_form_data(data))

    response = post(fax="请致电", postcode="4120")
    html = response.content.decode()
    assert response.status_code == 200
    assert "分机用“转”" in html and "邮政编码应为6位数字。" in html
    assert DisclosureGuidePage.objects.get(pk=guide.pk).office_hours == ""  # nothing saved
    assert post(fax="0731-28681234").status_code == 302
    saved = DisclosureGuidePage.objects.get(pk=guide.pk)
    assert (saved.fax, saved.office_hours, saved.live) == ("0731-28681234", "工作日 9:00—17:00", True)
    assert contacts(soup(site_client(group.hetang).get("/zfxxgk/zn/")))["传真"] == "0731-28681234"
