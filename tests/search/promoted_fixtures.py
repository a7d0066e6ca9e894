"""Promoted results across the base group, shared by the promoted, page and API tests."""

import datetime

import pytest
from django.utils import timezone

from search.models import PromotedResult


@pytest.fixture(name="pins")
def pins_fixture(corpus, group):
    """Pins of 株洲 (a page, a link, a disabled and an expired one), of 荷塘区, and one for every site."""
    social, fund = corpus["social"], corpus["fund"]
    return {
        "zhuzhou": PromotedResult.objects.create(site=group.zhuzhou, terms="社保，社保卡", page=social),
        "link": PromotedResult.objects.create(
            site=group.zhuzhou,
            terms="社保",
            url="https://zwfw.example.gov.cn/sbk",
            title="社保卡申领服务",
            description="在线申领社保卡",
            sort_order=5,
        ),
        "hetang": PromotedResult.objects.create(site=group.hetang, terms="社保", page=fund),
        "everywhere": PromotedResult.objects.create(
            site=None, terms="12345", url="https://12345.example.gov.cn/", title="12345政务服务便民热线"
        ),
        "off": PromotedResult.objects.create(
            site=group.zhuzhou, terms="社保", url="https://off.example.gov.cn/", title="停用的推荐", enabled=False
        ),
        "expired": PromotedResult.objects.create(
            site=group.zhuzhou,
            terms="社保",
            url="https://old.example.gov.cn/",
            title="过期的推荐",
            expires_on=timezone.localdate() - datetime.timedelta(days=1),
        ),
    }
