"""Create one demo site through the site factory (``sites.services``) and fill what the factory leaves blank."""

from django.conf import settings

from sites.models import SiteProfile, SiteSettings
from sites.services import SiteProvisioner, SiteSpec

from . import codes
from .data import SiteEntry


def hostname_for(slug: str) -> str:
    return f"{slug}.localhost"


def spec_for(entry: SiteEntry) -> SiteSpec:
    return SiteSpec(
        kind=entry.kind,
        name=entry.name,
        slug=entry.slug,
        hostname=hostname_for(entry.slug),
        parent=entry.parent,
        port=settings.SITES_DEFAULT_PORT,
        short_name=entry.short_name,
        org_code=codes.org_code(entry.region, entry.serial),
        site_code=codes.site_code(entry.region, entry.serial),
        sponsor=entry.sponsor or entry.name,
        icp_number=codes.icp_number(entry),
        police_record_number=codes.police_record_number(entry),
        languages=list(entry.languages) or None,
        is_default=entry.is_default,
        sort_order=entry.sort_order,
        name_en=entry.name_en,
    )


def provision(spec: SiteSpec, provisioner: SiteProvisioner) -> tuple[SiteProfile, bool]:
    """Idempotent by slug (the provisioner completes an existing site instead of duplicating it)."""
    result = provisioner.provision(spec)
    return result.profile, result.created


def fill_profile_translations(profile: SiteProfile, entry: SiteEntry) -> None:
    """English short name and sponsor for the /en/ footer; the factory only sets the English org name."""
    if not entry.name_en or profile.short_name_en:
        return
    profile.short_name_en = entry.short_name_en or entry.name_en
    profile.sponsor_en = entry.name_en
    profile.save()


def fill_settings(
    site_settings: SiteSettings,
    *,
    organizer: str,
    address: str,
    postcode: str,
    phone: str,
    email: str,
    theme_colour: str,
    organizer_en: str = "",
    address_en: str = "",
) -> bool:
    """Fill a site's settings once. A non-empty 承办单位 means someone already filled them: leave them alone."""
    if site_settings.organizer:
        return False
    site_settings.organizer = organizer
    site_settings.address = address
    site_settings.postcode = postcode
    site_settings.phone = phone
    site_settings.email = email
    site_settings.theme_colour = theme_colour
    if organizer_en:
        site_settings.organizer_en = organizer_en
    if address_en:
        site_settings.address_en = address_en
    site_settings.save()
    return True


def apply_settings(profile: SiteProfile, entry: SiteEntry) -> bool:
    site_settings = SiteSettings.objects.get(site_id=profile.site_id)
    return fill_settings(
        site_settings,
        organizer=entry.organizer or entry.name,
        address=entry.address,
        postcode=entry.postcode,
        phone=entry.phone,
        email=entry.email,
        theme_colour=entry.theme_colour,
        organizer_en=entry.organizer_en,
        address_en=entry.address_en,
    )
