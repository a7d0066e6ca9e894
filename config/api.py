"""The public JSON API (/api/v1/, OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs).

Every answer that is not a success has the one shape of core.api (``{"message", "errors"}``, Chinese), whatever
raised it: an endpoint's own check, pydantic's validation, a body that is not JSON, an unknown object.
"""

from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

from core.api import STATUS_MESSAGES, ApiBadRequest, StrictParser, validation_errors
from evaluation.api import router as evaluation_router  # issue 12: 网站健康检查
from interaction.api import router as interaction_router
from openinfo.api import router as openinfo_router
from search.api import router as search_router
from sites.api import router as sites_router

api = NinjaAPI(
    title="政务网站群开放接口",
    version="1",
    description="网站群公开数据接口：站点目录、政府信息公开目录与统计、政民互动留言与统计、站内搜索、网站健康检查。"
    '除提交留言外均为只读接口，无需登录。所有错误均返回 {"message": 中文说明, "errors": {字段: 中文说明}}。',
    urls_namespace="api-v1",
    parser=StrictParser(),
    # Swagger UI from django-ninja's own static files ("ninja" in INSTALLED_APPS; without it ninja would load it from
    # a CDN). validatorUrl None: Swagger UI would otherwise show a badge image fetched from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/sites/", sites_router)
api.add_router("/openinfo/", openinfo_router)
api.add_router("/interaction/", interaction_router)
api.add_router("/search/", search_router)
# Issue 12: the inspection results (evaluation/api.py), published facts only.
api.add_router("/evaluation/", evaluation_router)


def error(request, status: int, message: str, errors: dict[str, str] | None = None):
    return api.create_response(request, {"message": message, "errors": errors or {}}, status=status)


@api.exception_handler(ApiBadRequest)
def bad_request(request, exc: ApiBadRequest):
    return error(request, exc.status, exc.message, exc.errors)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    """Type errors in parameters and bodies: 400 with field-level Chinese messages instead of pydantic's 422."""
    return error(request, 400, STATUS_MESSAGES[400], validation_errors(exc.errors))


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    # get_object_or_404's message is English ("No … matches the given query."); the endpoints' own are Chinese.
    text = str(exc)
    return error(request, 404, text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else STATUS_MESSAGES[404])


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return error(request, exc.status_code, STATUS_MESSAGES.get(exc.status_code, STATUS_MESSAGES[400]))
