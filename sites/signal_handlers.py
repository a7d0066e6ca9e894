"""Keep caches honest when the group changes: Wagtail's site-root-paths cache (links between sites) and
the anonymous page cache (sites/page_cache.py), per site where a change concerns one site."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import SiteProfile, SiteSettings
from .page_cache import bump_generation, bump_page, bump_site
from .route_cache import bump_restrictions


@receiver([post_save, post_delete], sender=SiteProfile)
def clear_site_paths_cache(sender, **kwargs):
    Site.clear_site_root_paths_cache()
    bump_generation()  # names and links of a site appear in its parent's and children's pages


@receiver([post_save, post_delete], sender=Site)
@receiver(post_page_move)
def invalidate_page_cache(sender, **kwargs):
    # A hostname or a page moving between sites: rare, and which sites show it is not worth working out.
    bump_generation()


@receiver(page_published)
@receiver(page_unpublished)
def invalidate_site_of_page(sender, instance, **kwargs):
    bump_page(instance)


@receiver([post_save, post_delete], sender=SiteSettings)
def invalidate_site_settings(sender, instance, **kwargs):
    profile = SiteProfile.objects.select_related("site", "parent__site").filter(site_id=instance.site_id).first()
    if profile is None:
        bump_generation()
    else:
        bump_site(profile)


@receiver(post_delete)
def invalidate_on_page_delete(sender, instance, **kwargs):
    # post_delete fires per concrete model; every page passes through its Page row (found by url_path, which the
    # deleted instance still has in memory).
    if type(instance) is Page:
        bump_page(instance)


@receiver([post_save, post_delete], sender=PageViewRestriction)
def invalidate_on_restriction_change(sender, instance, **kwargs):
    """A section made private (or public again) disappears from (or returns to) its site's lists and pages at
    once: the cached private paths, routes with their restrictions and pages of that site are dropped."""
    bump_restrictions()
    try:
        page = instance.page
    except Page.DoesNotExist:  # the restriction is deleted with its page, whose own deletion bumps the site
        return
    bump_page(page)
