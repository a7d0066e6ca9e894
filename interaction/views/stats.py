"""The public reply-statistics page (work in progress)."""


def stats_context(request, index_page):
    return {}
