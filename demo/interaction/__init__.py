"""Demo messages for ``seed_demo``: each site's mailbox, on the projects of the two seed documents.

- ``data/`` — the messages as data: portal questions (光纤入户, 4G 基站, 公共自行车, 出租车电召, 社保查询, 智能停车,
  12345 热线, 政务服务 …), department questions by unit, rejected ones, and the places citizens name.
- ``data.py`` — loads and checks the data files (no database).
- ``planning.py`` — decides, from the site's rng, which messages a site gets, their outcome (received, transferred,
  answered, reviewed, published, closed, rejected, overdue), dates on the working-day calendar and history.
- ``builder.py`` — writes the planned messages and events in bulk.

The receiver in ``interaction.signal_handlers`` calls :func:`demo.interaction.builder.seed_site_questions`.
"""
