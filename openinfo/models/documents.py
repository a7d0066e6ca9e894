"""公开信息: a disclosed document with the standard metadata (国办秘函〔2009〕6号) and its 索引号."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.models import BaseAttachment, BasePage
from core.workdays import load_calendar
from sites.pages import SitePageMixin
from sites.shown_dates import DueOnlyMixin, ShownDateQuerySet, shown_date_manager

from ..catalogue import category_choices, category_map, subject_choices, subject_label
from ..enums import DisclosureMethod, DisclosureScope, DocumentGenre, Validity
from ..forms import DisclosureDocumentForm
from ..validators import validate_category, validate_document_number, validate_subject
from .index_numbers import allocate_index_number

# 政府信息公开条例 Art. 26: proactive information is published within 20 working days of being formed or changed.
PUBLICATION_DEADLINE_WORKING_DAYS = 20
# Log entries written before issue 14; date changes are now logged as sites.shown_dates.DATE_CHANGED_ACTION
# (with the reason and the user) by the edit form, for documents and articles alike.
DATE_CHANGED_ACTION = "openinfo.publish_date_changed"


def today():
    return timezone.localdate()


class DisclosureDocumentQuerySet(ShownDateQuerySet):
    shown_date_field = "published_on"


class DisclosureDocumentPage(DueOnlyMixin, SitePageMixin, BasePage):
    objects = shown_date_manager(DisclosureDocumentQuerySet)
    base_form_class = DisclosureDocumentForm  # slug tYYYYMMDD_NNN, 修改原因 for a changed 发布日期

    index_number = models.CharField("索引号", max_length=40, unique=True, null=True, blank=True, editable=False)
    publisher = models.ForeignKey(
        "sites.SiteProfile",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="disclosed_documents",
        verbose_name="发布机构",
        help_text="默认为本站主办机构；索引号按发布机构的统一社会信用代码生成",
    )
    co_publishers = models.CharField("联合发布机构", max_length=255, blank=True, help_text="多个机构用顿号分隔")
    written_on = models.DateField("成文日期")
    changed_on = models.DateField("变更日期", null=True, blank=True, help_text="信息变更后重新公开时填写")
    published_on = models.DateField("发布日期", default=today, db_index=True)
    document_number = models.CharField("文号", max_length=60, blank=True, validators=[validate_document_number])
    category = models.CharField("信息类别", max_length=20, blank=True, validators=[validate_category], db_index=True)
    subject = models.CharField("主题分类", max_length=40, validators=[validate_subject])
    genre = models.CharField("体裁", max_length=16, choices=DocumentGenre.choices, default=DocumentGenre.OTHER_DOCUMENT)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)
    valid_from = models.DateField("施行日期", null=True, blank=True)
    invalid_from = models.DateField("失效/废止日期", null=True, blank=True)
    method = models.CharField(
        "公开方式", max_length=12, choices=DisclosureMethod.choices, default=DisclosureMethod.PROACTIVE
    )
    scope = models.CharField("公开范围", max_length=12, choices=DisclosureScope.choices, default=DisclosureScope.PUBLIC)
    description = models.TextField("内容概述", blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)
    interprets = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="interpretations",
        verbose_name="解读的文件",
        help_text="政策解读必须关联其解读的文件",
    )
    publish_date_changed = models.BooleanField("发布日期曾被修改", default=False, editable=False)
    # The site whose page tree holds the document (set on save): group-wide catalogues and statistics filter
    # on it instead of one path prefix per site.
    host_site = models.ForeignKey(
        "sites.SiteProfile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="hosted_documents",
        verbose_name="所属网站",
    )

    content_panels = [
        FieldPanel("title", heading="信息名称"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("co_publishers")]),
                FieldRowPanel([FieldPanel("written_on"), FieldPanel("published_on"), FieldPanel("changed_on")]),
                FieldPanel("shown_date_reason"),
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("genre")]),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "category", widget=forms.Select(choices=[("", "（取所在栏目）"), *category_choices()])
                        ),
                        FieldPanel("subject", widget=forms.Select(choices=[("", "---------"), *subject_choices()])),
                    ]
                ),
                FieldPanel("keywords"),
                FieldRowPanel([FieldPanel("validity"), FieldPanel("valid_from"), FieldPanel("invalid_from")]),
                FieldRowPanel([FieldPanel("method"), FieldPanel("scope")]),
            ],
            heading="信息索引",
        ),
        FieldPanel("interprets"),
        FieldPanel("description"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("body"),
        index.SearchField("document_number"),
        index.SearchField("keywords"),
        index.FilterField("category"),
        index.FilterField("subject"),
        index.FilterField("validity"),
        index.FilterField("published_on"),
        index.FilterField("index_number"),
    ]
    parent_page_types = ["openinfo.DisclosureCategoryPage"]
    subpage_types = []
    in_html_sitemap = False  # an item, not a section: the 网站地图 lists the column tree
    page_description = "公开信息：带索引号、文号、主题分类、有效性等元数据的政府信息。"
    template = "openinfo/disclosure_document_page.html"

    class Meta:
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"
        permissions = [("view_disclosure_statistics", "可查看全网站群政府信息公开统计")]

    # -- derived facts -------------------------------------------------------------------------------------

    @property
    def category_info(self):
        return category_map().get(self.category)

    @property
    def subject_label(self) -> str:
        """The 主题分类 in the active language (English on the /en/ mirror: subjects.toml name_en)."""
        return subject_label(self.subject)

    def live_interpretations(self):
        """Published, public interpretations of this document, newest first (the two-way link, A15)."""
        return self.interpretations.live().public().filter(published_on__lte=today()).order_by("-published_on", "-pk")

    def attachment_list(self):
        return list(self.attachments.select_related("document"))

    @property
    def formed_on(self) -> datetime.date:
        """The day the information was formed, or last changed (条例 Art. 26 counts from either)."""
        return max(d for d in (self.written_on, self.changed_on) if d)

    @property
    def publication_delay(self) -> int:
        """Working days between formation/change and publication."""
        return load_calendar().working_days_between(self.formed_on, self.published_on)

    @property
    def is_late(self) -> bool:
        return self.publication_delay > PUBLICATION_DEADLINE_WORKING_DAYS

    # -- validation ----------------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.written_on and self.published_on and self.written_on > self.published_on:
            errors["written_on"] = "成文日期不能晚于发布日期。"
        if self.changed_on and self.published_on and self.changed_on > self.published_on:
            errors["changed_on"] = "变更日期不能晚于发布日期。"
        if self.validity != Validity.VALID and not self.invalid_from:
            errors["invalid_from"] = "文件已失效或废止时，必须填写失效/废止日期。"
        if self.invalid_from and self.valid_from and self.invalid_from < self.valid_from:
            errors["invalid_from"] = "失效/废止日期不能早于施行日期。"
        if self.genre == DocumentGenre.INTERPRETATION:
            if self.interprets_id is None:
                errors["interprets"] = "政策解读必须关联其解读的文件后才能保存或发布。"
            elif self.interprets_id == self.pk:
                errors["interprets"] = "政策解读不能关联自身。"
            elif self.interprets.genre == DocumentGenre.INTERPRETATION:
                errors["interprets"] = "请关联被解读的政策文件，而不是另一篇解读。"
        elif self.interprets_id is not None:
            errors["genre"] = "只有体裁为“政策解读”的信息才能关联被解读的文件。"
        if not self.category and self._parent_category():
            self.category = self._parent_category()
        if not self.category:
            errors["category"] = "请选择信息类别（或将信息放在对应的公开栏目下）。"
        if errors:
            raise ValidationError(errors)

    def _parent_category(self) -> str:
        parent = self.get_parent() if self.pk or self.path else None
        return getattr(getattr(parent, "specific", None), "category", "") or ""

    # -- saving: publisher default, 索引号 at first publication, audited date changes ---------------------

    def save(self, *args, **kwargs):
        previous = None
        if self.pk:
            previous = type(self).objects.filter(pk=self.pk).values("index_number", "published_on").first()
        if previous and previous["index_number"] and self.index_number != previous["index_number"]:
            raise ValidationError("索引号一经生成不得修改。")
        if self.host_site_id is None:
            self.host_site = self._site_profile()
        if self.publisher_id is None:
            self.publisher = self.host_site
        update_fields = kwargs.get("update_fields")
        if self.live and not self.index_number:
            org_code = getattr(self.publisher, "org_code", "")
            if not org_code:
                raise ValidationError({"publisher": "发布机构未设置统一社会信用代码，无法生成索引号。"})
            self.index_number = allocate_index_number(org_code, self.published_on.year)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "index_number", "publisher", "host_site"}
        writes_date = update_fields is None or "published_on" in update_fields
        date_changed = bool(
            writes_date and previous and previous["index_number"] and previous["published_on"] != self.published_on
        )
        if date_changed:
            self.publish_date_changed = True
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "publish_date_changed"}
        # Never silently back-dated: the flag is kept for the inspection (evaluation/checks/dates.py); the log entry
        # with who and why is written by the edit form (sites.forms.ShownDateMixin), which alone knows them.
        return super().save(*args, **kwargs)

    def _site_profile(self):
        from sites.models import SiteProfile

        site = self.get_site() if self.path else None
        return SiteProfile.objects.filter(site=site).first() if site else None


class DisclosureAttachment(BaseAttachment):
    page = ParentalKey(DisclosureDocumentPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(BaseAttachment.Meta):
        verbose_name = "附件"
