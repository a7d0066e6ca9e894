"""Issue 15 item 1 (badge part): the 党政机关网站标识 only with a certificate link, its artwork a setting; the
site's emblem/logo in the 头部标识区; a missing file never shows as a broken image."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage

from sites.models import SiteSettings
from tests.conftest import site_client

pytestmark = pytest.mark.django_db

CERTIFICATE = "https://bszs.conac.cn/sitename?method=show&id=0000000000000000"


def soup(profile):
    response = site_client(profile).get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_without_a_certificate_the_slot_stays_empty_and_appears_once_it_is_entered(group):
    slot = soup(group.hetang).select_one('[data-footer="conac"]')
    assert slot is not None and not slot.find_all(True)  # reserved, nothing in it: no broken image, no dead link

    settings = SiteSettings.for_site(group.hetang.site)
    settings.conac_url = CERTIFICATE
    settings.save()  # bumps the site's generation: the cached footer is rendered again

    link = soup(group.hetang).select_one('[data-footer="conac"] a')
    assert link["href"] == CERTIFICATE
    assert link.img["src"] == "/static/img/conac.svg" and link.img["alt"] == "党政机关网站标识"
    assert soup(group.zhuzhou).select_one('[data-footer="conac"] a') is None  # another site is unchanged


def test_the_badge_artwork_is_a_setting_and_a_missing_one_leaves_a_text_link(group, settings):
    site_settings = SiteSettings.for_site(group.hetang.site)
    site_settings.conac_url = CERTIFICATE
    site_settings.save()
    settings.CONAC_BADGE_IMAGE = "img/conac-official.png"
    assert soup(group.hetang).select_one('[data-footer="conac"] img')["src"] == "/static/img/conac-official.png"


def test_the_logo_is_shown_before_the_site_name_and_a_lost_logo_file_is_left_out(group):
    logo = wagtail_factories.ImageFactory(title="徽标", collection=group.hetang.collection)
    site_settings = SiteSettings.for_site(group.hetang.site)
    site_settings.logo = logo
    site_settings.save()
    page = soup(group.hetang)
    assert page.select_one('meta[property="og:image"]')["content"].startswith("http://hetang.localhost/media/images/")
    brand = page.select_one(".site-header .brand")
    assert brand.select_one('img[data-header="emblem"]')["src"].startswith("/media/images/")
    assert brand.get_text(strip=True) == "荷塘区人民政府"

    default_storage.delete(logo.file.name)
    logo.renditions.all().delete()
    site_settings.save()
    page = soup(group.hetang)
    assert page.select_one('img[data-header="emblem"]') is None
    assert "not-found" not in str(page)
    # The share card falls back to the platform's default image.
    assert page.select_one('meta[property="og:image"]')["content"].endswith("/static/img/apple-touch-icon.png")
