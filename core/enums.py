from django.db import models


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（休息）"
    WORKDAY = "workday", "调休上班"


class CalendarSource(models.TextChoices):
    SEEDED = "seeded", "chinese-calendar 导入"
    MANUAL = "manual", "人工维护"


class SecurityEventKind(models.TextChoices):
    """What the staff login audit records (等保 2.0 安全审计: 登录、登录失败、锁定、退出、两步验证变更)."""

    LOGIN = "login", "登录成功"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOCKED_OUT = "locked_out", "登录失败过多，已锁定"
    LOCKED_ATTEMPT = "locked_attempt", "锁定期间尝试登录"
    UNLOCKED = "unlocked", "解除锁定"
    LOGOUT = "logout", "退出登录"
    IDLE_LOGOUT = "idle_logout", "长时间未操作，自动退出"
    SESSION_EXPIRED = "session_expired", "会话到期，自动退出"
    OTP_VERIFIED = "otp_verified", "两步验证通过"
    OTP_FAILED = "otp_failed", "两步验证失败"
    OTP_ENROLLED = "otp_enrolled", "绑定动态口令"
    OTP_REMOVED = "otp_removed", "删除动态口令"
    OTP_RESET = "otp_reset", "管理员重置两步验证"
    OTP_POLICY_CHANGED = "otp_policy_changed", "修改用户组两步验证要求"
    PASSWORD_CHANGED = "password_changed", "修改密码"
