from core.csp import ADMIN_PREFIX

from .utils import get_profile_for_request


def site_group(request):
    """Expose the current site's profile to every public template (header, footer, meta tags). The admin's templates
    show none: its pages skip the lookup (two queries on every admin request). Page previews are requests for the
    page's own path, so they get the profile like the public page."""
    if request.path_info.startswith(ADMIN_PREFIX):
        return {}
    return {"site_profile": get_profile_for_request(request)}
