"""The demo's planted defects (issue 12 item 8): a short, documented list of things a real site gets wrong, each made
by one small function on one named site after the healthy group is seeded, so that the inspection workbench has
exactly these to find and nothing else (docs/evaluation.md “演示数据中的预置问题”; tests/evaluation/test_demo_truth.py
reads ``DEFECTS`` and checks every expected finding).

Every date is an offset from the seed's ``anchor`` (today at local midnight), like the rest of the demo. A defect
whose site is missing (a partial seed) is skipped; one already planted (a re-run) is not planted twice.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from demo.factories.home import ArticlePageFactory, ServiceGuidePageFactory, materials_value
from demo.factories.interaction import QuestionFactory
from home.enums import ColumnType
from home.models import ArticlePage, ColumnPage, ServiceGuidePage
from interaction.models import Question
from openinfo.models import DisclosureCategoryPage, DisclosureDocumentPage
from sites.models import SiteProfile


@dataclass(frozen=True)
class Expected:
    """One finding the inspection must report for a defect: check, code, severity and, when the defect names a
    page, the page's slug (to tell the planted page from its neighbours)."""

    check: str
    code: str
    severity: str
    count: int = 1
    page_slug: str = ""


@dataclass(frozen=True)
class Defect:
    name: str
    site: str
    plant: Callable
    description: str
    expected: tuple[Expected, ...]
    # Findings that follow from the defect without being it (a home page 16 days old also leaves its news
    # columns 16 days old); listed so that "nothing else" can be asserted on the defect's site too.
    consequences: tuple[Expected, ...] = field(default=())


HOME_STALE_DAYS = 16
BLANK_COLUMNS = 6
UNANSWERED_DAYS = 85
FUTURE_DAYS = 10
# Statutory categories emptied on the department (planted by deleting their documents): categories whose documents
# have no 政策解读 pointing at them.
BLANK_CATEGORIES = ("a20-04", "a20-06", "a20-08", "a20-10", "a20-13", "a20-15")

BROKEN_LINK_SLUG = "demo-broken-link"
BROKEN_IMAGE_SLUG = "demo-broken-image"
WORDING_SLUG = "demo-wording"
FUTURE_SLUG = "demo-future"
GUIDE_SLUG = "demo-incomplete-guide"


def _moment(anchor: datetime.datetime, days: int, hour: int = 10) -> datetime.datetime:
    return anchor - datetime.timedelta(days=days) + datetime.timedelta(hours=hour)


def _column(profile: SiteProfile, column_type: str) -> ColumnPage:
    root = profile.site.root_page
    return ColumnPage.objects.child_of(root).filter(column_type=column_type).order_by("path").first()


def _article(profile, anchor, slug, title, paragraphs, *, days=3, column_type=ColumnType.NEWS, draft=False) -> bool:
    column = _column(profile, column_type)
    if column is None or ArticlePage.objects.child_of(column).filter(slug=slug).exists():
        return False
    when = None if draft else _moment(anchor, days)
    body = [("paragraph", RichText(p)) for p in paragraphs]
    page = ArticlePageFactory(
        parent=column,
        slug=slug,
        title=title,
        summary="",
        source=profile.org_name,
        author=profile.org_name,
        publish_at=when or _moment(anchor, 0),
        first_published_at=when,
        last_published_at=when,
        live=not draft,
        has_unpublished_changes=draft,
        body=StreamValue(ArticlePage.body.field.stream_block, body, is_lazy=False),
    )
    if draft:
        page.save_revision()  # a draft is its latest revision, as saved in the page editor
    return True


def stale_home(profile, anchor) -> bool:
    """Nothing on the district's home page is newer than 16 days: every article of its 首页展示 columns dated after
    that is moved back to it (an editor who stopped publishing two weeks ago)."""
    line = _moment(anchor, HOME_STALE_DAYS)
    columns = ColumnPage.objects.child_of(profile.site.root_page).filter(show_on_home=True)
    paths = list(columns.values_list("path", flat=True))
    moved = 0
    for path in paths:
        moved += ArticlePage.objects.filter(path__startswith=path, publish_at__gt=line).update(
            publish_at=line, first_published_at=line, last_published_at=line
        )
    return moved > 0


