"""Publishing without the required review is refused on every road but the workflow's last approval; the
发布审核要求 setting decides which page types need review; withdrawal (unpublish) stays with the 签发 group."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.models import Page

from demo.factories.home import ArticlePageFactory, column_of
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page
from sites.enums import ReviewScope
from sites.workflow import PUBLISH_REFUSED
from tests.conftest import site_client

from .conftest import draft_article

pytestmark = pytest.mark.django_db

DOCUMENT = "openinfo.DisclosureDocumentPage"


def messages_of(response):
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def test_the_signer_cannot_publish_from_the_edit_view(group, staff, require_review):
    people = staff(group.zhuzhou)
    page = draft_article(group.zhuzhou, people.author)
    revisions = page.revisions.count()
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = site_client(group.zhuzhou, people.signer).post(url, {"action-publish": "action-publish"})
    assert response.status_code == 302 and response.url == url
    assert messages_of(response) == [PUBLISH_REFUSED]
    page.refresh_from_db()
    assert not page.live and page.revisions.count() == revisions  # nothing saved, nothing live


def test_creating_and_publishing_a_page_is_refused(group, staff, require_review):
    people = staff(group.zhuzhou)
    column = column_of(group.zhuzhou, "tzgg")
    url = reverse("wagtailadmin_pages:add", args=("home", "articlepage", column.pk))
    pages = Page.objects.count()
    response = site_client(group.zhuzhou, people.signer).post(url, {"action-publish": "action-publish", "slug": "x"})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_explore", args=(column.pk,))
    assert messages_of(response) == [PUBLISH_REFUSED]
    assert Page.objects.count() == pages


def test_revert_and_publish_is_refused(group, staff, require_review):
    people = staff(group.zhuzhou)
    page = ArticlePageFactory(parent=column_of(group.zhuzhou, "tzgg"), title="原标题")  # live
    first = page.save_revision(user=people.author)
    first.publish()
    page.title = "改后标题"
    page.save_revision(user=people.author).publish()
    url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first.pk))
    response = site_client(group.zhuzhou, people.signer).post(url, {"action-publish": "action-publish"})
    assert messages_of(response) == [PUBLISH_REFUSED]
    page.refresh_from_db()
    assert page.title == "改后标题" and page.live_revision_id != first.pk


def test_bulk_publish_is_refused(group, staff, require_review):
    people = staff(group.zhuzhou)
    page = draft_article(group.zhuzhou, people.author)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client = site_client(group.zhuzhou, people.signer)
    listing = client.get(f"{url}?id={page.pk}")
    assert listing.status_code == 200
    assert [row["item"].pk for row in listing.context["items_with_no_access"]] == [page.pk]
    client.post(f"{url}?id={page.pk}", {"include_descendants": ""})
    page.refresh_from_db()
    assert not page.live


def test_publish_move_and_copy_with_publish_are_refused_but_withdrawal_is_not(group, staff, require_review):
    people = staff(group.zhuzhou)
    live = ArticlePageFactory(parent=column_of(group.zhuzhou, "tzgg"))
    other_column = column_of(group.zhuzhou, "zwyw")
    perms = live.permissions_for_user(people.signer)
    assert not perms.can_publish()
    assert not perms.can_move_to(other_column)  # moving a live page publishes it at its new place
    assert not other_column.permissions_for_user(people.signer).can_publish_subpage()  # create/copy and publish
    with pytest.raises(PublishPagePermissionError):
        live.save_revision(user=people.signer).publish(user=people.signer)
    assert perms.can_unpublish()  # 签发组 may withdraw
    assert not live.permissions_for_user(people.author).can_unpublish()
    response = site_client(group.zhuzhou, people.signer).post(reverse("wagtailadmin_pages:unpublish", args=(live.pk,)))
    assert response.status_code == 302
    assert not Page.objects.get(pk=live.pk).live


def test_platform_administrators_still_publish_directly(group, django_user_model, require_review):
    admin = django_user_model.objects.get(username="admin")
    page = ArticlePageFactory(parent=column_of(group.zhuzhou, "tzgg"), live=False)
    assert page.permissions_for_user(admin).can_publish()
    page.save_revision(user=admin).publish(user=admin)
    assert Page.objects.get(pk=page.pk).live


def test_only_listed_types_need_review(group, staff, require_review):
    require_review(ReviewScope.LISTED, [DOCUMENT])
    people = staff(group.hetang)
    article = draft_article(group.hetang, people.author)
    document = DisclosureDocumentPageFactory(parent=category_page(group.hetang, "a20-01"))
    signer = type(people.signer).objects.get(pk=people.signer.pk)  # the policy is read once per user object
    assert article.permissions_for_user(signer).can_publish()
    article.save_revision(user=signer).publish(user=signer)
    assert Page.objects.get(pk=article.pk).live
    assert not document.permissions_for_user(signer).can_publish()
    with pytest.raises(PublishPagePermissionError):
        document.save_revision(user=signer).publish(user=signer)
    assert not Page.objects.get(pk=document.pk).live
    # A column where documents can be created: no create-and-publish there (the new page's type is not known).
    assert not category_page(group.hetang, "a20-01").permissions_for_user(signer).can_publish_subpage()
    assert column_of(group.hetang, "tzgg").permissions_for_user(signer).can_publish_subpage()


def test_without_the_requirement_the_signer_publishes_and_the_editor_still_cannot(group, staff, require_review):
    require_review(ReviewScope.NONE)
    people = staff(group.zhuzhou)
    page = draft_article(group.zhuzhou, people.author)
    assert page.permissions_for_user(people.signer).can_publish()
    assert not page.permissions_for_user(people.author).can_publish()  # 编辑组 never held publish_page
    assert not page.permissions_for_user(people.steps["初审"]).can_publish()


def test_the_review_policy_form_needs_a_type_when_listing(group, django_user_model, require_review):
    from wagtail.admin.panels import get_edit_handler

    from sites.forms import ReviewPolicyForm
    from sites.models import ReviewPolicy

    form_class = get_edit_handler(ReviewPolicy).get_form_class()
    assert issubclass(form_class, ReviewPolicyForm)
    form = form_class({"scope": "listed"}, instance=ReviewPolicy.load())
    assert not form.is_valid()
    assert form.errors["page_types"] == ["选择“仅所列页面类型”时，请至少选择一种页面类型。"]
    form = form_class({"scope": "listed", "page_types": [DOCUMENT]}, instance=ReviewPolicy.load())
    assert form.is_valid(), form.errors
    assert form.save().page_types == [DOCUMENT]
