from django.db import models


class Severity(models.TextChoices):
    """How a finding weighs. Only verified thresholds (gov-standards.md §3.2) may produce VETO or WARNING;
    unverified deductions are ADVISORY and never enter the health index."""

    VETO = "veto", "单项否决"
    WARNING = "warning", "预警"
    ADVISORY = "advisory", "提示"
