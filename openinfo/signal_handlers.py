"""Demo content: fill each disclosing site's 政府信息公开 catalogue when ``seed_demo`` seeds the site."""

from django.dispatch import receiver

from sites.signals import demo_site_seeded


@receiver(demo_site_seeded)
def seed_disclosure_documents(sender, profile, rng, created, **kwargs):
    # Imported here so that loading the app does not read the demo data files or import the page factories.
    from .demo.builder import seed_site_documents

    seed_site_documents(profile, rng, created=created)
