"""The website group: one profile per Wagtail Site (structural, platform admins) and per-site settings
(branding and contact, editable by that site's own editors through GroupSitePermission)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.models import AbstractGroupApprovalTask, Site

from .enums import ALLOWED_PARENT_KINDS, ReviewScope, SiteKind
from .forms import ReviewPolicyForm, SiteProfileForm
from .validators import validate_credit_code, validate_hex_colour, validate_site_code


def default_languages() -> list[str]:
    return [settings.LANGUAGE_CODE]


class SiteProfileQuerySet(models.QuerySet):
    def with_site(self):
        return self.select_related("site", "site__root_page", "parent", "parent__site")


class SiteProfile(models.Model):
    """Structural facts about one site of the group. Only platform administrators edit these."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="profile", verbose_name="站点")
    kind = models.CharField("网站类型", max_length=16, choices=SiteKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级网站"
    )
    slug = models.SlugField("站点标识", max_length=64, unique=True, help_text="用于子域名，如 hetang → hetang.<域名>")
    org_name = models.CharField("机构名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True, help_text="导航与列表中使用，如“荷塘区”")
    org_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text="18位，用于生成政府信息公开索引号",
    )
    site_code = models.CharField("网站标识码", max_length=10, blank=True, validators=[validate_site_code])
    icp_number = models.CharField("ICP备案号", max_length=40, blank=True)
    police_record_number = models.CharField("公安机关备案号", max_length=40, blank=True)
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    languages = models.JSONField("启用语言", default=default_languages, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    # Created by the site factory; kept as explicit links so renaming an organisation never orphans them.
    editor_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="编辑组",
        editable=False,
    )
    reviewer_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="审核组",
        editable=False,
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="媒体库",
        editable=False,
    )

    objects = SiteProfileQuerySet.as_manager()
    base_form_class = SiteProfileForm

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site"),
                FieldPanel("kind"),
                FieldPanel("parent"),
                FieldPanel("slug"),
                FieldPanel("sort_order"),
            ],
            heading="网站群结构",
        ),
        MultiFieldPanel(
            [FieldPanel("org_name"), FieldPanel("short_name"), FieldPanel("org_code"), FieldPanel("sponsor")],
            heading="主办机构",
        ),
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("police_record_number")], heading="备案标识"
        ),
        FieldPanel("languages"),
    ]

    class Meta:
        verbose_name = "站点档案"
        verbose_name_plural = "站点档案"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.org_name

    @property
    def display_name(self) -> str:
        # The active language's own names first: a site with an English 机构名称 but no English 简称 shows its
        # English name on the /en/ mirror, not its Chinese 简称 (modeltranslation's fallback per field).
        language = get_language() or settings.LANGUAGE_CODE
        own = [getattr(self, build_localized_fieldname(name, language), "") for name in ("short_name", "org_name")]
        return next((name for name in own if name), "") or self.short_name or self.org_name

    def clean(self):
        super().clean()
        errors = {}
        allowed = ALLOWED_PARENT_KINDS.get(self.kind, ())
        if self.parent_id is None and allowed:
            errors["parent"] = f"{self.get_kind_display()}必须指定上级网站。"
        elif self.parent is not None:
            if not allowed:
                errors["parent"] = f"{self.get_kind_display()}不能有上级网站。"
            elif self.parent.kind not in allowed:
                names = "、".join(SiteKind(k).label for k in allowed)
                errors["parent"] = f"{self.get_kind_display()}的上级网站只能是：{names}。"
            elif self.pk and self._is_ancestor_of_parent():
                errors["parent"] = "上级网站不能是本站或本站的下级网站。"
        valid_languages = {code for code, _ in settings.LANGUAGES}
        if not isinstance(self.languages, list) or not set(self.languages) <= valid_languages:
            errors["languages"] = "启用语言只能从：" + "、".join(sorted(valid_languages)) + " 中选择。"
        elif settings.LANGUAGE_CODE not in self.languages:
            errors["languages"] = "必须启用简体中文。"
        if errors:
            raise ValidationError(errors)

    def _is_ancestor_of_parent(self) -> bool:
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                return True
            node = node.parent
        return False

    def ancestors(self) -> list["SiteProfile"]:
        """Parent chain, nearest first."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def supports_language(self, language_code: str) -> bool:
        return language_code in (self.languages or [])


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Branding and contact details that each site's own editors maintain."""

    organizer = models.CharField("承办单位", max_length=100, blank=True)
    address = models.CharField("联系地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    theme_colour = models.CharField("主题色", max_length=7, default="#b5121b", validators=[validate_hex_colour])
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="网站标志",
    )
    conac_url = models.URLField(
        "党政机关网站标识链接",
        blank=True,
        help_text="党政机关网站标识证书页地址（由机构编制部门颁发），留空则不显示标识",
    )
    error_report_url = models.URLField("找错链接", blank=True, help_text="留空则使用全国政府网站找错平台地址")

    select_related = ["logo"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organizer"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading="联系方式",
        ),
        MultiFieldPanel([FieldPanel("theme_colour"), FieldPanel("logo")], heading="外观"),
        MultiFieldPanel([FieldPanel("conac_url"), FieldPanel("error_report_url")], heading="页脚标识"),
    ]

    class Meta:
        verbose_name = "站点设置"
        verbose_name_plural = "站点设置"


