from modeltranslation.translator import TranslationOptions, register

from .models import (
    ApplicationPage,
    DisclosureAttachment,
    DisclosureCategoryPage,
    DisclosureDocumentPage,
    DisclosureIndexPage,
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
