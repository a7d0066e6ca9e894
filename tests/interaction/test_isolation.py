"""Staff of one site never see, download or handle another site's messages; a transfer opens one message (and
only that one) to the receiving unit's staff."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupSitePermission

from interaction import permissions
from interaction.enums import Status
from interaction.models import MailboxSettings, Question, ReplyTemplate
from interaction.permissions import can_handle, questions_for, transfer_targets
from interaction.services import transition
from interaction.signal_handlers import EVALUATOR_GROUP, grant_mailbox_settings_to_site_staff
from tests.conftest import site_client

from .admin_helpers import (
    attach,
    attachment_url,
    detail_url,
    index_url,
    message,
    post_step,
    refused,
    staff,
    step_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages(group):
    """Two messages in 株洲 (one transferred to 荷塘区), one in 常德, each with a private attachment."""
    zhuzhou_own = message(group.zhuzhou, title="株洲自办留言", name="株洲甲", phone="13800000001")
    to_hetang = message(group.zhuzhou, title="转荷塘区留言", name="荷塘乙", phone="13800000002")
    transition(to_hetang, "assign", handler=group.hetang, note="属地办理")
    changde = message(group.changde, title="常德留言", name="常德丙", phone="13800000003")
    return {
        "zhuzhou": zhuzhou_own,
        "hetang": Question.objects.get(pk=to_hetang.pk),
        "changde": changde,
        "files": {key: attach(q) for key, q in (("zhuzhou", zhuzhou_own), ("hetang", to_hetang), ("changde", changde))},
    }


def listed_titles(client) -> str:
    response = client.get(index_url())
    assert response.status_code == 200
    return response.content.decode()


def assert_hidden(client, question, attachment):
    """Detail, attachment and every step answer 'not found' and change nothing."""
    assert client.get(detail_url(question)).status_code == 404
    assert client.get(attachment_url(attachment)).status_code == 404
    for action, fields in (
        ("reject", {"reason": "重复"}),
        ("assign", {"handler": question.site_id}),
        ("answer", {"answer": "越权答复", "answered_by": "别的单位"}),
        ("review", {}),
        ("publish", {}),
        ("close", {}),
    ):
        assert post_step(client, question, action, **fields).status_code == 404
    fresh = Question.objects.get(pk=question.pk)
    assert (fresh.status, fresh.handler_id, fresh.answer) == (question.status, question.handler_id, "")
    assert fresh.events.count() == question.events.count()


def test_zhuzhou_and_changde_staff_see_only_their_own(group, messages):
    zhuzhou = site_client(group.zhuzhou, staff(group.zhuzhou))
    changde = site_client(group.changde, staff(group.changde))

    html = listed_titles(zhuzhou)
    assert "株洲自办留言" in html and "转荷塘区留言" in html and "常德留言" not in html
    html = listed_titles(changde)
    assert "常德留言" in html and "株洲" not in html and "荷塘" not in html

    assert_hidden(zhuzhou, messages["changde"], messages["files"]["changde"])
    assert_hidden(changde, messages["zhuzhou"], messages["files"]["zhuzhou"])
    assert_hidden(changde, messages["hetang"], messages["files"]["hetang"])


def test_a_filter_naming_another_site_shows_nothing_of_it(group, messages):
    zhuzhou = site_client(group.zhuzhou, staff(group.zhuzhou))
    html = zhuzhou.get(index_url(), {"site": group.changde.pk}).content.decode()
    assert "常德留言" not in html
    html = zhuzhou.get(index_url(), {"q": messages["changde"].tracking_code}).content.decode()
    assert "常德留言" not in html and "常德丙" not in html  # the code is only echoed in the search box


def test_hetang_staff_see_the_message_transferred_to_them_and_no_other(group, messages):
    hetang = site_client(group.hetang, staff(group.hetang))
    html = listed_titles(hetang)
    assert "转荷塘区留言" in html and "株洲自办留言" not in html and "常德留言" not in html

    page = hetang.get(detail_url(messages["hetang"]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "荷塘乙" in body and "13800000002" in body  # the handling unit's staff need the citizen's details
    download = hetang.get(attachment_url(messages["files"]["hetang"]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 private scan"

    assert_hidden(hetang, messages["zhuzhou"], messages["files"]["zhuzhou"])
    assert_hidden(hetang, messages["changde"], messages["files"]["changde"])


def test_other_units_of_the_group_do_not_see_a_transfer_to_hetang(group, messages):
    fgw = site_client(group.all["zhuzhou-fgw"], staff(group.all["zhuzhou-fgw"]))
    html = listed_titles(fgw)
    assert "转荷塘区留言" not in html and "株洲自办留言" not in html
    assert_hidden(fgw, messages["hetang"], messages["files"]["hetang"])


def test_a_unit_that_passes_a_message_on_loses_it_and_the_history_keeps_it(group, messages):
    hetang_user = staff(group.hetang)
    hetang = site_client(group.hetang, hetang_user)
    question = messages["hetang"]
    yuetang = group.all["hetang-yuetang"]
    assert [p.slug for p in transfer_targets(hetang_user, question)] == ["zhuzhou", "hetang-yuetang"]

    response = post_step(hetang, question, "assign", handler=yuetang.pk, note="请街道办理")
    assert response.status_code == 302 and response["Location"] == index_url()
    assert Question.objects.get(pk=question.pk).handler == yuetang
    assert hetang.get(detail_url(question)).status_code == 404
    # The receiving site still sees it, with both transfers in its history.
    zhuzhou = site_client(group.zhuzhou, staff(group.zhuzhou))
    body = zhuzhou.get(detail_url(question)).content.decode()
    assert body.count('data-event="assign"') == 2 and "请街道办理" in body


def test_everyone_else_is_kept_out(group, messages):
    # A user who may enter the admin but belongs to no site's staff: no menu, no list, nothing.
    outsider = get_user_model().objects.create_user("outsider", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = site_client(group.zhuzhou, outsider)
    assert refused(client.get(index_url()))
    assert refused(client.get(detail_url(messages["zhuzhou"])))
    assert refused(client.get(attachment_url(messages["files"]["zhuzhou"])))
    assert refused(post_step(client, messages["zhuzhou"], "reject", reason="x"))
    assert refused(client.get(reverse("interaction_reply_templates:index")))
    assert "/admin/interaction/questions/" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert not questions_for(outsider).exists()
    # Anonymous visitors are sent to the login page.
    anonymous = site_client(group.zhuzhou).get(detail_url(messages["zhuzhou"]))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_menu_shows_for_staff_and_platform_admins(group, messages):
    for user in (staff(group.hetang), staff(group.changde, "reviewer"), get_user_model().objects.get(username="admin")):
        home = site_client(group.zhuzhou, user).get(reverse("wagtailadmin_home")).content.decode()
        assert "/admin/interaction/questions/" in home and "/admin/interaction/reply-templates/" in home


def test_platform_admins_see_every_message(group, messages):
    admin = site_client(group.zhuzhou, get_user_model().objects.get(username="admin"))
    html = listed_titles(admin)
    assert all(title in html for title in ("株洲自办留言", "转荷塘区留言", "常德留言"))
    assert admin.get(detail_url(messages["changde"])).status_code == 200


def test_reviewers_review_and_editors_handle(group, messages):
    question = messages["zhuzhou"]
    editor_user, reviewer_user = staff(group.zhuzhou, "editor"), staff(group.zhuzhou, "reviewer")
    assert can_handle(editor_user, question, "answer") and not can_handle(editor_user, question, "review")
    assert can_handle(reviewer_user, question, "review") and not can_handle(reviewer_user, question, "answer")

    reviewer = site_client(group.zhuzhou, reviewer_user)
    assert reviewer.get(detail_url(question)).status_code == 200  # reviewers read the message …
    assert refused(post_step(reviewer, question, "answer", answer="审核人不能答复", answered_by="株洲市人民政府"))
    assert Question.objects.get(pk=question.pk).status == Status.RECEIVED  # … but cannot answer it

    transition(question, "answer", answer="已答复", answered_by="株洲市人民政府")
    editor = site_client(group.zhuzhou, editor_user)
    assert refused(post_step(editor, question, "review", note="编辑不能审核"))
    assert Question.objects.get(pk=question.pk).status == Status.ANSWERED
    assert 'data-step="review"' not in editor.get(detail_url(question)).content.decode()
    assert post_step(reviewer, question, "review", note="同意").status_code == 302
    assert Question.objects.get(pk=question.pk).status == Status.REVIEWED


def test_a_step_address_opened_directly_never_acts(group, messages):
    client = site_client(group.zhuzhou, staff(group.zhuzhou))
    response = client.get(step_url(messages["zhuzhou"], "reject"))
    assert response.status_code == 302 and response["Location"].endswith("?action=reject")
    assert Question.objects.get(pk=messages["zhuzhou"].pk).status == Status.RECEIVED
    assert client.post(step_url(messages["zhuzhou"], "explode")).status_code == 404


# Reply templates and site settings -----------------------------------------------------------------------------


@pytest.fixture
def templates(group):
    return {
        "zhuzhou": ReplyTemplate.objects.create(site=group.zhuzhou, title="株洲模板", body="株洲"),
        "changde": ReplyTemplate.objects.create(site=group.changde, title="常德模板", body="常德"),
        "platform": ReplyTemplate.objects.create(site=None, title="全平台模板", body="通用"),
    }


def template_url(view: str, template=None) -> str:
    args = [template.pk] if template else []
    return reverse(f"interaction_reply_templates:{view}", args=args)


def test_site_staff_manage_their_own_templates_and_read_platform_ones(group, templates):
    client = site_client(group.zhuzhou, staff(group.zhuzhou))
    html = client.get(template_url("index")).content.decode()
    assert "株洲模板" in html and "全平台模板" in html and "常德模板" not in html
    assert template_url("edit", templates["zhuzhou"]) in html
    assert template_url("edit", templates["platform"]) not in html  # read, not edit
    assert client.get(template_url("inspect", templates["platform"])).status_code == 200
    assert client.get(template_url("edit", templates["zhuzhou"])).status_code == 200

    for view in ("edit", "delete", "inspect", "history", "usage"):
        assert client.get(template_url(view, templates["changde"])).status_code == 404, view
    for view in ("edit", "delete"):
        assert client.get(template_url(view, templates["platform"])).status_code == 404, view
    edit = {"site": group.zhuzhou.pk, "title": "改名", "body": "改", "sort_order": 0}
    assert client.post(template_url("edit", templates["changde"]), edit).status_code == 404
    assert client.post(template_url("delete", templates["platform"])).status_code == 404
    assert ReplyTemplate.objects.filter(title="改名").count() == 0 and ReplyTemplate.objects.count() == 3

    # New templates belong to one of the user's own sites: not another's, not the platform's.
    response = client.post(
        template_url("add"), {"site": group.changde.pk, "title": "越权", "body": "x", "sort_order": 0}
    )
    assert "只能选择您所在的网站。" in response.content.decode()
    response = client.post(template_url("add"), {"site": "", "title": "越权", "body": "x", "sort_order": 0})
    assert "请选择所属网站。" in response.content.decode()
    assert not ReplyTemplate.objects.filter(title="越权").exists()
    response = client.post(
        template_url("add"), {"site": group.zhuzhou.pk, "title": "新模板", "body": "{name}您好", "sort_order": 1}
    )
    assert response.status_code == 302
    assert ReplyTemplate.objects.get(title="新模板").site == group.zhuzhou
    assert client.post(template_url("delete", templates["zhuzhou"])).status_code == 302
    assert not ReplyTemplate.objects.filter(pk=templates["zhuzhou"].pk).exists()


def test_platform_admins_manage_platform_wide_templates(group, templates):
    client = site_client(group.zhuzhou, get_user_model().objects.get(username="admin"))
    html = client.get(template_url("index")).content.decode()
    assert all(t.title in html for t in templates.values())
    response = client.post(template_url("add"), {"site": "", "title": "平台新模板", "body": "通用", "sort_order": 0})
    assert response.status_code == 302 and ReplyTemplate.objects.get(title="平台新模板").site is None
    edit = {"site": "", "title": "全平台模板（修订）", "body": "通用", "sort_order": 0}
    assert client.post(template_url("edit", templates["platform"]), edit).status_code == 302


def test_staff_edit_their_own_sites_mailbox_settings_only(group):
    client = site_client(group.hetang, staff(group.hetang))
    own = reverse("wagtailsettings:edit", args=["interaction", "mailboxsettings", group.hetang.site.pk])
    other = reverse("wagtailsettings:edit", args=["interaction", "mailboxsettings", group.changde.site.pk])
    assert client.get(own).status_code == 200
    form = {"reply_working_days": 15, "due_soon_working_days": 5, "hard_alarm_days": 45, "review_required": "on"}
    assert client.post(own, form).status_code == 302
    rules = MailboxSettings.for_site(group.hetang.site)
    assert (rules.reply_working_days, rules.hard_alarm_days, rules.review_required) == (15, 45, True)
    assert refused(client.get(other))
    client.post(other, form)
    assert MailboxSettings.for_site(group.changde.site).reply_working_days == 10


def test_migrate_grants_mailbox_settings_to_sites_provisioned_before(group):
    permission = Permission.objects.get(codename="change_mailboxsettings")
    GroupSitePermission.objects.filter(permission=permission).delete()
    assert grant_mailbox_settings_to_site_staff() == 2 * len(group.all)
    assert grant_mailbox_settings_to_site_staff() == 0  # idempotent
    assert GroupSitePermission.objects.filter(
        permission=permission, group=group.hetang.editor_group, site=group.hetang.site
    ).exists()


def test_evaluators_may_read_interaction_statistics(db):
    evaluator = get_user_model().objects.create_user("evaluator-x", password="x")
    evaluator.groups.add(Group.objects.get(name=EVALUATOR_GROUP))
    assert evaluator.has_perm("interaction.view_interaction_statistics")
    assert not permissions.is_interaction_staff(evaluator)  # statistics, never the messages themselves
