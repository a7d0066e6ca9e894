"""POST /api/v1/interaction/questions/: submit a message to a site's mailbox (the same rules as the HTML form).

Validation is the form's (Chinese field errors); anti-spam is the same minus the parts that only make sense in a
browser (honeypot, fill time): per-IP and per-phone limits refuse with 429, and a client that has sent many
messages this hour must answer a captcha — the 400 answer then carries ``captcha.key`` and ``captcha.image_url``;
send them back as ``captcha_key`` / ``captcha_value``. ``Idempotency-Key`` (any string up to 56 characters)
makes a retried request return the first receipt instead of storing the message twice. Attachments are accepted
by the HTML form only.
"""

import datetime

from captcha.helpers import captcha_image_url
from captcha.models import CaptchaStore
from django.utils.datastructures import MultiValueDict
from ninja import Field, Header, Schema, Status

from core.clients import client_ip
from sites.models import SiteProfile

from .. import antispam, services
from ..enums import Channel, QuestionType
from ..forms import QuestionForm
from ..models import MailboxPage
from ..notifications import query_url
from ..views.public import targets_for
from . import router


class QuestionIn(Schema):
    site: str = Field(description="受理网站的标识（slug），如 zhuzhou")
    channel: str = Field(Channel.GENERAL, description="信箱：general（咨询投诉建议）或 leader（市长/区长信箱）")
    type: str = Field(description="留言类型：" + "、".join(f"{v}（{label}）" for v, label in QuestionType.choices))
    target: str = Field("", description="办理单位（本网站群内部门、区县或乡镇网站的 slug），可空，仅门户网站支持")
    title: str = Field(description="标题，4—100字")
    content: str = Field(description="内容，10—2000字，纯文本")
    name: str = Field(description="姓名（公开时脱敏为“张**”）")
    phone: str = Field(description="手机号码（任何接口和页面都不会返回）")
    email: str = Field("", description="电子邮箱，选填；答复后邮件通知")
    consent_publish: bool = Field(False, description="是否同意公开留言和答复")
    captcha_key: str = Field("", description="需要验证码时：上次回答中的 captcha.key")
    captcha_value: str = Field("", description="需要验证码时：图中算式的结果")


class ReceiptOut(Schema):
    tracking_code: str = Field(description="查询码")
    query_password: str | None = Field(description="查询密码，只返回这一次；重复提交时为 null")
    status: str
    received_on: datetime.date
    due_on: datetime.date = Field(description="答复期限（按工作日计算）")
    query_url: str = Field(description="办理查询页面")
    duplicate: bool = Field(description="是否为同一 Idempotency-Key 的重复提交")


class CaptchaOut(Schema):
    key: str
    image_url: str


class SubmitError(Schema):
    message: str
    errors: dict[str, str]
    captcha: CaptchaOut | None = None


def _error(status: int, errors: dict[str, str], message="请求参数有误", captcha=None):
    return Status(status, {"message": message, "errors": errors, "captcha": captcha})


def _receipt(request, receipt: services.Receipt) -> dict:
    question = receipt.question
    return {
        "tracking_code": question.tracking_code,
        "query_password": receipt.password,
        "status": question.status,
        "received_on": question.received_on,
        "due_on": question.due_on,
        "query_url": query_url(question.site),
        "duplicate": receipt.duplicate,
    }


@router.post(
    "/questions/",
    response={201: ReceiptOut, 200: ReceiptOut, 400: SubmitError, 429: SubmitError},
    summary="提交咨询、投诉或建议",
    description=__doc__,
)
def submit_question(request, payload: QuestionIn, idempotency_key: str = Header("", alias="Idempotency-Key")):
    token = f"api:{idempotency_key.strip()[:56]}" if idempotency_key.strip() else None
    if token and (receipt := services.find_receipt(token)):
        return Status(200, _receipt(request, receipt))
    profile = SiteProfile.objects.with_site().filter(slug=payload.site).first()
    mailbox = (
        MailboxPage.objects.live().descendant_of(profile.site.root_page).filter(channel=payload.channel).first()
        if profile
        else None
    )
    if mailbox is None:
        return _error(400, {"site": "站点不存在，或该站点未开设此信箱。"})
    fields = payload.dict()
    with_captcha = bool(payload.captcha_key)
    data = {key: fields[key] for key in ("type", "target", "title", "content", "name", "phone", "email")}
    data["consent_publish"] = "on" if payload.consent_publish else ""
    if with_captcha:
        data.update(captcha_0=payload.captcha_key, captcha_1=payload.captcha_value)
    form = QuestionForm(data, MultiValueDict(), targets=targets_for(profile), with_captcha=with_captcha)
    if not form.is_valid():
        errors = {name: " ".join(messages) for name, messages in form.errors.items()}
        return _error(400, errors, captcha=_challenge() if "captcha" in errors else None)
    cleaned = form.cleaned_data
    if payload.target and "target" not in form.fields:
        return _error(400, {"target": "本网站不支持指定办理单位。"})
    ip = client_ip(request)
    verdict = antispam.assess(ip=ip, phone=cleaned["phone"], check_form=False)
    if verdict.refused:
        return _error(429, {"request": verdict.refused}, message=verdict.refused)
    if verdict.needs_captcha and not with_captcha:
        return _error(400, {"captcha": "提交较频繁，请填写验证码后重新提交。"}, captcha=_challenge())
    receipt = services.submit(
        site=profile,
        channel=mailbox.channel,
        target=cleaned.get("target"),
        token=token,
        client_ip=ip,
        type=cleaned["type"],
        title=cleaned["title"],
        content=cleaned["content"],
        name=cleaned["name"],
        phone=cleaned["phone"],
        email=cleaned["email"],
        consent_publish=cleaned["consent_publish"],
    )
    return Status(200 if receipt.duplicate else 201, _receipt(request, receipt))


def _challenge() -> dict:
    key = CaptchaStore.generate_key()
    return {"key": key, "image_url": captcha_image_url(key)}
