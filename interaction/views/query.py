"""The status query: its form and the part of a message's history a citizen may see."""

from core.forms import TrackingQueryForm

# What the citizen sees of each step: no staff names and no internal notes (only a rejection's reason).
PUBLIC_ACTIONS = {
    "receive": "已受理",
    "assign": "转交办理",
    "answer": "已答复",
    "review": "答复已审核",
    "publish": "答复已公开",
    "close": "已办结",
    "reject": "不予受理",
    "rate": "已评价",
    "public_copy": "公开文本已修订（隐去个人信息）",
}


QueryForm = TrackingQueryForm  # the status query form (shared with 依申请公开: core/forms.py)


def public_history(question) -> list[dict]:
    rows = []
    for event in question.events.select_related("handler"):
        row = {"at": event.at, "label": PUBLIC_ACTIONS.get(event.action, event.action), "detail": ""}
        if event.action == "assign" and event.handler:
            row["detail"] = f"办理单位：{event.handler.display_name}"
        elif event.action == "reject":
            row["detail"] = question.rejection_reason
        rows.append(row)
    return rows
