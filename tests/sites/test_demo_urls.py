import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_demo_urls_lists_every_site_portals_first_and_the_logins(group):
    out = io.StringIO()
    call_command("demo_urls", stdout=out)
    text = out.getvalue()
    for profile in group.all.values():
        assert f"http://{profile.site.hostname}/" in text
    assert text.index("株洲市人民政府") < text.index("荷塘区人民政府") < text.index("荷塘区月塘街道大坪社区")
    assert "默认站点" in text and "admin / govsites-demo" in text and "editor-hetang" in text
    with_port = io.StringIO()
    call_command("demo_urls", "--port", "8000", stdout=with_port)
    assert "http://hetang.localhost:8000/" in with_port.getvalue()