def blank_columns(profile, anchor) -> bool:
    """Six of the department's 法定主动公开 columns without any document (their documents deleted)."""
    root = profile.site.root_page
    columns = DisclosureCategoryPage.objects.descendant_of(root).filter(category__in=BLANK_CATEGORIES)
    emptied = 0
    for column in columns:
        for document in DisclosureDocumentPage.objects.child_of(column):
            document.delete()
            emptied += 1
    return emptied > 0


def broken_link(profile, anchor) -> bool:
    """An article linking to a page of its own site that does not exist (a mistyped address)."""
    column = _column(profile, ColumnType.NEWS)
    target = f"{column.url_path.removeprefix(profile.site.root_page.url_path[:-1])}t20190101_001/" if column else "/"
    link = f'<p>此前的工作安排见<a href="{escape(target)}">去年的工作动态</a>。</p>'
    return _article(
        profile,
        anchor,
        BROKEN_LINK_SLUG,
        f"{profile.short_name or profile.org_name}召开电子政务工作推进会",
        ["<p>会议通报了政府门户网站集约化建设和政务服务“一网通办”的进展，部署了下一阶段重点工作。</p>", link],
        days=4,
    )


def broken_image(profile, anchor) -> bool:
    """An article showing a photo whose file is not in the media storage (uploaded elsewhere, never copied)."""
    image = '<p><img src="/media/images/dianzizhengwu-huiyi.jpg" alt="会议现场"></p>'
    return _article(
        profile,
        anchor,
        BROKEN_IMAGE_SLUG,
        f"{profile.short_name or profile.org_name}开展政务服务窗口作风建设检查",
        ["<p>检查组对政务服务窗口的办事指南公开、一次性告知和首问负责落实情况进行了检查。</p>", image],
        days=5,
    )


def wording(profile, anchor) -> bool:
    """A draft article (saved, never published) with a typo (布署 for 部署) and a leader under a wrong title (张演示
    is 市长, not 副市长): both in the demo's 错敏词 dictionary (evaluation/data/words.csv,
    demo/evaluation/data/leaders.csv).
    The site scan reads drafts' latest revisions too (issue 12 item 8: "a typo pair and a wrong leader title in a
    draft"); the pre-publish check would stop its publication."""
    return _article(
        profile,
        anchor,
        WORDING_SLUG,
        "全市政府网站工作会议召开",
        [
            "<p>会议总结了全市政府网站集约化建设工作，对下一步工作进行了布署。</p>",
            "<p>副市长张演示出席会议并讲话，要求各单位落实网站内容保障责任。</p>",
        ],
        draft=True,
    )


def unanswered(profile, anchor) -> bool:
    """A message received 85 days ago and still not answered: past the 80-day alarm, five days short of the
    three-month veto line."""
    received = _moment(anchor, UNANSWERED_DAYS, hour=9)
    if Question.objects.filter(site=profile, received_at=received).exists():
        return False
    QuestionFactory(
        site=profile,
        title="老旧小区加装电梯补贴怎么申请？",
        content="我们小区是1998年建成的六层住宅，居民想加装电梯，请问政府补贴的申请条件和流程是什么，向哪个部门申请？",
        name="周建国",
        phone="13907310085",
        received_at=received,
    )
    return True


def incomplete_guide(profile, anchor) -> bool:
    """A 办事指南 without 设定依据, 办理地点, 办理时间 and 办理流程 (four of the ten key elements)."""
    column = _column(profile, ColumnType.SERVICE)
    if column is None or ServiceGuidePage.objects.child_of(column).filter(slug=GUIDE_SLUG).exists():
        return False
    when = _moment(anchor, 20)
    ServiceGuidePageFactory(
        parent=column,
        slug=GUIDE_SLUG,
        title="电子政务外网IP地址变更",
        item_type="public_service",
        implementing_body=profile.org_name,
        target="organisation",
        conditions="已接入电子政务外网的单位。",
        materials=materials_value(("IP地址变更申请表", 1, "original", "加盖单位公章")),
        process="",
        legal_days=None,
        promised_days=5,
        charged=False,
        fee_standard="",
        location="",
        hours="",
        consult_phone=_hotline(profile),
        complaint_phone="",
        online_url="",
        legal_basis="",
        first_published_at=when,
        last_published_at=when,
    )
    return True


