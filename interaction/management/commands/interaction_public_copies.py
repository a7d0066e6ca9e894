"""Write the public copy of messages published before public copies existed (interaction/privacy.py). Their
public pages were masked on the fly already; once stored, the replies list searches them in SQL like the rest,
and staff see them as any other stored copy. The citizens' original text is not touched. Idempotent."""

from django.core.management.base import BaseCommand

from interaction.privacy import store_missing_public_copies


class Command(BaseCommand):
    help = "为公开文本功能启用前已公开的留言补写公开文本（个人信息已遮盖，原文不变）"

    def handle(self, *args, **options):
        count = store_missing_public_copies()
        self.stdout.write(f"已补写公开文本：{count} 条")
