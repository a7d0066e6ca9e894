"""The public JSON API (/api/v1/, OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs)."""

from ninja import NinjaAPI

from sites.api import router as sites_router

api = NinjaAPI(
    title="政务网站群开放接口",
    version="1",
    description="网站群公开数据接口：站点目录等。所有接口只读、无需登录。",
    urls_namespace="api-v1",
)
api.add_router("/sites/", sites_router)
