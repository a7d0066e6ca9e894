"""Who sees and handles which 依申请公开 application.

An application belongs to the organ that received it (``InformationApplication.site``): the members of that
SiteProfile's editor or reviewer group see it and handle it; superusers (platform administrators) see all. Nobody
else sees it at all — an application outside a user's sites answers 404, as if it did not exist (the applicant's
identity is personal data). A transfer to another organ creates a new application at that organ (services.transfer),
so the two organs' staff each see their own record.

Art. 33 lets the reply period be extended only "经政府信息公开工作机构负责人同意": the platform models the
office head as the site's reviewer group (审核组). The approver is named on the extension and must be a different
person from the handler who records it.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from sites.models import SiteProfile
from sites.policies import is_platform_admin, staff_site_ids

from ..models import InformationApplication


def is_application_staff(user) -> bool:
    """Whether the user handles applications anywhere (shows the menu)."""
    return is_platform_admin(user) or bool(staff_site_ids(user))


def applications_for(user, queryset=None):
    queryset = InformationApplication.objects.all() if queryset is None else queryset
    if is_platform_admin(user):
        return queryset
    return queryset.filter(site_id__in=list(staff_site_ids(user)))


def sites_for(user):
    if is_platform_admin(user):
        return SiteProfile.objects.all()
    return SiteProfile.objects.filter(pk__in=list(staff_site_ids(user)))


def can_handle(user, application) -> bool:
    return is_platform_admin(user) or application.site_id in staff_site_ids(user)


def approvers_for(application, exclude=None):
    """Who may approve an extension of the application (Art. 33): the receiving site's reviewer group and the
    platform administrators, the handler excepted."""
    users = get_user_model().objects.filter(is_active=True)
    reviewer_group = application.site.reviewer_group_id
    condition = Q(is_superuser=True)
    if reviewer_group:
        condition |= Q(groups=reviewer_group)
    users = users.filter(condition).distinct().order_by("username")
    return users.exclude(pk=exclude.pk) if exclude is not None else users


def may_approve_extension(user, application) -> bool:
    if not (user and user.is_active):
        return False
    if user.is_superuser:
        return True
    group = application.site.reviewer_group_id
    return bool(group) and user.groups.filter(pk=group).exists()
