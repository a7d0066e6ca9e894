from django.db import models


class Severity(models.TextChoices):
    """How a finding weighs. Only verified thresholds (gov-standards.md §3.2) may produce VETO or WARNING;
    unverified deductions are ADVISORY and never enter the health index."""

    VETO = "veto", "单项否决"
    WARNING = "warning", "预警"
    ADVISORY = "advisory", "提示"


class RunStatus(models.TextChoices):
    """Where an inspection run stands. A run that stops half-way stays RUNNING (killed) or becomes FAILED (an
    exception); the sites it finished keep their new results and the others keep their previous ones."""

    RUNNING = "running", "进行中"
    COMPLETE = "complete", "已完成"
    FAILED = "failed", "未完成"


# 错敏词 (evaluation/words/): the kinds of dictionary entries and how much a hit weighs in the editor.
class WordKind(models.TextChoices):
    SENSITIVE = "sensitive", "敏感词"
    TYPO = "typo", "错别字"
    LEADER = "leader", "领导人姓名职务"
    NAME = "name", "机构/地名"


class WordLevel(models.TextChoices):
    """严重 blocks publishing until a reviewer overrides it; 一般 and 提示 are warnings only."""

    SERIOUS = "serious", "严重"
    NORMAL = "normal", "一般"
    HINT = "hint", "提示"
