"""The pre-publish 错敏词 check in the page editor: warnings with highlights, the block on a 严重 hit, the
reviewer's logged override, a draft save never blocked, submissions warned but not blocked."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowTask
from wagtail.test.utils.form_data import nested_form_data, streamfield

from demo.factories.home import ArticlePageFactory, column_of
from evaluation.models import WordOverride, WordWhitelist
from home.models import ArticlePage
from tests.conftest import EDITOR_PASSWORD, site_client

from .words_helpers import sensitive, typo

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(group):
    typo("布署", "部署")
    sensitive("台湾政府", correction="台湾当局")
    return ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), title="原标题", summary="原摘要")


@pytest.fixture
def author(group, editor):
    """editor-hetang: in the site's editor and reviewer groups, so may publish; the author of the edits below."""
    return site_client(group.hetang, editor("hetang"))


@pytest.fixture
def reviewer(group):
    # The words check is made at the approval that publishes: hetang's workflow is cut to its last step (签发, the
    # 审核组's), as on a one-step site (issue 14: portals review 初审 → 复审 → 终审, tests/workflow).
    home = group.hetang.site.root_page
    WorkflowTask.objects.filter(workflow__workflow_pages__page=home).exclude(task__reviewsteptask__step="终审").delete()
    user = get_user_model().objects.create_user("reviewer-hetang", password=EDITOR_PASSWORD)
    user.groups.add(group.hetang.reviewer_group)
    return site_client(group.hetang, user)


def edit_form(page, title, summary, action="action-publish"):
    data = {
        "slug": page.slug,
        "publish_at": "2026-01-05 10:00:00",
        action: "1",
        "attachments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
    }
    for lang in ("zh_hans", "en"):
        zh = lang == "zh_hans"
        data.update(
            {
                f"title_{lang}": title if zh else "",
                f"subtitle_{lang}": "",
                f"source_{lang}": "本网",
                f"author_{lang}": "",
                f"summary_{lang}": summary if zh else "",
                f"seo_title_{lang}": "",
                f"search_description_{lang}": "",
                f"body_{lang}": streamfield([]),
            }
        )
    return nested_form_data(data)


def edit(client, page, *args, **kwargs):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form(page, *args, **kwargs))


