"""The admin-edited vocabulary: custom dictionary words (government terms jieba does not know) and synonym sets
(citizen wording ↔ official wording). Changes apply at once to queries; indexed text picks them up at the next
``search_reindex``."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from ..segment import WORD_RE, all_cjk, normalize, pinyin

SPLIT_RE = re.compile(r"[\s,，、;；/|]+")


def validate_term(value: str):
    if not WORD_RE.fullmatch(normalize(value)):
        raise ValidationError("词条只能包含汉字、字母和数字，不能有空格或标点。")
    if len(value) < 2:
        raise ValidationError("词条至少两个字。")


class DictionaryTerm(models.Model):
    word = models.CharField("词条", max_length=40, unique=True, validators=[validate_term])
    weight = models.PositiveIntegerField(
        "词频", default=0, help_text="留空或0由系统自动确定；数值越大越倾向切分为一个词"
    )
    note = models.CharField("说明", max_length=100, blank=True)
    enabled = models.BooleanField("启用", default=True)
    pinyin = models.CharField("拼音", max_length=200, blank=True, editable=False, db_index=True)
    initials = models.CharField("拼音首字母", max_length=40, blank=True, editable=False, db_index=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("word"), FieldPanel("weight"), FieldPanel("note"), FieldPanel("enabled")]

    class Meta:
        verbose_name = "搜索词典词条"
        verbose_name_plural = "搜索词典"
        ordering = ["word"]

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = normalize(self.word).strip()
        self.pinyin, self.initials = pinyin(self.word) if all_cjk(self.word) else ("", "")
        super().save(*args, **kwargs)


class SynonymSet(models.Model):
    terms = models.CharField(
        "同义词", max_length=400, help_text="两个或更多可互相替换的词，用逗号、顿号或空格分隔，如：社保，社会保险"
    )
    note = models.CharField("说明", max_length=100, blank=True)
    enabled = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note"), FieldPanel("enabled")]

    class Meta:
        verbose_name = "同义词组"
        verbose_name_plural = "同义词"
        ordering = ["pk"]

    def __str__(self):
        return " ↔ ".join(self.term_list())

    def save(self, *args, **kwargs):
        self.terms = "，".join(self.term_list())
        super().save(*args, **kwargs)

    def term_list(self) -> list[str]:
        return list(dict.fromkeys(t for t in SPLIT_RE.split(normalize(self.terms)) if t))

    def clean(self):
        super().clean()
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": "同义词组至少需要两个词。"})
        for term in terms:
            try:
                validate_term(term)
            except ValidationError as exc:
                raise ValidationError({"terms": f"“{term}”：{exc.messages[0]}"}) from exc
