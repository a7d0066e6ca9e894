from django.db import models


class DocType(models.TextChoices):
    """Content types of the search filter (the national guideline asks for results grouped by type)."""

    NEWS = "news", "新闻"
    NOTICE = "notice", "通知公告"
    POLICY = "policy", "政策文件"
    DISCLOSURE = "disclosure", "公开信息"
    QA = "qa", "互动问答"
    SERVICE = "service", "办事"
    PAGE = "page", "其他"


class Scope(models.TextChoices):
    SITE = "site", "本站"
    CHILDREN = "children", "本站及下级网站"
    GROUP = "group", "全站群"


class Sort(models.TextChoices):
    RELEVANCE = "relevance", "按相关度"
    DATE = "date", "按时间"
