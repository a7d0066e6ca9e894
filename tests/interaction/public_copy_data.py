"""A message full of personal data, and helpers, for the public-copy tests (test_public_copy*.py)."""

from django.test import TestCase

from interaction.models import Question
from interaction.services import receive, transition
from search.services import index_question
from sites.models import SiteSettings

OFFICE = "0731-22880000"  # 荷塘区's published contact number: not personal data
TITLE = "建设路12号工地噪音扰民，电话13800138000"
CONTENT = (
    "我叫张三丰，身份证11010519491231002X，住在建设路12号3栋2单元501室。手机13800138000，"
    "邮箱zhang@example.com，家里座机0731-28680000。12345热线已反映过，依据株政发〔2024〕12号文件，"
    "2024年3月15日至今仍在夜间施工。"
)
ANSWER = f"张三丰您好：经核实，建设路12号工地已停止夜间施工。如有疑问请拨打本单位电话{OFFICE}。"
# What must never appear on a public page or in the search index once the message is published.
PERSONAL = ("张三丰", "11010519491231002X", "13800138000", "zhang@example.com", "28680000", "建设路12号", "501室")
PUBLIC_CONTENT = (
    "我叫张**，身份证110************02X，住在建设路**号**栋**单元**室。手机138****8000，"
    "邮箱z***@example.com，家里座机0731-****0000。12345热线已反映过，依据株政发〔2024〕12号文件，"
    "2024年3月15日至今仍在夜间施工。"
)


def with_office_phone(profile):
    """The site publishes OFFICE as its contact number (site settings), as 荷塘区 would."""
    settings = SiteSettings.for_site(profile.site)
    settings.phone = f"{OFFICE}、12345"
    settings.save()
    return profile


def received(site, consent=True, **fields):
    question, password = receive(
        site=site,
        type="complaint",
        title=fields.pop("title", TITLE),
        content=fields.pop("content", CONTENT),
        name="张三丰",
        phone="13800138000",
        email="zhang@example.com",
        consent_publish=consent,
        **fields,
    )
    question.password = password
    return question


def published(site, answer=ANSWER):
    question = received(site)
    # Each step commits in the admin: its tasks (the search index, the answer email) run then.
    with TestCase.captureOnCommitCallbacks(execute=True):
        transition(question, "answer", answer=answer, answered_by="荷塘区住房和城乡建设局")
        published = transition(question, "publish")
    published.password = question.password
    return published


def make_legacy(question):
    """As if published before public copies existed: no copy stored, and the search index rebuilt since."""
    Question.objects.filter(pk=question.pk).update(
        public_title="", public_content="", public_answer="", public_copy_at=None
    )
    index_question(question.pk)
    return Question.objects.get(pk=question.pk)
