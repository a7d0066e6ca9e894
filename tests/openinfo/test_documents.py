"""Disclosure documents: 索引号, metadata rules, interpretation links, audited dates, Art. 26 timeliness."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from openinfo.catalogue import categories_for_kind
from openinfo.enums import DocumentGenre, Validity
from openinfo.models import DisclosureCategoryPage, DisclosureIndexPage

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def policy_column(group):
    return category_page(group.hetang, "a20-01")


def test_blueprint_builds_the_disclosure_section_per_kind(group):
    section = DisclosureIndexPage.objects.descendant_of(group.hetang.site.root_page).get()
    assert [p.slug for p in section.get_children()] == ["zn", "zd", "fdzdgknr", "nb", "ysqgk"]
    statutory = DisclosureCategoryPage.objects.get(pk=section.get_children().get(slug="fdzdgknr").pk)
    codes = [p.specific.category for p in statutory.get_children()]
    assert codes == [c.code for c in categories_for_kind("district")] and "a21-city" in codes
    township = DisclosureCategoryPage.objects.descendant_of(group.all["hetang-yuetang"].site.root_page)
    assert township.filter(category="a21-township").exists() and not township.filter(category="a21-city").exists()
    for slug in ("hetang-daping", "zhuzhou-xiangjiang"):  # villages and topic sites are not disclosing organs
        assert not DisclosureIndexPage.objects.descendant_of(group.all[slug].site.root_page).exists()


def test_index_number_is_allocated_at_first_publication_per_organisation_and_year(group, policy_column):
    org = group.hetang.org_code
    draft = DisclosureDocumentPageFactory(parent=policy_column)
    assert draft.index_number is None
    first = publish(draft)
    second = publish(DisclosureDocumentPageFactory(parent=policy_column))
    next_year = publish(
        DisclosureDocumentPageFactory(parent=policy_column, written_on=D(2027, 1, 4), published_on=D(2027, 1, 5))
    )
    assert (first.index_number, second.index_number) == (f"{org}/2026-00001", f"{org}/2026-00002")
    assert next_year.index_number == f"{org}/2027-00001"
    assert first.publisher == group.hetang and first.host_site == group.hetang
    assert first.category == "a20-01"  # taken from its column
    other_org = publish(DisclosureDocumentPageFactory(parent=category_page(group.all["zhuzhou-fgw"], "a20-01")))
    assert other_org.index_number == f"{group.all['zhuzhou-fgw'].org_code}/2026-00001"


def test_index_number_never_changes(group, policy_column):
    document = publish(DisclosureDocumentPageFactory(parent=policy_column))
    number = document.index_number
    document.title = "修改后的名称"
    document = publish(document)
    assert document.index_number == number
    document.index_number = "11430200000000001X/2026-09999"
    with pytest.raises(ValidationError, match="索引号一经生成不得修改"):
        document.save()
    assert type(document).objects.get(pk=document.pk).index_number == number


def test_publishing_needs_an_organisation_code(group, policy_column):
    profile = group.hetang
    profile.org_code = ""
    profile.save()
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        publish(DisclosureDocumentPageFactory(parent=policy_column))


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"written_on": D(2026, 3, 6)}, "written_on", "成文日期不能晚于发布日期"),
        ({"document_number": "株政发[2024]3号"}, "document_number", "文号格式"),
        ({"document_number": "株政发〔24〕3号"}, "document_number", "文号格式"),
        ({"subject": "不存在的分类"}, "subject", "未知的主题分类"),
        ({"category": "zzz"}, "category", "未知的信息类别"),
        ({"validity": Validity.REPEALED}, "invalid_from", "必须填写失效/废止日期"),
        ({"genre": DocumentGenre.INTERPRETATION}, "interprets", "政策解读必须关联"),
    ],
)
def test_bad_metadata_gets_chinese_field_errors(policy_column, fields, field, message):
    document = DisclosureDocumentPageFactory(parent=policy_column)
    for name, value in fields.items():
        setattr(document, name, value)
    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()
    assert message in " ".join(excinfo.value.message_dict[field])


def test_valid_document_number_forms(policy_column):
    for number in ("株政发〔2024〕3号", "常政办函〔2016〕12号", ""):
        DisclosureDocumentPageFactory(parent=policy_column, document_number=number).full_clean()


def test_interpretations_link_both_ways(policy_column):
    policy = publish(
        DisclosureDocumentPageFactory(
            parent=policy_column, genre=DocumentGenre.NORMATIVE, document_number="荷政发〔2026〕1号"
        )
    )
    reading = DisclosureDocumentPageFactory(
        parent=policy_column, genre=DocumentGenre.INTERPRETATION, interprets=policy, title="《通知》政策解读"
    )
    reading.full_clean()
    reading = publish(reading)
    assert list(policy.interpretations.all()) == [reading]
    second = DisclosureDocumentPageFactory(parent=policy_column, genre=DocumentGenre.INTERPRETATION, interprets=reading)
    with pytest.raises(ValidationError, match="而不是另一篇解读"):
        second.full_clean()
    plain = DisclosureDocumentPageFactory(parent=policy_column, interprets=policy)
    with pytest.raises(ValidationError, match="只有体裁为“政策解读”"):
        plain.full_clean()


def test_changing_a_published_date_is_flagged(policy_column, editor):
    """The flag is for the inspection (evaluation/checks/dates.py); the log entry with who and why is written by the
    edit form, which requires a reason (tests/dates/test_date_change.py)."""
    document = publish(DisclosureDocumentPageFactory(parent=policy_column))
    assert not document.publish_date_changed
    document.published_on = D(2026, 3, 4)  # back-dating
    document = publish(document)
    assert document.publish_date_changed


def test_art_26_twenty_working_days_across_the_2026_spring_festival(policy_column):
    from core.calendar_seed import seed_calendar

    seed_calendar(2026, 2026)
    on_time = DisclosureDocumentPageFactory(parent=policy_column, written_on=D(2026, 2, 6), published_on=D(2026, 3, 12))
    late = DisclosureDocumentPageFactory(parent=policy_column, written_on=D(2026, 2, 6), published_on=D(2026, 3, 13))
    assert (on_time.publication_delay, on_time.is_late) == (20, False)
    assert (late.publication_delay, late.is_late) == (21, True)
    changed = DisclosureDocumentPageFactory(
        parent=policy_column, written_on=D(2025, 6, 2), changed_on=D(2026, 2, 6), published_on=D(2026, 3, 12)
    )
    assert not changed.is_late  # counted from the change (Art. 26: 形成或者变更之日)


def test_a_site_with_documents_and_interpretations_can_be_removed(group):
    from sites.models import SiteProfile

    fgw = group.all["zhuzhou-fgw"]
    column = category_page(fgw, "a20-01")
    policy = publish(DisclosureDocumentPageFactory(parent=column, genre=DocumentGenre.NORMATIVE))
    publish(DisclosureDocumentPageFactory(parent=column, genre=DocumentGenre.INTERPRETATION, interprets=policy))
    fgw.site.root_page.delete()  # pages → Site → SiteProfile, with the documents in the same cascade
    assert not SiteProfile.objects.filter(slug="zhuzhou-fgw").exists()
