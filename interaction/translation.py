from modeltranslation.translator import TranslationOptions, register

from .models import InteractionIndexPage, MailboxPage


@register(InteractionIndexPage)
class InteractionIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(MailboxPage)
class MailboxPageTR(TranslationOptions):
    fields = ("intro",)
