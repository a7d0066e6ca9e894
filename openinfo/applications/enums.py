"""The vocabulary of 依申请公开 (政府信息公开条例 Chapter 4) and of the annual report's Table 3
(国办公开办函〔2021〕30号): who applies, how, the handling states and the one outcome each application ends with."""

from django.db import models


class ApplicantKind(models.TextChoices):
    """Art. 27: 公民、法人或者其他组织."""

    CITIZEN = "citizen", "公民"
    ORGANISATION = "organisation", "法人或其他组织"


class OrganisationType(models.TextChoices):
    """The annual report's Table 3 splits 法人或其他组织 into these five columns."""

    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "welfare", "社会公益组织"
    LEGAL_SERVICE = "legal", "法律服务机构"
    OTHER = "other", "其他"


class ReportColumn(models.TextChoices):
    """Table 3's six applicant columns (总计 is their sum): one per application, from ``table_column``."""

    NATURAL_PERSON = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "welfare", "社会公益组织"
    LEGAL_SERVICE = "legal", "法律服务机构"
    OTHER = "other", "其他"


def table_column(kind: str, organisation_type: str) -> str:
    """The Table 3 column of an applicant: citizens are 自然人, organisations their sub-type (其他 if unknown)."""
    if kind == ApplicantKind.CITIZEN:
        return ReportColumn.NATURAL_PERSON
    return organisation_type if organisation_type in ReportColumn.values else ReportColumn.OTHER


class IdentityDocument(models.TextChoices):
    ID_CARD = "id_card", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_RESIDENCE = "foreign_residence", "外国人永久居留身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"


class Channel(models.TextChoices):
    """提交方式. Art. 31 fixes the day of receipt per channel: in person the day submitted, by post the day signed
    for, online or by the office's fax the day both sides confirm — staff record it for offline channels."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面申请"
    LETTER = "letter", "信函申请"
    FAX = "fax", "传真申请"


class ProvisionForm(models.TextChoices):
    """获取信息的方式 (Art. 29 (三), Art. 40: as requested where possible)."""

    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    DISC = "disc", "光盘"
    VIEWING = "viewing", "当面查阅、抄录"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    PICK_UP = "pick_up", "自行领取"
    ELECTRONIC = "electronic", "电子方式发送"


class Status(models.TextChoices):
    """Handling states (Art. 45: 登记、审核、办理、答复、归档). The reply deadline runs in RECEIVED, PROCESSING and
    EXTENDED; it is suspended while waiting for a supplement (Art. 30: the clock restarts on it), for a third party
    or another organ (Arts. 32, 34: not counted) and for a fee (the fee notice stops handling until paid)."""

    RECEIVED = "received", "已登记"
    PROCESSING = "processing", "办理中"
    SUPPLEMENT = "supplement", "待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    REPLIED = "replied", "已答复"
    ARCHIVED = "archived", "已归档"
    TRANSFERRED = "transferred", "已转送"
    WITHDRAWN = "withdrawn", "申请人撤回"


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.PROCESSING,
    Status.SUPPLEMENT,
    Status.CONSULTING,
    Status.AWAITING_FEE,
)
CLOSED_STATUSES = (Status.REPLIED, Status.ARCHIVED, Status.TRANSFERRED, Status.WITHDRAWN)
# The deadline is suspended in these states (see Status).
PAUSED_STATUSES = (Status.SUPPLEMENT, Status.CONSULTING, Status.AWAITING_FEE)


class OutcomeGroup(models.TextChoices):
    """Table 3 row 三 (本年度办理结果), groups (一)–(六)."""

    DISCLOSED = "disclosed", "（一）予以公开"
    PARTIAL = "partial", "（二）部分公开"
    WITHHELD = "withheld", "（三）不予公开"
    UNAVAILABLE = "unavailable", "（四）无法提供"
    NOT_PROCESSED = "not_processed", "（五）不予处理"
    OTHER = "other", "（六）其他处理"


class Outcome(models.TextChoices):
    """Exactly one per replied application: the leaves of Table 3 row 三 (2021 template), so every reply lands
    in one cell. Art. 36 reply types map onto them (already disclosed / can be disclosed → 予以公开; 不予公开 with
    reasons; 不存在 → 无法提供 1; not this organ → 无法提供 1 with the responsible organ named; repeat → 不予处理 2)."""

    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开"
    WITHHELD_STATE_SECRET = "withheld_secret", "不予公开：属于国家秘密"
    WITHHELD_BY_LAW = "withheld_law", "不予公开：其他法律行政法规禁止公开"
    WITHHELD_SAFETY = "withheld_safety", "不予公开：危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_third_party", "不予公开：保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld_internal", "不予公开：属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld_process", "不予公开：属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "withheld_enforcement", "不予公开：属于行政执法案卷"
    WITHHELD_QUERY = "withheld_query", "不予公开：属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", "无法提供：本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = "unavailable_creation", "无法提供：没有现成信息需要另行制作"
    UNAVAILABLE_UNCLEAR = "unavailable_unclear", "无法提供：补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "np_petition", "不予处理：信访举报投诉类申请"
    NOT_PROCESSED_REPEAT = "np_repeat", "不予处理：重复申请"
    NOT_PROCESSED_PUBLICATION = "np_publication", "不予处理：要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "np_excessive", "不予处理：无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRMATION = "np_confirmation", "不予处理：要求行政机关确认或重新出具已获取信息"
    OTHER_NO_SUPPLEMENT = "other_no_supplement", "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其申请"
    OTHER_FEE_UNPAID = "other_fee_unpaid", "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其申请"
    OTHER = "other", "其他处理：其他"


def _group_of(outcome: str) -> str:
    if outcome == Outcome.DISCLOSED:
        return OutcomeGroup.DISCLOSED
    if outcome == Outcome.PARTIAL:
        return OutcomeGroup.PARTIAL
    prefix = outcome.split("_", 1)[0]
    return {
        "withheld": OutcomeGroup.WITHHELD,
        "unavailable": OutcomeGroup.UNAVAILABLE,
        "np": OutcomeGroup.NOT_PROCESSED,
        "other": OutcomeGroup.OTHER,
    }[prefix]


# Table 3: each outcome's group and its row number inside the group (1-based; 0 for the single-row groups).
OUTCOME_GROUP: dict[str, str] = {outcome: _group_of(outcome) for outcome in Outcome.values}
OUTCOME_ROW: dict[str, int] = {}
for _outcome in Outcome.values:
    _siblings = [o for o in Outcome.values if OUTCOME_GROUP[o] == OUTCOME_GROUP[_outcome]]
    OUTCOME_ROW[_outcome] = 0 if len(_siblings) == 1 else _siblings.index(_outcome) + 1

# What the Art. 36/37 reply must carry besides the outcome: reasons for every refusal or partial disclosure
# (Arts. 36 (三), 37), and for "not this organ" the responsible organ's name and contact where known (Art. 36 (五)).
REASON_REQUIRED = frozenset(Outcome.values) - {Outcome.DISCLOSED}
RESPONSIBLE_ORGAN_OUTCOMES = frozenset({Outcome.UNAVAILABLE_NOT_HELD})


class EventKind(models.TextChoices):
    """Every step of an application's handling, kept for good (the audit trail and the public timeline)."""

    SUBMITTED = "submitted", "提交申请"
    REGISTERED = "registered", "登记"
    ACCEPTED = "accepted", "审核通过，开始办理"
    SUPPLEMENT_REQUESTED = "supplement_requested", "发出补正通知"
    SUPPLEMENT_RECEIVED = "supplement_received", "收到补正材料"
    CONSULTATION_STARTED = "consultation_started", "征求第三方或其他机关意见"
    CONSULTATION_ENDED = "consultation_ended", "收到意见或征求期满"
    EXTENDED = "extended", "延长答复期限"
    FEE_NOTICE = "fee_notice", "发出收费通知"
    FEE_PAID = "fee_paid", "缴纳信息处理费"
    FEE_WAIVED = "fee_waived", "减免信息处理费"
    REPLY_DRAFTED = "reply_drafted", "拟定答复（待签发）"
    REPLIED = "replied", "作出答复"
    TRANSFERRED = "transferred", "转送其他机关"
    ARCHIVED = "archived", "归档"
    WITHDRAWN = "withdrawn", "申请人撤回"
    NOTE = "note", "备注"


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号: per item or per page, never both on one application."""

    PER_ITEM = "per_item", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class RemedyKind(models.TextChoices):
    """Table 4's three blocks."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER = "litigation_after", "行政诉讼（复议后起诉）"


