"""Inspection checks. Import each check module here so that it registers itself (see base.py for the contract)."""

from . import registry  # noqa: F401, I001
from . import columns, dates, homepage, interaction, services  # noqa: F401  (content checks)
from . import words  # noqa: F401  (错敏词)
from . import availability, links  # noqa: F401  (死链, 可用性; links registers links and external_links)
