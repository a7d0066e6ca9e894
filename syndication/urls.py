"""Admin URLs (under /admin/syndication/, namespace ``syndication``) and the public ranking page (/xxbs/)."""

from django.urls import path

from . import public, views

admin_urlpatterns = [
    path("submit/<int:page_id>/", views.submit, name="submit"),
    path("share/<int:page_id>/", views.share, name="share"),
    path("queue/", views.queue, name="queue"),
    path("queue/<int:pk>/", views.detail, name="detail"),
    path("sent/", views.sent_list, name="sent"),
    path("report/", views.report, name="report"),
]

urlpatterns = [path("", public.ranking, name="syndication_ranking")]
