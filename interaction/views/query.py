"""The status query: its form and the part of a message's history a citizen may see."""

from django import forms

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


class QueryForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=20, error_messages={"required": "请填写查询码。"})
    password = forms.CharField(
        label="查询密码",
        max_length=20,
        widget=forms.PasswordInput(render_value=True),
        error_messages={"required": "请填写查询密码。"},
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


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
