"""Message factories for tests: every message goes through ``services.receive`` and every step through
``services.transition``, so tracking codes, the password hash, ``due_on`` and the handling history are exactly
what a real submission and a real handler produce.

    question = QuestionFactory(site=profile)              # received; question.password is the query password
    answer(question, answered_by="株洲市交通运输局")        # → answered
    publish(question)                                     # answers first if needed, reviews if the site requires it
"""

import factory
from django.utils import timezone

from interaction import services
from interaction.enums import QuestionType, Status
from interaction.models import Question

# Realistic defaults, cycled by the sequence number (the topics of the two seed documents).
TITLES = (
    "光纤入户什么时候能覆盖到我们小区？",
    "小区附近4G信号很差，能否增设基站？",
    "公共自行车租车卡在哪里办理？",
    "出租车电召服务电话是多少？",
    "如何在网上查询个人社保缴费记录？",
    "智能停车收费系统何时在老城区启用？",
)
CONTENTS = (
    "我家住在芦淞区建设南路附近的老小区，周边新小区都已经光纤入户，我们小区还是铜线宽带，网速很慢。"
    "请问什么时候能改造？",
    "我们小区地下车库和高层住户家里手机4G信号只有一格，打电话经常断线，希望相关部门协调运营商增设基站。",
    "听说市区公共自行车可以刷卡使用，请问租车卡需要带什么证件、到哪里办理？押金多少？",
    "晚上在家打车很难，听说全市出租车装了北斗终端可以电话叫车，请问电召服务电话是多少？收不收服务费？",
    "本人在单位参保多年，想查询近几年的社保缴费明细，请问有没有网上查询的渠道，需要办理什么手续？",
    "老城区停车难问题突出，请问智能停车收费系统什么时候在老城区推广？收费标准如何确定？",
)
NAMES = ("张建华", "李红梅", "王志强", "刘芳", "陈国平", "杨丽")


class QuestionFactory(factory.Factory):
    """A received message on ``site`` (required: a SiteProfile). The plain query password is kept on the
    instance as ``password`` (only its hash is stored). Pass ``received_at`` for a message in the past."""

    class Meta:
        model = Question

    type = QuestionType.CONSULT
    title = factory.Sequence(lambda n: TITLES[n % len(TITLES)])
    content = factory.Sequence(lambda n: CONTENTS[n % len(CONTENTS)])
    name = factory.Sequence(lambda n: NAMES[n % len(NAMES)])
    phone = factory.Sequence(lambda n: f"139{n % 100_000_000:08d}")
    email = ""
    consent_publish = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("QuestionFactory.build() is not supported: messages exist only through services.receive")

    @classmethod
    def _create(cls, model_class, *args, site=None, actor=None, **kwargs):
        if site is None:
            raise TypeError("QuestionFactory needs site=<SiteProfile>")
        question, password = services.receive(site=site, actor=actor, **kwargs)
        question.password = password
        return question


def assign(question: Question, handler, *, actor=None, note: str = "") -> Question:
    return services.transition(question, "assign", actor=actor, handler=handler, note=note)


def reject(question: Question, reason: str = "重复留言，已在原留言中办理。", *, actor=None) -> Question:
    return services.transition(question, "reject", actor=actor, reason=reason)


def answer(
    question: Question,
    text: str = "您好！您反映的问题已收悉，经核实，相关工作正在按计划推进。感谢您的关注。",
    *,
    answered_by: str = "",
    answered_at=None,
    actor=None,
) -> Question:
    """Answer in the name of ``answered_by`` (default: the handling unit, or else the receiving site)."""
    org = answered_by or (question.handler or question.site).org_name
    return services.transition(
        question, "answer", actor=actor, answer=text, answered_by=org, answered_at=answered_at or timezone.now()
    )


def review(question: Question, *, actor=None) -> Question:
    return services.transition(question, "review", actor=actor)


def publish(question: Question, *, actor=None, reviewer=None) -> Question:
    """Publish the reply, answering and reviewing first when the message has not got that far (the review by
    ``reviewer``: the answerer may not approve their own reply)."""
    if question.status in (Status.RECEIVED, Status.ASSIGNED):
        question = answer(question, actor=actor)
    if question.status == Status.ANSWERED and services.mailbox_settings(question).review_required:
        question = review(question, actor=reviewer)
    return services.transition(question, "publish", actor=actor)


def close(question: Question, *, actor=None) -> Question:
    """Close privately (办结不公开), answering first when needed."""
    if question.status in (Status.RECEIVED, Status.ASSIGNED):
        question = answer(question, actor=actor)
    return services.transition(question, "close", actor=actor)
