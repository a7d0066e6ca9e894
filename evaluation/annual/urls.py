from django.urls import path

from .views import group_reports

urlpatterns = [path("", group_reports, name="evaluation_annual_reports_public")]
