from django.db import models


class ColumnType(models.TextChoices):
    """Column types; evaluators judge update frequency (栏目更新) per type, so it is a fixed list."""

    NEWS = "news", "动态要闻"
    NOTICE = "notice", "通知公告"
    POLICY = "policy", "政策文件"
    PERSONNEL = "personnel", "人事信息"
    PLANNING = "planning", "规划计划"
    TOPIC = "topic", "专题"
    OTHER = "other", "其他"
