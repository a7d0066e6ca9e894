"""A hand-built set of messages for the statistics page and API tests (dates in 2026, on the seeded calendar).

株洲 (portal), received 4:
  A  Fri 6 Feb  → 市发改委, answered 27 Feb: 10 working days, on time (due 27 Feb); published; 满意
  B  Mon 2 Mar  → 荷塘区, answered 20 Mar: 14 working days, late (due 16 Mar); closed; 不满意
  C  Tue 3 Mar  rejected (duplicate)
  D  Wed 4 Mar  open and overdue
荷塘区 (its own mailbox), received 1:
  E  Mon 30 Mar answered 1 Apr by 荷塘区 itself: 2 working days, on time; 基本满意
常德 (another group), received 1:
  F  Tue 10 Mar open and overdue
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from core.calendar_seed import seed_calendar
from interaction.enums import QuestionType, Satisfaction
from interaction.models import Question
from interaction.services import receive, transition

D = datetime.date
YEAR = 2026
# Personal data that must never appear in any statistics output.
NAME, PHONE, EMAIL, TITLE = "欧阳娜娜", "13912345678", "nana@example.com", "智能停车缴费咨询"


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def message(site, received, **fields):
    question, _ = receive(
        site=site,
        type=QuestionType.CONSULT,
        title=TITLE,
        content="请问智能停车缴费如何开具发票？",
        name=NAME,
        phone=PHONE,
        email=EMAIL,
        consent_publish=True,
        received_at=at(received),
        **fields,
    )
    return question


def answer(question, day, by):
    return transition(question, "answer", answer="已转相关部门办理。", answered_by=by, answered_at=at(day, 15))


def rate(question, value):
    Question.objects.filter(pk=question.pk).update(satisfaction=value)


def build(group) -> SimpleNamespace:
    seed_calendar(YEAR, YEAR)
    city, hetang, fgw = group.zhuzhou, group.hetang, group.all["zhuzhou-fgw"]
    a = message(city, D(YEAR, 2, 6))
    transition(a, "assign", handler=fgw)
    answer(a, D(YEAR, 2, 27), "市发改委")
    transition(a, "publish")
    rate(a, Satisfaction.SATISFIED)
    b = message(city, D(YEAR, 3, 2))
    transition(b, "assign", handler=hetang)
    answer(b, D(YEAR, 3, 20), "荷塘区")
    transition(b, "close")
    rate(b, Satisfaction.UNSATISFIED)
    c = message(city, D(YEAR, 3, 3))
    transition(c, "reject", reason="重复留言")
    d = message(city, D(YEAR, 3, 4))
    e = message(hetang, D(YEAR, 3, 30))
    answer(e, D(YEAR, 4, 1), "荷塘区")
    rate(e, Satisfaction.MOSTLY)
    f = message(group.changde, D(YEAR, 3, 10))
    return SimpleNamespace(a=a, b=b, c=c, d=d, e=e, f=f)
