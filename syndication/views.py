"""Admin views of 信息报送: 报送 and 共享到… from a page, the receiving queue and its actions, 我的报送, and the
statistics report with its XLSX export. Every view scopes to the user's own sites (permissions.py)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from core.params import PAGE
from sites.models import SiteProfile

from . import permissions, services, stats
from .enums import SubmissionStatus
from .forms import MONTH, YEAR, AdoptForm, ColumnsForm, QueueFilterForm, ReasonForm

PER_PAGE = 50


def _column_labels(columns) -> dict[int, str]:
    """「网站 › 栏目」 for each column (one query for the sites)."""
    columns = list(columns)
    roots = {c.path[: services.SITE_ROOT_DEPTH * Page.steplen] for c in columns}
    names = dict(
        SiteProfile.objects.filter(site__root_page__path__in=roots).values_list("site__root_page__path", "org_name")
    )
    return {c.pk: f"{names.get(c.path[: services.SITE_ROOT_DEPTH * Page.steplen], '')} › {c.title}" for c in columns}


def _syndicable_page(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    profile = services.profile_of_page(page)
    if not permissions.may_syndicate(request.user, profile):
        raise Http404  # the admin gate answers first for another site's page; this covers pages of no site
    return page, profile


def _columns_view(request, page_id: int, *, offered, run, verb: str, template: str):
    """The shared shape of 报送 and 共享到…: a checkbox list of the columns open to the page's site."""
    page, profile = _syndicable_page(request, page_id)
    columns = offered(profile)
    labels = _column_labels(columns)
    form = ColumnsForm(request.POST or None, columns=columns)
    form.fields["columns"].label_from_instance = lambda column: labels.get(column.pk, column.title)
    problem = None
    try:
        services.check_syndicable(page)
    except services.SyndicationError as error:
        problem = error.messages[0]
    if request.method == "POST" and problem is None and form.is_valid():
        try:
            done = run(page, form.cleaned_data["columns"], request.user)
        except services.SyndicationError as error:
            form.add_error(None, error.messages[0])
        else:
            return done
    context = {"page": page, "form": form, "problem": problem, "header_title": f"{verb}：{page.title}"}
    return TemplateResponse(request, template, context, status=200)


def submit(request, page_id: int):
    """报送: one submission per chosen column of the parent/ancestor portals that accept this site's items."""

    def run(page, columns, user):
        created = services.submit(page, columns, user)
        messages.success(request, f"已报送到 {len(created)} 个栏目，请在“我的报送”查看处理结果。")
        return redirect("syndication:sent")

    return _columns_view(
        request,
        page_id,
        offered=services.receiving_columns,
        run=run,
        verb="信息报送",
        template="syndication/admin/submit.html",
    )


def share(request, page_id: int):
    """共享到…: an alias of the page in columns of the sites below that accept shared content."""

    def run(page, columns, user):
        result = services.share(page, columns, user)
        text = f"已共享到 {len(result.created)} 个栏目。"
        if result.skipped:
            text += f"栏目“{'、'.join(result.skipped)}”已有本文，未重复共享。"
        messages.success(request, text)
        return redirect("wagtailadmin_explore", page.get_parent().pk)

    return _columns_view(
        request,
        page_id,
        offered=services.sharing_columns,
        run=run,
        verb="共享到其他网站",
        template="syndication/admin/submit.html",
    )


def _filtered(request, queryset):
    """Apply the queue filters; the form (with its Chinese errors) and the filtered rows."""
    units = queryset.order_by().values_list("source_site_id", "source_site__org_name").distinct()
    columns = queryset.order_by().values_list("column_id", "column__title").distinct()
    form = QueueFilterForm(request.GET or None, units=sorted(set(units)), columns=sorted(set(columns)))
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["unit"]:
            queryset = queryset.filter(source_site_id=data["unit"])
        if data["column"]:
            queryset = queryset.filter(column_id=data["column"])
        if data["month"]:
            year, month = map(int, data["month"].split("-"))
            queryset = stats.in_period(queryset, year, month)
    return form, queryset


