from django.db import models
from django.utils.translation import gettext_lazy as _

# Labels are translatable: the /en/ mirror of the search page shows them in English.


class DocType(models.TextChoices):
    """Content types of the search filter (the national guideline asks for results grouped by type)."""

    NEWS = "news", _("新闻")
    NOTICE = "notice", _("通知公告")
    POLICY = "policy", _("政策文件")
    DISCLOSURE = "disclosure", _("公开信息")
    QA = "qa", _("互动问答")
    SERVICE = "service", _("办事")
    PAGE = "page", _("其他")


class Scope(models.TextChoices):
    SITE = "site", _("本站")
    CHILDREN = "children", _("本站及下级网站")
    GROUP = "group", _("全部网站")


class Sort(models.TextChoices):
    RELEVANCE = "relevance", _("按相关度")
    DATE = "date", _("按时间")


class HotTermAction(models.TextChoices):
    """What a website group's staff do with one term of its 热门搜索 (search.models.HotTermRule)."""

    HIDE = "hide", "不显示"
    PIN = "pin", "置顶"
