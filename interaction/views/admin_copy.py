"""The personal-data part of the admin's message page: the findings highlighted in the original text, the public
copy the public sees (or will see once published) and the staff's correction form (interaction/privacy.py).

Highlights are ``<mark>`` elements with the kind written out after the text (〔手机号码〕) and a dashed underline,
so they do not rely on colour; a table lists every finding with what the public copy shows instead.
"""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .. import permissions, privacy, redaction
from ..enums import Status
from .admin_forms import PublicCopyForm

ACTION = "public-copy"  # the address of the correction: <pk>/public-copy/
FORM_PREFIX = "copy"


def highlight(text: str, findings: list[redaction.Finding]) -> SafeString:
    parts = []
    for part, finding in redaction.segments(text or "", findings):
        if finding is None:
            parts.append(conditional_escape(part))
        else:
            parts.append(
                format_html(
                    '<mark class="pii" data-pii="{}">{}<span class="pii-kind">〔{}〕</span></mark>',
                    finding.kind,
                    part,
                    finding.label,
                )
            )
    return mark_safe("".join(parts))  # every part escaped above


def may_correct(user, question) -> bool:
    """Staff who may publish the message (its sites' editors and reviewers) correct its public copy."""
    return permissions.can_handle(user, question, "publish")


def correctable(question) -> bool:
    return question.consent_publish and question.status in privacy.CORRECTABLE_STATUSES


def make_form(question, data=None, contacts=None) -> PublicCopyForm:
    copy = privacy.public_copy(question, contacts)
    return PublicCopyForm(
        data,
        prefix=FORM_PREFIX,
        initial={"title": copy.title, "content": copy.content, "answer": copy.answer},
        find=lambda text: privacy.personal_data(question, text, contacts),
    )


def context(question, user, bound_form: PublicCopyForm | None = None) -> dict:
    """Template context: ``pii`` (findings, highlighted texts, the public copy) and the correction form."""
    contacts = privacy.site_contacts([question])
    found = privacy.findings(question, contacts)
    copy = privacy.public_copy(question, contacts)
    rows = [{"field": label, "finding": f} for field, label in privacy.FIELDS.items() for f in found[field]]
    copy_found = {field: privacy.personal_data(question, getattr(copy, field), contacts) for field in privacy.FIELDS}
    form = bound_form
    if form is None and correctable(question) and may_correct(user, question):
        form = make_form(question, contacts=contacts)
    return {
        "pii": {
            "rows": rows,
            "summary": redaction.summary(row["finding"] for row in rows),
            "highlighted": {field: highlight(getattr(question, field), found[field]) for field in privacy.FIELDS},
            "copy": copy,
            "copy_highlighted": {field: highlight(getattr(copy, field), copy_found[field]) for field in privacy.FIELDS},
            "copy_state": _copy_state(question, copy),
            "shown": question.consent_publish,
        },
        "copy_form": form,
    }


def _copy_state(question, copy) -> str:
    if copy.stored and question.status == Status.PUBLISHED:
        return "公众看到的是以下公开文本。"
    if copy.stored:
        return "以下公开文本已由工作人员修改，公开时将按此发布。"
    if question.status == Status.PUBLISHED:
        return "本留言公开于公开文本功能启用之前，公众看到的是以下自动遮盖的版本（原文未改动）。"
    return "预览：公开时将自动生成以下公开文本（个人信息已遮盖），可在下方修改。"
