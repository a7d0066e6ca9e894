"""The public forms' captcha (django-simple-captcha, generated here, no external service), made usable by everyone.

Issue 15 / 适老化通用设计规范: the picture is large and legible (big digits, little rotation, no dots), it can be
replaced (换一张, the package's refresh view), and a visitor who cannot see it asks for a **文字题** instead: the same
kind of sum written out in Chinese words (“七加五等于几？”), which a screen reader reads and the visitor answers in the
same input. Both kinds live in the package's ``CaptchaStore``, so ``CaptchaField`` checks either without knowing.

The text question is easier for a program written against this site than the picture; it is a second line only —
the captcha is asked of suspicious clients at all (honeypot, per-client and per-phone limits come first, and keep
refusing with 429 whatever the captcha answer), and the question endpoint is rate-limited like a submission.
"""

import random

from captcha.models import CaptchaStore
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .clients import client_key
from .ratelimit import hit

DIGITS = "零一二三四五六七八九十"
# Phrasings vary so that the question is not one fixed string to match; every one reads naturally aloud.
TEMPLATES = ("{a}加{b}等于几？", "{a}加上{b}是多少？", "{a}减{b}等于几？", "{a}减去{b}是多少？")
TEXT_QUESTIONS_PER_CLIENT_HOUR = 30


def chinese_number(value: int) -> str:
    """0–20 in Chinese words: 七, 十, 十三, 二十."""
    if value <= 10:
        return DIGITS[value]
    tens, units = divmod(value, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[units] if units else "")


def text_challenge() -> tuple[str, str]:
    """A sum or difference of two numbers up to ten, in words, and its answer in Arabic digits."""
    template = random.choice(TEMPLATES)
    a, b = random.randint(1, 10), random.randint(1, 10)
    if "减" in template and a < b:
        a, b = b, a
    answer = a - b if "减" in template else a + b
    question = template.format(a=chinese_number(a), b=chinese_number(b))
    return f"{question}请用阿拉伯数字作答。", str(answer)


@never_cache
@require_safe
def text_question(request):
    """GET /captcha/text/: ``{"key", "question"}`` — a new captcha whose challenge is a question in words."""
    if hit(f"captcha-text:{client_key(request)}", 3600) > TEXT_QUESTIONS_PER_CLIENT_HOUR:
        return JsonResponse({"error": "请求过于频繁，请稍后再试。"}, status=429)
    question, answer = text_challenge()
    store = CaptchaStore.objects.create(challenge=question, response=answer)
    return JsonResponse({"key": store.hashkey, "question": question})
