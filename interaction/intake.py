"""Taking in a validated message, for the HTML form and the API alike: a repeated submission, the rate limits and
the captcha, then storage. The view and the API endpoint validate the fields with the same form and only turn
the :class:`Outcome` into HTTP.

The order matters (a security audit found the reverse): the message is validated first, then a repeated token is
looked up — and counted as an attempt — and only then is anything stored. A token (form nonce or Idempotency-Key)
is bound to the message it first came with and to the client that sent it: the same message again returns the
first receipt (with the query password only to the same client within minutes), another message under the same
token is refused (422), so no one obtains a stranger's receipt by reusing or guessing a key.
"""

from dataclasses import dataclass, field

from . import antispam, services

REPLAY_MISMATCH = (
    "该提交标识已用于另一份不同的留言，未予受理。新留言请刷新页面（或使用新的 Idempotency-Key）后重新提交。"
)


@dataclass
class Attempt:
    site: object  # the receiving SiteProfile
    channel: str
    fields: dict  # type, title, content, name, phone, email, consent_publish (cleaned by QuestionForm)
    target: object = None  # the handling unit the citizen chose (a SiteProfile), if any
    attachments: list = field(default_factory=list)
    token: str | None = None  # services.submission_token of the form nonce or Idempotency-Key
    client_ip: str | None = None
    client: str = "unknown"  # core.clients.client_key
    captcha_solved: bool = False
    # The HTML form's own signals (the API has none): honeypot text and the signed form token.
    form_token: antispam.FormToken | None = None
    honeypot: str = ""
    from_form: bool = True


@dataclass
class Outcome:
    status: int  # 201 stored, 200 the first receipt again, 400 captcha needed, 422 token reused, 429 too many
    receipt: services.Receipt | None = None
    message: str = ""  # Chinese reason for a refusal

    @property
    def needs_captcha(self) -> bool:
        return self.status == 400


def accept(attempt: Attempt) -> Outcome:
    submitted = services.fingerprint(
        site=attempt.site,
        channel=attempt.channel,
        target=attempt.target,
        fields=attempt.fields,
        attachments=attempt.attachments,
    )
    try:
        receipt = services.find_receipt(attempt.token, submitted, attempt.client)
    except services.ReplayMismatch:
        antispam.count_replay(attempt.site.pk, attempt.client)
        return Outcome(422, message=REPLAY_MISMATCH)
    verdict = antispam.assess(
        site_id=attempt.site.pk,
        client=attempt.client,
        phone=attempt.fields["phone"],
        honeypot=attempt.honeypot,
        token=attempt.form_token,
        check_form=attempt.from_form,
    )
    if verdict.refused:
        return Outcome(429, message=verdict.refused)
    if receipt is not None:
        antispam.count_replay(attempt.site.pk, attempt.client)
        return Outcome(200, receipt)
    if verdict.needs_captcha and not attempt.captcha_solved:
        return Outcome(400, message="提交较频繁，请填写验证码后重新提交。")
    try:
        receipt = services.submit(
            site=attempt.site,
            channel=attempt.channel,
            target=attempt.target,
            token=attempt.token,
            submitted=submitted,
            client=attempt.client,
            attachments=attempt.attachments,
            client_ip=attempt.client_ip,
            **attempt.fields,
        )
    except services.ReplayMismatch:  # a different message under the same token won a race
        return Outcome(422, message=REPLAY_MISMATCH)
    return Outcome(200 if receipt.duplicate else 201, receipt)
