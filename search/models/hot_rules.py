"""Hot-term rules (热门搜索管理): a website group's staff hide a term from, or pin it to, the group's 热门搜索.

A rule belongs to one website group, named by its top portal (a site without a parent). A hidden term never
appears on the group's sites — not as a hot term, a suggestion as you type or a "did you mean" — wherever it
comes from (the query log, the dictionary, title words); a pinned term leads the group's hot terms, searched or
not, in 排序 order. Who manages which rules: search.permissions.hot_rule_policy.
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from ..enums import HotTermAction
from ..terms import MAX_TERM_CHARS, made_of_words, term_text

MAX_RULE_CHARS = 40  # as long as a dictionary term: any term the group could be shown


class HotTermRule(models.Model):
    site = models.ForeignKey(
        "sites.SiteProfile",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"parent__isnull": True},
        verbose_name="网站群",
        help_text="网站群的顶级门户；规则对其下全部网站生效",
    )
    term = models.CharField(
        "检索词", max_length=MAX_RULE_CHARS, help_text="汉字、字母和数字，词之间可用空格分隔；字母不区分大小写"
    )
    action = models.CharField("处理方式", max_length=8, choices=HotTermAction.choices, default=HotTermAction.HIDE)
    sort_order = models.PositiveSmallIntegerField("排序", default=0, help_text="置顶词按数值从小到大排列")
    note = models.CharField("说明", max_length=100, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("term"),
        FieldPanel("action"),
        FieldPanel("sort_order"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = "热门搜索规则"
        verbose_name_plural = "热门搜索管理"
        ordering = ["site", "action", "sort_order", "term"]
        constraints = [models.UniqueConstraint(fields=["site", "term"], name="hottermrule_site_term")]

    def __str__(self):
        return f"{self.get_action_display()}：{self.term}"

    def save(self, *args, **kwargs):
        self.term = term_text(self.term)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        self.term = term_text(self.term)
        if self.site_id and self.site.parent_id is not None:
            errors["site"] = "请选择网站群的顶级门户网站。"
        if not self.term:
            errors["term"] = "请填写检索词。"
        elif not made_of_words(self.term):
            errors["term"] = "检索词只能包含汉字、字母和数字（词之间可用空格分隔），不能有标点或符号。"
        elif len(self.term) > MAX_RULE_CHARS:
            errors["term"] = f"检索词不能超过{MAX_RULE_CHARS}个字。"
        elif self.action == HotTermAction.PIN and len(self.term) > MAX_TERM_CHARS:
            errors["term"] = f"置顶的检索词不能超过{MAX_TERM_CHARS}个字。"
        elif (
            self.site_id
            and HotTermRule.objects.filter(site_id=self.site_id, term=self.term).exclude(pk=self.pk).exists()
        ):
            errors["term"] = "该网站群已有这个检索词的规则。"
        if errors:
            raise ValidationError(errors)
