"""POST /api/v1/interaction/questions/: submit a message to a site's mailbox (the same rules as the HTML form).

Validation is the form's (Chinese field errors); anti-spam is the same minus the parts that only make sense in a
browser (honeypot, fill time): per-client limits at the receiving site and per-phone limits refuse with 429, and a
client that has sent many messages this hour must answer a captcha — the 400 answer then carries ``captcha.key`` and
``captcha.image_url``; send them back as ``captcha_key`` / ``captcha_value``. ``Idempotency-Key`` (a random value
such as a UUID, 22–64 letters, digits, “-” or “_”) makes a retried request return the first receipt instead of
storing the message twice: the key is bound to the message (the same key with a different message is refused with
422) and the query password is returned again only to the same client within ten minutes. Replays count toward
the rate limits. Attachments are accepted by the HTML form only.
"""

import datetime
from typing import Literal

from django.utils.datastructures import MultiValueDict
from ninja import Field, Header, Schema, Status
from pydantic import StrictBool

from core.api import ErrorOut, SubmitError, captcha_challenge, idempotency_key_problem, submit_error
from core.clients import client_ip, network_key
from sites.models import SiteProfile

from .. import intake, services
from ..enums import Channel, QuestionType
from ..forms import CONTENT_LENGTH, NAME_LENGTH, TITLE_LENGTH, QuestionForm
from ..models import MailboxPage
from ..notifications import query_url
from ..views.public import targets_for
from . import router

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class QuestionIn(Schema):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "site": "zhuzhou",
                    "channel": "general",
                    "type": "consult",
                    "title": "公共自行车站点咨询",
                    "content": "请问月塘街道附近什么时候增设公共自行车站点？",
                    "name": "张三",
                    "phone": "13800138000",
                    "consent_publish": False,
                }
            ]
        }
    }

    site: str = Field(max_length=64, pattern=SLUG_PATTERN, description="受理网站的标识（slug），如 zhuzhou")
    channel: Literal[tuple(Channel.values)] = Field(  # type: ignore[valid-type]
        Channel.GENERAL.value, description="信箱：general（咨询投诉建议）或 leader（市长/区长信箱）"
    )
    type: Literal[tuple(QuestionType.values)] = Field(  # type: ignore[valid-type]
        description="留言类型：" + "、".join(f"{v}（{label}）" for v, label in QuestionType.choices)
    )
    target: str = Field(
        "", max_length=64, description="办理单位（本网站群内部门、区县或乡镇网站的 slug），可空，仅门户网站支持"
    )
    # Hard caps only: the form checks the real bounds (4—100, 10—2000 …) with messages that name the field.
    title: str = Field(max_length=TITLE_LENGTH[1] * 2, description="标题，4—100字")
    content: str = Field(max_length=CONTENT_LENGTH[1] * 2, description="内容，10—2000字，纯文本")
    name: str = Field(max_length=NAME_LENGTH * 2, description="姓名（公开时脱敏为“张**”）")
    phone: str = Field(max_length=20, description="11位手机号码，可带 +86、空格和“-”（任何接口和页面都不会返回）")
    email: str = Field("", max_length=254, description="电子邮箱，选填；答复后邮件通知")
    consent_publish: StrictBool = Field(False, description="是否同意公开留言和答复（true 或 false）")
    captcha_key: str = Field("", max_length=64, description="需要验证码时：上次回答中的 captcha.key")
    captcha_value: str = Field("", max_length=20, description="需要验证码时：图中算式的结果")


class ReceiptOut(Schema):
    tracking_code: str = Field(description="查询码")
    query_password: str | None = Field(
        description="查询密码，只在首次提交时返回；同一客户端十分钟内重复提交同一留言时再次返回，其他情况为 null"
    )
    status: str
    received_on: datetime.date
    due_on: datetime.date = Field(description="答复期限（按工作日计算）")
    query_url: str = Field(description="办理查询页面")
    duplicate: bool = Field(description="是否为同一 Idempotency-Key 的重复提交")


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
    response={
        201: ReceiptOut,
        200: ReceiptOut,
        400: SubmitError,
        404: ErrorOut,
        422: SubmitError,
        429: SubmitError,
    },
    summary="提交咨询、投诉或建议",
    description=__doc__,
)
def submit_question(
    request,
    payload: QuestionIn,
    idempotency_key: str = Header(
        "", alias="Idempotency-Key", max_length=64, description="随机生成的幂等键（如 UUID），22–64 位"
    ),
):
    key = idempotency_key.strip()
    if problem := idempotency_key_problem(key):
        return submit_error(400, {"Idempotency-Key": problem})
    profile = SiteProfile.objects.with_site().filter(slug=payload.site).first()
    mailbox = (
        MailboxPage.objects.live().descendant_of(profile.site.root_page).filter(channel=payload.channel).first()
        if profile
        else None
    )
    if mailbox is None:
        return submit_error(400, {"site": "站点不存在，或该站点未开设此信箱。"})
    form, with_captcha = _validated_form(payload, profile)
    if not form.is_valid():
        errors = {name: " ".join(messages) for name, messages in form.errors.items()}
        return submit_error(400, errors, captcha=captcha_challenge() if "captcha" in errors else None)
    if payload.target and "target" not in form.fields:
        return submit_error(400, {"target": "本网站不支持指定办理单位。"})
    ip = client_ip(request)
    outcome = intake.accept(
        intake.Attempt(
            site=profile,
            channel=mailbox.channel,
            fields=form.message_fields(),
            target=form.cleaned_data.get("target"),
            token=services.submission_token("api", key),
            client_ip=ip,
            client=network_key(ip),
            captcha_solved=with_captcha,
            from_form=False,
        )
    )
    if outcome.receipt is not None:
        return Status(outcome.status, _receipt(request, outcome.receipt))
    if outcome.needs_captcha:
        return submit_error(400, {"captcha": outcome.message}, captcha=captcha_challenge())
    field = "Idempotency-Key" if outcome.status == 422 else "request"
    return submit_error(outcome.status, {field: outcome.message}, message=outcome.message)


def _validated_form(payload: QuestionIn, profile) -> tuple[QuestionForm, bool]:
    fields = payload.dict()
    with_captcha = bool(payload.captcha_key)
    data = {key: fields[key] for key in ("type", "target", "title", "content", "name", "phone", "email")}
    data["consent_publish"] = "on" if payload.consent_publish else ""
    if with_captcha:
        data.update(captcha_0=payload.captcha_key, captcha_1=payload.captcha_value)
    form = QuestionForm(data, MultiValueDict(), targets=targets_for(profile), with_captcha=with_captcha)
    return form, with_captcha
