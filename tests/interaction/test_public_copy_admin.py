"""Staff and the public copy on the admin's message page: the personal data highlighted in the message and the
answer (with the kind written out, not colour alone), the copy the public will see, corrections before and after
publication recorded in the history, and nobody but the message's sites' staff may make them."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from interaction.enums import Status
from interaction.models import Question
from interaction.services import transition
from search.documents import question_key
from search.models import SearchDocument
from tests.conftest import site_client

from .admin_helpers import detail_url, staff
from .public_copy_data import ANSWER, CONTENT, OFFICE, PUBLIC_CONTENT, make_legacy, received, with_office_phone

pytestmark = pytest.mark.django_db


@pytest.fixture
def hetang(group):
    return with_office_phone(group.hetang)


def answered(site):
    question = received(site)
    return transition(question, "answer", answer=ANSWER, answered_by="荷塘区住房和城乡建设局")


def copy_url(question) -> str:
    return reverse("interaction_questions:act", args=[question.pk, "public-copy"])


def page(client, question) -> BeautifulSoup:
    response = client.get(detail_url(question))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def post_copy(client, question, **fields):
    current = {"title": "", "content": "", "answer": "", "note": ""}
    data = {f"copy-{k}": v for k, v in {**current, **fields}.items() if v is not False}
    return client.post(copy_url(question), data)


@pytest.fixture
def editor_client(hetang):
    return site_client(hetang, staff(hetang, "editor"))


def test_staff_see_the_personal_data_highlighted_and_the_copy_to_be_published(hetang, editor_client):
    question = answered(hetang)
    soup = page(editor_client, question)
    marks = [(m["data-pii"], m.get_text()) for m in soup.select("[data-content] mark.pii")]
    assert marks == [
        ("name", "张三丰〔姓名〕"),
        ("id_card", "11010519491231002X〔身份证号码〕"),
        ("address", "建设路12号3栋2单元501室〔住址〕"),
        ("mobile", "13800138000〔手机号码〕"),
        ("email", "zhang@example.com〔电子邮箱〕"),
        ("landline", "0731-28680000〔固定电话〕"),
    ]
    assert [m["data-pii"] for m in soup.select("[data-answer] mark.pii")] == ["name", "address"]
    assert OFFICE in soup.select_one("[data-answer]").get_text()  # the site's own number is not marked
    assert soup.select_one("[data-content]").get_text().replace("〔", "").count("张三丰") == 1  # text unchanged
    rows = [[td.get_text() for td in tr.select("td")] for tr in soup.select("[data-pii-findings] tbody tr")]
    assert ["留言内容", "身份证号码", "11010519491231002X", "110************02X"] in rows
    assert ["答复内容", "姓名", "张三丰", "张**"] in rows
    assert "预览：公开时将自动生成" in soup.select_one("[data-copy-state]").get_text()
    assert soup.select_one("[data-copy-content]").get_text() == PUBLIC_CONTENT
    form = soup.select_one("form[data-copy-form]")
    assert form["action"] == copy_url(question)
    assert form.select_one("textarea[name=copy-content]").get_text().strip() == PUBLIC_CONTENT


def test_a_correction_before_publication_is_what_gets_published(hetang, editor_client):
    question = answered(hetang)
    content = PUBLIC_CONTENT.replace("建设路", "某路")  # the road narrows it down too much: staff mask it
    title = "某路工地噪音扰民"
    answer = f"张**您好：经核实，工地已停止夜间施工。如有疑问请拨打本单位电话{OFFICE}。"
    response = post_copy(editor_client, question, title=title, content=content, answer=answer, note="隐去路名")
    assert response.status_code == 302 and response["Location"] == detail_url(question) + "#public-copy-section"
    event = Question.objects.get(pk=question.pk).events.get(action="public_copy")
    assert event.note == "修改公开文本：标题、留言内容、答复内容\n隐去路名" and event.to_status == Status.ANSWERED
    assert "以下公开文本已由工作人员修改" in page(editor_client, question).select_one("[data-copy-state]").get_text()
    question = transition(Question.objects.get(pk=question.pk), "publish")
    assert (question.public_title, question.public_content, question.public_answer) == (title, content, answer)
    assert question.events.get(action="publish").note == "公开文本采用工作人员修改后的版本"
    public = site_client(hetang).get(f"/hdjl/{question.pk}/").content.decode()
    assert title in public and "某路" in public and "建设路" not in public
    assert (Question.objects.get(pk=question.pk).content, question.answer) == (CONTENT, ANSWER)  # originals kept


@pytest.mark.parametrize("legacy", [False, True], ids=["stored-copy", "published-before"])
def test_a_correction_after_publication_reaches_the_public_page_and_the_index(
    hetang, editor_client, legacy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the index task runs when the publish commits
        question = transition(answered(hetang), "publish")
    if legacy:
        question = make_legacy(question)
        assert "公开文本功能启用之前" in page(editor_client, question).select_one("[data-copy-state]").get_text()
    corrected = PUBLIC_CONTENT.replace("家里座机0731-****0000。", "")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_copy(
            editor_client, question, title="工地噪音扰民", content=corrected, answer="经核实，工地已停止夜间施工。"
        )
    assert response.status_code == 302
    public = site_client(hetang).get(f"/hdjl/{question.pk}/").content.decode()
    assert "工地噪音扰民" in public and "0731-****0000" not in public and "经核实，工地已停止夜间施工。" in public
    document = SearchDocument.objects.get(key=question_key(question.pk))
    assert document.title == "工地噪音扰民" and "0731-****0000" not in document.body
    events = list(Question.objects.get(pk=question.pk).events.filter(action="public_copy"))
    assert len(events) == 1 and events[0].from_status == events[0].to_status == Status.PUBLISHED


def test_personal_data_left_in_a_correction_must_be_confirmed(hetang, editor_client):
    question = answered(hetang)
    fields = {"title": "工地噪音", "content": "请联系13800138000处理", "answer": "已处理。"}
    response = post_copy(editor_client, question, **fields)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.select_one("form[data-copy-form] [data-contentpath=confirm] .error-message").get_text()
    assert "留言内容中的“13800138000”（手机号码）" in error
    assert Question.objects.get(pk=question.pk).public_copy_at is None
    assert not Question.objects.get(pk=question.pk).events.filter(action="public_copy").exists()
    response = post_copy(editor_client, question, confirm="on", **fields)
    assert response.status_code == 302
    stored = Question.objects.get(pk=question.pk)
    assert stored.public_content == "请联系13800138000处理"
    assert stored.events.get(action="public_copy").note.endswith("经核对保留（非个人信息）：手机号码 1 处")
    # The staff page shows what is left in the copy, marked like the original.
    marks = page(editor_client, stored).select("[data-copy-content] mark.pii")
    assert [m["data-pii"] for m in marks] == ["mobile"]


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_the_sites_editors_and_reviewers_may_correct(hetang, role):
    question = answered(hetang)
    client = site_client(hetang, staff(hetang, role))
    assert post_copy(client, question, title="工地噪音", content="内容", answer="答复").status_code == 302


def test_other_sites_staff_get_404_and_change_nothing(group, hetang):
    question = answered(hetang)
    for outsider in (staff(group.zhuzhou, "both"), staff(group.changde, "both")):
        client = site_client(group.zhuzhou, outsider)
        assert client.get(detail_url(question)).status_code == 404
        assert post_copy(client, question, title="改", content="改", answer="改").status_code == 404
    stored = Question.objects.get(pk=question.pk)
    assert stored.public_copy_at is None and not stored.events.filter(action="public_copy").exists()


def test_the_handling_unit_may_correct_a_transferred_message(group):
    question = received(group.zhuzhou)
    question = transition(question, "assign", handler=group.all["zhuzhou-fgw"])
    question = transition(question, "answer", answer=ANSWER, answered_by="株洲市发展和改革委员会")
    client = site_client(group.zhuzhou, staff(group.all["zhuzhou-fgw"], "editor"))
    assert post_copy(client, question, title="噪音", content="内容", answer="答复").status_code == 302


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("received", "当前状态为“已受理”，答复后才能修改公开文本。"),
        ("no-consent", "留言人未同意公开，本留言没有公开文本。"),
    ],
)
def test_a_copy_is_corrected_only_when_it_can_be_published(hetang, editor_client, state, message):
    question = received(hetang) if state == "received" else received(hetang, consent=False)
    if state == "no-consent":
        question = transition(question, "answer", answer=ANSWER, answered_by="荷塘区住房和城乡建设局")
    soup = page(editor_client, question)
    assert soup.select_one("form[data-copy-form]") is None  # not offered
    if state == "no-consent":
        assert "留言人未同意公开，本留言不会公开" in soup.select_one("#public-copy-content").get_text()
    response = post_copy(editor_client, question, title="标题", content="内容", answer="答复")
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select_one("form[data-copy-form]").get_text()
    assert message in errors
    assert Question.objects.get(pk=question.pk).public_copy_at is None
