from django.db import models


class Validity(models.TextChoices):
    """有效性: a document that is amended, repealed or expired must say so on the original (发展指引 四.4)."""

    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


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
