from django.db import models


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", "待处理"
    ADOPTED = "adopted", "已采用"
    RETURNED = "returned", "已退回"
    REJECTED = "rejected", "不予采用"


class AdoptionMode(models.TextChoices):
    ALIAS = "alias", "采用（引用原文）"
    COPY = "copy", "采用（编辑后发布）"


# Log actions (register_log_actions in wagtail_hooks.py); the page log of the original records each transition.
LOG_SUBMIT = "syndication.submit"
LOG_ADOPT = "syndication.adopt"
LOG_RETURN = "syndication.return"
LOG_REJECT = "syndication.reject"
LOG_SHARE = "syndication.share"
LOG_ACTIONS = {
    LOG_SUBMIT: ("信息报送", "报送到上级网站栏目"),
    LOG_ADOPT: ("报送采用", "上级网站采用了报送的信息"),
    LOG_RETURN: ("报送退回", "上级网站退回了报送的信息"),
    LOG_REJECT: ("报送不予采用", "上级网站不予采用报送的信息"),
    LOG_SHARE: ("信息共享", "共享到其他网站的栏目"),
}
