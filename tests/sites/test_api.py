import pytest

from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def test_site_directory(group):
    client = site_client(group.zhuzhou)
    data = client.get("/api/v1/sites/", {"parent": "zhuzhou"}).json()
    slugs = {item["slug"] for item in data}
    assert {"hetang", "zhuzhou-fgw", "zhuzhou-xiangjiang"} <= slugs and "changde" not in slugs
    hetang = next(item for item in data if item["slug"] == "hetang")
    assert hetang == {
        "slug": "hetang",
        "name": "荷塘区人民政府",
        "kind": "district",
        "kind_label": "区县门户",
        "parent": "zhuzhou",
        "url": "http://hetang.localhost/",
        "site_code": "4302020001",
    }
    assert {item["slug"] for item in client.get("/api/v1/sites/", {"kind": "city"}).json()} == {"zhuzhou", "changde"}


def test_bad_parameters_are_400_or_404_not_500(group):
    client = site_client(group.zhuzhou)
    assert client.get("/api/v1/sites/", {"kind": "planet"}).status_code in (400, 422)
    assert client.get("/api/v1/sites/no-such-site").status_code == 404


def test_openapi_schema_lists_site_endpoints(group):
    schema = site_client(group.zhuzhou).get("/api/v1/openapi.json").json()
    assert "/api/v1/sites/" in schema["paths"] and "/api/v1/sites/{slug}" in schema["paths"]
    assert site_client(group.zhuzhou).get("/api/v1/docs").status_code == 200
