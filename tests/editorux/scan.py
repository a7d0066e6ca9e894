"""Finding English UI words in an admin page that a zh-hans editor is shown.

The visible text of a response (text nodes outside <script>/<style>/<template>, plus the attributes a person
reads: placeholder, title, aria-label, alt, value of buttons) is searched for runs of ASCII words. Tokens that are
legitimately Latin in a Chinese admin (URLs, file extensions, ICP, slugs, the values of the English tab's fields)
are allowed; anything else is reported with the URL it came from.
"""

import re
import zoneinfo

from lxml import html

HIDDEN_TAGS = {"script", "style", "template", "noscript", "svg", "iframe"}
READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")

# A word of two or more Latin letters (one letter is a unit, a list marker or a keyboard key).
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")

# Tokens a Chinese admin legitimately shows in Latin script.
ALLOWED_WORDS = {
    # brands, standards, formats
    "wagtail",
    "icp",
    "url",
    "urls",
    "id",
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "wps",
    "ofd",
    "txt",
    "zip",
    "rar",
    "csv",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "svg",
    "avif",
    "heic",
    "ico",
    "bmp",
    "tif",
    "tiff",
    "json",
    "api",
    "rss",
    "html",
    "seo",
    "email",
    "http",
    "https",
    "www",
    "localhost",
    "ok",
    "qr",
    "js",
    "px",
    "kb",
    "mb",
    "gb",
    "utc",
    "cst",
    "am",
    "pm",
    "en",
    "zh",
    "hans",
    "english",
    # keyboard keys and shortcuts shown as hints
    "ctrl",
    "cmd",
    "shift",
    "alt",
    "enter",
    "esc",
    "tab",
}
# Whole strings that are data, not UI: hostnames, e-mail addresses, URLs and paths, slugs, numbers with units.
DATA = [
    re.compile(r"https?://\S+"),
    re.compile(r"\S+@\S+"),
    re.compile(r"(?:[\w-]+\.)+(?:localhost|gov\.cn|cn|com|org|net|testserver)\b\S*"),
    re.compile(r"/[\w\-./%?=&#]*"),
    re.compile(r"\b[\w-]+\.(?:pdf|docx?|xlsx?|pptx?|wps|ofd|txt|zip|rar|csv|jpe?g|png|gif|webp|svg)\b", re.I),
    re.compile(r"\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b"),  # slugs, usernames (editor-hetang), t20261025_012
]


def visible_texts(content: bytes | str) -> list[str]:
    """Each visible text node and read attribute value, whitespace-collapsed."""
    tree = html.fromstring(content)
    texts = []
    for element in tree.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        chain = [element, *element.iterancestors()]
        if any(e.tag in HIDDEN_TAGS or e.get("hidden") is not None for e in chain):
            continue
        if element.text:
            texts.append(element.text)
        # A child's tail is this element's own text (also after a <script> or a comment).
        texts.extend(child.tail for child in element if child.tail)
        for attribute in READ_ATTRIBUTES:
            if element.get(attribute):
                texts.append(element.get(attribute))
        if element.tag in ("input", "button") and element.get("type") in ("submit", "button"):
            texts.append(element.get("value") or "")
    return [" ".join(t.split()) for t in texts if t and t.strip()]


# The account page's time zone list: IANA names are identifiers, shown as such by every admin.
TIME_ZONES = zoneinfo.available_timezones() | {"localtime"}
# django-modeltranslation's language suffix on a field label ("标题 [zh-hans]"): noise for a Chinese editor.
LANGUAGE_TAG = re.compile(r"\[(?:zh-hans|en)\]")


def english_words(text: str, allowed: set[str] = frozenset()) -> list[str]:
    if LANGUAGE_TAG.search(text):
        return LANGUAGE_TAG.findall(text)
    if text in TIME_ZONES:
        return []
    for pattern in DATA:
        text = pattern.sub(" ", text)
    found = []
    for word in WORD.findall(text):
        lowered = word.lower()
        if lowered in ALLOWED_WORDS or word in allowed or lowered in allowed:
            continue
        found.append(word)
    return found


def untranslated(content: bytes | str, allowed: set[str] = frozenset()) -> list[str]:
    """The visible texts of ``content`` that still contain English UI words."""
    return [text for text in visible_texts(content) if english_words(text, allowed)]
