"""信息处理费 (政府信息公开条例 Art. 42; 《政府信息公开信息处理费管理办法》国办函〔2020〕109号, verified in
gov-standards.md §1.3). Charged per item or per page, never both on one application; both are progressive.

- Per item (按件计收), counting one applicant's applications to the whole group in one calendar month: items 1–10
  free, 11–30 ¥100 each, from item 31 one ¥100 step every 10 items (31–40 ¥200 each, 41–50 ¥300 each, …).
- Per page (按量计收, paper, email or copied data): pages 1–30 free, 31–100 ¥10 each, 101–200 ¥20 each, 201 and more
  ¥40 each.
Amounts are whole yuan. The tiers are pure arithmetic; the last two functions read the applicant's earlier
applications of the month from the database.
"""

FREE_ITEMS = 10
PAGE_TIERS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (last page of the tier, yuan per page)


def price_of_item(number: int) -> int:
    """The fee of the ``number``-th item (1-based) of an applicant in a calendar month."""
    if number < 1:
        raise ValueError("item numbers start at 1")
    if number <= FREE_ITEMS:
        return 0
    if number <= 30:
        return 100
    return 100 * (2 + (number - 31) // 10)


def item_fee(earlier_items_this_month: int, items: int) -> int:
    """Per-item fee of an application of ``items`` items by an applicant who has already applied for
    ``earlier_items_this_month`` items this calendar month (to any organ of the group)."""
    if earlier_items_this_month < 0 or items < 0:
        raise ValueError("counts must not be negative")
    first = earlier_items_this_month + 1
    return sum(price_of_item(n) for n in range(first, first + items))


def page_fee(pages: int) -> int:
    """Per-page fee of ``pages`` pages, each page charged at its tier's rate."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    total, previous_limit = 0, 0
    for limit, rate in PAGE_TIERS:
        upper = pages if limit is None else min(pages, limit)
        if upper > previous_limit:
            total += (upper - previous_limit) * rate
        if limit is None or pages <= limit:
            break
        previous_limit = limit
    return total


# --- with the database: the applicant's count this month ------------------------------------------------------


def earlier_items_this_month(application) -> int:
    """The applicant's items already applied for this calendar month at any organ of the group (国办函〔2020〕
    109号: counted per applicant, by identity number), in order of receipt. The original of a transfer is not
    counted: the request lives on at the receiving organ."""
    from django.db.models import Q, Sum

    from ..models import InformationApplication
    from .enums import Status

    first = application.received_on.replace(day=1)
    same_month = InformationApplication.objects.filter(
        id_number__iexact=application.id_number.strip(),
        received_on__gte=first,
        received_on__lte=application.received_on,
    ).exclude(status=Status.TRANSFERRED)
    earlier = same_month.filter(Q(received_on__lt=application.received_on) | Q(pk__lt=application.pk)).exclude(
        pk=application.pk
    )
    return earlier.aggregate(total=Sum("items"))["total"] or 0


def fee_amount(application, method: str, quantity: int) -> int:
    """Per item, ``quantity`` is the application's own items (numbered after the applicant's earlier ones)."""
    if method == "per_item":
        return item_fee(earlier_items_this_month(application), quantity)
    return page_fee(quantity)
