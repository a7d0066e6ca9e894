"""The demo website group (株洲 and 常德) and the factories tests and benchmarks build content with.

Development-only: ``config.settings.dev``, ``.test`` and ``.bench`` install it, ``config.settings.production``
never does (issue 11). It may import every project app; no project app imports it
(tests/test_demo_isolation.py).

- ``home/``, ``openinfo/``, ``interaction/`` — each content app's demo data and builders
- ``evaluation/`` — the demo's 错敏词 leaders and the planted defects the inspection workbench must find
  (``defects.py``, issue 12 item 8: everything else of the demo is healthy on the day it is seeded)
- ``factories/`` — factory-boy factories of sites, pages, documents and messages (a dev dependency)
- ``signals.py`` / ``signal_handlers.py`` — ``demo_site_seeded`` and the receivers that add disclosure documents,
  messages and their search entries to each seeded site
- ``management/commands/`` — ``seed_demo`` and ``demo_urls``
- ``seeds/`` — the two source documents the demo texts were written from (seed-document tests, bench/)
"""
