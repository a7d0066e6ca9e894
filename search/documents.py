"""What is searchable, and how one item becomes a search document.

Indexed: live, public ArticlePage, StandardPage, ServiceGuidePage (办事指南) and DisclosureDocumentPage of any
site with a profile, and interaction Questions whose reply is published. Text is taken in Chinese (the default
language) whatever language is active. A question contributes the public copy of its title, the citizen's
message and the reply (personal data masked: interaction/privacy.py): never the name, phone, e-mail, ID number,
address or IP of the person who wrote it.
"""

from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from core import generations
from core.plaintext import clean_text, stream_text
from sites.models import SiteProfile
from sites.shown_dates import is_due

from .enums import DocType
from .segment import index_tokens, pinyin_tokens, tokenizer, words

PAGE_MODELS = (
    "home.articlepage",
    "home.standardpage",
    "home.serviceguidepage",
    "home.leaderindexpage",  # 领导信息: found by a leader's name, post or portfolio
    "openinfo.disclosuredocumentpage",
    # 政府信息公开指南 and 制度 (openinfo/models/guides.py): pages like StandardPage, with their own fields' text.
    "openinfo.disclosureguidepage",
    "openinfo.disclosurerulespage",
)
# Articles take their type from their column's type (home.enums.ColumnType); other columns give 其他.
COLUMN_TYPES = {"news": DocType.NEWS, "notice": DocType.NOTICE, "policy": DocType.POLICY, "service": DocType.SERVICE}
MAX_BODY_CHARS = 20000  # longer texts are indexed up to here (a whole annual report adds nothing to ranking)


def page_key(page_id: int) -> str:
    return f"page:{page_id}"


def question_key(question_id: int) -> str:
    return f"question:{question_id}"


SITES_VERSION_KEY = "search:sites-version"
_shared: dict = {}


def bump_sites_version():
    generations.bump(SITES_VERSION_KEY)


class SiteMap:
    """Which site a page or question belongs to, with the site's lineage ("/<root>/…/<site>/").

    ``SiteMap.load()`` reads every site once (a full reindex); ``SiteMap()`` looks up only the sites it is
    asked about (one publish), which matters with thousands of sites.
    """

    def __init__(self, profiles: dict | None = None):
        self.complete = profiles is not None
        self.profiles: dict[int, SiteProfile] = profiles or {}
        self.by_root_path: dict[str, SiteProfile] = {p.site.root_page.path: p for p in self.profiles.values()}

    @classmethod
    def load(cls) -> "SiteMap":
        return cls({p.pk: p for p in SiteProfile.objects.select_related("site__root_page")})

    @classmethod
    def shared(cls) -> "SiteMap":
        """The process's complete map, reloaded when any site changes (version in the shared cache, bumped by
        signal_handlers on Site/SiteProfile changes), so each publish costs no site queries."""
        version = generations.read(SITES_VERSION_KEY)
        if version is None:  # the cache is down (django-redis ignores the error): no version to trust, load afresh
            return cls.load()
        if _shared.get("version") != version:
            _shared.update(version=version, map=cls.load())
        return _shared["map"]

    def _remember(self, profiles):
        for profile in profiles:
            self.profiles[profile.pk] = profile
            self.by_root_path[profile.site.root_page.path] = profile

    def lineage(self, profile: SiteProfile) -> str:
        chain, node = [profile.pk], profile
        while node.parent_id and len(chain) < 20:
            if node.parent_id not in self.profiles:
                self._remember(SiteProfile.objects.select_related("site__root_page").filter(pk=node.parent_id))
            node = self.profiles.get(node.parent_id)
            if node is None:
                break
            chain.append(node.pk)
        return "/" + "/".join(str(pk) for pk in reversed(chain)) + "/"

    def for_page(self, page) -> tuple[SiteProfile, str, str] | None:
        prefixes = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
        if not self.complete and not any(p in self.by_root_path for p in prefixes):
            self._remember(
                SiteProfile.objects.select_related("site__root_page").filter(site__root_page__path__in=prefixes)
            )
        for prefix in reversed(prefixes):
            profile = self.by_root_path.get(prefix)
            if profile is not None:
                return profile, self.lineage(profile), profile.site.root_page.url_path
        return None

    def for_profile(self, profile_id: int) -> tuple[SiteProfile, str] | None:
        if profile_id not in self.profiles and not self.complete:
            self._remember(SiteProfile.objects.select_related("site__root_page").filter(pk=profile_id))
        profile = self.profiles.get(profile_id)
        return (profile, self.lineage(profile)) if profile is not None else None


def tokens_of(title: str, body: str) -> dict:
    """The three token strings of a document: title, body, and pinyin/initials of its title words and of the
    dictionary words in its text (dzzw finds 电子政务 wherever the dictionary knows the word)."""
    from .dictionary import dictionary_words

    title_tokens = index_tokens(title)
    body_tokens = index_tokens(body)
    vocabulary = dictionary_words()
    known = [t for t in dict.fromkeys([*title_tokens, *body_tokens]) if t in vocabulary]
    title_words = words(title, tokenizer())
    return {
        "title_tokens": " ".join(title_tokens),
        "body_tokens": " ".join(body_tokens),
        "pinyin_tokens": " ".join(pinyin_tokens([*title_words, *known])),
    }


