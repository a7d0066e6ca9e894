"""The page editor without "[zh-hans]" noise: Chinese fields in the usual tabs, English fields in one "英文" tab.

wagtail-modeltranslation replaces every panel of a translated field with one panel per language, side by side
(标题, 标题（英文）, 摘要, 摘要（英文）…). A Chinese editor fills in the Chinese fields; the English mirror under
/en/ is filled in by whoever maintains it. ``english_tab`` moves every ``<field>_en`` panel of a page type out of
the content, promote and settings tabs into a tab of its own, in the order the fields appear, so the main tabs
read like an untranslated Chinese form. The labels come from MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME
(config/settings/base.py): the default language keeps the field's own label, English adds "（英文）".

Panels of inline children (an attachment's title) stay where they are: an inline row is one object, and splitting
it across tabs would separate an English title from its file.
"""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface

ENGLISH_TAB_HEADING = "英文"


def _english_field_names(model) -> set[str]:
    from modeltranslation.translator import translator
    from modeltranslation.utils import build_localized_fieldname

    fields = translator.get_options_for_model(model).all_fields
    return {build_localized_fieldname(name, "en") for name in fields}


def _split(panels, english: set[str], moved: list) -> list:
    """``panels`` without the English field panels (appended to ``moved``), recursing into field groups."""
    kept = []
    for panel in panels:
        if isinstance(panel, FieldPanel) and panel.field_name in english:
            moved.append(FieldPanel(panel.field_name, classname=getattr(panel, "classname", "")))
        elif type(panel) is MultiFieldPanel:
            children = _split(panel.children, english, moved)
            if children:
                group = MultiFieldPanel(children, heading=panel.heading, classname=panel.classname)
                kept.append(group)
        else:
            kept.append(panel)
    return kept


def _page_tabs(model) -> list:
    """The unbound tabs of a page type, as Wagtail would build them (page_utils._get_page_edit_handler)."""
    from django.utils.translation import gettext_lazy

    if "edit_handler" in model.__dict__:  # its own, not one inherited from a page type it extends
        return list(model.edit_handler.children)
    tabs = []
    default_tabs = (("content_panels", "Content"), ("promote_panels", "Promote"), ("settings_panels", "Settings"))
    for attribute, heading in default_tabs:
        panels = getattr(model, attribute, None)
        if panels:
            tabs.append(ObjectList(panels, heading=gettext_lazy(heading)))
    return tabs


def english_tab(model) -> None:
    """Give the page type ``model`` an edit handler with its English fields in a tab of their own."""
    english = _english_field_names(model)
    if not english:
        return
    moved: list = []
    tabs = []
    for tab in _page_tabs(model):
        children = _split(tab.children, english, moved)
        tabs.append(ObjectList(children, heading=tab.heading, classname=getattr(tab, "classname", "")))
    if not moved:
        return
    tabs.append(ObjectList(moved, heading=ENGLISH_TAB_HEADING))
    model.edit_handler = TabbedInterface(tabs, base_form_class=model.base_form_class)
    model.get_edit_handler.cache_clear()


def english_tabs() -> None:
    """``english_tab`` for every concrete translated page type (called once, from CoreConfig.ready, after
    wagtail-modeltranslation patched the panels in its own ready())."""
    from modeltranslation.translator import translator
    from wagtail.models import Page

    for model in translator.get_registered_models():
        if issubclass(model, Page) and model is not Page and not model._meta.abstract:
            english_tab(model)
