"""The public copy of a published message (interaction/privacy.py): written on publication with personal data
masked, shown by every public place (the replies list and its keyword search, the reply page, the search index)
instead of the original, made on the fly for messages published before copies existed; the citizen's own status
query still shows the original."""

import io

import pytest
from bs4 import BeautifulSoup

from interaction.enums import Status
from interaction.models import Question
from interaction.services import TransitionError, transition
from search.documents import question_key
from search.models import SearchDocument
from tests.conftest import site_client

from .public_copy_data import (
    ANSWER,
    CONTENT,
    OFFICE,
    PERSONAL,
    PUBLIC_CONTENT,
    TITLE,
    make_legacy,
    published,
    received,
    with_office_phone,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hetang(group):
    return with_office_phone(group.hetang)


def text_of(response) -> str:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text()


def list_titles(client, **params) -> list[str]:
    soup = BeautifulSoup(client.get("/hdjl/", params).content, "html.parser")
    return [a.get_text() for a in soup.select(".replies-table td.col-title a")]


def test_publication_stores_a_masked_copy_and_keeps_the_original(hetang):
    question = published(hetang)
    assert question.public_copy_at is not None
    assert question.public_title == "建设路**号工地噪音扰民，电话138****8000"
    assert question.public_content == PUBLIC_CONTENT
    assert (
        question.public_answer == f"张**您好：经核实，建设路**号工地已停止夜间施工。如有疑问请拨打本单位电话{OFFICE}。"
    )
    stored = Question.objects.get(pk=question.pk)
    assert (stored.title, stored.content, stored.answer) == (TITLE, CONTENT, ANSWER)  # the original is private
    event = stored.events.get(action="publish")
    assert (
        event.note
        == "公开文本已隐去个人信息：身份证号码 1 处、手机号码 2 处、固定电话 1 处、电子邮箱 1 处、住址 3 处、姓名 2 处"
    )


def assert_public_places_hide_personal_data(hetang, question):
    client = site_client(hetang)
    listing, page = text_of(client.get("/hdjl/")), text_of(client.get(f"/hdjl/{question.pk}/"))
    document = SearchDocument.objects.get(key=question_key(question.pk))
    for place, text in (("list", listing), ("page", page), ("index", f"{document.title} {document.body}")):
        for value in PERSONAL:
            assert value not in text, (place, value)
    assert "建设路**号工地噪音扰民，电话138****8000" in listing
    assert "身份证110************02X" in page and f"本单位电话{OFFICE}" in page and "张**" in page
    assert "138****8000" in document.body and "12345热线" in document.body
    # The keyword search of the list looks in the public copy only: hidden numbers do not betray the message.
    for hidden in ("13800138000", "11010519491231002X", "张三丰", "501室", "zhang@"):
        assert list_titles(client, q=hidden) == [], hidden
    assert list_titles(client, q="噪音扰民") == ["建设路**号工地噪音扰民，电话138****8000"]


def test_public_pages_and_the_search_index_show_only_the_public_copy(hetang):
    assert_public_places_hide_personal_data(hetang, published(hetang))
    # A stored copy is searched as it reads, masks included (a message published before copies existed is found
    # by words that are in both its original and its copy).
    assert list_titles(site_client(hetang), q="138****8000") == ["建设路**号工地噪音扰民，电话138****8000"]


def test_a_message_published_before_public_copies_is_masked_on_the_fly(hetang):
    question = make_legacy(published(hetang))
    assert question.public_copy_at is None
    assert_public_places_hide_personal_data(hetang, question)
    stored = Question.objects.get(pk=question.pk)
    assert (stored.title, stored.content, stored.answer, stored.public_content) == (TITLE, CONTENT, ANSWER, "")


@pytest.mark.parametrize("legacy", [False, True], ids=["stored-copy", "published-before"])
def test_the_citizens_own_status_query_shows_the_original(hetang, legacy):
    question = published(hetang)
    if legacy:
        make_legacy(question)
    response = site_client(hetang).post("/hdjl/query/", {"code": question.tracking_code, "password": question.password})
    text = text_of(response)
    assert CONTENT in text and ANSWER in text and TITLE in text


def test_messages_without_personal_data_read_the_same(hetang):
    question = received(
        hetang, title="光纤入户什么时候到我们小区", content="小区至今没有光纤入户，请问什么时候能开通？"
    )
    transition(question, "answer", answer="已列入今年改造计划。", answered_by="荷塘区人民政府")
    question = transition(question, "publish")
    assert (question.public_title, question.public_content, question.public_answer) == (
        "光纤入户什么时候到我们小区",
        "小区至今没有光纤入户，请问什么时候能开通？",
        "已列入今年改造计划。",
    )
    assert question.events.get(action="publish").note == ""


def test_a_refused_publication_writes_no_copy(hetang):
    question = received(hetang, consent=False)
    transition(question, "answer", answer=ANSWER, answered_by="荷塘区人民政府")
    with pytest.raises(TransitionError, match="留言人未同意公开"):
        transition(question, "publish")
    stored = Question.objects.get(pk=question.pk)
    assert stored.status == Status.ANSWERED and stored.public_copy_at is None and stored.public_content == ""


def test_the_backfill_command_stores_the_copy_of_earlier_messages_once(hetang):
    from django.core.management import call_command

    from interaction.privacy import BACKFILL_NOTE

    legacy = make_legacy(published(hetang))
    corrected = received(hetang, title="另一条已由工作人员修改的留言", content="我的手机13900139000，请回电。")
    transition(corrected, "answer", answer="已回电。", answered_by="荷塘区人民政府")
    corrected = transition(corrected, "publish")
    Question.objects.filter(pk=corrected.pk).update(public_content="工作人员修改的版本")
    out = io.StringIO()
    call_command("interaction_public_copies", stdout=out)
    assert out.getvalue().strip() == "已补写公开文本：1 条"
    stored = Question.objects.get(pk=legacy.pk)
    assert stored.public_copy_at is not None and stored.public_content == PUBLIC_CONTENT
    assert (stored.title, stored.content, stored.answer) == (TITLE, CONTENT, ANSWER)
    assert stored.events.get(action="public_copy").note == BACKFILL_NOTE
    assert Question.objects.get(pk=corrected.pk).public_content == "工作人员修改的版本"
    assert_public_places_hide_personal_data(hetang, stored)
    call_command("interaction_public_copies", stdout=(out := io.StringIO()))
    assert out.getvalue().strip() == "已补写公开文本：0 条"


def test_the_keyword_search_masks_a_bounded_number_of_earlier_messages(hetang, monkeypatch):
    from interaction.views import public

    older, newer = make_legacy(published(hetang)), make_legacy(published(hetang))
    monkeypatch.setattr(public, "LEGACY_SEARCH_LIMIT", 1)
    soup = BeautifulSoup(site_client(hetang).get("/hdjl/", {"q": "噪音扰民"}).content, "html.parser")
    links = [a["href"] for a in soup.select(".replies-table td.col-title a")]
    assert links == [f"/hdjl/{newer.pk}/"] and older.pk != newer.pk  # the older one is left out, not shown unchecked
