from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.captcha import text_question
from core.health import healthz, readyz
from sites.views import favicon, robots_txt, theme_stylesheet

from .api import api

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"


urlpatterns = [
    # Answered by core.health.HealthCheckMiddleware before any other middleware; named here for reverse().
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # Issue 10: Wagtail admin listings confined to the user's own sites (sites/admin_urls.py); they must precede
    # Wagtail's admin to answer its paths.
    path("admin/", include("sites.admin_urls")),
    # Issue 12: the evaluator workbench (报告 → 网站健康检查). Before Wagtail's admin, whose access check would answer
    # a signed-in user without access with a login redirect instead of the workbench's 403.
    path("admin/evaluation/", include("evaluation.views.urls")),
    # --- Issue 12 (evalgaps): 批准 in the workflow modal (dashboard 待我审核, workflow reports) checked for 错敏词 —
    # Wagtail's own view at its own path, subclassed; it must precede Wagtail's admin (evaluation/words/workflow.py).
    path("admin/pages/workflow/", include("evaluation.words.workflow")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("api/v1/", api.urls),
    path("captcha/text/", text_question, name="captcha-text"),
    path("captcha/", include("captcha.urls")),
    re_path(r"^theme/(?P<colour>[0-9a-f]{6})\.css$", theme_stylesheet, name="theme-css"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages: Chinese at /, the English mirror at /en/ (same paths). /search/ on every site's host is the search page
# (before Wagtail's catch-all, so a page with the slug "search" under a site root would be shadowed).
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    # --- Issue 12: 政府网站工作年度报表 of the site (a portal: of its whole group), evaluation/annual/ ---
    path("wzndbb/", include("evaluation.annual.urls")),
    # --- Issue 14: 信息报送采用情况排名 of a portal, syndication/public.py ---
    path("xxbs/", include("syndication.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
