"""依申请公开 API, on the 政府信息公开 router (openinfo/api.py):

- ``POST /api/v1/openinfo/applications/``: submit an application (政府信息公开条例 Art. 29) with the same validation
  as the HTML form (Chinese field errors), the same per-client and per-phone limits (429) and captcha for busy
  clients (the 400 answer carries ``captcha.key`` and ``captcha.image_url``; send them back as ``captcha_key`` /
  ``captcha_value``). ``Idempotency-Key`` (a random value such as a UUID, 22–64 letters, digits, “-” or “_”) makes
  a retried request return the first receipt instead of storing the application twice; the key is bound to the
  application (another application under it: 422) and the query password is returned again only to the same client
  within ten minutes. Attachments are accepted by the HTML form only.
- ``GET /api/v1/openinfo/applications/stats/?site=&year=``: the public statistics — counts only, never an
  applicant's data.
"""

import datetime
from typing import Literal

from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from ninja import Field, Header, Query, Schema, Status
from pydantic import StrictBool

from core import submissions
from core.api import (
    ApiBadRequest,
    SubmitError,
    captcha_challenge,
    error_responses,
    idempotency_key_problem,
    submit_error,
)
from core.clients import client_ip, network_key
from core.params import IntParam
from sites.models import SiteProfile

from ..api import router
from ..models import ApplicationPage
from . import intake, statistics
from .enums import ApplicantKind, Delivery, IdentityDocument, OrganisationType, OutcomeGroup, ProvisionForm
from .forms import DESCRIPTION_LENGTH, ApplicationForm

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
YEAR = IntParam("year", "年份", statistics.FIRST_YEAR, 2100)


def _choices(enum) -> str:
    return "、".join(f"{value}（{label}）" for value, label in enum.choices)


class ApplicationIn(Schema):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "site": "zhuzhou",
                    "applicant_kind": "citizen",
                    "name": "张三",
                    "id_document": "id_card",
                    "id_number": "11010519491231002X",
                    "phone": "13800138000",
                    "address": "株洲市天元区神农大道1号",
                    "description": "请提供2024年株洲市城区光网改造工程的实施方案。",
                    "provision_form": "paper",
                    "delivery": "post",
                }
            ]
        }
    }

    site: str = Field(max_length=64, pattern=SLUG_PATTERN, description="受理机关网站的标识（slug），如 zhuzhou")
    applicant_kind: Literal[tuple(ApplicantKind.values)] = Field(  # type: ignore[valid-type]
        description="申请人类型：" + _choices(ApplicantKind)
    )
    organisation_type: Literal[("", *OrganisationType.values)] = Field(  # type: ignore[valid-type]
        "", description="法人或其他组织类别（组织必填）：" + _choices(OrganisationType)
    )
    name: str = Field(max_length=200, description="申请人姓名或名称")
    id_document: Literal[tuple(IdentityDocument.values)] = Field(  # type: ignore[valid-type]
        description="证件类型：" + _choices(IdentityDocument)
    )
    id_number: str = Field(
        max_length=80, description="证件号码（身份证号与统一社会信用代码校验校验位；任何接口都不会返回）"
    )
    legal_representative: str = Field("", max_length=80, description="法定代表人或负责人")
    contact_person: str = Field("", max_length=80, description="联系人")
    phone: str = Field(max_length=20, description="11位手机号码（任何接口和页面都不会返回）")
    email: str = Field("", max_length=254, description="电子邮箱；电子邮件或电子方式获取时必填")
    address: str = Field("", max_length=400, description="通信地址；邮寄时必填")
    postcode: str = Field("", max_length=12, description="邮政编码，6位数字")
    description: str = Field(
        max_length=DESCRIPTION_LENGTH[1] * 2,
        description=f"所需信息的内容描述，{DESCRIPTION_LENGTH[0]}—{DESCRIPTION_LENGTH[1]}字",
    )
    document_title: str = Field("", max_length=400, description="所需信息的名称")
    document_number: str = Field("", max_length=200, description="文号")
    purpose: str = Field("", max_length=400, description="用途")
    provision_form: Literal[tuple(ProvisionForm.values)] = Field(  # type: ignore[valid-type]
        description="获取信息的方式：" + _choices(ProvisionForm)
    )
    delivery: Literal[tuple(Delivery.values)] = Field(  # type: ignore[valid-type]
        description="获取信息的途径：" + _choices(Delivery)
    )
    fee_waiver_requested: StrictBool = Field(False, description="是否申请减免信息处理费")
    fee_waiver_reason: str = Field("", max_length=1000, description="减免理由（申请减免时必填）")
    captcha_key: str = Field("", max_length=64, description="需要验证码时：上次回答中的 captcha.key")
    captcha_value: str = Field("", max_length=20, description="需要验证码时：图中算式的结果")


class ReceiptOut(Schema):
    tracking_code: str = Field(description="查询码")
    query_password: str | None = Field(
        description="查询密码，只在首次提交时返回；同一客户端十分钟内重复提交同一申请时再次返回，其他情况为 null"
    )
    status: str
    received_on: datetime.date = Field(description="收到申请日期（《条例》第三十一条）")
    due_on: datetime.date = Field(description="答复期限（20个工作日，《条例》第三十三条）")
    query_url: str = Field(description="申请查询页面")
    duplicate: bool = Field(description="是否为同一 Idempotency-Key 的重复提交")


def _receipt(receipt: intake.Receipt, page) -> dict:
    application = receipt.application
    return {
        "tracking_code": application.tracking_code,
        "query_password": receipt.password,
        "status": application.status,
        "received_on": application.received_on,
        "due_on": application.due_on,
        "query_url": page.relative_url(page.get_site()) + "query/",
        "duplicate": receipt.duplicate,
    }


