"""Files a citizen attaches to a message. They may carry personal data, so they live in private storage
(never under MEDIA_URL) and are served only through the admin to the message's handlers."""

from django.core.files.storage import storages
from django.db import models


def private_storage():
    return storages["private"]


class QuestionAttachment(models.Model):
    question = models.ForeignKey("interaction.Question", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to="interaction/%Y/%m/", storage=private_storage)
    name = models.CharField("原文件名", max_length=120)
    content_type = models.CharField("类型", max_length=60)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "留言附件"
        verbose_name_plural = "留言附件"
        ordering = ["pk"]

    def __str__(self):
        return self.name
