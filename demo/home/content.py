"""Content of one demo site: dated articles in its columns, 办事指南 in its 办事服务 column, standard page bodies
and the home page intro.

Everything random comes from the site's own ``random.Random`` and every date is an offset from ``anchor`` (today
at local midnight), so one seed always gives the same titles and dates relative to the day it runs. A column
that already has children is left alone, which makes re-running the seed harmless.
"""

import datetime
import random
from dataclasses import dataclass

from demo.factories.home import ArticlePageFactory, ServiceGuidePageFactory, materials_value
from home.enums import ColumnType
from home.models import ColumnPage, HomePage, Leader, LeaderIndexPage, StandardPage
from sites.enums import SiteKind

from . import background, data, texts
from .data import ArticleText, CityGroup, GuideText, SiteEntry

DAYS_BACK = 730  # articles are spread over the last two years
# The newest article of each column is dated this many days (low, high) before the seed day, so that judged on that
# day no column is stale by the inspection's rules (evaluation/checks/columns.py: 动态要闻 2 weeks, 通知公告/政策文件
# 6 months, 人事/规划计划 1 year) and the home page has news of the last days (首页不更新: 2 weeks, warning at 10).
FRESH_DAYS = {
    ColumnType.NEWS: (1, 6),
    ColumnType.NOTICE: (3, 60),
    ColumnType.POLICY: (7, 120),
    ColumnType.PLANNING: (15, 240),
    ColumnType.PERSONNEL: (15, 240),
}
HOME_FRESH_DAYS = (1, 6)  # columns shown on the home page, whatever their type
OTHER_FRESH_DAYS = (7, 300)  # 专题, 其他: no expected frequency
OFFICE_HOURS = (8, 18)
GUIDE_DAYS = (30, 9)  # guides were last published 30, 39, 48 … days ago (fixed: no draws from the site's rng)


@dataclass(frozen=True)
class PlannedArticle:
    text: ArticleText
    publish_at: datetime.datetime
    slug: str


def local_midnight() -> datetime.datetime:
    from django.utils import timezone

    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def random_moment(rng: random.Random, anchor: datetime.datetime) -> datetime.datetime:
    """A working-hours moment 1…730 days before ``anchor`` (never in the future)."""
    days = rng.randint(1, DAYS_BACK)
    minutes = rng.randint(OFFICE_HOURS[0] * 60, OFFICE_HOURS[1] * 60 - 1)
    return anchor - datetime.timedelta(days=days) + datetime.timedelta(minutes=minutes)


@dataclass(frozen=True)
class ColumnFacts:
    """What the plan needs to know about one of the site's columns (taken from the page by ``seed_articles``)."""

    column_type: str
    on_home: bool = False

    @property
    def fresh_days(self) -> tuple[int, int]:
        return HOME_FRESH_DAYS if self.on_home else FRESH_DAYS.get(self.column_type, OTHER_FRESH_DAYS)


def choose_texts(entry: SiteEntry, rng: random.Random, columns=()) -> list[ArticleText]:
    """The site's hand-written articles, topped up with random templates of its kind to the quota; then one more
    text for each of ``columns`` (slugs) that none of them is for, so that no column is left blank."""
    own = list(data.site_articles().get(entry.slug, ()))
    pool = [t.text for t in data.templates() if entry.kind in t.kinds and t.group in (None, entry.group)]
    quota = data.quota()
    if entry.kind == SiteKind.CITY:
        wanted = max(quota["portal_min"], len(own))
    else:
        wanted = max(rng.randint(quota["other_min"], quota["other_max"]), min(len(own), quota["other_max"]))
    chosen = own[:wanted]
    missing = wanted - len(chosen)
    if missing > 0:
        chosen += rng.sample(pool, min(missing, len(pool)))
    for column in columns:
        if any(t.column == column for t in chosen):
            continue
        spare = [t for t in (*own, *pool) if t.column == column and t not in chosen]
        if spare:
            chosen.append(rng.choice(spare))
    return chosen


def fresh_moment(rng: random.Random, anchor: datetime.datetime, days: tuple[int, int]) -> datetime.datetime:
    minutes = rng.randint(OFFICE_HOURS[0] * 60, OFFICE_HOURS[1] * 60 - 1)
    return anchor - datetime.timedelta(days=rng.randint(*days)) + datetime.timedelta(minutes=minutes)