def _listing(request, queryset, template: str, title: str):
    form, rows = _filtered(request, queryset)
    errors: dict[str, str] = {}
    number = PAGE.from_query(request.GET, errors)
    paginator = Paginator(rows.order_by("-submitted_at", "-pk"), PER_PAGE)
    page_obj = paginator.get_page(number)
    context = {"filter_form": form, "page_obj": page_obj, "header_title": title, "Status": SubmissionStatus}
    return TemplateResponse(request, template, context)


def queue(request):
    """报送信息处理: submissions to the columns of the user's sites."""
    if not permissions.is_receiving_staff(request.user):
        raise Http404
    return _listing(request, permissions.received(request.user), "syndication/admin/queue.html", "报送信息处理")


def sent_list(request):
    """我的报送: the user's sites' submissions, their status and the reason of a return or rejection."""
    if not permissions.is_receiving_staff(request.user):
        raise Http404
    return _listing(request, permissions.sent(request.user), "syndication/admin/sent.html", "我的报送")


ACTIONS = {
    "return": (SubmissionStatus.RETURNED, "已退回，报送单位可修改后重新报送。"),
    "reject": (SubmissionStatus.REJECTED, "已标记为不予采用。"),
}


def detail(request, pk: int):
    """One submission: 采用 (引用原文 / 编辑后发布), 退回 or 不予采用 with a reason."""
    submission = permissions.queue_item(request.user, pk)
    adopt_form, reason_form = AdoptForm(), ReasonForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "adopt":
                adopt_form = AdoptForm(request.POST)
                if adopt_form.is_valid():
                    done = services.adopt(submission, request.user, adopt_form.cleaned_data["mode"])
                    messages.success(request, f"已采用“{done.title}”（{done.get_mode_display()}）。")
                    return redirect("syndication:detail", pk)
            elif action == "checked":
                services.mark_checked(submission)
                messages.success(request, "已标记为已核对。")
                return redirect("syndication:detail", pk)
            elif action in ACTIONS:
                reason_form = ReasonForm(request.POST)
                if reason_form.is_valid():
                    status, text = ACTIONS[action]
                    services.close(submission, request.user, status, reason_form.cleaned_data["reason"])
                    messages.success(request, text)
                    return redirect("syndication:detail", pk)
            else:
                messages.error(request, "未知的操作。")
        except services.SyndicationError as error:
            messages.error(request, error.messages[0])
        submission.refresh_from_db()
    context = {
        "submission": submission,
        "adopt_form": adopt_form,
        "reason_form": reason_form,
        "is_pending": submission.status == SubmissionStatus.PENDING,
        "header_title": f"报送信息：{submission.title}",
        "original": submission.page.specific if submission.page_id else None,
        "adopted": submission.adopted_page.specific if submission.adopted_page_id else None,
    }
    return TemplateResponse(request, "syndication/admin/detail.html", context, status=200)


def report(request):
    """信息报送统计: per unit, for a month or a year; ``?format=xlsx`` downloads the same table."""
    if not permissions.is_receiving_staff(request.user):
        raise Http404
    errors: dict[str, str] = {}
    year = YEAR.from_query(request.GET, errors) or timezone.localdate().year
    month = MONTH.from_query(request.GET, errors)
    rows = stats.unit_statistics(permissions.visible(request.user), year, month)
    if request.GET.get("format") == "xlsx" and not errors:
        return stats.xlsx_export(rows, year, month)
    for message in errors.values():
        messages.error(request, message)
    query = f"year={year}" + (f"&month={month}" if month else "")
    context = {
        "rows": rows,
        "total": stats.totals(rows),
        "year": year,
        "month": month,
        "label": stats.period_label(year, month),
        "years": range(timezone.localdate().year, YEAR.minimum - 1, -1)[:10],
        "months": range(1, 13),
        "xlsx_url": f"{reverse('syndication:report')}?{query}&format=xlsx",
        "header_title": "信息报送统计",
    }
    return TemplateResponse(request, "syndication/admin/report.html", context)
