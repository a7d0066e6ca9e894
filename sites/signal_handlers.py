"""Keep the site-root-paths cache honest when profiles change (they feed links between sites)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from .models import SiteProfile


@receiver([post_save, post_delete], sender=SiteProfile)
def clear_site_paths_cache(sender, **kwargs):
    Site.clear_site_root_paths_cache()