def plan_articles(
    entry: SiteEntry, rng: random.Random, anchor: datetime.datetime, columns: dict[str, ColumnFacts] | None = None
) -> list[PlannedArticle]:
    """Texts, dates and slugs of the site's articles. With the site's ``columns`` (slug → facts), every column gets
    a text and the first text of each column is its fresh, newest article (``ColumnFacts.fresh_days``)."""
    columns = columns or {}
    chosen = choose_texts(entry, rng, columns)
    moments = [random_moment(rng, anchor) for _ in chosen]
    fallback = next(iter(columns), None)  # seed_articles puts a text for a missing column in the first one
    dated = set()
    for i, text in enumerate(chosen):
        slug = text.column if text.column in columns else fallback
        if slug is not None and slug not in dated:
            dated.add(slug)
            moments[i] = fresh_moment(rng, anchor, columns[slug].fresh_days)
    # Government-site style slugs (t<date>_<n>): readable, unique within the site, stable for a seed and day.
    return [
        PlannedArticle(text=text, publish_at=when, slug=f"t{when:%Y%m%d}_{i + 1:03d}")
        for i, (text, when) in enumerate(zip(chosen, moments, strict=True))
    ]


def article_fields(
    text: ArticleText,
    context: dict,
    *,
    default_source: str,
    default_author: str,
    source_en: str = "",
    author_en: str = "",
    group: str = "",
    column_type: str = "",
) -> dict:
    """Keyword arguments for ArticlePageFactory (title, 来源, 作者, summary, body and their English versions).
    With ``group``, the body gets background and closing paragraphs (background.py)."""
    title = texts.fill(text.title, context)
    paragraphs = [texts.fill(p, context) for p in text.paragraphs]
    if group:
        paragraphs = background.lengthen(title, paragraphs, context, group=group, column_type=column_type)
    fields = {
        "title": title,
        "source": texts.fill(text.source, context) if text.source else default_source,
        "author": texts.fill(text.author, context) if text.author else default_author,
        "summary": texts.summary(paragraphs),
        "body": texts.body(paragraphs),
    }
    if text.title_en:
        paragraphs_en = list(text.paragraphs_en) or [text.title_en]
        fields.update(
            title_en=text.title_en,
            summary_en=texts.summary_en(paragraphs_en),
            body_en=texts.body(paragraphs_en),
            source_en=text.source_en or source_en,
            author_en=author_en,
        )
    return fields


def create_article(column: ColumnPage, planned: PlannedArticle, fields: dict):
    # first/last_published_at mirror 发布时间 so feeds, sitemaps and "latest" lists agree with the page.
    return ArticlePageFactory(
        parent=column,
        slug=planned.slug,
        publish_at=planned.publish_at,
        first_published_at=planned.publish_at,
        last_published_at=planned.publish_at,
        **fields,
    )


def seed_articles(
    home: HomePage, entry: SiteEntry, group: CityGroup, rng: random.Random, anchor: datetime.datetime
) -> int:
    columns = {c.slug: c for c in ColumnPage.objects.child_of(home).order_by("path")}
    if not columns:
        return 0
    # The plan depends on the blueprint's columns only (not on which are filled), so a re-run plans the same.
    plan = plan_articles(
        entry, rng, anchor, {s: ColumnFacts(c.column_type, c.show_on_home) for s, c in columns.items()}
    )
    filled = {slug for slug, column in columns.items() if column.numchild}
    fallback = next(iter(columns.values()))
    created = 0
    for planned in plan:
        column = columns.get(planned.text.column, fallback)
        if column.slug in filled:
            continue
        context = texts.context_for(entry, group, year=str(planned.publish_at.year))
        fields = article_fields(
            planned.text,
            context,
            default_source=entry.name,
            default_author=entry.organizer or entry.name,
            source_en=entry.name_en,
            author_en=entry.organizer_en or entry.name_en,
            group=entry.group,
            column_type=column.column_type,
        )
        create_article(column, planned, fields)
        created += 1
    return created


def fill_standard_pages(home: HomePage, entry: SiteEntry, group: CityGroup) -> int:
    """Bodies for 机构职能/领导信息/概况/专题介绍 and the 政府信息公开 section's pages that are still empty."""
    page_texts = data.page_texts()
    context = texts.context_for(entry, group)
    filled = 0
    for page in StandardPage.objects.descendant_of(home):
        text = page_texts.get((page.slug, entry.kind)) or page_texts.get((page.slug, "all"))
        if text is None or len(page.body):
            continue
        page.body = texts.body(texts.expand(text.paragraphs, context, about=entry.about), text.table)
        if text.paragraphs_en and entry.about_en and page.title_en:
            page.body_en = texts.body(texts.expand(text.paragraphs_en, context, about_en=entry.about_en))
        page.save()
        filled += 1
    return filled + fill_leader_pages(home, entry, group) + fill_application_pages(home, entry, group)


# Clearly fictional names (某某); the demo marker goes in the admin-only note, never on the public page.
DEMO_LEADER_NAMES = ("张某某", "李某某", "王某某", "赵某某", "刘某某", "陈某某")
DEMO_LEADER_NOTE = "演示数据：虚构人物，上线前请替换为本单位领导信息"


