import datetime

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

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
