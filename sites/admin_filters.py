"""Admin listing filters that offer only what the user owns (sites.scopes).

Wagtail's listing filters compute their choices over the whole install: the explorer's *Owner*, *Edited by* and
*Site* filters, the reports' *Locked by*, *Requested by*, *Workflow*, *Task* and *User* filters and the media
listings' popular tags name other sites' staff, sites, workflows and tags. ``owned_filterset(FilterSetClass)``
returns a subclass whose model choices of a site-owned model (users, sites, workflows, tasks, collections …) and
whose tag choices are narrowed to what the user owns; choices of other models (page types, actions) are left as
Wagtail computes them. Platform administrators get Wagtail's choices unchanged.
"""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django_filters.filters import QuerySetRequestMixin
from taggit.models import Tag
from wagtail.admin.filters import PopularTagsFilter

from .scopes import is_confined, owned, scope_of_model

POPULAR_TAGS = 10  # as many as Wagtail's popular_tags_for_model offers


def owned_tags(user, models, count=None):
    """Tags on the user's own objects of ``models`` (taggit's generic tagged items), most used first."""
    items = None
    for model in models:
        scope = scope_of_model(model)
        if scope is None:
            continue
        rows = Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=owned(user, scope).values("pk"),
        )
        items = rows if items is None else items | rows
    if items is None:
        return Tag.objects.none()
    tags = items.annotate(item_count=Count("taggit_taggeditem_items")).order_by("-item_count", "name")
    return tags[:count] if count else tags


class OwnedChoicesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if not is_confined(user):
            return
        for name, filter_ in list(self.filters.items()):
            if isinstance(filter_, QuerySetRequestMixin):
                self._narrow_model_choices(filter_, user)
            elif isinstance(filter_, PopularTagsFilter):
                tags = owned_tags(user, [self._meta.model], POPULAR_TAGS)
                if tags:
                    filter_.extra["choices"] = [(tag.name, tag.name) for tag in tags]
                else:
                    del self.filters[name]

    def _narrow_model_choices(self, filter_, user):
        choices = filter_.get_queryset(self.request)
        if choices is None:
            choices = filter_.extra.get("queryset")  # set directly by some Wagtail filter sets
        scope = scope_of_model(choices.model) if choices is not None else None
        if scope is not None:
            filter_.queryset = choices.filter(pk__in=owned(user, scope).values("pk"))


@cache
def owned_filterset(filterset_class):
    """``filterset_class`` with its choices confined to the user's own objects."""
    return type(f"Owned{filterset_class.__name__}", (OwnedChoicesMixin, filterset_class), {})
