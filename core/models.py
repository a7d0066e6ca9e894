"""The tiny abstract base every public page type builds on. Domain behaviour lives in opt-in mixins."""

from django.template.loader import select_template
from wagtail.models import Page


class BasePage(Page):
    """Cross-cutting page behaviour only: template selection through overridable candidates.

    Apps that know about site kinds (``sites``) extend :meth:`get_template_candidates`; core itself
    imports no other project app.
    """

    class Meta:
        abstract = True

    def get_template_candidates(self, request) -> list[str]:
        return [self.template]

    def get_template(self, request, *args, **kwargs):
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.ajax_template or self.template
        return select_template(self.get_template_candidates(request)).template.name
