"""Staff login records: the security audit trail and the per-group two-factor requirement."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone

from ..enums import SecurityEventKind

AUDIT_KEEP_MESSAGE = "安全审计记录不可删除。"


class AuditRecordProtected(Exception):
    """Raised by any attempt to delete security audit records through the ORM."""


class SecurityEventQuerySet(models.QuerySet):
    def delete(self):
        raise AuditRecordProtected(AUDIT_KEEP_MESSAGE)


class SecurityEvent(models.Model):
    """One staff login event, kept for the 等保 2.0 安全审计 controls (GB/T 22239-2019 8.1.4.3).

    Each record says when, what, for which account (the username as typed, even if no such account exists),
    from which client address, and who did it when it was an administrator acting on someone else (unlock,
    two-factor reset). Records are never edited or deleted by the application: the model and its querysets
    refuse ``delete()``, the admin report is read-only, and a deleted user leaves its records (``user`` becomes
    empty, ``username`` stays). 网络安全法 Art. 21 asks for network logs to be kept at least six months.
    """

    timestamp = models.DateTimeField("时间", default=timezone.now, db_index=True)
    kind = models.CharField("事件", max_length=24, choices=SecurityEventKind.choices, db_index=True)
    username = models.CharField("用户名", max_length=150, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="管理员代为操作（解除锁定、重置两步验证）时为该管理员。",
    )
    ip_address = models.GenericIPAddressField("来源地址", null=True, blank=True, db_index=True)
    user_agent = models.CharField("浏览器", max_length=255, blank=True)
    detail = models.CharField("说明", max_length=255, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = "安全审计记录"
        verbose_name_plural = "安全审计记录"
        ordering = ["-timestamp", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AuditRecordProtected("安全审计记录不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditRecordProtected(AUDIT_KEEP_MESSAGE)


class GroupLoginPolicy(models.Model):
    """Login rules a platform administrator sets on a user group (the group editor's “登录安全” panel).

    ``require_two_factor``: every member must sign in with a TOTP code (enrolling first if they have no
    device). Superusers always must, whatever their groups say (settings.TWO_FACTOR_ENFORCE).
    """

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, primary_key=True, related_name="login_policy", verbose_name="用户组"
    )
    require_two_factor = models.BooleanField(
        "登录须两步验证",
        default=False,
        help_text=(
            "勾选后，本组成员登录时除密码外还须输入手机验证器（动态口令）上的 6 位数字；未绑定的成员登录后须先绑定。"
        ),
    )

    class Meta:
        verbose_name = "用户组登录规则"
        verbose_name_plural = "用户组登录规则"

    def __str__(self):
        return f"{self.group}：{'须两步验证' if self.require_two_factor else '两步验证可选'}"
