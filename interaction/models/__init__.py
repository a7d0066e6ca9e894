from .attachments import QuestionAttachment
from .pages import InteractionIndexPage, MailboxPage
from .questions import MailboxSettings, Question, QuestionEvent, QuestionQuerySet
from .replies import ReplyTemplate

__all__ = [
    "InteractionIndexPage",
    "MailboxPage",
    "MailboxSettings",
    "Question",
    "QuestionAttachment",
    "QuestionEvent",
    "QuestionQuerySet",
    "ReplyTemplate",
]
