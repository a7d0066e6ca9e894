"""Hook for apps that want demo content of their own (government disclosure, Q&A, …).

``demo_site_seeded`` is sent once per site every time ``seed_demo`` runs, after the site's own content exists::

    demo_site_seeded.send(sender=DemoSeeder, profile=profile, rng=rng, created=created)

``rng`` is that site's private ``random.Random`` (derived from ``--seed`` and the slug), so a receiver that only
draws from it stays deterministic whatever other sites or apps do. ``created`` is False on re-runs: receivers
must be idempotent (e.g. skip when their section already has content). Receivers live in the other apps, so
``home`` never imports them; it lives in ``sites`` so that every content app can listen without importing ``home``.
"""

from django.dispatch import Signal

demo_site_seeded = Signal()
