"""The public JSON API (/api/v1/, OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs)."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from core.api import ApiBadRequest
from interaction.api import router as interaction_router
from openinfo.api import router as openinfo_router
from search.api import router as search_router
from sites.api import router as sites_router

api = NinjaAPI(
    title="政务网站群开放接口",
    version="1",
    description="网站群公开数据接口：站点目录、政府信息公开目录等。所有接口只读、无需登录。",
    urls_namespace="api-v1",
)
api.add_router("/sites/", sites_router)
api.add_router("/openinfo/", openinfo_router)
api.add_router("/interaction/", interaction_router)
api.add_router("/search/", search_router)


@api.exception_handler(ApiBadRequest)
def bad_request(request, exc: ApiBadRequest):
    return api.create_response(request, {"message": exc.message, "errors": exc.errors}, status=400)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    """Type errors in parameters: 400 with field-level Chinese messages instead of pydantic's 422."""
    errors = {".".join(str(p) for p in e.get("loc", [])[1:]) or "request": "参数格式不正确" for e in exc.errors}
    return api.create_response(request, {"message": "请求参数有误", "errors": errors}, status=400)
