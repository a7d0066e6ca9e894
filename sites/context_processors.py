from .utils import get_profile_for_request


def site_group(request):
    """Expose the current site's profile to every template (header, footer, meta tags)."""
    return {"site_profile": get_profile_for_request(request)}
