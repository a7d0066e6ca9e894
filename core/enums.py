from django.db import models


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（休息）"
    WORKDAY = "workday", "调休上班"


class CalendarSource(models.TextChoices):
    SEEDED = "seeded", "chinese-calendar 导入"
    MANUAL = "manual", "人工维护"