def _fixed_page_text(page, label: str) -> list[str]:
    """What the 政府信息公开指南/制度 pages hold besides their body: the texts the organ wrote, the rules' names."""
    if label == "openinfo.disclosureguidepage":
        names = ("intro", "office_name", "office_address", "office_hours", "classification", "application")
        return [getattr(page, name) for name in (*names, "periods", "fees", "remedies")]
    if label == "openinfo.disclosurerulespage":
        return [page.intro, *(rule.shown["title"] for rule in page.listed_rules())]
    if label == "home.leaderindexpage":
        return [page.intro, *(f"{row.name} {row.post} {row.duties} {row.cv}" for row in page.leaders.all())]
    return []


def page_document(page, site_map: SiteMap) -> dict | None:
    """Field values of the search document for ``page`` (a specific page), or None if it is not searchable."""
    if page._meta.label_lower not in PAGE_MODELS or not page.live or not is_due(page):
        return None  # a future-dated item is indexed when it comes due (sites.shown_dates.came_due)
    located = site_map.for_page(page)
    if located is None or page.get_view_restrictions().exists():
        return None
    if located is None:
        return None
    profile, lineage, root_url_path = located
    with translation.override(settings.LANGUAGE_CODE):
        title = clean_text(page.title)
        body_parts, extra = [], {}
        label = page._meta.label_lower
        if label == "home.articlepage":
            parent = page.get_parent().specific
            doc_type = COLUMN_TYPES.get(getattr(parent, "column_type", ""), DocType.PAGE)
            # The 摘要 first: a hit whose match is not in the text shows it as its snippet (search.highlight).
            body_parts = [page.summary, page.subtitle, stream_text(page.body)]
            date = page.publish_at.date() if page.publish_at else None
        elif label == "home.serviceguidepage":
            doc_type = DocType.SERVICE
            # Every field a citizen reads on the guide, so 材料名称, 办理地点 or a law's name find it.
            body_parts = [
                page.get_item_type_display(),
                page.implementing_body,
                page.get_target_display(),
                page.conditions,
                stream_text(page.materials),
                page.process,
                page.fee_standard,
                page.location,
                page.hours,
                page.legal_basis,
            ]
            published = page.last_published_at or page.first_published_at
            date = published.date() if published else None
        elif label == "openinfo.disclosuredocumentpage":
            doc_type = DocType.DISCLOSURE
            body_parts = [page.document_number, page.keywords, page.description, stream_text(page.body)]
            date = page.published_on
            extra = {
                "category": page.category or "",
                "subject": page.subject or "",
                "index_number": page.index_number or "",
                "document_number": page.document_number or "",
            }
        else:
            doc_type = DocType.PAGE
            body_parts = [*_fixed_page_text(page, label), stream_text(getattr(page, "body", None))]
            published = page.last_published_at or page.first_published_at
            date = published.date() if published else None
    body = clean_text(" ".join(p for p in body_parts if p))[:MAX_BODY_CHARS]
    return {
        "key": page_key(page.pk),
        "doc_type": doc_type,
        "model": label,
        "site": profile,
        "site_lineage": lineage,
        "path": "/" + page.url_path[len(root_url_path) :].lstrip("/"),
        "title": title[:255],
        "body": body,
        "date": date,
        **{"category": "", "subject": "", "index_number": "", "document_number": "", **extra},
        **tokens_of(title, body),
    }


def question_document(question, site_map: SiteMap) -> dict | None:
    """The search document of a published reply. Only the public parts: title, message, reply, who replied."""
    from interaction.enums import Status
    from interaction.models import InteractionIndexPage
    from interaction.privacy import public_copy

    if question.status != Status.PUBLISHED:
        return None
    located = site_map.for_profile(question.site_id)
    if located is None:
        return None
    profile, lineage = located
    index_page = (
        InteractionIndexPage.objects.live().public().descendant_of(profile.site.root_page).order_by("path").first()
    )
    if index_page is None:
        return None
    root_url_path = profile.site.root_page.url_path
    path = (
        "/"
        + index_page.url_path[len(root_url_path) :].lstrip("/")
        + index_page.reverse_subpage("reply", args=(question.pk,))
    )
    # Only the public copy (personal data masked, or corrected by staff) is indexed, never the original text;
    # a message published before copies existed gets one made now (interaction.privacy.public_copy).
    copy = public_copy(question)
    title = clean_text(copy.title)
    body = clean_text(f"{copy.content} {question.answered_by} {copy.answer}")[:MAX_BODY_CHARS]
    published = question.published_at or question.answered_at or question.received_at
    return {
        "key": question_key(question.pk),
        "doc_type": DocType.QA,
        "model": "interaction.question",
        "site": profile,
        "site_lineage": lineage,
        "path": path,
        "title": title[:255],
        "body": body,
        "date": published.date() if published else None,
        "category": "",
        "subject": "",
        "index_number": "",
        "document_number": "",
        **tokens_of(title, body),
    }


def searchable_pages():
    """Every page that may be searchable, specific, in tree order (the caller still checks each one)."""
    from django.contrib.contenttypes.models import ContentType

    types = [ContentType.objects.get_by_natural_key(*label.split(".")) for label in PAGE_MODELS]
    return Page.objects.live().filter(content_type__in=types).order_by("path").specific(defer=False)