@router.post(
    "/applications/",
    response={201: ReceiptOut, 200: ReceiptOut, 400: SubmitError, 404: SubmitError, 422: SubmitError, 429: SubmitError},
    summary="提交政府信息公开申请",
    description=__doc__,
)
def submit_application(
    request,
    payload: ApplicationIn,
    idempotency_key: str = Header(
        "", alias="Idempotency-Key", max_length=64, description="随机生成的幂等键（如 UUID），22–64 位"
    ),
):
    key = idempotency_key.strip()
    if problem := idempotency_key_problem(key):
        return submit_error(400, {"Idempotency-Key": problem})
    profile = SiteProfile.objects.with_site().filter(slug=payload.site).first()
    page = ApplicationPage.objects.live().descendant_of(profile.site.root_page).first() if profile else None
    if page is None:
        return submit_error(400, {"site": "站点不存在，或该站点未开设依申请公开。"})
    fields = payload.dict()
    with_captcha = bool(payload.captcha_key)
    data = {name: fields[name] for name in ApplicationForm.APPLICATION_FIELDS}
    data["fee_waiver_requested"] = "on" if payload.fee_waiver_requested else ""
    if with_captcha:
        data.update(captcha_0=payload.captcha_key, captcha_1=payload.captcha_value)
    form = ApplicationForm(data, MultiValueDict(), with_captcha=with_captcha)
    if not form.is_valid():
        errors = {name: " ".join(messages) for name, messages in form.errors.items()}
        return submit_error(400, errors, captcha=captcha_challenge() if "captcha" in errors else None)
    ip = client_ip(request)
    outcome = intake.accept(
        intake.Attempt(
            site=profile,
            fields=form.application_fields(),
            token=submissions.submission_token("api", key),
            client_ip=ip,
            client=network_key(ip),
            captcha_solved=with_captcha,
            from_form=False,
        )
    )
    if outcome.receipt is not None:
        return Status(outcome.status, _receipt(outcome.receipt, page))
    if outcome.needs_captcha:
        return submit_error(400, {"captcha": outcome.message}, captcha=captcha_challenge())
    field = "Idempotency-Key" if outcome.status == 422 else "request"
    return submit_error(outcome.status, {field: outcome.message}, message=outcome.message)


class MonthOut(Schema):
    month: int
    received: int = Field(description="当月收到")
    closed: int = Field(description="当月办结")


class OrganStatsOut(Schema):
    slug: str = Field(description="受理机关网站标识")
    name: str = Field(description="受理机关名称")
    received: int = Field(description="本年新收申请")
    carried_over: int = Field(description="上年结转")
    closed: int = Field(description="本年办结（每件一个办理结果）")
    carried_on: int = Field(description="结转下年（截至年末或今天仍在办理）")
    on_time: int = Field(description="按期办结（办结日期不晚于答复期限）")
    on_time_rate: float | None = Field(description="按期办结率（0–1，无办结时为 null）")
    median_working_days: float | None = Field(description="收到至办结用时中位数（工作日）")
    outcomes: dict[str, int] = Field(description="办理结果分组（年度报告表三）：" + _choices(OutcomeGroup))
    months: list[MonthOut]


class ApplicationStatsOut(Schema):
    site: str | None = Field(description="所查站点标识；省略时为全部站点")
    year: int
    generated_on: datetime.date
    sites: list[OrganStatsOut]


class StatsQuery(Schema):
    site: str | None = Field(None, max_length=64, description="受理机关网站标识；省略为全部站点")
    year: YEAR.annotation(f"年份，{statistics.FIRST_YEAR} 至今年；省略为当年") = None


def organ_out(profile, figures: statistics.YearFigures) -> OrganStatsOut:
    return OrganStatsOut(
        slug=profile.slug,
        name=profile.display_name,
        received=figures.received,
        carried_over=figures.carried_over,
        closed=figures.closed,
        carried_on=figures.carried_on,
        on_time=figures.on_time,
        on_time_rate=figures.on_time_rate,
        median_working_days=figures.median_working_days,
        outcomes=figures.outcomes,
        months=[MonthOut(**m) for m in figures.months],
    )


@router.get(
    "/applications/stats/",
    response={200: ApplicationStatsOut, **error_responses()},
    summary="依申请公开办理统计",
    description="受理机关在一年内收到、办结、结转的政府信息公开申请，按期办结率、用时中位数（工作日）和办理结果分组"
    "（年度报告表三），并给出逐月收到与办结。本年新收＋上年结转＝本年办结＋结转下年。省略 site 为全部站点；省略 year 为"
    "当年。只含统计数字，不含任何申请人信息。参数错误时返回 400 与逐项中文说明。",
)
def application_stats(request, params: Query[StatsQuery]):
    today = timezone.localdate()
    errors: dict[str, str] = {}
    year = params.year or today.year
    if year > today.year:
        errors["year"] = f"年份不能晚于{today.year}年"
    site = (params.site or "").strip() or None
    profiles = list(SiteProfile.objects.order_by("sort_order", "pk"))
    if site:
        profiles = [p for p in profiles if p.slug == site]
        if not profiles:
            errors["site"] = "未知的站点"
    if errors:
        raise ApiBadRequest(errors)
    return ApplicationStatsOut(
        site=site,
        year=year,
        generated_on=today,
        sites=[organ_out(p, statistics.year_figures(p, year, today)) for p in profiles],
    )
