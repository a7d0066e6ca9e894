"""Demo disclosure documents for ``seed_demo``: each disclosing site's catalogue, drawn from the seed documents.

- ``data/`` — the documents as data: the two real seed documents, hand-written documents of the two city groups
  (by site slug), templates by site kind, and the plan (quotas, date windows, lateness, optional gaps, 文号代字).
- ``data.py`` — loads and checks the data files (no database).
- ``planning.py`` — decides, from the site's rng, which documents a site gets and their dates and metadata.
- ``builder.py`` — creates the planned documents, live, in the site's disclosure columns.

The receiver in ``openinfo.signal_handlers`` calls :func:`demo.openinfo.builder.seed_site_documents`.
"""
