from django.db import models


class ColumnType(models.TextChoices):
    """Column types; evaluators judge update frequency (栏目更新) per type, so it is a fixed list."""

    NEWS = "news", "动态要闻"
    NOTICE = "notice", "通知公告"
    POLICY = "policy", "政策文件"
    PERSONNEL = "personnel", "人事信息"
    PLANNING = "planning", "规划计划"
    TOPIC = "topic", "专题"
    SERVICE = "service", "办事服务"
    OTHER = "other", "其他"


class SubmissionScope(models.TextChoices):
    """Which sites below a column's site may submit (报送) to it (syndication app)."""

    CHILDREN = "children", "直属下级站点"
    DESCENDANTS = "descendants", "全部下级站点"


class ServiceItemType(models.TextChoices):
    """事项类型 of a 办事指南: the 依申请 kinds of 行政权力 and 公共服务, as in the national 政务服务事项 catalogue
    (处罚、强制、检查 are not applied for, so they never get a guide)."""

    LICENSING = "licensing", "行政许可"
    PAYMENT = "payment", "行政给付"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    FILING = "filing", "行政备案"
    OTHER_POWER = "other_power", "其他行政权力"
    PUBLIC_SERVICE = "public_service", "公共服务"


class ServiceTarget(models.TextChoices):
    """服务对象."""

    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人"
    BOTH = "both", "自然人、法人"


class MaterialForm(models.TextChoices):
    """申请材料的形式."""

    ORIGINAL = "original", "原件"
    COPY = "copy", "复印件"
    BOTH = "both", "原件和复印件"
    ELECTRONIC = "electronic", "电子件"


class ProjectProgress(models.TextChoices):
    """进度 of a 专题 重点项目: the three stages 重点项目 lists publish, so the public can follow a project."""

    PLANNED = "planned", "谋划"
    BUILDING = "building", "在建"
    DONE = "done", "建成"
