"""政府信息公开指南 and 政府信息公开制度: the two fixed pages of a site's 政府信息公开 section besides its catalogue."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.models import BasePage, StableOrderable
from sites.pages import SitePageMixin

from .. import guide
from ..forms import DisclosureGuideForm, DisclosureRulesForm
from ..validators import validate_document_number, validate_phone, validate_postcode
from .documents import DisclosureDocumentPage

APPLICATION_SLUG = "ysqgk"  # 依申请公开 in the blueprints (an openinfo.ApplicationPage where that type exists)
CATALOGUE_SLUG = "fdzdgknr"  # 法定主动公开内容
STATUTORY_HELP = "留空则显示《条例》规定的内容；新建页面时已预填，可按本机关实际修改"


class DisclosureGuidePage(SitePageMixin, BasePage):
    """政府信息公开指南 (政府信息公开条例 Art. 12): the organ, its disclosure office and how to reach it, the catalogue,
    how to apply, the periods (Art. 33), fees (Art. 42) and remedies (Art. 51). Contacts the organ leaves blank
    fall back to the site's data (openinfo/guide.py); an element with no value at all is not shown."""

    intro = models.TextField("编制说明", blank=True, help_text="指南开头的说明，留空则使用标准表述")
    office_name = models.CharField(
        "政府信息公开工作机构", max_length=100, blank=True, help_text="留空则使用站点设置中的承办单位"
    )
    office_address = models.CharField(
        "办公地址", max_length=200, blank=True, help_text="留空则使用站点设置中的联系地址"
    )
    office_hours = models.CharField(
        "办公时间", max_length=200, blank=True, help_text="如：工作日 8:30—12:00，14:30—17:30"
    )
    phone = models.CharField(
        "咨询电话", max_length=60, blank=True, validators=[validate_phone], help_text="留空则使用站点设置中的联系电话"
    )
    fax = models.CharField("传真", max_length=60, blank=True, validators=[validate_phone], help_text="没有传真的留空")
    email = models.EmailField("电子邮箱", blank=True, help_text="留空则使用站点设置中的电子邮箱")
    postcode = models.CharField(
        "邮政编码", max_length=6, blank=True, validators=[validate_postcode], help_text="留空则使用站点设置中的邮政编码"
    )
    classification = models.TextField("主动公开的信息分类与编排", blank=True, help_text=STATUTORY_HELP)
    application = models.TextField("依申请公开的方式", blank=True, help_text=STATUTORY_HELP)
    periods = models.TextField("办理期限", blank=True, help_text=STATUTORY_HELP)
    fees = models.TextField("收费", blank=True, help_text=STATUTORY_HELP)
    remedies = models.TextField("监督和救济", blank=True, help_text=STATUTORY_HELP)
    complaint_phone = models.CharField("监督投诉电话", max_length=60, blank=True, validators=[validate_phone])
    body = StreamField(BodyStreamBlock(), verbose_name="其他说明", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldRowPanel([FieldPanel("office_address"), FieldPanel("postcode")]),
                FieldPanel("office_hours"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                FieldPanel("email"),
            ],
            heading="政府信息公开工作机构",
        ),
        FieldPanel("classification"),
        FieldPanel("application"),
        FieldPanel("periods"),
        FieldPanel("fees"),
        FieldPanel("remedies"),
        FieldPanel("complaint_phone"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("application"),
        index.SearchField("body"),
    ]
    base_form_class = DisclosureGuideForm
    parent_page_types = ["openinfo.DisclosureIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    page_description = "政府信息公开指南（条例第十二条）：工作机构、联系方式、公开目录、申请方式、期限、收费与救济。"
    template = "openinfo/disclosure_guide_page.html"

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    def get_context(self, request, *args, **kwargs):
        from sites.models import SiteSettings
        from sites.utils import get_profile_for_request

        context = super().get_context(request, *args, **kwargs)
        profile = get_profile_for_request(request)
        context["guide"] = self.resolved(profile, SiteSettings.for_request(request))
        context["links"] = self.section_links()
        return context

    def resolved(self, profile, site_settings) -> dict:
        """Every element with its value: the page's own, else the site's data, else the statute's text."""
        org = getattr(profile, "org_name", "") or self.get_site().site_name
        office = guide.first(self.office_name, getattr(site_settings, "organizer", ""), org)
        defaults = guide.default_texts(org, office, guide.superior_of(profile))
        contacts = [
            guide.Contact("机构名称", office),
            guide.Contact("办公地址", guide.first(self.office_address, getattr(site_settings, "address", ""))),
            guide.Contact("邮政编码", guide.first(self.postcode, getattr(site_settings, "postcode", ""))),
            guide.Contact("办公时间", guide.first(self.office_hours)),
            guide.Contact("咨询电话", guide.first(self.phone, getattr(site_settings, "phone", "")), "phone"),
            guide.Contact("传真", guide.first(self.fax), "phone"),
            guide.Contact("电子邮箱", guide.first(self.email, getattr(site_settings, "email", "")), "email"),
        ]
        sections = {key: guide.first(getattr(self, key), defaults[key]) for key in guide.DEFAULT_TEXTS}
        return {
            "org": org,
            "intro": guide.first(self.intro, guide.DEFAULT_INTRO.format(org=org)),
            "contacts": [c for c in contacts if c.value],
            "sections": sections,
            "headings": guide.SECTION_HEADINGS,
            "complaint_phone": guide.first(self.complaint_phone),
        }

    def section_links(self) -> dict:
        """The catalogue, the request entry, the rules and the annual reports: live siblings in this section."""
        siblings = self.get_siblings(inclusive=False).live().public().specific()
        links = {"index": self.get_parent()}
        for page in siblings:
            label = page.specific_class._meta.label
            if page.slug == APPLICATION_SLUG or label == "openinfo.ApplicationPage":
                links.setdefault("application", page)
            elif page.slug == CATALOGUE_SLUG:
                links["catalogue"] = page
            elif label == "openinfo.DisclosureRulesPage":
                links["rules"] = page
            elif page.slug == "nb":
                links["reports"] = page
        return links


class DisclosureRulesPage(SitePageMixin, BasePage):
    """政府信息公开制度: the organ's disclosure rules (保密审查, 申请办理, 发布协调, 考核 …) listed as documents — its
    own published 公开信息 chosen in the admin, or uploaded files with their 文号 and date."""

    intro = models.TextField("说明", blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("rules", label="制度文件", heading="制度文件（选择本站的公开信息，或上传文件）"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    base_form_class = DisclosureRulesForm
    parent_page_types = ["openinfo.DisclosureIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    page_description = "政府信息公开制度：本机关政府信息公开工作制度的文件列表。"
    template = "openinfo/disclosure_rules_page.html"

    class Meta:
        verbose_name = "政府信息公开制度"
        verbose_name_plural = "政府信息公开制度"

    def listed_rules(self) -> list["DisclosureRule"]:
        """The rules a visitor can open: chosen documents that are live and public, and uploaded files."""
        rules = list(self.rules.select_related("page", "document"))
        chosen = [r.page_id for r in rules if r.page_id]
        site_root = self.get_site().root_page
        # Only this site's documents: the form refuses others, this keeps a moved document from showing here.
        # ... and only once their 发布日期 has come (sites/shown_dates.py).
        documents = DisclosureDocumentPage.objects.filter(pk__in=chosen).live().due().public()
        visible = set(documents.descendant_of(site_root).values_list("pk", flat=True))
        return [r for r in rules if (r.page_id in visible) or (r.page_id is None and r.document_id)]


class DisclosureRule(StableOrderable):
    """One 制度 of the list: a 公开信息 of the same site, or an uploaded file with its title, 文号 and date."""

    rules_page = ParentalKey(DisclosureRulesPage, on_delete=models.CASCADE, related_name="rules")
    page = models.ForeignKey(
        "openinfo.DisclosureDocumentPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="本站公开信息",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="上传文件",
    )
    title = models.CharField(
        "名称", max_length=255, blank=True, help_text="上传文件时必填；选择公开信息时留空则用其名称"
    )
    document_number = models.CharField("文号", max_length=60, blank=True, validators=[validate_document_number])
    issued_on = models.DateField("印发日期", null=True, blank=True)

    panels = [
        PageChooserPanel("page", ["openinfo.DisclosureDocumentPage"]),
        FieldPanel("document"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("document_number"), FieldPanel("issued_on")]),
    ]

    class Meta(StableOrderable.Meta):
        verbose_name = "制度文件"
        verbose_name_plural = "制度文件"

    def clean(self):
        super().clean()
        if self.page_id and self.document_id:
            raise ValidationError({"document": "每行只能选择一项：本站公开信息或上传文件。"})
        if not self.page_id and not self.document_id:
            raise ValidationError({"page": "请选择本站的公开信息，或上传制度文件。"})
        if self.document_id and not self.title.strip():
            raise ValidationError({"title": "上传文件时请填写制度名称。"})

    @cached_property
    def shown(self) -> dict:
        """Title, link, 文号 and date as listed: a chosen document's own metadata unless overridden here."""
        if self.page_id:
            doc = self.page
            return {
                "title": self.title or doc.title,
                "url": doc.url,
                "number": self.document_number or doc.document_number,
                "date": self.issued_on or doc.written_on,
            }
        return {
            "title": self.title or self.document.title,
            "url": self.document.url,
            "number": self.document_number,
            "date": self.issued_on,
        }
