"""The tiny shared base: the abstract base page, the national working-day calendar and the staff login records
(``accounts.py``)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import select_template
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, Page

from ..enums import CalendarDayKind, CalendarSource


class BasePage(Page):
    """Cross-cutting page behaviour only: template selection through overridable candidates.

    Apps that know about site kinds (``sites``) extend :meth:`get_template_candidates`; core itself
    imports no other project app.
    """

    class Meta:
        abstract = True

    def get_template_candidates(self, request) -> list[str]:
        return [self.template]

    def get_template(self, request, *args, **kwargs):
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.ajax_template or self.template
        return select_template(self.get_template_candidates(request)).template.name


class CalendarDay(models.Model):
    """An exception to the Monday–Friday working week: a public holiday, or a 调休 make-up working day.

    Deadlines in working days (政府信息公开条例 Arts. 26, 33; reply deadlines of the Q&A channel) are computed
    from this table. It is seeded from the chinese-calendar package (``manage.py seed_calendar``) and
    platform administrators can add or correct days — e.g. a future year announced by the State Council
    before the package is updated. Seeding never overwrites a manually maintained day.
    """

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=8, choices=CalendarDayKind.choices)
    name = models.CharField("名称", max_length=40, blank=True, help_text="如：春节、国庆节")
    source = models.CharField("来源", max_length=8, choices=CalendarSource.choices, default=CalendarSource.MANUAL)

    class Meta:
        verbose_name = "工作日历"
        verbose_name_plural = "工作日历"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()

    def clean(self):
        super().clean()
        # Only a weekend day can be made a working day; a weekday already is one.
        if self.kind == CalendarDayKind.WORKDAY and self.date and self.date.weekday() < 5:
            raise ValidationError({"kind": "调休上班日只能是周六或周日；工作日无需登记。"})


class StableOrderable(Orderable):
    """Wagtail's Orderable with a deterministic order: the editor's (``sort_order``), then the order of creation.
    Rows added by code (the demo, imports) have no ``sort_order``, and PostgreSQL returns such ties in any order."""

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]


class BaseAttachment(StableOrderable):
    """A document attached to a page (附件), shown with its own title or the document's. Subclasses add the
    ``page`` ParentalKey to their page type."""

    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name="文件"
    )
    title = models.CharField("显示名称", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(StableOrderable.Meta):
        abstract = True
        verbose_name = "附件"

    @property
    def display_title(self):
        return self.title or self.document.title


from .accounts import GroupLoginPolicy, SecurityEvent  # noqa: E402

__all__ = ["BaseAttachment", "BasePage", "CalendarDay", "GroupLoginPolicy", "SecurityEvent"]
