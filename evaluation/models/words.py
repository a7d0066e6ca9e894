"""错敏词: the wording dictionary (platform staff), each site's whitelist (that site's staff) and the reviewers'
logged overrides of a 严重 hit on a page (evaluation/words/review.py).

A dictionary entry is one of four kinds (enums.WordKind); what it matches ("patterns") and what it says is right
("right forms") depend on the kind:

| kind | 词条 (word) | 正确写法/职务 (correction) | 常见错误写法 (variants) | matches |
|---|---|---|---|---|
| 敏感词 | the word | optional suggested wording | — | the word |
| 错别字 | the wrong form (布署) | the right form (部署) | — | the wrong form |
| 领导人姓名职务 | the leader's name | their title(s) | — | the name next to a title that is not theirs |
| 机构/地名 | the canonical name (株洲) | — | the wrong forms (株州) | each wrong form |
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from core.text import normalize_input

from ..enums import WordKind, WordLevel

WORD_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9·]+")
SPLIT_RE = re.compile(r"[\s,，、;；/|]+")
MIN_CHARS = 2  # a one-character pattern would flag every text that contains the character
MAX_WORD = 40


def split_words(value: str) -> list[str]:
    return list(dict.fromkeys(w for w in SPLIT_RE.split(normalize_input(value or "").strip()) if w))


def word_error(value: str) -> str | None:
    """The Chinese message for a malformed single word, or None when it is acceptable."""
    if len(value) < MIN_CHARS:
        return f"“{value}”太短：词条至少{MIN_CHARS}个字。"
    if len(value) > MAX_WORD:
        return f"“{value[:10]}…”太长：词条最多{MAX_WORD}个字。"
    if not WORD_RE.fullmatch(value):
        return f"“{value}”只能包含汉字、字母、数字和间隔号“·”，不能有空格或其他标点。"
    return None


class WordEntry(models.Model):
    kind = models.CharField("类型", max_length=10, choices=WordKind.choices, default=WordKind.TYPO)
    word = models.CharField(
        "词条",
        max_length=MAX_WORD,
        help_text="敏感词：该词；错别字：错误写法（如“布署”）；领导人：姓名；机构/地名：规范名称（如“株洲”）",
    )
    correction = models.CharField(
        "正确写法/职务",
        max_length=100,
        blank=True,
        help_text="错别字：正确写法（如“部署”）；领导人：正确职务，多个用顿号分隔；敏感词：建议写法（可留空）",
    )
    variants = models.CharField(
        "常见错误写法",
        max_length=200,
        blank=True,
        help_text="仅机构/地名：一个或多个常见错误写法，用逗号或顿号分隔（如“株州”）",
    )
    leadership = models.CharField(
        "所属领导班子", max_length=60, blank=True, help_text="仅领导人：如“株洲市人民政府”，同一班子内检查排序"
    )
    rank = models.PositiveSmallIntegerField("班子内排序", null=True, blank=True, help_text="仅领导人：1 为第一位")
    level = models.CharField("严重程度", max_length=10, choices=WordLevel.choices, default=WordLevel.NORMAL)
    note = models.CharField("说明", max_length=200, blank=True)
    enabled = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("word"),
        FieldPanel("correction"),
        FieldPanel("variants"),
        MultiFieldPanel([FieldPanel("leadership"), FieldPanel("rank")], heading="领导人"),
        FieldPanel("level"),
        FieldPanel("note"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = "错敏词"
        verbose_name_plural = "错敏词词典"
        ordering = ["kind", "word"]
        constraints = [models.UniqueConstraint(fields=["kind", "word"], name="evaluation_word_kind_word")]

    def __str__(self):
        if self.kind == WordKind.TYPO:
            return f"{self.word} → {self.correction}"
        return self.word

    def save(self, *args, **kwargs):
        self.word = normalize_input(self.word).strip()
        if self.kind == WordKind.NAME:
            self.variants = "、".join(split_words(self.variants))
        if self.kind == WordKind.LEADER:
            self.correction = "、".join(split_words(self.correction))
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        from ..words.validation import entry_errors

        errors = entry_errors(self)
        if errors:
            raise ValidationError(errors)

    def patterns(self) -> list[str]:
        """The texts this entry looks for."""
        if self.kind == WordKind.NAME:
            return split_words(self.variants)
        return [self.word] if self.word else []

    def right_forms(self) -> list[str]:
        """The texts this entry says are right (they must never be looked for as wrong)."""
        if self.kind == WordKind.NAME:
            return [self.word] if self.word else []
        if self.kind in (WordKind.TYPO, WordKind.SENSITIVE):
            return split_words(self.correction)[:1] if self.correction else []
        return []

    def titles(self) -> list[str]:
        return split_words(self.correction) if self.kind == WordKind.LEADER else []


class WordWhitelist(models.Model):
    """Words a site accepts in its own texts: a hit inside an occurrence of one of them is not reported there."""

    site = models.ForeignKey("sites.SiteProfile", on_delete=models.CASCADE, related_name="+", verbose_name="所属网站")
    word = models.CharField(
        "白名单词语",
        max_length=MAX_WORD,
        help_text="在本网站中不作为错敏词提示的词语；可以是包含被提示词的较长写法（如地名、人名、专有名词）",
    )
    note = models.CharField("说明", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("site"), FieldPanel("word"), FieldPanel("note")]

    class Meta:
        verbose_name = "错敏词白名单"
        verbose_name_plural = "错敏词白名单"
        ordering = ["site", "word"]
        constraints = [models.UniqueConstraint(fields=["site", "word"], name="evaluation_whitelist_site_word")]

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = normalize_input(self.word).strip()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.word = normalize_input(self.word or "").strip()
        message = word_error(self.word) if self.word else "请填写白名单词语。"
        if message:
            raise ValidationError({"word": message})
        if (
            self.site_id
            and WordWhitelist.objects.filter(site_id=self.site_id, word=self.word).exclude(pk=self.pk).exists()
        ):
            raise ValidationError({"word": f"本网站的白名单已有“{self.word}”。"})


class WordOverride(models.Model):
    """A reviewer let a page be published despite its 严重 hits (the words listed), with a reason. Also written to
    the page's history as the log action ``evaluation.words_override``."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="页面")
    words = models.JSONField("放行的词", default=list)
    reason = models.CharField("放行理由", max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="审核人"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="版本"
    )
    created_at = models.DateTimeField("放行时间", auto_now_add=True)

    class Meta:
        verbose_name = "错敏词放行记录"
        verbose_name_plural = "错敏词放行记录"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page_id}: {'、'.join(self.words)}"


@receiver(post_save, sender=WordEntry)
@receiver(post_delete, sender=WordEntry)
def _dictionary_changed(**kwargs):
    # Every process rebuilds its automaton on its next scan (evaluation.words.matcher).
    from ..words.matcher import bump_version

    bump_version()