class RemedyResult(models.TextChoices):
    """Table 4's columns (总计 is their sum)."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class LetterKind(models.TextChoices):
    """The letters to the applicant (applications/letters.py): one 告知书 per Table 3 outcome group (Art. 36) and
    the notices of the handling steps."""

    REPLY_DISCLOSED = "reply_disclosed", "政府信息公开申请答复告知书（予以公开）"
    REPLY_PARTIAL = "reply_partial", "政府信息公开申请答复告知书（部分公开）"
    REPLY_WITHHELD = "reply_withheld", "政府信息公开申请答复告知书（不予公开）"
    REPLY_UNAVAILABLE = "reply_unavailable", "政府信息公开申请答复告知书（无法提供）"
    REPLY_NOT_PROCESSED = "reply_not_processed", "政府信息公开申请答复告知书（不予处理）"
    REPLY_OTHER = "reply_other", "政府信息公开申请处理告知书（其他处理）"
    SUPPLEMENT = "supplement", "政府信息公开申请补正通知书"
    EXTENSION = "extension", "政府信息公开申请延期答复通知书"
    FEE = "fee", "政府信息公开信息处理费缴费通知书"
    CONSULTATION = "consultation", "政府信息公开第三方意见征询函"


REPLY_LETTER = {
    OutcomeGroup.DISCLOSED: LetterKind.REPLY_DISCLOSED,
    OutcomeGroup.PARTIAL: LetterKind.REPLY_PARTIAL,
    OutcomeGroup.WITHHELD: LetterKind.REPLY_WITHHELD,
    OutcomeGroup.UNAVAILABLE: LetterKind.REPLY_UNAVAILABLE,
    OutcomeGroup.NOT_PROCESSED: LetterKind.REPLY_NOT_PROCESSED,
    OutcomeGroup.OTHER: LetterKind.REPLY_OTHER,
}
