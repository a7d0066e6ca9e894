"""Helpers for the admin handling tests: staff users with one role at one site, messages, step posts."""

import itertools

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interaction.models import QuestionAttachment
from interaction.services import receive

PASSWORD = "staff-pass-123"
_serial = itertools.count(1)


def staff(profile, role: str = "editor"):
    """A user in the site's editor group, reviewer group or both (``role="both"``)."""
    user = get_user_model().objects.create_user(f"{role}-{profile.slug}-{next(_serial)}", password=PASSWORD)
    if role in ("editor", "both"):
        user.groups.add(profile.editor_group)
    if role in ("reviewer", "both"):
        user.groups.add(profile.reviewer_group)
    return user


def message(site, title="光纤入户什么时候到我们小区？", **fields):
    defaults = {
        "type": "consult",
        "content": "芦淞区某小区光纤入户进度",
        "name": "张三丰",
        "phone": "13812345678",
        "email": "zhang@example.com",
        "consent_publish": True,
    }
    question, _password = receive(site=site, title=title, **{**defaults, **fields})
    return question


def attach(question, name="现场照片.pdf", body=b"%PDF-1.4 private scan"):
    return QuestionAttachment.objects.create(
        question=question,
        file=SimpleUploadedFile("scan.pdf", body, content_type="application/pdf"),
        name=name,
        content_type="application/pdf",
        size=len(body),
    )


def index_url() -> str:
    return reverse("interaction_questions:index")


def detail_url(question) -> str:
    return reverse("interaction_questions:detail", args=[question.pk])


def step_url(question, action: str) -> str:
    return reverse("interaction_questions:act", args=[question.pk, action])


def attachment_url(attachment) -> str:
    return reverse("interaction_questions:attachment", args=[attachment.pk])


def post_step(client, question, action: str, **fields):
    return client.post(step_url(question, action), {f"{action}-{name}": value for name, value in fields.items()})


def refused(response) -> bool:
    """Wagtail turns PermissionDenied into a redirect to the admin home; a hidden object answers 404."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)
