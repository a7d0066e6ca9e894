"""Who sees which submissions: the receiving site's staff its queue, the submitting site's staff their own
submissions; platform administrators everything. Anything else answers 404 (the admin's confinement rule,
docs/sites.md)."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from sites.policies import is_platform_admin, staff_site_ids

from .models import Submission


def _related(queryset):
    return queryset.select_related("source_site", "target_site", "column", "submitted_by", "handled_by")


def received(user):
    """Submissions to the user's sites' columns (the queue)."""
    if is_platform_admin(user):
        return _related(Submission.objects.all())
    return _related(Submission.objects.filter(target_site_id__in=list(staff_site_ids(user))))


def sent(user):
    """Submissions from the user's sites."""
    if is_platform_admin(user):
        return _related(Submission.objects.all())
    return _related(Submission.objects.filter(source_site_id__in=list(staff_site_ids(user))))


def visible(user):
    sites = list(staff_site_ids(user))
    if is_platform_admin(user):
        return _related(Submission.objects.all())
    return _related(Submission.objects.filter(Q(target_site_id__in=sites) | Q(source_site_id__in=sites)))


def queue_item(user, pk: int) -> Submission:
    """A submission in the user's queue: any other answers 404 — another site's, and the submitting site's own
    (its staff follow it in 我的报送 and never act on it)."""
    return get_object_or_404(received(user), pk=pk)


def may_syndicate(user, profile) -> bool:
    """Staff of the page's site submit and share its pages."""
    return profile is not None and (is_platform_admin(user) or profile.pk in staff_site_ids(user))


def is_receiving_staff(user) -> bool:
    return is_platform_admin(user) or bool(staff_site_ids(user))
