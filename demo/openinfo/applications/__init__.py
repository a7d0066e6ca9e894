"""Demo 政府信息公开申请 for ``seed_demo`` (issue 13 item 8): each disclosing site's applications, on the projects of
the two seed documents, taking every path of the handling (补正, consultation, extension, fee, transfer, 复议/诉讼).

- ``../data/applications.toml`` — subjects and applicant organisations, as data.
- ``data.py`` — loads and checks them, and writes the reply texts (no database).
- ``people.py`` — applicants with valid-looking identity numbers (python-stdnum computes the check characters).
- ``planning.py`` — decides each site's applications, their path and dates on the working-day calendar.
- ``builder.py`` — writes them, with their events, fees and remedies, in bulk.

The receiver in ``demo.signal_handlers`` calls :func:`demo.openinfo.applications.builder.seed_site_applications`.
"""
