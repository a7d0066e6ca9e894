"""The gate of every workbench view: signed out → Wagtail's login; signed in without admin access or without any
site to read → 403 with a Chinese page (not Wagtail's redirect to the dashboard or the login page, which would
read as "sign in again"); otherwise the view runs with ``request.evaluation_profiles`` set."""

import functools

from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from wagtail.admin.auth import reject_request
from wagtail.admin.localization import get_localized_response
from wagtail.log_actions import LogContext

from core.errors import error_page

from ..permissions import visible_profiles

FORBIDDEN = "您没有查看网站健康检查的权限：仅限平台管理员、绩效评估人员和各网站的工作人员。"


def workbench_view(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.is_anonymous:
            return reject_request(request)
        profiles = visible_profiles(user) if user.has_perm("wagtailadmin.access_admin") else None
        if profiles is None:
            return error_page(request, 403, FORBIDDEN)
        request.evaluation_profiles = profiles
        try:
            with LogContext(user=user):
                return get_localized_response(view, request, *args, **kwargs)
        except Http404:
            return page_not_found(request, None, template_name="wagtailadmin/404.html")

    return never_cache(wrapper)
