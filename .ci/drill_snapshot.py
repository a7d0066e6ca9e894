"""Print a JSON snapshot of the database in DATABASE_URL for the restore drill (.ci/restore-drill.sh): the row count
of every table, and the rendered HTML of a few public pages (portal home, a disclosure document, a published
reply). Run once against the original and once against the restored database; the drill compares the two."""

import hashlib
import json
import re
import sys
from pathlib import Path

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

# Per-response values that differ between two renders of the same data.
VOLATILE = [
    re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(rb'nonce="[^"]*"'),
]


def row_counts() -> dict[str, int]:
    tables = sorted(connection.introspection.table_names(include_views=False))
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def render(client: Client, host: str, path: str) -> dict:
    response = client.get(path, HTTP_HOST=host)
    body = response.content
    for pattern in VOLATILE:
        body = pattern.sub(b"", body)
    return {
        "host": host,
        "path": path,
        "status": response.status_code,
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }


def pages() -> dict[str, dict]:
    from openinfo.models import DisclosureDocumentPage
    from sites.models import SiteProfile

    client = Client()
    portal = SiteProfile.objects.select_related("site").get(slug="zhuzhou").site.hostname
    document = DisclosureDocumentPage.objects.live().order_by("pk").first()
    _, root, doc_path = document.get_url_parts()
    doc_host = root.split("://", 1)[1].split(":")[0]
    replies = client.get("/hdjl/", HTTP_HOST=portal)
    reply = re.search(rb'href="(/hdjl/\d+/)"', replies.content)
    if reply is None:
        sys.exit("drill: the portal's /hdjl/ lists no published reply to render")
    return {
        "portal home": render(client, portal, "/"),
        "disclosure document": render(client, doc_host, doc_path),
        "reply page": render(client, portal, reply.group(1).decode()),
    }


def summary(path: str) -> str:
    data = json.loads(Path(path).read_text())
    pages = ", ".join(f"{name} {page['status']} {page['bytes']} B" for name, page in data["pages"].items())
    return f"   compared {len(data['tables'])} tables ({sum(data['tables'].values())} rows); pages: {pages}"


if __name__ == "__main__":
    if sys.argv[1:2] == ["--summary"]:
        print(summary(sys.argv[2]))
        sys.exit(0)
    print(json.dumps({"tables": row_counts(), "pages": pages()}, ensure_ascii=False, indent=1, sort_keys=True))
