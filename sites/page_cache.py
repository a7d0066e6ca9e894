"""Whole-page cache for anonymous visitors of every site in the group.

Rendering a portal page costs ~20 ms of Python; a cached copy costs two cache reads. Correctness comes from
one group-wide *generation* number that is part of every key: publishing, unpublishing, moving or deleting a
page, or changing a site, its profile or settings bumps it, so no visitor sees a stale page. Per-site
generations would keep more hits, but a publish also changes parent-portal lists and cross-site panels.

Only the plain anonymous case is cached: GET/HEAD, no session or CSRF cookie (editors, password-protected
pages and forms bypass it), no query string except ``page`` (pagination), 200 HTML responses that set no
cookie. Production must use a shared cache (Redis) so one worker's bump reaches the others.
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "site-page-cache:generation"
CACHED_QUERY_PARAMS = {"page"}
SKIPPED_PREFIXES = ("/admin/", "/api/", "/captcha/", "/documents/", "/django-admin/", "/static/", "/media/")
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary")


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates old keys
        cache.set(GENERATION_KEY, 1, None)


def _cache_key(request) -> str | None:
    if request.method not in ("GET", "HEAD") or request.path.startswith(SKIPPED_PREFIXES):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or settings.CSRF_COOKIE_NAME in request.COOKIES:
        return None
    params = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    if any(name not in CACHED_QUERY_PARAMS for name, _ in params):
        return None
    generation = cache.get_or_set(GENERATION_KEY, 1, None)
    query = "&".join(f"{k}={v}" for k, v in sorted(params))
    return f"site-page-cache:{generation}:{request.get_host()}:{request.path}?{query}"


class SitePageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        key = _cache_key(request) if seconds > 0 else None
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable(response):
            headers = [(name, response[name]) for name in STORED_HEADERS if name in response]
            cache.set(key, (response.status_code, headers, response.content), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
        )
