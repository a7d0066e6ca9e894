from wagtail import hooks

from .models.documents import DATE_CHANGED_ACTION


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(DATE_CHANGED_ACTION, "修改发布日期", "修改了已发布信息的发布日期")
