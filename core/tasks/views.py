"""*设置 → 后台任务*: the database task queue for platform administrators — failed tasks first, with their last
error and a 重新执行 button; the other states on a filter. Site staff get the Chinese 403 page (the queue holds
every site's work)."""

import json
import uuid

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.views.generic import TemplateView
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ..accounts.views import SuperuserRequiredMixin, TitledAdminMixin
from ..params import ChoiceParam
from .retry import rerun

STATUS_LABELS = {
    TaskResultStatus.FAILED: "失败",
    TaskResultStatus.READY: "等待执行",
    TaskResultStatus.RUNNING: "执行中",
    TaskResultStatus.SUCCESSFUL: "已完成",
}
STATUS = ChoiceParam("status", "状态", {str(value): label for value, label in STATUS_LABELS.items()})
SHOWN = 200


def last_error(row: DBTaskResult) -> str:
    """The exception's last traceback line ("ConnectionError: …"), or its class when there is no traceback."""
    lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else row.exception_class_path


def describe(row: DBTaskResult) -> dict:
    return {
        "id": str(row.id),
        # From the stored path, not row.task: that imports the task and checks it against today's backend.
        "name": row.task_path.rsplit(".", 1)[-1],
        "path": row.task_path,
        "arguments": json.dumps(row.args_kwargs, ensure_ascii=False),
        "attempts": len(row.worker_ids),
        "status": STATUS_LABELS.get(row.status, row.status),
        "failed": row.status == TaskResultStatus.FAILED,
        "error": last_error(row) if row.exception_class_path else "",
        "traceback": row.traceback,
        "enqueued_at": row.enqueued_at,
        "finished_at": row.finished_at,
        "run_after": row.run_after if row.status == TaskResultStatus.READY and row.run_after.year < 9999 else None,
    }


class TaskQueueView(SuperuserRequiredMixin, TitledAdminMixin, TemplateView):
    template_name = "core/tasks/queue.html"
    page_title = "后台任务"
    header_icon = "cogs"

    def get_context_data(self, **kwargs):
        errors: dict[str, str] = {}
        status = STATUS.parse(self.request.GET.get("status"), errors) or TaskResultStatus.FAILED
        rows = DBTaskResult.objects.filter(status=status).order_by("-enqueued_at")
        counts = dict(DBTaskResult.objects.order_by().values_list("status").annotate(n=Count("pk")))
        tabs = [(str(value), label, counts.get(value, 0)) for value, label in STATUS_LABELS.items()]
        return super().get_context_data(
            rows=[describe(row) for row in rows[:SHOWN]],
            total=rows.count(),
            shown=SHOWN,
            status=str(status),
            status_label=STATUS_LABELS[status],
            tabs=tabs,
            errors=errors,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=400 if context["errors"] else 200)

    def post(self, request, *args, **kwargs):
        try:
            pk = uuid.UUID(request.POST.get("task", ""))
        except ValueError:
            messages.error(request, "任务编号格式不正确。")
            return redirect("core_task_queue")
        row = DBTaskResult.objects.filter(pk=pk).first()
        if row is None or not rerun(row):
            messages.error(request, "该任务已不是失败状态（可能已重新执行或已清理），未做更改。")
        else:
            name = row.task_path.rsplit(".", 1)[-1]
            messages.success(request, f"已重新加入队列：{name}，将由后台任务进程执行。")
        return redirect("core_task_queue")
