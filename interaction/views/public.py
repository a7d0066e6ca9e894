"""Public pages of the 互动交流 section (work in progress: filled in by the submission/listing work)."""

from django.http import Http404


def replies_context(request, index_page):
    return {}


def reply_context(request, index_page, pk):
    raise Http404


def query_view(request, index_page):
    raise Http404


def mailbox_view(request, mailbox_page):
    raise Http404
