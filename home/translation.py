from modeltranslation.translator import TranslationOptions, register

from .models import (
    ArticleAttachment,
    ArticlePage,
    ColumnPage,
    HomePage,
    Leader,
    LeaderIndexPage,
    ServiceGuidePage,
    StandardPage,
)


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro",)


@register(ColumnPage)
class ColumnPageTR(TranslationOptions):
    fields = ("description", "keywords")


@register(ArticlePage)
class ArticlePageTR(TranslationOptions):
    fields = ("subtitle", "source", "author", "summary", "body")


@register(ArticleAttachment)
class ArticleAttachmentTR(TranslationOptions):
    fields = ("title",)


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("body",)


@register(ServiceGuidePage)
class ServiceGuidePageTR(TranslationOptions):
    # Text a visitor reads; phones, links, time limits and choices are the same in every language.
    fields = (
        "implementing_body",
        "conditions",
        "materials",
        "process",
        "fee_standard",
        "location",
        "hours",
        "legal_basis",
    )


@register(LeaderIndexPage)
class LeaderIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(Leader)
class LeaderTR(TranslationOptions):
    # The internal note stays one language: the public never sees it.
    fields = ("name", "post", "duties", "cv")