def shown(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_ordinary_hit_is_a_warning_with_highlight_and_publishes(article, author):
    response = edit(author, article, "新标题", "认真布署今年工作")
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.live and page.title == "新标题" and page.summary == "认真布署今年工作"
    warnings = [text for level, text in shown(response) if level == "warning"]
    assert len(warnings) == 1
    assert "【一般】…认真<mark>布署</mark>今年工作…：疑似错别字“布署”，应为“部署”" in warnings[0]


def test_clean_text_publishes_without_a_warning(article, author):
    response = edit(author, article, "新标题", "认真部署今年工作")
    assert ArticlePage.objects.get(pk=article.pk).title == "新标题"
    assert [level for level, _ in shown(response)] == ["success"]


def test_serious_hit_blocks_publishing_and_keeps_the_draft(article, author):
    response = edit(author, article, "新标题", "关于台湾政府的表述")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.title == "原标题" and page.summary == "原摘要"  # the live page is unchanged
    draft = page.get_latest_revision_as_object()
    assert draft.title == "新标题" and draft.summary == "关于台湾政府的表述"  # nothing the editor wrote is lost
    assert page.has_unpublished_changes
    [(level, text)] = shown(response)
    assert level == "error"
    assert "未发布" in text and "关于<mark>台湾政府</mark>的表述" in text
    # The author may publish but may not override their own text: no override link, a pointer to a reviewer.
    assert "data-words-override" not in text and "请由审核人员" in text


def test_whitelisted_word_does_not_block(article, author, group):
    WordWhitelist.objects.create(site=group.hetang, word="台湾政府")
    edit(author, article, "新标题", "关于台湾政府的表述")
    assert ArticlePage.objects.get(pk=article.pk).title == "新标题"


def test_draft_save_is_never_blocked_or_warned(article, author):
    response = edit(author, article, "新标题", "关于台湾政府的表述，布署", action="action-save")
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().summary.startswith("关于台湾政府")
    assert [level for level, _ in shown(response)] == ["success"]


def test_reviewer_override_is_logged_and_then_publishing_passes(article, author, reviewer):
    edit(author, article, "新标题", "关于台湾政府的表述")
    url = reverse("evaluation_words_override", args=[article.pk])
    refused = author.get(url)  # the last editor never overrides their own text
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert shown(refused)[-1] == ("error", "只有可发布本页、且不是最后编辑者的审核人员才能放行错敏词。")
    assert not WordOverride.objects.exists()
    page = reviewer.get(url)
    assert page.status_code == 200 and "<mark>台湾政府</mark>" in page.content.decode()
    empty = reviewer.post(url, {"reason": ""})
    assert empty.status_code == 200 and empty.context["form"].errors["reason"] == ["请填写放行理由。"]
    assert not WordOverride.objects.exists()

    response = reviewer.post(url, {"reason": "引用外交部发言原文"})
    assert response.status_code == 302
    override = WordOverride.objects.get()
    assert (override.page_id, override.words, override.reason) == (article.pk, ["台湾政府"], "引用外交部发言原文")
    entry = PageLogEntry.objects.get(page=article, action="evaluation.words_override")
    assert entry.user.username == "reviewer-hetang"
    assert entry.data == {"words": ["台湾政府"], "reason": "引用外交部发言原文"}
    assert entry.revision_id == ArticlePage.objects.get(pk=article.pk).get_latest_revision().pk
    history = reviewer.get(reverse("wagtailadmin_pages:history", args=[article.pk])).content.decode()
    assert "错敏词放行" in history

    edit(author, article, "新标题", "关于台湾政府的表述")
    assert ArticlePage.objects.get(pk=article.pk).title == "新标题"


def test_reviewer_publishing_the_authors_text_is_offered_the_override(article, author, reviewer):
    edit(author, article, "新标题", "关于台湾政府的表述")
    response = edit(reviewer, article, "新标题", "关于台湾政府的表述")
    assert ArticlePage.objects.get(pk=article.pk).title == "原标题"  # still blocked
    link = reverse("evaluation_words_override", args=[article.pk])
    assert f'<a href="{link}" data-words-override>填写理由放行</a>' in shown(response)[-1][1]


def test_reviewer_who_changed_the_text_may_not_override_it(article, author, reviewer):
    edit(author, article, "新标题", "关于台湾政府的表述")
    response = edit(reviewer, article, "新标题", "关于台湾政府的表述。")
    assert ArticlePage.objects.get(pk=article.pk).title == "原标题"
    assert "data-words-override" not in shown(response)[-1][1]


def test_may_override_follows_who_wrote_the_text(article, author, reviewer, group):
    edit(author, article, "新标题", "关于台湾政府的表述", action="action-save")
    from evaluation.words.review import may_override

    page = ArticlePage.objects.get(pk=article.pk)
    assert may_override(get_user_model().objects.get(username="reviewer-hetang"), page)
    assert not may_override(get_user_model().objects.get(username="editor-hetang"), page)
    edit(reviewer, article, "新标题", "关于台湾政府的表述", action="action-save")  # the same text: still the author's
    assert may_override(get_user_model().objects.get(username="reviewer-hetang"), ArticlePage.objects.get(pk=page.pk))
    edit(reviewer, article, "新标题", "关于台湾政府的表述。", action="action-save")  # now the reviewer wrote it
    assert not may_override(
        get_user_model().objects.get(username="reviewer-hetang"), ArticlePage.objects.get(pk=page.pk)
    )


def test_staff_of_another_site_get_404_from_the_override(article, author, group, editor):
    edit(author, article, "新标题", "关于台湾政府的表述")
    other = site_client(group.zhuzhou_fgw, editor("zhuzhou-fgw"))
    assert other.get(reverse("evaluation_words_override", args=[article.pk])).status_code == 404


def test_submission_for_review_is_warned_not_blocked(article, group):
    user = get_user_model().objects.create_user("writer-hetang", password=EDITOR_PASSWORD)
    user.groups.add(group.hetang.editor_group)
    client = site_client(group.hetang, user)
    response = edit(client, article, "新标题", "关于台湾政府的表述", action="action-submit")
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.current_workflow_state is not None  # submitted to the site's review workflow
    warnings = [text for level, text in shown(response) if level == "warning"]
    assert len(warnings) == 1 and "<mark>台湾政府</mark>" in warnings[0]


def test_publishing_a_new_page_with_a_serious_hit_leaves_it_a_draft(group, author):
    sensitive("台湾政府")
    column = column_of(group.hetang, "gzdt")
    url = reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk])
    draft = ArticlePageFactory.build(slug="new-article")
    response = author.post(url, edit_form(draft, "新文章", "关于台湾政府的表述"))
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="new-article")
    assert not page.live and page.title == "新文章"
    assert shown(response)[-1][0] == "error"


def test_approving_a_submission_with_a_serious_hit_waits_for_the_override(article, group, reviewer):
    user = get_user_model().objects.create_user("writer-hetang", password=EDITOR_PASSWORD)
    user.groups.add(group.hetang.editor_group)
    edit(site_client(group.hetang, user), article, "新标题", "关于台湾政府的表述", action="action-submit")
    approve = edit_form(article, "新标题", "关于台湾政府的表述", action="action-workflow-action")
    approve["workflow-action-name"] = "approve"
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])

    response = reviewer.post(url, approve)
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.title == "原标题" and page.current_workflow_state is not None  # still in review, not published
    assert shown(response)[-1][0] == "error" and "未批准发布" in shown(response)[-1][1]

    reviewer.post(reverse("evaluation_words_override", args=[article.pk]), {"reason": "引用原文"})
    reviewer.post(url, approve)
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.title == "新标题" and page.current_workflow_state is None


