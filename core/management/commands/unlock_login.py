"""Lift a login lockout (docs/security.md): ``manage.py unlock_login --username editor-hetang`` or ``--ip 10.1.2.3``.

The counted failures of that username and/or address are forgotten, and the unlock is written to the security
audit. Platform administrators can do the same on *设置 → 登录锁定*.
"""

from django import forms
from django.core.management.base import BaseCommand, CommandError

from core.accounts.lockout import unlock


class Command(BaseCommand):
    help = "解除登录锁定：清除某用户名和/或来源地址的登录失败记录（记入安全审计）。"

    def add_arguments(self, parser):
        parser.add_argument("--username", default="", help="用户名")
        parser.add_argument("--ip", default="", help="来源地址（IPv4 或 IPv6）")

    def handle(self, *args, username: str, ip: str, **options):
        username = username.strip()
        try:
            ip = forms.GenericIPAddressField(required=False).clean(ip.strip())
        except forms.ValidationError:
            raise CommandError(f"来源地址格式不正确：{ip}") from None
        if not (username or ip):
            raise CommandError("请用 --username 或 --ip 指定要解除锁定的对象。")
        removed = unlock(username=username, ip=ip, via="（manage.py unlock_login）")
        self.stdout.write(f"已解除锁定，清除 {removed} 条失败记录。")
