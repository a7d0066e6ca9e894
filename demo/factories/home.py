"""Page factories shared by tests and the demo seed."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from demo.factories.pages import SitePageFactory
from home.enums import ColumnType, MaterialForm, ServiceItemType, ServiceTarget
from home.models import ArticlePage, ColumnPage, ServiceGuidePage, StandardPage


class ColumnPageFactory(SitePageFactory):
    class Meta:
        model = ColumnPage

    title = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column-{n}")
    column_type = ColumnType.NEWS
    live = True


class ArticlePageFactory(SitePageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"测试文章{n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    source = "本网"
    author = "办公室"
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    summary = "摘要"
    body = wagtail_factories.StreamFieldFactory({"paragraph": wagtail_factories.CharBlockFactory})
    live = True


class StandardPageFactory(SitePageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"页面{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    live = True


def materials_value(*rows):
    """申请材料 StreamField value from ``(name, copies, form, note)`` rows (form: a MaterialForm value)."""
    raw = [
        {"type": "material", "value": {"name": name, "copies": copies, "form": form, "note": note}}
        for name, copies, form, note in rows
    ]
    return ServiceGuidePage._meta.get_field("materials").stream_block.to_python(raw)


class ServiceGuidePageFactory(SitePageFactory):
    """A complete 办事指南; the parent must be a 办事服务 column (``column_of(profile, "bsfw")``)."""

    class Meta:
        model = ServiceGuidePage

    title = factory.Sequence(lambda n: f"测试事项{n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    item_type = ServiceItemType.PUBLIC_SERVICE
    implementing_body = "测试实施机关"
    target = ServiceTarget.PERSON
    conditions = "申请人具有完全民事行为能力"
    materials = factory.LazyFunction(lambda: materials_value(("申请表", 1, MaterialForm.ORIGINAL, "")))
    process = "申请\n受理\n办结"
    legal_days = 20
    promised_days = 5
    location = "政务服务中心综合窗口"
    hours = "工作日 9:00—17:00"
    consult_phone = "0731-12345"
    complaint_phone = "0731-12345"
    legal_basis = "《测试条例》"
    live = True


def column_of(profile, slug: str) -> ColumnPage:
    """The blueprint column ``slug`` of a site."""
    return ColumnPage.objects.child_of(profile.site.root_page).get(slug=slug)
