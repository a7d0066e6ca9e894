"""办事指南 pages and the list of a 办事服务 column."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.models import BasePage
from sites.pages import SitePageMixin, translated_only
from sites.route_cache import private_q as cached_private_q

from ..blocks import MaterialsBlock
from ..enums import ColumnType, ServiceItemType, ServiceTarget


def guides_under(page: Page, private_q=None):
    """Live, public 办事指南 anywhere below ``page``, in the order editors gave them in the page tree."""
    if private_q is None:
        private_q = cached_private_q()
    return (
        translated_only(ServiceGuidePage.objects.live().exclude(private_q).descendant_of(page))
        .order_by("path")
        .only(
            "id",
            "title",
            "url_path",
            "item_type",
            "promised_days",
            "online_url",
            "depth",
            "path",
            "content_type_id",
            "locale_id",
        )
    )


PHONE_VALIDATOR = RegexValidator(
    r"^[0-9()（）+\-－—、，, /转]{5,60}$", "请填写电话号码：数字、区号连字符“-”，多个号码用“、”分隔，分机用“转”。"
)


class ServiceGuidePage(SitePageMixin, BasePage):
    """办事指南: one 政务服务事项 with the standard guide fields, shown as a table (政府网站发展指引: 办事服务).

    Time limits are counted in working days; 承诺办结时限 0 means 即办 (done on the spot). Guides live in columns
    of type 办事服务 only, so every guide is listed in its site's service catalogue.
    """

    item_type = models.CharField("事项类型", max_length=20, choices=ServiceItemType.choices)
    implementing_body = models.CharField("实施主体", max_length=200)
    target = models.CharField("服务对象", max_length=20, choices=ServiceTarget.choices)
    conditions = models.TextField("受理条件", blank=True, help_text="每行一条")
    materials = StreamField(MaterialsBlock(), verbose_name="申请材料", blank=True)
    # Issue 12 (evalgaps): "no papers needed" is a fact the editor states, not an empty list — the services check
    # (evaluation/checks/services.py) reports a guide with neither as missing 办理材料.
    no_materials = models.BooleanField(
        "无需提交材料",
        default=False,
        help_text="本事项确实不需要申请人提交任何材料时勾选（如电话办理的服务）；勾选后不能再列出申请材料",
    )
    process = models.TextField("办理流程", blank=True, help_text="每行一个步骤，按顺序填写")
    legal_days = models.PositiveSmallIntegerField(
        "法定办结时限（工作日）",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "法定办结时限至少为1个工作日。")],
        help_text="法律法规规定的时限；没有规定的留空",
    )
    promised_days = models.PositiveSmallIntegerField(
        "承诺办结时限（工作日）", help_text="填0表示即办件（当场办结）；不得超过法定办结时限"
    )
    charged = models.BooleanField("是否收费", default=False)
    fee_standard = models.TextField("收费标准及依据", blank=True)
    location = models.CharField("办理地点", max_length=300, blank=True)
    hours = models.CharField("办理时间", max_length=200, blank=True)
    consult_phone = models.CharField("咨询电话", max_length=60, validators=[PHONE_VALIDATOR])
    complaint_phone = models.CharField("监督投诉电话", max_length=60, blank=True, validators=[PHONE_VALIDATOR])
    online_url = models.URLField("在线办理链接", max_length=500, blank=True, help_text="网上政务服务平台中本事项的地址")
    legal_basis = models.TextField("设定依据", blank=True, help_text="法律法规及条款，每行一条")

    content_panels = [
        *Page.content_panels,  # the title is the 事项名称
        MultiFieldPanel(
            [FieldPanel("item_type"), FieldPanel("implementing_body"), FieldPanel("target")], heading="基本信息"
        ),
        FieldPanel("conditions"),
        FieldPanel("no_materials"),
        FieldPanel("materials"),
        FieldPanel("process"),
        MultiFieldPanel([FieldPanel("legal_days"), FieldPanel("promised_days")], heading="办结时限"),
        MultiFieldPanel([FieldPanel("charged"), FieldPanel("fee_standard")], heading="收费"),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("hours"),
                FieldPanel("consult_phone"),
                FieldPanel("complaint_phone"),
                FieldPanel("online_url"),
            ],
            heading="办理地点、时间与电话",
        ),
        FieldPanel("legal_basis"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("implementing_body"),
        index.SearchField("conditions"),
        index.SearchField("materials"),
        index.SearchField("process"),
        index.SearchField("legal_basis"),
        index.FilterField("item_type"),
        index.FilterField("target"),
    ]
    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    in_html_sitemap = False  # an item, not a section: the 网站地图 lists the column tree
    page_description = (
        "办事指南：一个政务服务事项的受理条件、申请材料、办理流程、时限、收费和地点，放在办事服务栏目下。"
    )
    template = "home/service_guide_page.html"

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"

    @classmethod
    def can_exist_under(cls, parent):
        # parent_page_types cannot see a column's type; a guide elsewhere would be missing from the catalogue.
        if not super().can_exist_under(parent):
            return False
        return getattr(parent.specific, "column_type", None) == ColumnType.SERVICE

    def clean(self):
        super().clean()
        errors = {}
        if self.legal_days is not None and self.promised_days is not None and self.promised_days > self.legal_days:
            errors["promised_days"] = f"承诺办结时限不能超过法定办结时限（{self.legal_days}个工作日）。"
        if self.charged and not (self.fee_standard or "").strip():
            errors["fee_standard"] = "收费事项须填写收费标准及依据。"
        if self.no_materials and self.materials and len(self.materials):
            errors["no_materials"] = "已列出申请材料，不能同时勾选“无需提交材料”；请删除所列材料或取消勾选。"
        if errors:
            raise ValidationError(errors)

    def promised_label(self) -> str:
        if self.promised_days == 0:
            return gettext("即办")
        return gettext("%(days)s个工作日") % {"days": self.promised_days}

    def legal_label(self) -> str:
        if self.legal_days is None:
            return gettext("法律法规未规定")
        return gettext("%(days)s个工作日") % {"days": self.legal_days}

    def condition_list(self) -> list[str]:
        return _lines(self.conditions)

    def process_steps(self) -> list[str]:
        return _lines(self.process)

    def legal_basis_list(self) -> list[str]:
        return _lines(self.legal_basis)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
