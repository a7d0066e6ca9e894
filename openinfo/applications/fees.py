"""信息处理费 (政府信息公开条例 Art. 42; 《政府信息公开信息处理费管理办法》国办函〔2020〕109号, verified in
gov-standards.md §1.3). Charged per item or per page, never both on one application; both are progressive.

- Per item (按件计收), counting one applicant's applications to the whole group in one calendar month: items 1–10
  free, 11–30 ¥100 each, from item 31 one ¥100 step every 10 items (31–40 ¥200 each, 41–50 ¥300 each, …).
- Per page (按量计收, paper, email or copied data): pages 1–30 free, 31–100 ¥10 each, 101–200 ¥20 each, 201 and more
  ¥40 each.
Amounts are whole yuan.
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
