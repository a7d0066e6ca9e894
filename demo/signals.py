"""Hook for apps that want demo content of their own (government disclosure, Q&A, …).

``demo_site_seeded`` is sent once per site every time ``seed_demo`` runs, after the site's own content exists::

    demo_site_seeded.send(sender=DemoSeeder, profile=profile, rng=rng, created=created)

``rng`` is that site's private ``random.Random`` (derived from ``--seed`` and the slug), so a receiver that only
draws from it stays deterministic whatever other sites or apps do. ``created`` is False on re-runs: receivers
must be idempotent (e.g. skip when their section already has content). Receivers live in the other apps, so
``home`` never imports them; it lives in ``sites`` so that every content app can listen without importing ``home``.

``demo_sites_deleting`` is sent by ``seed_demo --delete`` for each batch of demo sites just before they are deleted::

    demo_sites_deleting.send(sender=SiteProfile, profiles=profiles)

so that apps remove their own rows that protect a site from deletion (e.g. citizen messages, whose site is PROTECT).
"""

from django.dispatch import Signal

demo_site_seeded = Signal()
demo_sites_deleting = Signal()
