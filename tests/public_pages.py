"""One page of every public page type of a site, built with the demo factories: the list the acceptance checks of
issue 15 walk (tests/browser/test_public_sweep.py in a browser, tests/front/test_html_validity.py through the Nu
HTML Checker). Which sections exist is the site's blueprint's business (data): a type the site has no section for
(a village has no 政府信息公开) is simply not in its list.

Also the issue's "Bad input" pages (``bad_input_pages``): a 100-character title, an unbroken 200-character Latin
string in a title and a body, 4-byte characters and an empty body.
"""

from django.contrib.auth import get_user_model
from wagtail.rich_text import RichText

from demo.factories.home import ArticlePageFactory, ServiceGuidePageFactory, StandardPageFactory
from demo.factories.interaction import QuestionFactory
from demo.factories.interaction import publish as publish_reply
from demo.factories.openinfo import DisclosureDocumentPageFactory
from demo.factories.openinfo import publish as publish_page
from home.enums import ColumnType
from home.models import ColumnPage, Leader, LeaderIndexPage, TopicProject
from interaction.models import InteractionIndexPage, MailboxPage
from openinfo.models import (
    AnnualReportIndexPage,
    ApplicationPage,
    DisclosureCategoryPage,
    DisclosureGuidePage,
    DisclosureIndexPage,
    DisclosureRulesPage,
)
from sites.blueprint import load_blueprint
from sites.enums import PORTAL_KINDS

BODY = "为进一步做好政务公开工作，现将有关事项通知如下。请各单位认真贯彻落实，确保各项工作取得实效。"
LATIN = "Supercalifragilistic" * 10  # 200 characters, no break opportunity
LONG_TITLE = ("关于进一步加强和改进全市政府网站集约化建设与政务新媒体规范管理工作的实施意见" * 3)[:100]
ASTRAL = "群众点赞👍🏻服务暖心😊𠀀𠀁𪚥字也能显示"


def path_of(page) -> str:
    return page.get_url_parts()[2]


def _first(model, profile, **filters):
    return model.objects.descendant_of(profile.site.root_page).live().filter(**filters).order_by("path").first()


def _body(text: str) -> list:
    return [("paragraph", RichText(f"<p>{text}</p>"))] if text else []


def _article(column, title, body):
    return ArticlePageFactory(parent=column, title=title, summary=body[:40], body=_body(body))


def _columns(profile, pages):
    root = profile.site.root_page
    column = ColumnPage.objects.child_of(root).live().exclude(column_type=ColumnType.SERVICE).order_by("path").first()
    article = _article(column, "市政府召开全市政务公开工作推进会", BODY * 4)
    standard = StandardPageFactory(parent=root, title="机构职能", body=_body(BODY))
    pages += [("栏目列表", path_of(column)), ("文章", path_of(article)), ("普通页面", path_of(standard))]
    # The home page's blocks list the newest items of its home columns: give each some, so its lists are checked.
    for home_column in ColumnPage.objects.child_of(root).live().filter(show_on_home=True):
        for title in ("关于开展2026年度政务服务满意度调查的通知", "全市重点项目建设现场推进会召开"):
            _article(home_column, title, BODY)
    leaders = _first(LeaderIndexPage, profile)
    if leaders is not None:  # 领导信息 (portal, district and department blueprints); no photo: the placeholder
        leaders.leaders.add(Leader(name="张某某", post="市长", duties="主持全面工作", cv="<p>历任科员、科长。</p>"))
        leaders.save_revision().publish()
        pages.append(("领导信息", path_of(leaders)))
    service = _first(ColumnPage, profile, column_type=ColumnType.SERVICE)
    if service is not None:
        guide = ServiceGuidePageFactory(parent=service, title="城乡居民基本养老保险参保登记")
        pages += [("办事指南列表", path_of(service)), ("办事指南", path_of(guide))]