def test_the_edit_page_shows_the_highlighted_hits_after_the_block(article, author):
    response = author.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        edit_form(article, "新标题", "关于台湾政府的表述"),
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "关于<mark>台湾政府</mark>的表述" in html and "发现严重错敏词，页面已保存为草稿，未发布" in html


def test_override_of_a_page_without_serious_hits_says_so(article, author, reviewer):
    edit(author, article, "新标题", "认真布署", action="action-save")
    response = reviewer.get(reverse("evaluation_words_override", args=[article.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert shown(response)[-1] == ("info", "本页没有需要放行的严重错敏词。")
    assert reviewer.get(reverse("evaluation_words_override", args=[999999])).status_code == 404


def test_bulk_publish_is_refused_while_a_page_has_a_serious_hit(article, author, group):
    edit(author, article, "新标题", "关于台湾政府的表述", action="action-save")
    clean = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), title="干净原标题", summary="原摘要")
    edit(author, clean, "干净新标题", "认真部署", action="action-save")
    explorer = reverse("wagtailadmin_explore", args=[clean.get_parent().pk])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = author.post(f"{url}?id={article.pk}&id={clean.pk}&next={explorer}", {"include_descendants": ""})
    assert response.status_code == 302 and response["Location"] == explorer
    assert ArticlePage.objects.get(pk=article.pk).title == "原标题"
    assert ArticlePage.objects.get(pk=clean.pk).title == "干净原标题"  # the batch is refused whole
    assert shown(response)[-1] == ("error", "以下页面有未放行的严重错敏词，本次未发布任何页面：“新标题”")

    author.post(f"{url}?id={clean.pk}&next={explorer}", {"include_descendants": ""})
    assert ArticlePage.objects.get(pk=clean.pk).title == "干净新标题"


def _submitted(article, group):
    """The article with a 严重 hit submitted for review by a writer; its in-progress task state."""
    user = get_user_model().objects.create_user("writer-hetang", password=EDITOR_PASSWORD)
    user.groups.add(group.hetang.editor_group)
    edit(site_client(group.hetang, user), article, "新标题", "关于台湾政府的表述", action="action-submit")
    return ArticlePage.objects.get(pk=article.pk).current_workflow_task_state


def test_approving_from_the_workflow_modal_waits_for_the_override(article, group, reviewer):
    task_state = _submitted(article, group)
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    assert url == f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/"  # Wagtail's own path
    xhr = {"headers": {"x-requested-with": "XMLHttpRequest"}}

    response = reviewer.post(url, {"comment": ""}, **xhr)
    assert response.status_code == 200
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert response.json()["step"] == "success" and response.json()["redirect"] == edit_url
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.title == "原标题" and page.has_unpublished_changes
    assert page.current_workflow_task_state.pk == task_state.pk  # still in review
    level, text = shown(response)[-1]
    assert level == "error" and "发现严重错敏词，未批准发布" in text and "<mark>台湾政府</mark>" in text
    override = reverse("evaluation_words_override", args=[article.pk])
    assert f'href="{override}"' in text  # the reviewer did not write the text: offered the override

    reviewer.post(override, {"reason": "引用原文"})
    response = reviewer.post(url, {"comment": ""}, **xhr)
    assert response.json() == {"step": "success", "redirect": edit_url}
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.title == "新标题" and page.live and page.current_workflow_state is None


def test_workflow_modal_approval_of_clean_text_publishes(article, group, reviewer):
    user = get_user_model().objects.create_user("writer-hetang", password=EDITOR_PASSWORD)
    user.groups.add(group.hetang.editor_group)
    edit(site_client(group.hetang, user), article, "新标题", "认真部署", action="action-submit")
    task_state = ArticlePage.objects.get(pk=article.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    response = reviewer.post(url, {"comment": ""})
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).title == "新标题"


def test_workflow_modal_refusals_stay_wagtails(article, group, reviewer, editor):
    task_state = _submitted(article, group)
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    writer = get_user_model().objects.get(username="writer-hetang")
    # An editor who may not approve: Wagtail's own refusal (its admin turns PermissionDenied into a redirect to
    # the dashboard with a message), before any word is shown; the task stays in review.
    response = site_client(group.hetang, writer).post(url, {"comment": ""})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert [(level, text.strip()) for level, text in shown(response)] == [("error", "对不起， 你没有权限访问。")]
    assert ArticlePage.objects.get(pk=article.pk).current_workflow_task_state.pk == task_state.pk
    # Another site's staff: the admin gate's 404.
    assert site_client(group.changde, editor("changde")).post(url, {"comment": ""}).status_code == 404
    # Request changes (reject) is never checked.
    reject = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "reject", task_state.pk])
    response = reviewer.post(reject, {"comment": "请修改"})
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_REJECTED
    assert ArticlePage.objects.get(pk=article.pk).title == "原标题"
