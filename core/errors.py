"""Error answers in Chinese, in one shape: an HTML page for visitors, ``{"message", "errors"}`` for the API.

Django's own 400/403/CSRF pages are bare English; these replace them (``handler400``/``handler403``/``handler404``/
``handler500`` in config/urls.py, ``CSRF_FAILURE_VIEW``). The pages use no database and no site context: the
request that failed may carry anything (that is often why it failed), and the failure may be the database.
"""

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.csrf import requires_csrf_token

API_PREFIX = "/api/"

MESSAGES = {
    400: "请求有误，无法处理。",
    403: "您没有访问此页面的权限。",
    404: "未找到请求的内容。",
    405: "不支持该请求方式。",
    413: "提交的内容过大。",
    414: "请求网址过长。",
    429: "请求过于频繁，请稍后再试。",
    500: "服务器暂时无法处理您的请求，请稍后再试。",
}
TITLES = {
    400: "请求有误",
    403: "无权访问",
    404: "页面未找到",
    413: "内容过大",
    414: "网址过长",
    429: "请求过于频繁",
    500: "服务器繁忙",
}
CSRF_MESSAGE = "页面已过期或浏览器未允许本网站的 Cookie，提交未能完成。请返回上一页，刷新页面后重新提交。"


ENGLISH_PREFIX = "/en/"


def error_language(request) -> str:
    """English under the English mirror's prefix, else Chinese. Decided from the path alone: error pages run
    before (or without) the locale middleware, and the request may be hostile."""
    return "en" if request.path_info.startswith(ENGLISH_PREFIX) else "zh-hans"


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(status: int, message: str | None = None, errors: dict[str, str] | None = None) -> JsonResponse:
    body = {"message": message or MESSAGES.get(status, MESSAGES[400]), "errors": errors or {}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def error_page(request, status: int, message: str | None = None, errors: dict[str, str] | None = None):
    """The visitor's error page (``templates/errors/page.html``), or the API's JSON error for /api/ paths."""
    message = message or MESSAGES.get(status, MESSAGES[400])
    if is_api_request(request):
        return api_error(status, message, errors)
    details = {field: text for field, text in (errors or {}).items() if text != message}  # never say it twice
    language = error_language(request)
    with translation.override(language):
        context = {
            "status": status,
            "title": gettext(TITLES.get(status, TITLES[400])),
            "message": gettext(message),  # the msgid is the Chinese (zh has no entry: unchanged)
            "errors": details,
            "language": language,
        }
        html = loader.get_template("errors/page.html").render(context)
    return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    """API paths answer JSON; every other 404 is a site's own page (templates/404.html, with its navigation)."""
    if is_api_request(request):
        return api_error(404)
    from django.views.defaults import page_not_found as site_page_not_found

    return site_page_not_found(request, exception)


def server_error(request):
    if is_api_request(request):
        return api_error(500)
    from django.views.defaults import server_error as plain_server_error

    return plain_server_error(request)


@requires_csrf_token
def csrf_failure(request, reason=""):
    return error_page(request, 403, CSRF_MESSAGE)
