"""URLs of the benchmark settings only (config/settings/bench.py): the project's URLs plus a bare view that
passes through the whole middleware stack, the fair baseline for pages served from the page cache
(bench/serve_bench.py). ``/healthz`` is answered before most of the stack, so it is not that baseline."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as project_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def bare(request):
    # text/plain: never stored by the page cache, which keeps HTML only.
    return HttpResponse(b"ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/bare", bare, name="bench-bare"), *project_urlpatterns]
