"""wagtail-modeltranslation's "copy this StreamField from the other language" helper, hardened.

Its own view (``pages/<page_id>/edit/copy_translation_content/``) is CSRF-exempt, checks no page permission and
answers 500 to a missing page, a GET, a field that does not exist or a body that is not JSON. This one answers at
the same path first (sites/admin_urls.py) and lets only a well-formed POST from someone who may edit the page through
to it (the admin gate has already answered 404 for another site's page). The editor's script sends the CSRF token.
"""

import json

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_protect
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_modeltranslation.wagtail_hooks import return_translation_target_field_rendered_html as copy_view

FIELDS = ("origin_field_name", "target_field_name")


def _stream_field(page, name: str) -> bool:
    try:
        return isinstance(page._meta.get_field(name), StreamField)
    except FieldDoesNotExist:
        return False


def _serialized(raw: str) -> bool:
    try:
        items = json.loads(raw)
    except (TypeError, ValueError, RecursionError):
        return False
    return isinstance(items, list) and all(isinstance(item, dict) and set(item) <= {"name", "value"} for item in items)


@csrf_protect
def copy_translation_content(request, page_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    names = [request.POST.get(name, "") for name in FIELDS]
    if request.headers.get("X-Requested-With") != "XMLHttpRequest" or not all(_stream_field(page, n) for n in names):
        return HttpResponseBadRequest("请求有误")
    if not _serialized(request.POST.get("serializedOriginField", "")):
        return HttpResponseBadRequest("请求有误")
    return copy_view(request, page_id)  # CSRF was checked for this view, which is the one the URL resolved to
