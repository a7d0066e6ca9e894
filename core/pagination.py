"""Pagination for public lists. A page number beyond the last page shows the last page; one that is not a page
number at all (``?page=abc``, ``-1``, 10^20) shows the first page with a Chinese notice and answers 400
(core.params.report)."""

from django.core.paginator import Paginator

from .params import PAGE, report


def paginate(request, queryset, per_page: int, count: int | None = None):
    """``count``: the number of rows when the caller knows it already (kept in a cache), saving the COUNT query."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    errors: dict[str, str] = {}
    number = PAGE.from_query(request.GET, errors)
    report(request, errors)
    page = paginator.page(min(number, paginator.num_pages))
    page.refused = errors.get(PAGE.name, "")
    return page
