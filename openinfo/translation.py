from modeltranslation.translator import TranslationOptions, register

from .models import (
    ApplicationPage,
    DisclosureAttachment,
    DisclosureCategoryPage,
    DisclosureDocumentPage,
    DisclosureGuidePage,
    DisclosureIndexPage,
    DisclosureRulesPage,
)


@register(DisclosureIndexPage)
class DisclosureIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(DisclosureCategoryPage)
class DisclosureCategoryPageTR(TranslationOptions):
    fields = ("description",)


@register(DisclosureDocumentPage)
class DisclosureDocumentPageTR(TranslationOptions):
    fields = ("description", "body")


@register(DisclosureAttachment)
class DisclosureAttachmentTR(TranslationOptions):
    fields = ("title",)


@register(ApplicationPage)
class ApplicationPageTR(TranslationOptions):
    fields = ("intro",)


# Only the free text: a page converted from a StandardPage (convert_disclosure_pages) keeps its English body.
@register(DisclosureGuidePage)
class DisclosureGuidePageTR(TranslationOptions):
    fields = ("body",)


@register(DisclosureRulesPage)
class DisclosureRulesPageTR(TranslationOptions):
    fields = ("body",)
