from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionType(models.TextChoices):
    # Translated: the labels appear on the English mirror (issue 15); Chinese stays the source text.
    CONSULT = "consult", _("咨询")
    COMPLAINT = "complaint", _("投诉")
    SUGGESTION = "suggestion", _("建议")


class Status(models.TextChoices):
    RECEIVED = "received", "已受理"
    REJECTED = "rejected", "不予受理"
    ASSIGNED = "assigned", "办理中"
    ANSWERED = "answered", "已答复"
    REVIEWED = "reviewed", "已审核"
    PUBLISHED = "published", "已公开"
    CLOSED = "closed", "已办结（不公开）"


# Still waiting for a reply: these count toward deadlines, alarms and the three-month veto line.
OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    MOSTLY = "mostly", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Alarm(models.TextChoices):
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已超期"
    HARD = "hard", "严重超期（逼近三个月否决线）"


class Channel(models.TextChoices):
    GENERAL = "general", "咨询投诉建议"
    LEADER = "leader", "领导信箱"  # 市长信箱 / 区长信箱 …: the page title names it per site


class PersonalDataKind(models.TextChoices):
    """Kinds of personal data found in a message or reply before it is published (interaction/redaction.py)."""

    ID_CARD = "id_card", "身份证号码"
    BANK_CARD = "bank_card", "银行卡号"
    MOBILE = "mobile", "手机号码"
    LANDLINE = "landline", "固定电话"
    EMAIL = "email", "电子邮箱"
    ACCOUNT = "account", "QQ/微信号"
    ADDRESS = "address", "住址"
    NAME = "name", "姓名"
