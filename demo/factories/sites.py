"""Factories for sites of the group, shared by tests and the demo seed."""

import factory

from sites.enums import SiteKind
from sites.services import SiteSpec, provision_site
from sites.validators import make_credit_code


def credit_code_for(serial: int, region: str = "430200") -> str:
    """A valid 统一社会信用代码 for a government organ (登记管理部门 1, 机关 1) in ``region``."""
    return make_credit_code(f"11{region}{serial:09d}"[:17])


class SiteSpecFactory(factory.Factory):
    class Meta:
        model = SiteSpec

    kind = SiteKind.DEPARTMENT
    slug = factory.Sequence(lambda n: f"site{n}")
    name = factory.Sequence(lambda n: f"测试机构{n}")
    hostname = factory.LazyAttribute(lambda o: f"{o.slug}.localhost")
    parent = None
    org_code = factory.Sequence(lambda n: credit_code_for(900000 + n))
    site_code = factory.Sequence(lambda n: f"430200{n % 10000:04d}")


def create_site(**kwargs):
    """Provision a full site (profile, home, blueprint columns, groups, collection) and return its profile."""
    return provision_site(SiteSpecFactory(**kwargs)).profile