def _projects(profile):
    """重点项目 on the home page of a kind that shows them (the 专题 blueprint): one linked row, one bare row."""
    if "projects" not in load_blueprint(profile.kind).home_sections:
        return
    home = profile.site.root_page.specific
    article = ArticlePageFactory(parent=_first(ColumnPage, profile), title="湘江排污口截污治理工程完工")
    home.projects.add(
        TopicProject(name="湘江株洲段城区排污口截污治理", unit="株洲市住房和城乡建设局", progress="done",
                     investment="3.60", summary="沿江新建截污干管，入江排污口全部完成截污改造。", article=article),
    )  # fmt: skip
    home.projects.add(TopicProject(name=LONG_TITLE, unit="株洲市水利局", progress="planned", summary=LATIN))
    home.save_revision().publish()


def _disclosure(profile, pages):
    from openinfo.annual import reports
    from tests.openinfo.test_annual_report_admin import ready

    index = _first(DisclosureIndexPage, profile)
    if index is None:
        return
    leaf = _first(DisclosureCategoryPage, profile, category__startswith="a20-")
    document = publish_page(
        DisclosureDocumentPageFactory(parent=leaf, title="关于印发2026年政务公开工作要点的通知", body=_body(BODY))
    )
    report = reports.publish(ready(profile), get_user_model().objects.get(username="admin"))
    application = _first(ApplicationPage, profile)
    pages += [
        ("政府信息公开", path_of(index)),
        ("法定主动公开内容", path_of(_first(DisclosureCategoryPage, profile, category=""))),
        ("公开目录（类别）", path_of(leaf)),
        ("公开文件", path_of(document)),
        ("公开指南", path_of(_first(DisclosureGuidePage, profile))),
        ("公开制度", path_of(_first(DisclosureRulesPage, profile))),
        ("年报栏目", path_of(_first(AnnualReportIndexPage, profile))),
        ("年度报告", path_of(report)),
        ("依申请公开表单", path_of(application)),
        ("依申请公开查询", path_of(application) + "query/"),
        ("依申请公开统计", path_of(application) + "stats/"),
    ]
    if profile.kind in PORTAL_KINDS:
        pages.append(("全市公开目录", path_of(index) + "group/"))


def _interaction(profile, pages):
    index = _first(InteractionIndexPage, profile)
    if index is None:
        return
    reply = publish_reply(QuestionFactory(site=profile))
    base = path_of(index)
    pages += [
        ("答复公开", base),
        ("信箱表单", path_of(_first(MailboxPage, profile))),
        ("答复详情", f"{base}{reply.pk}/"),
        ("办理查询", base + "query/"),
        ("留言统计", base + "stats/"),
    ]


def build_site_pages(profile) -> list[tuple[str, str]]:
    """``(page type, path)`` of one page of every public type on ``profile``'s site, creating what is missing."""
    from search.services import index_subtree

    pages = [("首页", "/")]
    _columns(profile, pages)
    _projects(profile)
    _disclosure(profile, pages)
    _interaction(profile, pages)
    index_subtree(profile.site.root_page_id)  # the search results page lists hits, not "no results"
    pages += [
        ("搜索结果", "/search/?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80"),
        ("网站地图", "/sitemap/"),
        ("无障碍说明", "/accessibility/"),
        ("404", "/no-such-page-here/"),
    ]
    return pages


def bad_input_pages(profile) -> list[tuple[str, str]]:
    """The issue's bad input, as articles (and a standard page) of ``profile``'s first column."""
    root = profile.site.root_page
    column = ColumnPage.objects.child_of(root).live().exclude(column_type=ColumnType.SERVICE).order_by("path").first()
    articles = [
        ("100字标题", _article(column, LONG_TITLE, BODY)),
        ("长英文串", _article(column, f"Title {LATIN}", f"正文 {LATIN} 结束")),
        ("四字节字符", _article(column, ASTRAL, ASTRAL * 5)),
        ("空正文", _article(column, "正文为空的文章", "")),
    ]
    standard = StandardPageFactory(parent=root, title=LATIN, body=[])
    # The column list shows the long titles too.
    return [(label, path_of(page)) for label, page in articles] + [
        ("空正文页面", path_of(standard)),
        ("栏目列表（长标题）", path_of(column)),
    ]
