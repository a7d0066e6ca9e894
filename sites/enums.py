from django.db import models


class SiteKind(models.TextChoices):
    CITY = "city", "市级门户"
    DISTRICT = "district", "区县门户"
    DEPARTMENT = "department", "部门网站"
    TOWNSHIP = "township", "乡镇街道"
    VILLAGE = "village", "村社区"
    TOPIC = "topic", "专题"


# Which kinds a site of each kind may hang under (city → district → township → village;
# city/district → department; any portal or department → special topic). Villages may also sit
# directly under a district, as on 株洲's 阳光三农网.
ALLOWED_PARENT_KINDS: dict[str, tuple[str, ...]] = {
    SiteKind.CITY: (),
    SiteKind.DISTRICT: (SiteKind.CITY,),
    SiteKind.DEPARTMENT: (SiteKind.CITY, SiteKind.DISTRICT),
    SiteKind.TOWNSHIP: (SiteKind.DISTRICT,),
    SiteKind.VILLAGE: (SiteKind.TOWNSHIP, SiteKind.DISTRICT),
    SiteKind.TOPIC: (SiteKind.CITY, SiteKind.DISTRICT, SiteKind.DEPARTMENT),
}

PORTAL_KINDS = (SiteKind.CITY, SiteKind.DISTRICT)


class ReviewScope(models.TextChoices):
    """Which pages need the review workflow before going live (sites.models.ReviewPolicy)."""

    ALL = "all", "所有页面类型"
    LISTED = "listed", "仅所列页面类型"
    NONE = "none", "不要求（有发布权限者可直接发布）"
