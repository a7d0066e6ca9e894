"""The base of the page factories: a new page takes its parent's locale without asking Wagtail to look it up.

Wagtail's ``Page.get_default_locale`` reloads the parent as its specific class (a join over the parent's own table,
one query per new page; ~8 % of a demo seed). The parent row at hand already carries ``locale_id``.
"""

import wagtail_factories


class SitePageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        if parent is not None and "locale" not in kwargs:
            kwargs.setdefault("locale_id", parent.locale_id)
        return super()._create_instance(model_class, parent, kwargs)
