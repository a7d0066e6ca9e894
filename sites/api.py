from django.http import Http404
from ninja import Path, Query, Router, Schema

from core.api import error_responses
from core.params import ChoiceParam, choices_of

from .enums import SiteKind
from .models import SiteProfile

router = Router(tags=["网站群"])
KIND = ChoiceParam("kind", "站点类型", choices_of(SiteKind))


class SiteOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    parent: str | None
    url: str
    site_code: str


def _site_out(profile: SiteProfile) -> SiteOut:
    return SiteOut(
        slug=profile.slug,
        name=profile.org_name,
        kind=profile.kind,
        kind_label=SiteKind(profile.kind).label,
        parent=profile.parent.slug if profile.parent_id else None,
        url=profile.site.root_url + "/",
        site_code=profile.site_code,
    )


@router.get(
    "/",
    response={200: list[SiteOut], **error_responses()},
    summary="网站群站点目录",
    description="全部站点；kind 按类型筛选，parent 按上级站点标识筛选。",
)
def list_sites(
    request,
    kind: KIND.annotation("站点类型") = None,
    parent: str | None = Query(None, max_length=64, description="上级站点标识"),
):
    profiles = SiteProfile.objects.with_site()
    if kind:
        profiles = profiles.filter(kind=kind)
    if parent:
        profiles = profiles.filter(parent__slug=parent)
    return [_site_out(p) for p in profiles]


@router.get(
    "/{slug}",
    response={200: SiteOut, **error_responses()},
    summary="单个站点",
    description="按站点标识取一个站点；没有时返回 404。",
)
def get_site(request, slug: str = Path(..., max_length=64)):
    profile = SiteProfile.objects.with_site().filter(slug=slug).first()
    if profile is None:
        raise Http404("未找到该站点")
    return _site_out(profile)
