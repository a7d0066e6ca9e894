"""The contract every inspection check follows.

A check is a small class in its own module under evaluation/checks/, registered with `@registry.register`. The runner
calls `run(site, today)` once per site profile and stores what it yields as findings of that run; a finding that was
open in the previous run and is not yielded again counts as resolved. Checks read published facts only and keep their
query count constant per site (no query per page).
"""

import datetime
from dataclasses import dataclass, field

from ..enums import Severity


@dataclass(frozen=True)
class FindingData:
    """One thing a check found on one site.

    `key` identifies the finding across runs (e.g. "page:123" or "column:45:stale"), so that "first seen" and
    "resolved at" can be tracked; `url` is the public address where one exists; `edit_url` the admin page to fix it.
    """

    code: str  # a short machine name within the check, e.g. "stale", "blank", "veto-count"
    severity: Severity
    key: str
    title: str
    detail: str = ""
    url: str = ""
    edit_url: str = ""
    page_id: int | None = None
    due: datetime.date | None = None  # the day a warning becomes a veto, when the rule has one
    extra: dict = field(default_factory=dict)
    # About an unpublished version of a page (a draft, or one in review): staff only, never in the public API.
    draft: bool = False


class Check:
    name: str = ""  # stable machine name, used in URLs, the API and `inspect_sites --check`
    label: str = ""  # zh-hans, e.g. "首页不更新"
    source: str = ""  # the rule it implements, e.g. "国办秘函〔2019〕19号 单项否决指标 1"
    #  False for checks that need the network or a crawl (links, availability): the default run may skip them.
    offline: bool = True

    def run(self, site, today: datetime.date):
        """Yield FindingData for one site (a sites.SiteProfile)."""
        raise NotImplementedError
