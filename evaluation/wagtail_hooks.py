"""Admin of the inspection workbench."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import WordWhitelist
from .words import review
from .words.viewsets import WordEntryViewSet, WordWhitelistViewSet, whitelist_policy

# --- 错敏词 (evaluation/words/) ---------------------------------------------------------------------------------
register_permission_policy(WordWhitelist, whitelist_policy)


@hooks.register("register_admin_viewset")
def register_word_dictionary():
    return WordEntryViewSet("evaluation_words")


@hooks.register("register_admin_viewset")
def register_word_whitelist():
    return WordWhitelistViewSet("evaluation_word_whitelist")


@hooks.register("register_log_actions")
def register_word_log_actions(actions):
    actions.register_action(review.OVERRIDE_ACTION, "错敏词放行", "审核人员放行了严重错敏词")


@hooks.register("register_admin_urls")
def register_word_urls():
    from .words.views import override

    return [path("evaluation/words/override/<int:page_id>/", override, name="evaluation_words_override")]


@hooks.register("before_publish_page")
def check_words_before_publish(request, page):
    return review.before_publish(request, page)


@hooks.register("before_edit_page")
def check_words_before_approve(request, page):
    return review.before_approve(request, page)


@hooks.register("before_bulk_action")
def check_words_before_bulk_publish(request, action_type, objects, action):
    return review.before_bulk_publish(request, action_type, objects, action)


@hooks.register("after_edit_page")
def warn_words_on_submit_edit(request, page):
    return review.after_submit(request, page)


@hooks.register("after_create_page")
def warn_words_on_submit_create(request, page):
    return review.after_submit(request, page)


# --- 政府网站工作年度报表 (evaluation/annual/): importing the module registers its hooks ---------------------------
from .annual import hooks as annual_hooks  # noqa: E402, F401
