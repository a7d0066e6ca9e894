"""稿件共享: one item shown in columns of the sites below without copying (Wagtail aliases), canonical to the
original, 来源 the original site; unpublishing or deleting the original withdraws every alias; the alias's site
cache follows the original."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from demo.factories.home import column_of
from home.models import ArticlePage
from sites import page_cache
from syndication import services
from tests.conftest import site_client

from .helpers import article

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(group):
    return article(group.zhuzhou, "zcwj", title="株洲市优化营商环境若干措施", slug="yhyshj")


def _share(group, editor, page, columns):
    client = site_client(group.zhuzhou, editor("zhuzhou"))
    return client.post(reverse("syndication:share", args=[page.pk]), {"columns": [c.pk for c in columns]})


def test_share_offers_the_accepting_columns_below_and_creates_live_aliases(group, editor, policy):
    target = column_of(group.hetang, "zcwj")
    assert list(services.sharing_columns(group.zhuzhou)) == [target]
    response = _share(group, editor, policy, [target])
    assert response.status_code == 302
    alias = ArticlePage.objects.get(alias_of=policy)
    assert alias.live and alias.get_parent().pk == target.pk
    assert PageLogEntry.objects.filter(page=policy, action="syndication.share").count() == 1
    html = site_client(group.hetang).get(alias.url).content.decode()
    assert "株洲市优化营商环境若干措施" in html
    assert f'<link rel="canonical" href="{policy.full_url}">' in html
    assert "来源：株洲市人民政府" in html
    # The column lists it like its own items.
    assert 'href="/zcwj/yhyshj/"' in site_client(group.hetang).get(target.url).content.decode()


def test_sharing_twice_to_the_same_column_creates_nothing(group, editor, policy):
    target = column_of(group.hetang, "zcwj")
    _share(group, editor, policy, [target])
    result = services.share(policy, [target], editor("zhuzhou"))
    assert result.created == [] and result.skipped == ["政策文件"]
    assert ArticlePage.objects.filter(alias_of=policy).count() == 1


def test_share_to_a_column_not_accepting_shared_content_is_refused(group, editor, policy):
    other = column_of(group.hetang, "tzgg")
    response = _share(group, editor, policy, [other])
    assert "所选栏目不可用。" in response.content.decode()
    with pytest.raises(services.SyndicationError, match="不接受本站共享的信息"):
        services.share(policy, [other], editor("zhuzhou"))
    assert not Page.objects.filter(alias_of=policy).exists()


def test_another_sites_staff_cannot_share_a_page(group, editor, policy):
    client = site_client(group.hetang, editor("hetang"))
    target = column_of(group.hetang, "zcwj")
    response = client.post(reverse("syndication:share", args=[policy.pk]), {"columns": [target.pk]})
    assert response.status_code == 404
    assert not Page.objects.filter(alias_of=policy).exists()


def test_unpublishing_the_original_withdraws_every_alias(group, editor, policy):
    services.share(policy, [column_of(group.hetang, "zcwj")], editor("zhuzhou"))
    alias = Page.objects.get(alias_of=policy)
    policy.unpublish()
    alias.refresh_from_db()
    assert not alias.live
    assert site_client(group.hetang).get(alias.url).status_code == 404


def test_deleting_the_original_withdraws_every_alias(group, editor, policy):
    services.share(policy, [column_of(group.hetang, "zcwj")], editor("zhuzhou"))
    alias = Page.objects.get(alias_of=policy)
    url = alias.url
    policy.delete()
    alias.refresh_from_db()
    assert not alias.live  # Wagtail alone would leave it live as a page of its own (alias_of SET_NULL)
    assert site_client(group.hetang).get(url).status_code == 404


def test_a_correction_of_the_original_invalidates_the_alias_site_cache(group, editor, policy):
    services.share(policy, [column_of(group.hetang, "zcwj")], editor("zhuzhou"))
    alias = Page.objects.get(alias_of=policy)
    client = site_client(group.hetang)
    assert "株洲市优化营商环境若干措施" in client.get(alias.url).content.decode()  # cached fragments now
    before = page_cache.current_generations(group.hetang.site.hostname)
    policy.title = "株洲市优化营商环境若干措施（修订）"
    policy.save_revision().publish()
    assert page_cache.current_generations(group.hetang.site.hostname) != before
    assert "株洲市优化营商环境若干措施（修订）" in client.get(alias.url).content.decode()


def test_an_alias_cannot_be_submitted_or_shared_again(group, editor, policy):
    services.share(policy, [column_of(group.hetang, "zcwj")], editor("zhuzhou"))
    alias = Page.objects.get(alias_of=policy)
    with pytest.raises(services.SyndicationError, match="这是引用其他网站的信息"):
        services.submit(alias, [column_of(group.zhuzhou, "qxdt")], editor("hetang"))


def test_column_editor_shows_the_syndication_settings(group, editor):
    column = column_of(group.hetang, "zcwj")
    client = site_client(group.hetang, editor("hetang"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[column.pk])).content.decode()
    assert "信息报送与共享" in html and "接受报送" in html and "接受共享信息" in html
    assert column.accepts_shared and not column.accepts_submissions  # blueprint data (district.toml)
