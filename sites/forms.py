import datetime
import re

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .enums import ALLOWED_PARENT_KINDS


class SiteProfileForm(WagtailAdminModelForm):
    """Languages as checkboxes rather than raw JSON; site and parent choices without the 2,000 villages.

    上级网站 offers only kinds a site can hang under (never a village) and 站点 only Wagtail sites that have no
    profile yet (plus this profile's own): otherwise each select lists every site of the group (阳光三农网: 2,053
    options each, seconds to render) although model validation would refuse most of them.
    """

    languages = forms.MultipleChoiceField(
        label="启用语言", choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "parent" in self.fields:
            parent_kinds = {kind for kinds in ALLOWED_PARENT_KINDS.values() for kind in kinds}
            self.fields["parent"].queryset = self.fields["parent"].queryset.filter(kind__in=parent_kinds)
        if "site" in self.fields:
            own = Q(pk=self.instance.site_id) if self.instance.site_id else Q(pk__in=[])
            self.fields["site"].queryset = self.fields["site"].queryset.filter(Q(profile__isnull=True) | own)


# --- Default URL slugs of pages (issue 14 item 5) ------------------------------------------------------------------
# Wagtail fills the slug from the title; a Chinese title gives a Chinese slug that browsers show percent-encoded
# (~120 characters for a 40-character title). Articles and disclosure documents get the dated tYYYYMMDD_NNN
# slug government sites use (DatedSlugMixin); every other page type gets the first letters of the title's pinyin
# (ShortSlugMixin: 政务公开 → zwgk, as the blueprints' own column slugs). Both only replace a slug nobody chose:
# empty, or the one Wagtail derived from the title, on a page never published. An editor's own slug is kept.

SHORT_SLUG_MAX = 40


def pinyin_slug(title: str) -> str:
    """``政务公开`` → ``zwgk``; Latin words and digits are kept (``2026年工作要点`` → ``2026ngzyd``)."""
    from pypinyin import Style, lazy_pinyin  # loads its dictionaries: only when a slug is made

    letters = "".join(lazy_pinyin(title, style=Style.FIRST_LETTER, errors="default"))
    return slugify(letters)[:SHORT_SLUG_MAX].strip("-")


def free_slug(parent, base: str, instance=None) -> str:
    """``base`` or, if a sibling already has it, ``base-2``, ``base-3`` …"""
    siblings = parent.get_children() if parent is not None else None
    if siblings is None:
        return base
    if instance is not None and instance.pk:
        siblings = siblings.exclude(pk=instance.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


DATED_SLUG = re.compile(r"t\d{8}_(\d+)")


def page_title(cleaned) -> str:
    """The Chinese title in a page form (wagtail-modeltranslation names the field ``title_zh_hans``)."""
    language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE.replace("-", "_")
    return cleaned.get(f"title_{language}") or cleaned.get("title") or ""


def dated_slug(parent, day, instance=None) -> str:
    """``t20261025_012``: the next number after the highest one the siblings use for ``day``."""
    prefix = f"t{day:%Y%m%d}_"
    siblings = parent.get_children().filter(slug__startswith=prefix)
    if instance is not None and instance.pk:
        siblings = siblings.exclude(pk=instance.pk)
    slugs = siblings.values_list("slug", flat=True)
    numbers = [int(match.group(1)) for slug in slugs if (match := DATED_SLUG.fullmatch(slug))]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


class ShortSlugMixin:
    """Page form mixin: a short pinyin slug instead of the percent-encoded Chinese one. Compose with super()."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False  # an empty slug gets the default one (clean)

    def slug_is_automatic(self, cleaned) -> bool:
        """Empty or non-ASCII (the title, slugified by Wagtail's script) on a page never published."""
        if self.instance.first_published_at is not None:  # a published URL never changes by itself
            return False
        slug = cleaned.get("slug") or ""
        return not slug or not slug.isascii()

    def default_slug(self, cleaned) -> str:
        return free_slug(self.parent_page, pinyin_slug(page_title(cleaned)) or "page", self.instance)

    def clean(self):
        # Before Wagtail's clean(), which checks that the slug is free among the siblings.
        cleaned = self.cleaned_data
        if "slug" in self.fields and self.slug_is_automatic(cleaned):
            cleaned["slug"] = self.default_slug(cleaned)
        return super().clean()


class DatedSlugMixin(ShortSlugMixin):
    """Page form mixin: the default slug is ``tYYYYMMDD_NNN`` — the item's publish date (the form's
    ``slug_date_field``) and the next free number among the siblings of that day. Editable; compose with super()."""

    slug_date_field = "publish_at"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields and not self.instance.pk and not self.is_bound and self.parent_page is not None:
            self.initial["slug"] = dated_slug(self.parent_page, self._slug_date(self.initial.get(self.slug_date_field)))

    def _slug_date(self, value):
        if callable(value):
            value = value()
        if value is None:
            value = getattr(self.instance, self.slug_date_field, None) or timezone.now()
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        return value

    def slug_is_automatic(self, cleaned) -> bool:
        """Also a dated slug (ours, or typed the same way) on a page never published: it follows the date."""
        if super().slug_is_automatic(cleaned):
            return True
        return self.instance.first_published_at is None and bool(DATED_SLUG.fullmatch(cleaned.get("slug") or ""))

    def default_slug(self, cleaned) -> str:
        day = self._slug_date(cleaned.get(self.slug_date_field))
        slug = cleaned.get("slug") or ""
        # A draft keeps its number while its date stays and no sibling took it since.
        if slug.startswith(f"t{day:%Y%m%d}_") and free_slug(self.parent_page, slug, self.instance) == slug:
            return slug
        return dated_slug(self.parent_page, day, self.instance)


class SitePageForm(ShortSlugMixin, WagtailAdminPageForm):
    """The admin form of every site page type (SitePageMixin.base_form_class)."""


class DatedSlugPageForm(DatedSlugMixin, WagtailAdminPageForm):
    """Articles and documents: ``tYYYYMMDD_NNN`` slugs (the date field named by ``slug_date_field``)."""


class ShownDateMixin:
    """Edit form of a page type with a shown date (发布时间/发布日期, ``sites/shown_dates.py``).

    - Changing the date of a page that has been published needs a reason (修改原因, a field-level error when
      missing); the change is logged as ``sites.shown_date_changed`` with the published value, the new one, the
      reason and the user (the inspection's dates check and the audit report read it).
    - A future date schedules the page: ``go_live_at`` is moved to it, so Wagtail keeps the page off the public
      site until then and ``publish_scheduled`` publishes it.

    A mixin with ``super()`` calls so it composes with the other page-form mixins (e.g. slug defaults).
    """

    reason_field = "shown_date_reason"
    # A plain mixin's fields are collected by the form metaclass through ``declared_fields`` along the MRO.
    declared_fields = {
        reason_field: forms.CharField(
            label="修改原因",
            required=False,
            max_length=200,
            help_text="已发布信息修改发布时间/发布日期时必须填写，记入操作日志",
        )
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.first_published_at is None:
            # Never published: its date can change freely, so the reason field is not shown (the panel hides itself).
            self.fields.pop(self.reason_field, None)

    @property
    def shown_date_field(self) -> str:
        return self._meta.model.objects._queryset_class.shown_date_field

    def published_shown_date(self):
        """The shown date the public has seen (the page row holds the published content), or None if the page
        has never been published."""
        page = self.instance
        if not page.pk or page.first_published_at is None:
            return None
        return type(page).objects.filter(pk=page.pk).values_list(self.shown_date_field, flat=True).first()

    def clean(self):
        cleaned = super().clean()
        field = self.shown_date_field
        new = cleaned.get(field)
        old = self.published_shown_date()
        self._shown_date_change = None
        # The admin's date-time widget shows minutes: an unchanged field comes back without seconds.
        if new is not None and old is not None and _to_minute(new) != _to_minute(old):
            reason = (cleaned.get(self.reason_field) or "").strip()
            if not reason:
                self.add_error(self.reason_field, "本信息已发布，修改发布时间须填写修改原因。")
            else:
                self._shown_date_change = (old, new, reason)
        new = self._follow_go_live(cleaned, new)
        self._schedule_go_live(cleaned, new)
        return cleaned

    def _follow_go_live(self, cleaned, new):
        """A page never published, scheduled (上线时间) after its shown date, would go public showing a past date.
        A shown date the editor left as it was follows the go-live time; one they set earlier is refused."""
        from .shown_dates import as_datetime

        field, go_live_at = self.shown_date_field, cleaned.get("go_live_at")
        if new is None or go_live_at is None or self.instance.first_published_at is not None:
            return new
        if as_datetime(new) >= go_live_at or (
            not isinstance(new, datetime.datetime) and new >= timezone.localdate(go_live_at)
        ):
            return new
        if _to_minute(self.get_initial_for_field(self.fields[field], field)) == _to_minute(new):
            cleaned[field] = go_live_at if isinstance(new, datetime.datetime) else timezone.localdate(go_live_at)
            return cleaned[field]
        label = self.fields[field].label
        message = f"{label}早于上线时间，上线后将显示为过去的{label}；请改为不早于上线时间，或清空上线时间。"
        self.add_error(field, message)
        return new

    def _schedule_go_live(self, cleaned, new) -> None:
        from .shown_dates import as_datetime

        if new is None or "go_live_at" not in self.fields:
            return
        moment = as_datetime(new)
        go_live_at = cleaned.get("go_live_at")
        if moment > timezone.now() and (go_live_at is None or go_live_at < moment):
            cleaned["go_live_at"] = moment

    def save(self, commit=True):
        page = super().save(commit=commit)
        change = getattr(self, "_shown_date_change", None)
        if change is not None:
            from .shown_dates import log_date_change

            log_date_change(page, *change, user=self.for_user)
            self._shown_date_change = None  # Wagtail may call save() twice in one request
        return page


def _to_minute(value):
    return value.replace(second=0, microsecond=0) if isinstance(value, datetime.datetime) else value


def _page_type_choices():
    # Every page model, named by its label (how blueprints name them) — read at form time, so this app never
    # imports the content apps that define them.
    from wagtail.models import get_page_models

    models = sorted((m for m in get_page_models() if m._meta.app_label != "wagtailcore"), key=lambda m: m._meta.label)
    return [(m._meta.label, f"{m._meta.verbose_name}（{m._meta.label}）") for m in models]


class ReviewPolicyForm(WagtailAdminModelForm):
    page_types = forms.MultipleChoiceField(
        label="需审核的页面类型",
        choices=_page_type_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="仅当选择“仅所列页面类型”时生效",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == "listed" and not cleaned.get("page_types"):
            self.add_error("page_types", "选择“仅所列页面类型”时，请至少选择一种页面类型。")
        return cleaned
