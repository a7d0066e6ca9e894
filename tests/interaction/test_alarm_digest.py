"""`manage.py interaction_alarm_digest`: each handling unit's staff get one email listing its messages that are due
soon, overdue or past the hard alarm — nobody else, nothing of the citizen's personal data, nothing on days off."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from interaction.services import transition

from .admin_helpers import message

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 10)  # a Wednesday


def received(days_ago: int) -> datetime.datetime:
    moment = datetime.datetime.combine(TODAY - datetime.timedelta(days=days_ago), datetime.time(10))
    return timezone.make_aware(moment)


@pytest.fixture
def staff(group, editor):
    users = get_user_model().objects
    for slug in ("hetang", "zhuzhou", "zhuzhou-fgw", "changde"):
        users.filter(pk=editor(slug).pk).update(email=f"{slug}@example.gov.cn")
    colleague = users.create_user("hetang-colleague", email="colleague@example.gov.cn")
    colleague.groups.add(group.hetang.reviewer_group)
    retired = users.create_user("hetang-retired", email="retired@example.gov.cn", is_active=False)
    retired.groups.add(group.hetang.editor_group)
    users.create_user("hetang-no-mail").groups.add(group.hetang.editor_group)


def sent_to() -> dict[str, mail.EmailMessage]:
    return {address: m for m in mail.outbox for address in m.to}


def test_each_handling_unit_hears_of_its_own_alarms_only(group, staff):
    hard = message(group.hetang, title="小区路灯七十天未修", received_at=received(70))
    moved = message(group.zhuzhou, title="价格投诉转发改委", received_at=received(30))
    transition(moved, "assign", handler=group.all["zhuzhou-fgw"])
    message(group.changde, title="今天刚收到的留言", received_at=received(0))  # due in 10 working days: no alarm
    answered = message(group.hetang, title="已答复的旧留言", received_at=received(80))
    transition(answered, "answer", answer="已处理。", answered_by="荷塘区人民政府")

    call_command("interaction_alarm_digest", "--date", TODAY.isoformat(), verbosity=0)

    by_address = sent_to()
    assert set(by_address) == {"hetang@example.gov.cn", "colleague@example.gov.cn", "zhuzhou-fgw@example.gov.cn"}
    assert all(len(m.to) == 1 for m in mail.outbox)  # one email per person: colleagues' addresses are not shared
    hetang = by_address["hetang@example.gov.cn"]
    assert "荷塘区人民政府" in hetang.subject and "严重超期" in hetang.subject
    assert hard.tracking_code in hetang.body and "小区路灯七十天未修" in hetang.body
    assert f"/admin/interaction/questions/{hard.pk}/" in hetang.body
    assert "已答复的旧留言" not in hetang.body and "价格投诉转发改委" not in hetang.body
    fgw = by_address["zhuzhou-fgw@example.gov.cn"]
    assert "已超期 1 条" in fgw.subject and moved.tracking_code in fgw.body and "小区路灯" not in fgw.body
    for sent in mail.outbox:  # the citizen's name, phone and email stay in the admin
        assert "张三丰" not in sent.body and "13812345678" not in sent.body and "zhang@example.com" not in sent.body


def test_nothing_is_sent_on_a_day_off_unless_forced(group, staff, capsys):
    message(group.hetang, title="小区路灯七十天未修", received_at=received(70))
    saturday = TODAY + datetime.timedelta(days=3)
    call_command("interaction_alarm_digest", "--date", saturday.isoformat())
    assert mail.outbox == [] and "不是工作日" in capsys.readouterr().out
    call_command("interaction_alarm_digest", "--date", saturday.isoformat(), "--dry-run", "--force")
    assert mail.outbox == [] and "荷塘区人民政府：1 条" in capsys.readouterr().out
    call_command("interaction_alarm_digest", "--date", saturday.isoformat(), "--force", verbosity=0)
    assert set(sent_to()) == {"hetang@example.gov.cn", "colleague@example.gov.cn"}


def test_a_bad_date_is_one_chinese_line(group):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"日期格式不正确.*YYYY-MM-DD"):
        call_command("interaction_alarm_digest", "--date", "2026-13-40")
