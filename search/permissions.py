"""Who manages which promoted results (置顶推荐): a site's staff their own site's pins (and may read the pins for
every site); platform administrators all of them, including the pins for every site (``site`` empty) — the
shared rule of sites.policies. A pin outside a user's sites answers 404 in the admin.
"""

from sites.policies import SiteOwnedPolicy, is_platform_admin

from .models import PromotedResult

__all__ = ["is_platform_admin", "promoted_policy"]

promoted_policy = SiteOwnedPolicy(PromotedResult)
