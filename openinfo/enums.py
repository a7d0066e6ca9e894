from django.db import models
from django.utils.translation import gettext_lazy as _


class Validity(models.TextChoices):
    """有效性: a document that is amended, repealed or expired must say so on the original (发展指引 四.4)."""

    # Translated: the labels appear on the English mirror (issue 15); Chinese stays the source text.
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class DocumentGenre(models.TextChoices):
    """体裁. 规章 and 行政规范性文件 are counted separately in annual-report Table 2."""

    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    OTHER_DOCUMENT = "document", "其他文件"
    INTERPRETATION = "interpretation", "政策解读"
    INFORMATION = "information", "其他信息"


class DisclosureMethod(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"


class DisclosureScope(models.TextChoices):
    PUBLIC = "public", "面向社会"
    SPECIFIC = "specific", "特定对象"
