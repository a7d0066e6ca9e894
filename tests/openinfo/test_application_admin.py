"""依申请公开 in the admin: confinement to the receiving organ in every view (404 elsewhere, nothing changed), the
list's filters and badges, the detail's deadlines, steps and their refusals on the right field, remedies, the
dashboard panel, the letter templates and the letters read back from DOCX and PDF."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openinfo.applications import letters, services
from openinfo.applications.enums import EventKind, FeeMethod, LetterKind, Outcome, Status
from openinfo.models import ApplicationAttachment, ApplicationRemedy, InformationApplication, LetterTemplate
from tests.conftest import site_client

from .application_helpers import D, application, calendar_fixture, handler_of, reviewer_of, today_fixture  # noqa: F401

pytestmark = pytest.mark.usefixtures("calendar", "today")


def u(name, *args):
    return reverse(f"openinfo_applications:{name}", args=args)


@pytest.fixture
def world(group):
    """An application at 荷塘区 and one at 市发改委, each with an attachment, a remedy and a reply letter."""
    own, other = (
        application(group.hetang, name="荷塘申请人"),
        application(group.all["zhuzhou-fgw"], name="发改委申请人"),
    )
    for app in (own, other):
        services.reply(
            app, actor=None, outcome=Outcome.WITHHELD_PROCESS, reply_text="属于过程性信息。", on=D(2026, 3, 20)
        )
        ApplicationAttachment.objects.create(
            application=app,
            file=SimpleUploadedFile("id.pdf", b"%PDF-1.4 id", content_type="application/pdf"),
            name="身份证.pdf",
            content_type="application/pdf",
            size=11,
        )
        ApplicationRemedy.objects.create(application=app, kind="reconsideration", filed_on=D(2026, 4, 1))
    return {"own": own, "other": other}


def urls(app):
    remedy = app.remedies.get()
    return [
        ("get", u("detail", app.pk)),
        ("get", u("letter", app.pk, LetterKind.REPLY_WITHHELD, "docx")),
        ("get", u("attachment", app.attachments.get().pk)),
        ("post", u("act", app.pk, "archive")),
        ("post", u("remedy_add", app.pk)),
        ("post", u("remedy_edit", app.pk, remedy.pk)),
    ]


def test_other_organs_applications_answer_404_and_change_nothing(group, editor, world):
    client = site_client(group.hetang, editor("hetang"))
    other = world["other"]
    for method, address in urls(other):
        data = {"remedy-new-kind": "reconsideration", "remedy-new-filed_on": "2026-04-02"}
        response = getattr(client, method)(address, data) if method == "post" else client.get(address)
        assert response.status_code == 404, address
    other.refresh_from_db()
    assert other.status == Status.REPLIED and other.remedies.count() == 1
    for method, address in urls(world["own"]):
        if method == "get":
            assert client.get(address).status_code == 200, address


def test_the_list_shows_staff_their_organs_applications_only(group, editor, world):
    client = site_client(group.hetang, editor("hetang"))
    for address in (u("index"), u("index_results"), u("index") + f"?site={group.all['zhuzhou-fgw'].pk}"):
        html = client.get(address).content.decode()
        assert world["other"].tracking_code not in html and "发改委申请人" not in html, address
    assert world["own"].tracking_code in client.get(u("index")).content.decode()
    admin = site_client(group.zhuzhou, get_user_model().objects.get(username="admin"))
    html = admin.get(u("index")).content.decode()
    assert world["own"].tracking_code in html and world["other"].tracking_code in html


def test_outsiders_are_refused_and_anonymous_visitors_sent_to_login(group, world):
    outsider = get_user_model().objects.create_user("outsider", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = site_client(group.hetang, outsider)
    home = reverse("wagtailadmin_home")  # Wagtail answers PermissionDenied with a redirect to the admin home
    for address in (u("index"), u("detail", world["own"].pk), u("letter", world["own"].pk, "reply_withheld", "docx")):
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (302, home), address
    assert "/admin/openinfo/applications/" not in client.get(reverse("wagtailadmin_home")).content.decode()
    anonymous = site_client(group.hetang).get(u("detail", world["own"].pk))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_filters_and_badges(group, editor, today):
    due_today = application(group.hetang, received_on=D(2026, 6, 1))
    overdue = application(group.hetang, received_on=D(2026, 3, 2))
    paused = application(group.hetang, received_on=D(2026, 6, 22))
    services.start_consultation(paused, actor=None, party="第三方", on=D(2026, 6, 23))
    fresh = application(group.hetang, received_on=D(2026, 6, 29))
    client = site_client(group.hetang, editor("hetang"))
    everyone = (due_today, overdue, paused, fresh)

    def listed(query):
        html = client.get(u("index") + query).content.decode()
        return {a.tracking_code for a in everyone if a.tracking_code in html}

    assert due_today.due_on == D(2026, 6, 30)  # 1 Jun + 20 working days (端午 Fri 19 Jun off)
    assert listed("?alarm=overdue") == {overdue.tracking_code}
    assert listed("?alarm=due_soon") == {due_today.tracking_code}
    assert listed("?alarm=paused") == {paused.tracking_code}
    assert listed("?status=consulting") == {paused.tracking_code}
    assert listed("?year=2026") == {a.tracking_code for a in everyone}
    assert listed("?year=2025") == set()
    html = client.get(u("index")).content.decode()
    assert all(f'data-alarm="{level}"' in html for level in ("overdue", "due_soon", "paused"))
    today(D(2026, 7, 24))  # fresh is due Mon 27 Jul: 1 working day left
    assert listed("?alarm=due_soon") == {fresh.tracking_code}
    assert listed("?alarm=overdue") == {overdue.tracking_code, due_today.tracking_code}


def test_outcome_filter(group, editor, world):
    client = site_client(group.hetang, editor("hetang"))
    html = client.get(u("index") + f"?outcome={Outcome.WITHHELD_PROCESS}").content.decode()
    assert world["own"].tracking_code in html
    assert world["own"].tracking_code not in client.get(u("index") + f"?outcome={Outcome.DISCLOSED}").content.decode()


def test_detail_shows_the_deadline_and_working_days_left(group, editor, today):
    app = application(group.hetang, received_on=D(2026, 6, 1))
    today(D(2026, 6, 26))  # due 30 Jun: 29, 30 Jun → 2 working days left
    html = site_client(group.hetang, editor("hetang")).get(u("detail", app.pk)).content.decode()
    assert "2026-06-30" in html and "data-working-days-left>2<" in html
    assert 'data-alarm="due_soon"' in html


def test_a_refused_step_shows_its_reason_on_the_field_and_changes_nothing(group, editor):
    app = application(group.hetang)
    client = site_client(group.hetang, editor("hetang"))
    response = client.post(
        u("act", app.pk, "request_supplement"),
        {
            "request_supplement-on": "2026-03-12",
            "request_supplement-until": "2026-03-30",
            "request_supplement-note": "x",
        },
    )
    assert response.status_code == 200
    errors = response.context["step_forms"]
    form = next(s["form"] for s in errors if s["action"] == "request_supplement")
    assert "7 个工作日" in form.errors["on"][0]
    app.refresh_from_db()
    assert app.status == Status.RECEIVED and app.events.count() == 1
    response = client.post(
        u("act", app.pk, "draft_reply"),
        {"draft_reply-outcome": Outcome.UNAVAILABLE_NOT_HELD, "draft_reply-reply_text": ""},
    )
    form = next(s["form"] for s in response.context["step_forms"] if s["action"] == "draft_reply")
    assert set(form.errors) == {"reply_text", "responsible_organ", "responsible_organ_contact"}
    response = client.post(u("act", app.pk, "draft_reply"), {"draft_reply-on": "2026-13-01"})
    form = next(s["form"] for s in response.context["step_forms"] if s["action"] == "draft_reply")
    assert form.errors["on"] == ["请输入正确的日期，如 2026-03-02。"]


def test_steps_through_the_admin(group, editor):
    app = application(group.hetang)
    user = editor("hetang")
    client = site_client(group.hetang, user)
    response = client.post(u("act", app.pk, "accept"), {"accept-on": "2026-03-03", "accept-items": "3"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert (app.status, app.items) == (Status.PROCESSING, 3)
    # The extension's approver list: the reviewer group, never the handler himself.
    head = reviewer_of(group.hetang)
    form = client.get(u("detail", app.pk)).context["step_forms"]
    approvers = next(s["form"] for s in form if s["action"] == "extend").fields["approver"].queryset
    assert head in approvers and user not in approvers
    response = client.post(
        u("act", app.pk, "extend"),
        {"extend-on": "2026-03-20", "extend-days": "20", "extend-approver": head.pk, "extend-note": "涉及多个科室"},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.extension_days == 20 and app.events.filter(kind=EventKind.EXTENDED, actor=user).exists()


def test_remedies_are_recorded_and_validated(group, editor, world):
    app = world["own"]
    client = site_client(group.hetang, editor("hetang"))
    response = client.post(
        u("remedy_add", app.pk),
        {"remedy-new-kind": "litigation_direct", "remedy-new-filed_on": "2026-04-10", "remedy-new-result": "upheld"},
    )
    assert response.status_code == 200  # upheld without a decision day
    assert "已审结的请填写审结日期。" in response.content.decode()
    assert app.remedies.count() == 1
    remedy = app.remedies.get()
    prefix = f"remedy-{remedy.pk}"
    response = client.post(
        u("remedy_edit", app.pk, remedy.pk),
        {
            f"{prefix}-kind": "reconsideration",
            f"{prefix}-filed_on": "2026-04-01",
            f"{prefix}-result": "corrected",
            f"{prefix}-decided_on": "2026-05-20",
        },
    )
    assert response.status_code == 302
    remedy.refresh_from_db()
    assert (remedy.result, remedy.decided_on) == ("corrected", D(2026, 5, 20))


def test_the_dashboard_panel_counts_the_organs_alarms(group, editor):
    application(group.hetang, received_on=D(2026, 3, 2))  # overdue on 30 Jun
    application(group.all["zhuzhou-fgw"], received_on=D(2026, 3, 2))
    html = site_client(group.hetang, editor("hetang")).get(reverse("wagtailadmin_home")).content.decode()
    assert "依申请公开办理提醒" in html
    assert 'data-alarm-count="overdue"' in html and "已超期：1 件" in html


# --- letters ---------------------------------------------------------------------------------------------------


def docx_text(body: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)


def test_the_reply_letter_reads_back_from_docx(group, editor, world):
    response = site_client(group.hetang, editor("hetang")).get(
        u("letter", world["own"].pk, LetterKind.REPLY_WITHHELD, "docx")
    )
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    text = docx_text(response.content)
    assert text.splitlines()[0] == "政府信息公开申请答复告知书（不予公开）"
    assert "荷塘申请人：" in text and world["own"].tracking_code in text
    assert "不予公开：属于四类过程性信息" not in text and "属于四类过程性信息" in text and "属于过程性信息。" in text
    assert group.hetang.org_name in text and "2026年3月20日" in text


def test_letters_not_reached_answer_404(group, editor, world):
    client = site_client(group.hetang, editor("hetang"))
    assert client.get(u("letter", world["own"].pk, LetterKind.FEE, "docx")).status_code == 404
    assert client.get(u("letter", world["own"].pk, LetterKind.REPLY_WITHHELD, "txt")).status_code == 404


@pytest.mark.skipif(letters.cjk_font() is None, reason="no CJK TrueType font on this machine (apt: fonts-wqy-microhei)")
def test_the_fee_notice_reads_back_from_pdf(group, editor):
    from pypdf import PdfReader

    app = application(group.hetang, name="收费申请人")
    services.notify_fee(app, actor=None, method=FeeMethod.PER_PAGE, quantity=101, on=D(2026, 3, 4))
    response = site_client(group.hetang, editor("hetang")).get(u("letter", app.pk, LetterKind.FEE, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).replace("\n", "")
    assert "政府信息公开信息处理费缴费通知书" in text and "收费申请人" in text
    assert "720元" in text and "按量计收" in text and "101页" in text


def test_a_sites_own_template_replaces_the_default(group, editor):
    app = application(group.hetang, name="模板申请人")
    services.request_supplement(app, actor=None, on=D(2026, 3, 3), until=D(2026, 3, 17), note="请写明文件名称")
    LetterTemplate.objects.create(
        site=group.hetang,
        kind=LetterKind.SUPPLEMENT,
        body="{申请人}：\n请于{补正期限}前补正：{补正事项}。电话{机关电话}",
    )
    text = docx_text(letters.to_docx(letters.render(app, LetterKind.SUPPLEMENT)))
    assert "模板申请人：" in text and "请于2026年3月17日前补正：请写明文件名称。电话0731-12345678" in text


def test_letter_templates_refuse_unknown_placeholders_and_are_confined(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    add = reverse("openinfo_letter_templates:add")
    response = client.post(add, {"site": group.hetang.pk, "kind": LetterKind.FEE, "body": "{申请人} {金额}"})
    assert response.status_code == 200 and "不认识的占位符：{金额}" in response.content.decode()
    response = client.post(add, {"site": group.all["zhuzhou-fgw"].pk, "kind": LetterKind.FEE, "body": "x"})
    assert "只能选择您所在的网站。" in response.content.decode()
    other = LetterTemplate.objects.create(site=group.all["zhuzhou-fgw"], kind=LetterKind.FEE, body="发改委模板")
    assert client.get(reverse("openinfo_letter_templates:edit", args=[other.pk])).status_code == 404
    assert "发改委模板" not in client.get(reverse("openinfo_letter_templates:index")).content.decode()
    assert not InformationApplication.objects.exists()


# --- offline registration (Art. 31) -------------------------------------------------------------------------------


def register_data(site, **overrides):
    data = {
        "site": site.pk,
        "channel": "letter",
        "received_on": "2026-06-24",
        "applicant_kind": "citizen",
        "name": "来信申请人",
        "id_document": "id_card",
        "id_number": "430202198001019999",
        "phone": "13900001111",
        "description": "请公开2025年度政府信息公开工作年度报告的编制依据。",
        "provision_form": "paper",
        "delivery": "post",
    }
    return {**data, **overrides}


def test_staff_register_a_letter_with_its_day_of_receipt(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    assert 'href="/admin/openinfo/applications/add/"' in client.get(u("index")).content.decode()
    response = client.post(u("add"), register_data(group.hetang))
    app = InformationApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == u("detail", app.pk)
    assert (app.site, app.channel, app.received_on, app.registered_by) == (
        group.hetang,
        "letter",
        D(2026, 6, 24),
        editor("hetang"),
    )
    assert app.events.get().kind == EventKind.REGISTERED and app.due_on == D(2026, 7, 22)
    shown = [str(m) for m in response.wsgi_request._messages]
    assert app.tracking_code in shown[0] and "查询密码" in shown[0]


def test_registration_errors_are_chinese_and_on_their_fields(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    response = client.post(
        u("add"), register_data(group.all["zhuzhou-fgw"], channel="online", received_on="2026-07-01")
    )
    form = response.context["form"]
    assert form.errors["site"] == ["只能选择您所在的机关。"]
    assert "channel" in form.errors
    response = client.post(
        u("add"), register_data(group.hetang, received_on="2026-07-01", applicant_kind="organisation")
    )
    form = response.context["form"]
    assert form.errors == {"organisation_type": ["法人或其他组织请选择类别。"]} or "received_on" in form.errors
    response = client.post(u("add"), register_data(group.hetang, received_on="2026-07-01"))
    assert response.context["form"].errors == {"received_on": ["收到申请日期不能晚于今天。"]}
    response = client.post(u("add"), register_data(group.hetang, name=""))
    assert response.context["form"].errors == {"name": ["请填写申请人姓名或名称。"]}
    assert not InformationApplication.objects.exists()


# --- every state's page and every letter ------------------------------------------------------------------------


def full_history(site):
    """An application that went through every notice: 补正, consultation, extension, fee, reply."""
    head = reviewer_of(site)
    app = application(site, name="全流程申请人")
    services.request_supplement(app, actor=None, on=D(2026, 3, 3), until=D(2026, 3, 17), note="请写明文件名称")
    services.receive_supplement(app, actor=None, on=D(2026, 3, 5))
    services.start_consultation(app, actor=None, party="株洲某某有限公司", on=D(2026, 3, 6))
    services.end_consultation(app, actor=None, on=D(2026, 3, 13))
    services.extend(app, actor=None, approver=head, days=10, note="需要调取档案", on=D(2026, 3, 16))
    services.notify_fee(app, actor=None, method=FeeMethod.PER_PAGE, quantity=40, on=D(2026, 3, 17))
    services.record_payment(app, actor=None, on=D(2026, 3, 18))
    return services.reply(
        app, actor=None, outcome=Outcome.PARTIAL, reply_text="第三方商业秘密部分不予公开。", on=D(2026, 3, 30)
    )


def test_every_letter_of_a_full_history_has_every_placeholder_filled(group):
    app = full_history(group.hetang)
    kinds = letters.available_kinds(app)
    assert set(kinds) == {
        LetterKind.REPLY_PARTIAL, LetterKind.SUPPLEMENT, LetterKind.CONSULTATION, LetterKind.EXTENSION, LetterKind.FEE
    }  # fmt: skip
    texts = {kind: docx_text(letters.to_docx(letters.render(app, kind))) for kind in kinds}
    for kind, text in texts.items():
        assert "{" not in text and "}" not in text, kind
    assert "株洲某某有限公司：" in texts[LetterKind.CONSULTATION]
    assert "延长10个工作日" in texts[LetterKind.EXTENSION] and "需要调取档案" in texts[LetterKind.EXTENSION]
    assert "金额100元" in texts[LetterKind.FEE] and "40页" in texts[LetterKind.FEE]
    assert "请写明文件名称" in texts[LetterKind.SUPPLEMENT] and "2026年3月17日" in texts[LetterKind.SUPPLEMENT]
    assert "第三方商业秘密部分不予公开。" in texts[LetterKind.REPLY_PARTIAL]


@pytest.mark.parametrize(
    ("status", "forms"),
    [
        (Status.RECEIVED, {"accept", "request_supplement", "start_consultation", "extend", "notify_fee",
                           "draft_reply", "transfer", "withdraw"}),
        (Status.SUPPLEMENT, {"receive_supplement", "withdraw"}),
        (Status.CONSULTING, {"end_consultation", "extend", "draft_reply", "transfer", "withdraw"}),
        (Status.AWAITING_FEE, {"record_payment", "waive_fee", "withdraw"}),
        (Status.REPLIED, {"archive"}),
        (Status.ARCHIVED, set()),
    ],
)  # fmt: skip
def test_each_state_offers_its_steps(group, editor, status, forms):
    app = application(group.hetang)
    if status == Status.SUPPLEMENT:
        services.request_supplement(app, actor=None, on=D(2026, 3, 3), until=D(2026, 3, 17), note="x")
    elif status == Status.CONSULTING:
        services.start_consultation(app, actor=None, party="第三方", on=D(2026, 3, 3))
    elif status == Status.AWAITING_FEE:
        services.notify_fee(app, actor=None, method=FeeMethod.PER_PAGE, quantity=40, on=D(2026, 3, 3))
    elif status in (Status.REPLIED, Status.ARCHIVED):
        services.reply(app, actor=None, outcome=Outcome.DISCLOSED, on=D(2026, 3, 3))
        if status == Status.ARCHIVED:
            services.archive(app, actor=None)
    response = site_client(group.hetang, editor("hetang")).get(u("detail", app.pk))
    assert response.status_code == 200
    assert {s["action"] for s in response.context["step_forms"]} == forms
