"""政民互动 on the home page (sites/home_sections.py): 写信 entrances, the newest public replies, this month's count."""

from django.utils import timezone

from sites.home_sections import register

LATEST_REPLIES = 5


def interaction_context(page, request):
    """None when the site has no 互动交流 section. Only published replies (their public copies, personal data masked)
    appear; the figure counts replies published this month, so it changes exactly when the list does (the section
    is refreshed with the site's publish counter, which publishing a reply moves — interaction/services.py)."""
    from sites.utils import get_profile_for_request

    from .models import InteractionIndexPage
    from .privacy import public_copies
    from .views.public import published_for

    index = InteractionIndexPage.objects.live().child_of(page).first()
    profile = get_profile_for_request(request) if request is not None else None
    if index is None or profile is None:
        return None
    published = published_for(profile)
    latest = list(published[:LATEST_REPLIES])
    copies = public_copies(latest)
    for question in latest:
        question.public = copies[question.pk]
    today = timezone.localdate()
    this_month = published.filter(answered_at__year=today.year, answered_at__month=today.month).count()
    return {
        "interaction_index": index,
        "mailboxes": list(index.mailboxes()),
        "replies": latest,
        "replied_this_month": this_month,
        "month": today,
    }


def register_sections() -> None:
    register("interaction", "interaction/includes/home_section.html", interaction_context)