def _hotline(profile) -> str:
    """The phone of the site's other guides (the 12345 hotline with the area code, demo/home/data.py)."""
    guide = ServiceGuidePage.objects.descendant_of(profile.site.root_page).exclude(consult_phone="").first()
    return guide.consult_phone if guide else "12345"


def future_article(profile, anchor) -> bool:
    """An article whose 发布时间 is ten days after the seed day (a mistyped date)."""
    return _article(
        profile,
        anchor,
        FUTURE_SLUG,
        f"{profile.short_name or profile.org_name}部署年度政务公开工作",
        ["<p>会议要求各单位对照年度政务公开工作要点，逐项明确责任和时限。</p>"],
        days=-FUTURE_DAYS,
        column_type=ColumnType.NOTICE,
    )


def warning(check, code, **kwargs):
    return Expected(check, code, "warning", **kwargs)


DEFECTS = (
    Defect(
        "home-stale",
        "lusong",
        stale_home,
        f"区县门户首页{HOME_STALE_DAYS}天未更新",
        (Expected("homepage", "stale", "veto"),),
        # 工作动态 and 乡镇街道 (动态要闻, shown on the home page) are then 16 days old too.
        (warning("columns", "stale", count=2),),
    ),
    Defect(
        "blank-columns",
        "zhuzhou-jtj",
        blank_columns,
        f"部门网站{BLANK_COLUMNS}个政府信息公开栏目空白",
        (Expected("columns", "site-blank", "veto"), warning("columns", "blank", count=BLANK_COLUMNS)),
    ),
    Defect(
        "broken-link",
        "changde",
        broken_link,
        "文章中的站内链接指向不存在的页面",
        (warning("links", "page", page_slug=BROKEN_LINK_SLUG),),
    ),
    Defect(
        "broken-image",
        "changde",
        broken_image,
        "文章中的图片文件不存在",
        (warning("links", "image", page_slug=BROKEN_IMAGE_SLUG),),
    ),
    Defect(
        "wording",
        "zhuzhou",
        wording,
        "草稿文章中有错别字（布署）和领导职务错误（副市长张演示）",
        (warning("words", "serious", page_slug=WORDING_SLUG),),
    ),
    Defect(
        "unanswered",
        "changde",
        unanswered,
        f"留言{UNANSWERED_DAYS}天未答复",
        (warning("interaction", "alarm-80"),),
    ),
    Defect(
        "incomplete-guide",
        "zhuzhou-dzzwb",
        incomplete_guide,
        "办事指南缺少4项要素",
        (Expected("services", "guide-incomplete", "advisory", page_slug=GUIDE_SLUG),),
    ),
    Defect(
        "future-date",
        "changde",
        future_article,
        f"文章发布时间晚于当天{FUTURE_DAYS}天",
        (Expected("dates", "future", "veto", page_slug=FUTURE_SLUG),),
    ),
)


@dataclass(frozen=True)
class Advisory:
    """A 提示 (advisory) finding the healthy demo shows on purpose, with why it is not a defect."""

    check: str
    code: str
    page_slug: str  # "" = any page or none
    reason: str


EXPECTED_ADVISORIES = (
    Advisory("availability", "no-data", "", "可用性探测是定时任务（probe_availability），新建的演示库尚无探测记录"),
    # The telephone services (出租汽车电召服务, 12345) say 无需提交材料 explicitly (guides.toml no_materials), so the
    # services check no longer reports them.
)


def plant_defects(anchor: datetime.datetime, sites=None) -> list[str]:
    """Plant every defect whose site exists (and is in ``sites``, slugs, when given); returns the names planted."""
    profiles = {p.slug: p for p in SiteProfile.objects.with_site().filter(slug__in={d.site for d in DEFECTS})}
    planted = []
    # Translated fields (title, body …) are written through the default language's columns, as by the seeder.
    with translation.override(settings.LANGUAGE_CODE):
        for defect in DEFECTS:
            profile = profiles.get(defect.site)
            if profile is None or (sites is not None and defect.site not in sites):
                continue
            if defect.plant(profile, anchor):
                planted.append(defect.name)
    return planted
