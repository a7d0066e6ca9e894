"""Page editors: the Chinese fields under their plain labels in the usual tabs, the English ones in the 英文 tab."""

import pytest
from wagtail.admin.panels import FieldPanel

from home.models import ArticlePage, ColumnPage, HomePage
from openinfo.models import DisclosureDocumentPage
from tests.conftest import site_client


def field_names(panel) -> list[str]:
    if isinstance(panel, FieldPanel):
        return [panel.field_name]
    return [name for child in getattr(panel, "children", []) for name in field_names(child)]


@pytest.mark.parametrize("model", [ArticlePage, HomePage, DisclosureDocumentPage])
def test_english_fields_have_a_tab_of_their_own(model):
    tabs = model.get_edit_handler().children
    assert tabs[-1].heading == "英文"
    english = field_names(tabs[-1])
    assert "title_en" in english and all(name.endswith("_en") for name in english)
    for tab in tabs[:-1]:
        assert not [name for name in field_names(tab) if name.endswith("_en")], tab.heading
    assert "title_zh_hans" in field_names(tabs[0])


def test_article_editor_labels_are_plain_chinese(db, group, editor):
    column = ColumnPage.objects.descendant_of(group.hetang.site.root_page).first()
    response = site_client(group.hetang, editor("hetang")).get(f"/admin/pages/add/home/articlepage/{column.pk}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "[zh-hans]" not in content and "[en]" not in content
    assert ArticlePage._meta.get_field("summary_zh_hans").verbose_name == "摘要"
    assert ArticlePage._meta.get_field("summary_en").verbose_name == "摘要（英文）"
    assert "摘要（英文）" in content
