"""``{% load search_hot %}{% hot_search_terms site_profile limit=8 as hot_terms %}``: 热门搜索 for any template
(each term has ``.query``, ``.count`` — distinct clients —, ``.pinned`` and ``.url``, the search page for it): the
group's pinned terms first, never a term it hides. See search/hot.py."""

from django import template

from ..hot import HOT_DAYS, hot_terms

register = template.Library()


@register.simple_tag
def hot_search_terms(site_profile=None, limit=10, days=HOT_DAYS):
    return hot_terms(site_profile, days=days, limit=limit)
