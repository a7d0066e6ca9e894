from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from .enums import SiteKind
from .models import SiteProfile

router = Router(tags=["网站群"])


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


@router.get("/", response=list[SiteOut], summary="网站群站点目录")
def list_sites(request, kind: SiteKind | None = None, parent: str | None = None):
    profiles = SiteProfile.objects.with_site()
    if kind:
        profiles = profiles.filter(kind=kind)
    if parent:
        profiles = profiles.filter(parent__slug=parent)
    return [_site_out(p) for p in profiles]


@router.get("/{slug}", response=SiteOut, summary="单个站点")
def get_site(request, slug: str):
    return _site_out(get_object_or_404(SiteProfile.objects.with_site(), slug=slug))
