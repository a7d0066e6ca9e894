"""The project's zh_Hans catalogue (locale/zh_Hans) is compiled and in force, the admin templates copied from Wagtail
differ from Wagtail's only in their English word, and the admin links to nothing outside the intranet."""

import difflib
import gettext
import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.utils import translation

from tests.conftest import site_client

LOCALE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
WAGTAIL_TEMPLATES = Path(wagtail.__file__).parent / "admin" / "templates"
PROJECT_TEMPLATES = Path(settings.BASE_DIR) / "templates"


def po_entries(path: Path) -> dict:
    """msgid (with its context, as gettext keys it) → msgstr of a .po file: enough of the format for ours."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields = {}
        for key, value in re.findall(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[0\])?) "(.*)"$', block, re.M):
            fields[key] = value.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if fields.get("msgid"):
            key = fields["msgid"] if "msgctxt" not in fields else f"{fields['msgctxt']}\x04{fields['msgid']}"
            entries[key] = fields.get("msgstr", fields.get("msgstr[0]"))
    return entries


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_the_po_file(domain):
    """The committed .mo is the compiled .po (run `manage.py compilemessages -l zh_Hans` after editing it)."""
    entries = po_entries(LOCALE / f"{domain}.po")
    with open(LOCALE / f"{domain}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert len(entries) > 10
    stale = {}
    for key, msgstr in entries.items():
        got = compiled._catalog.get(key, compiled._catalog.get((key, 0)))
        if got != msgstr:
            stale[key] = (msgstr, got)
    assert not stale


def test_project_catalogue_overrides_wagtail():
    with translation.override("zh-hans"):
        assert translation.gettext("Search all pages…") == "搜索全部页面…"
        assert translation.gettext("Toggle checks") == "显示/隐藏检查"
        plural = translation.ngettext("Referenced %(count)s time", "Referenced %(count)s times", 3)
        assert plural == "被引用 %(count)s 次"


@pytest.mark.parametrize(
    "name",
    ["wagtailadmin/home.html", "wagtailadmin/shared/header.html", "wagtailadmin/shared/headers/_actions.html"],
)
def test_copied_admin_templates_differ_only_in_their_english_word(name):
    """On a Wagtail upgrade this fails until the copy is taken again from the new version."""
    ours = (PROJECT_TEMPLATES / name).read_text(encoding="utf-8").splitlines()[1:]  # without the comment line
    theirs = (WAGTAIL_TEMPLATES / name).read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(theirs, ours, lineterm="", n=0) if line[:1] in "+-"]
    changed = [line for line in changed if not line.startswith(("+++", "---"))]
    assert len(changed) == 2, changed
    assert re.search(r'"(Search|Actions)"', changed[0]) and re.search(r'"(搜索|操作)"', changed[1])


@pytest.mark.django_db
def test_admin_has_no_external_help_or_avatar(group, editor):
    response = site_client(group.hetang, editor("hetang")).get("/admin/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "guide.wagtail.org" not in content
    assert "gravatar" not in content.lower()
    assert "编辑指南" not in content


@pytest.mark.django_db
def test_javascript_catalogue_has_the_project_translations(group, editor):
    """The editor's own scripts (the block picker, autosave notices) read the djangojs catalogue."""
    from django.urls import reverse

    response = site_client(group.hetang, editor("hetang")).get(reverse("wagtailadmin_javascript_catalog"))
    content = response.content.decode("unicode_escape")
    assert "插入区块" in content
    assert "修改已自动保存。" in content
