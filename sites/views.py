"""The per-site theme colour as a stylesheet, so that public pages need no inline <style> (Content-Security-Policy
style-src 'self', config/settings/base.py)."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

# The URL names the colour, so a file never changes: browsers and proxies may keep it for a year.
IMMUTABLE = "public, max-age=31536000, immutable"


@require_safe
def theme_stylesheet(request, colour: str):
    """/theme/<rrggbb>.css (the URL pattern admits six lower-case hex digits only): the site's --theme colour."""
    response = HttpResponse(f":root{{--theme:#{colour};}}\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = IMMUTABLE
    return response
