"""Default slugs (issue 14 item 5): tYYYYMMDD_NNN for articles and disclosure documents, short pinyin slugs for
the other page types, an editor's own slug kept, a clash refused with a Chinese field error."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from demo.factories.home import ArticlePageFactory, column_of
from home.models import ArticlePage, StandardPage
from openinfo.models import DisclosureDocumentPage
from sites.forms import pinyin_slug
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(group, editor):
    return site_client(group.hetang, editor("hetang"))


@pytest.fixture
def column(group):
    return column_of(group.hetang, "gzdt")


def article_form(title, slug="", publish_at="2026-10-25 10:00:00", action="action-save"):
    data = {
        "slug": slug,
        "publish_at": publish_at,
        action: "1",
        "attachments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
    }
    for lang in ("zh_hans", "en"):
        zh = lang == "zh_hans"
        for name in ("subtitle", "source", "author", "summary", "seo_title", "search_description"):
            data[f"{name}_{lang}"] = ""
        data.update({f"title_{lang}": title if zh else "", f"body_{lang}": streamfield([])})
    return nested_form_data(data)


def add_article(client, column, *args, **kwargs):
    url = reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk])
    return client.post(url, article_form(*args, **kwargs))


def test_new_article_form_offers_todays_dated_slug(client, column):
    response = client.get(reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk]))
    today = timezone.localdate()
    assert response.status_code == 200
    assert f'value="t{today:%Y%m%d}_001"' in response.content.decode()


def test_chinese_title_gets_the_dated_slug_of_its_publish_date(client, column):
    chinese = "关于开展2026年安全生产大检查的通知"  # what Wagtail's script puts in the slug field
    assert add_article(client, column, chinese, slug=chinese).status_code == 302
    assert add_article(client, column, "第二篇", slug="").status_code == 302
    slugs = list(ArticlePage.objects.child_of(column).order_by("pk").values_list("slug", flat=True))
    assert slugs[-2:] == ["t20261025_001", "t20261025_002"]


def test_number_follows_the_highest_of_that_day_among_siblings(client, column):
    ArticlePageFactory(parent=column, slug="t20261025_001")
    ArticlePageFactory(parent=column, slug="t20261025_012")
    ArticlePageFactory(parent=column, slug="t20261024_030")  # another day: its numbers are its own
    add_article(client, column, "新文章", slug="t20261025_001")  # the offered default, taken meanwhile
    add_article(client, column, "又一篇", slug="")
    new = dict(ArticlePage.objects.child_of(column).filter(title__in=["新文章", "又一篇"]).values_list("title", "slug"))
    assert new == {"新文章": "t20261025_013", "又一篇": "t20261025_014"}


def test_changing_the_date_of_a_draft_moves_its_dated_slug(client, column):
    add_article(client, column, "草稿", slug="t20261025_001", publish_at="2026-11-02 09:00:00")
    assert ArticlePage.objects.child_of(column).get(title="草稿").slug == "t20261102_001"


def test_an_editors_own_slug_is_kept(client, column):
    assert add_article(client, column, "自定义", slug="anquan-jiancha").status_code == 302
    assert ArticlePage.objects.child_of(column).filter(slug="anquan-jiancha").exists()


def test_a_published_pages_slug_never_changes_by_itself(client, column):
    page = ArticlePageFactory(parent=column, slug="t20260101_001")
    page.save_revision().publish()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = article_form(page.title, slug="t20260101_001", publish_at="2026-10-25 10:00:00")
    data["shown_date_reason"] = "更正发布时间"  # a published item's date changes only with a reason (ShownDateMixin)
    response = client.post(url, data)
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).slug == "t20260101_001"


def test_retry_after_an_abandoned_draft_gets_the_next_number(client, column):
    assert add_article(client, column, "安全生产", slug="安全生产").status_code == 302
    assert add_article(client, column, "安全生产", slug="安全生产").status_code == 302  # no slug error
    slugs = set(ArticlePage.objects.child_of(column).filter(title="安全生产").values_list("slug", flat=True))
    assert slugs == {"t20261025_001", "t20261025_002"}


def test_slug_clash_is_a_chinese_field_error(client, column):
    ArticlePageFactory(parent=column, slug="taken")
    before = ArticlePage.objects.child_of(column).count()
    response = add_article(client, column, "重复", slug="taken")
    assert response.status_code == 200
    errors = response.context["form"].errors["slug"]
    assert errors == ["缩略名（网址）“taken”已被上级页面下的其他页面使用。"]
    assert ArticlePage.objects.child_of(column).count() == before


def test_disclosure_document_form_dates_its_slug_by_the_publish_date(group, editor):
    from openinfo.models import DisclosureCategoryPage

    category = DisclosureCategoryPage.objects.descendant_of(group.hetang.site.root_page).first()
    form_class = DisclosureDocumentPage.get_edit_handler().get_form_class()
    form = form_class(instance=DisclosureDocumentPage(), parent_page=category, for_user=editor("hetang"))
    assert form.initial["slug"] == f"t{timezone.localdate():%Y%m%d}_001"
    assert form.default_slug({"published_on": datetime.date(2026, 3, 8)}) == "t20260308_001"


def test_other_page_types_get_a_short_pinyin_slug(client, group):
    parent = group.hetang.site.root_page
    data = {"slug": "政务公开专栏", "action-save": "1", "title_zh_hans": "政务公开专栏", "title_en": ""}
    for lang in ("zh_hans", "en"):
        data.update({f"body_{lang}": streamfield([]), f"seo_title_{lang}": "", f"search_description_{lang}": ""})
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])
    assert client.post(url, nested_form_data(data)).status_code == 302
    assert client.post(url, nested_form_data(data)).status_code == 302
    slugs = set(StandardPage.objects.child_of(parent).filter(title="政务公开专栏").values_list("slug", flat=True))
    assert slugs == {"zwgkzl", "zwgkzl-2"}


def test_pinyin_slug_is_short_ascii():
    assert pinyin_slug("政务公开") == "zwgk"
    title = "关于印发《株洲市2026年深化政务公开工作要点》的通知，请各单位认真贯彻执行并按时报送落实情况"
    slug = pinyin_slug(title)
    assert slug.isascii() and len(slug) <= 40 and re.fullmatch(r"[a-z0-9-]+", slug)


def test_dated_slug_mixin_composes_with_another_form_mixin(group, editor, column):
    """Another helper's mixin (e.g. a reason for changing the shown date) goes before ArticlePageForm; both run."""
    from home.forms import ArticlePageForm

    calls = []

    class ReasonMixin:
        def clean(self):
            calls.append("reason")
            return super().clean()

    class ComposedForm(ReasonMixin, ArticlePageForm):
        class Meta(ArticlePageForm.Meta):
            model = ArticlePage
            fields = ["title", "slug", "publish_at"]

    data = {"title": "组合", "slug": "", "publish_at": "2026-10-25 10:00:00"}
    form = ComposedForm(data, instance=ArticlePage(), parent_page=column, for_user=editor("hetang"))
    assert form.is_valid(), form.errors
    assert calls == ["reason"] and form.cleaned_data["slug"] == "t20261025_001"
