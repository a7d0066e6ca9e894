"""The deterministic demo website group built by ``manage.py seed_demo``.

Data lives in ``data/*.toml`` (sites, article texts, 办事指南, page texts, village word lists — all taken from the
two seed documents in ``demo/seeds/``); the modules here only turn that data into sites and pages:

- ``data``       loads and validates the TOML files into small dataclasses
- ``codes``      derives the identifiers every site carries (信用代码, 网站标识码, 备案号)
- ``texts``      fills placeholders and turns paragraphs into StreamField values
- ``provision``  creates one site through :mod:`sites.services` and fills its settings
- ``content``    articles, 办事指南 (``data/guides.toml``), standard pages and the home page intro of one site
- ``users``      the ``admin`` superuser and one ``editor-<slug>`` per site
- ``villages``   ``--scale``: many small village/community sites, batched for speed
- ``indexing``   deferred search indexing used by the village batches
- ``cleanup``    ``--delete``
- ``seeder``     runs the whole thing; the management command is a thin wrapper
- ``demo.signals.demo_site_seeded`` lets later apps add their own demo content
"""