class ReviewStepTask(AbstractGroupApprovalTask):
    """One step (初审, 复审, 终审 …) of a site's review workflow, approved by that step's group.

    Separation of duties (三审: three different people) is enforced here, so every road to an approval obeys it —
    the edit view, the workflow action view, the dashboard, the reports, the bulk actions and the API: see
    sites.workflow.refusal_reason.
    """

    site = models.ForeignKey(
        SiteProfile,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_steps",
        verbose_name="站点",
    )
    step = models.CharField("审核环节", max_length=20, blank=True)

    class Meta:
        verbose_name = "分级审核任务"
        verbose_name_plural = "分级审核任务"

    def _refusal(self, obj, user):
        from .workflow import refusal_reason

        return refusal_reason(obj, user)

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)) or self._refusal(obj, user):
            return []
        return [
            ("reject", "退回修改", True),
            ("approve", "审核通过", False),
            ("approve", "审核通过并留言", True),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        from django.core.exceptions import PermissionDenied

        if not (user.is_superuser or self._user_in_groups(user)):
            raise PermissionDenied(f"您不在“{self.step or self.name}”环节的审核组中，不能审核该稿件。")
        reason = self._refusal(task_state.workflow_state.content_object, user)
        if reason:
            raise PermissionDenied(reason)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .workflow import exclude_own_reviews

        return exclude_own_reviews(super().get_task_states_user_can_moderate(user, **kwargs), user)

    @classmethod
    def get_description(cls):
        return "本环节审核组成员可审核；稿件作者、提交人及已审核过其他环节的人员不能审核"


@register_setting(icon="tasks")
class ReviewPolicy(BaseGenericSetting):
    """发布审核要求: which page types may only go live through their site's review workflow.

    Where review is required, no site staff publish directly (edit view, bulk publish, move, copy, revert): the
    workflow's last approval is the only road to live. Platform administrators (superusers) still can.
    """

    scope = models.CharField("发布审核要求", max_length=10, choices=ReviewScope.choices, default=ReviewScope.ALL)
    page_types = models.JSONField(
        "需审核的页面类型",
        default=list,
        blank=True,
        help_text="仅当选择“仅所列页面类型”时生效",
    )

    base_form_class = ReviewPolicyForm
    panels = [FieldPanel("scope"), FieldPanel("page_types")]

    class Meta:
        verbose_name = "发布审核要求"
        verbose_name_plural = "发布审核要求"

    def requires_review(self, model) -> bool:
        if self.scope == ReviewScope.ALL:
            return True
        if self.scope == ReviewScope.LISTED:
            return model is not None and model._meta.label in (self.page_types or [])
        return False
