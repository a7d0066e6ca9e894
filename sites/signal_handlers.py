"""Keep caches honest when the group changes: Wagtail's site-root-paths cache (links between sites) and
the anonymous page cache (sites/page_cache.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import SiteProfile, SiteSettings
from .page_cache import bump_generation


@receiver([post_save, post_delete], sender=SiteProfile)
def clear_site_paths_cache(sender, **kwargs):
    Site.clear_site_root_paths_cache()
    bump_generation()


@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=SiteSettings)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def invalidate_page_cache(sender, **kwargs):
    bump_generation()


@receiver(post_delete)
def invalidate_on_page_delete(sender, instance, **kwargs):
    # post_delete fires per concrete model; Page subclasses all pass through their Page row.
    if isinstance(instance, Page):
        bump_generation()