def fill_leader_pages(home: HomePage, entry: SiteEntry, group: CityGroup) -> int:
    """领导信息 pages without leaders get the posts and portfolios of pages.toml ``ldxx`` under fictional names."""
    page_texts = data.page_texts()
    context = texts.context_for(entry, group)
    filled = 0
    for page in LeaderIndexPage.objects.descendant_of(home).filter(leaders__isnull=True):
        text = page_texts.get((page.slug, entry.kind)) or page_texts.get((page.slug, "all"))
        if text is None:
            continue
        page.intro = "".join(texts.expand(text.paragraphs, context))
        for order, (post, duties) in enumerate(text.table[1:]):  # the first row is the header
            name = DEMO_LEADER_NAMES[order % len(DEMO_LEADER_NAMES)]
            cv = f"<p>历任{entry.name}科员、科长、办公室主任等职，现任{post}。</p>"
            page.leaders.add(
                Leader(name=name, post=post, duties=duties, cv=cv, note=DEMO_LEADER_NOTE, sort_order=order)
            )
        page.save()
        filled += 1
    return filled


def fill_application_pages(home: HomePage, entry: SiteEntry, group: CityGroup) -> int:
    """The organ's own part of the 依申请公开 page (its office, address, phone), from pages.toml ``ysqgk``; the
    statutory explanation is the page template's."""
    from openinfo.models import ApplicationPage

    page_texts = data.page_texts()
    context = texts.context_for(entry, group)
    filled = 0
    for page in ApplicationPage.objects.descendant_of(home).filter(intro=""):
        text = page_texts.get((page.slug, entry.kind)) or page_texts.get((page.slug, "all"))
        if text is None:
            continue
        page.intro = "\n\n".join(texts.expand(text.paragraphs, context))
        page.save()
        filled += 1
    return filled


def fill_home(home: HomePage, entry: SiteEntry, group: CityGroup) -> bool:
    if home.intro:
        return False
    context = texts.context_for(entry, group)
    about = " ".join(texts.fill(p, context) for p in entry.about[:1])
    home.intro = entry.intro or about or f"{entry.name}网站是{group.city}政府门户网站群的组成部分。"
    if entry.intro_en:
        home.intro_en = entry.intro_en
    if entry.name_en and not home.title_en:
        home.title_en = entry.name_en
    home.save()
    return True


def guide_fields(guide: GuideText, entry: SiteEntry, context: dict) -> dict:
    """Keyword arguments for ServiceGuidePageFactory; both phones are the site's 12345 hotline."""

    def lines(values) -> str:
        return "\n".join(texts.fill(v, context) for v in values)

    return {
        "title": texts.fill(guide.title, context),
        "item_type": guide.item_type,
        "implementing_body": texts.fill(guide.implementing_body, context),
        "target": guide.target,
        "conditions": lines(guide.conditions),
        "materials": materials_value(
            *((texts.fill(n, context), c, f, texts.fill(o, context)) for n, c, f, o in guide.materials)
        ),
        "no_materials": guide.no_materials,
        "process": lines(guide.process),
        "legal_days": guide.legal_days,
        "promised_days": guide.promised_days,
        "charged": bool(guide.fee),
        "fee_standard": texts.fill(guide.fee, context),
        "location": texts.fill(guide.location, context),
        "hours": guide.hours,
        "consult_phone": entry.phone,
        "complaint_phone": entry.phone,
        "online_url": guide.online_url,
        "legal_basis": lines(guide.legal_basis),
    }


def seed_guides(home: HomePage, entry: SiteEntry, group: CityGroup, anchor: datetime.datetime) -> int:
    """办事指南 of ``guides.toml`` in the site's first 办事服务 column, unless that column has children already."""
    chosen = data.guides_for(entry)
    column = ColumnPage.objects.child_of(home).filter(column_type=ColumnType.SERVICE).order_by("path").first()
    if not chosen or column is None or column.numchild:
        return 0
    context = texts.context_for(entry, group)
    first, step = GUIDE_DAYS
    for i, guide in enumerate(chosen):
        when = anchor - datetime.timedelta(days=first + step * i) + datetime.timedelta(hours=9, minutes=30)
        fields = guide_fields(guide, entry, context)
        ServiceGuidePageFactory(
            parent=column, slug=guide.slug, first_published_at=when, last_published_at=when, **fields
        )
    return len(chosen)


def seed_site_content(
    home: HomePage, entry: SiteEntry, group: CityGroup, rng: random.Random, anchor: datetime.datetime
) -> int:
    """Articles, standard pages and intro of one site; returns the number of articles created."""
    fill_home(home, entry, group)
    fill_standard_pages(home, entry, group)
    return seed_articles(home, entry, group, rng, anchor)
