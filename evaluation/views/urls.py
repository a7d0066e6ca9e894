"""Workbench URLs under /admin/evaluation/. config/urls.py includes them before Wagtail's admin so that the gate of
views/access.py (a 403 for a signed-in user without access, not Wagtail's login redirect) answers them."""

from django.urls import path

from .access import workbench_view
from .workbench import check_detail, overview, site_detail

urlpatterns = [
    path("", workbench_view(overview), name="evaluation_overview"),
    path("sites/<slug:slug>/", workbench_view(site_detail), name="evaluation_site"),
    path("checks/<slug:name>/", workbench_view(check_detail), name="evaluation_check"),
]
