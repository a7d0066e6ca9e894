"""The site factory: one call builds a complete, isolated site of the group in one transaction."""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Collection, Page, Site

from .blueprint import Blueprint, PageSpec, load_blueprint
from .enums import SiteKind
from .models import SiteProfile, SiteSettings
from .permissions import (
    EDITOR_PAGE_PERMISSIONS,
    REVIEWER_PAGE_PERMISSIONS,
    ensure_site_workflow,
    grant_site_permissions,
)

HOSTNAME_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def published_now() -> dict:
    """Pages the factory creates live carry their publication time, as pages published in the admin do: the sitemap
    (lastmod), feeds and the inspection's update checks read it, and a live page without one looks never published."""
    now = timezone.now()
    return {"first_published_at": now, "last_published_at": now}


class ProvisioningError(Exception):
    """A site could not be created; nothing was written."""


@dataclass
class SiteSpec:
    kind: str
    name: str
    slug: str
    hostname: str
    parent: str | None = None
    port: int | None = None
    short_name: str = ""
    org_code: str = ""
    site_code: str = ""
    sponsor: str = ""
    icp_number: str = ""
    police_record_number: str = ""
    languages: list[str] | None = None
    is_default: bool = False
    sort_order: int = 0
    name_en: str = ""


@dataclass
class ProvisionResult:
    profile: SiteProfile
    created: bool
    actions: list[str] = field(default_factory=list)


def _check_spec(spec: SiteSpec) -> None:
    if spec.kind not in SiteKind.values:
        raise ProvisioningError(f"未知的网站类型 {spec.kind!r}，可选：{', '.join(SiteKind.values)}")
    if not SLUG_RE.match(spec.slug or ""):
        raise ProvisioningError(f"站点标识 {spec.slug!r} 只能包含小写字母、数字和连字符")
    if not HOSTNAME_RE.match(spec.hostname or ""):
        raise ProvisioningError(f"主机名 {spec.hostname!r} 不是有效的域名")
    if not (spec.name or "").strip():
        raise ProvisioningError("机构名称不能为空")


def _validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):

        def label(name):
            try:
                return str(SiteProfile._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:  # non-field errors keep their key
                return name

        return "；".join(f"{label(name)}：{' '.join(msgs)}" for name, msgs in error.message_dict.items())
    return "；".join(error.messages)


class SiteProvisioner:
    """Creates (or completes) a site from a :class:`SiteSpec` and its kind's blueprint."""

    def __init__(self, *, with_workflow: bool = True):
        self.with_workflow = with_workflow
        self.actions: list[str] = []

    def provision(self, spec: SiteSpec, *, dry_run: bool = False) -> ProvisionResult:
        _check_spec(spec)
        self.actions = []
        with transaction.atomic():
            result = self._provision(spec)
            if dry_run:
                transaction.set_rollback(True)
        return result

    # -- steps -------------------------------------------------------------------------------------------

    def _provision(self, spec: SiteSpec) -> ProvisionResult:
        port = spec.port or settings.SITES_DEFAULT_PORT
        parent = self._parent(spec)
        profile = SiteProfile.objects.select_related("site", "parent").filter(slug=spec.slug).first()
        created = profile is None
        if profile is not None:
            self._check_matches(profile, spec, port, parent)
            site, home = profile.site, profile.site.root_page.specific
            self.actions.append(f"站点 {spec.slug} 已存在，检查并补全缺失部分")
        else:
            if Site.objects.filter(hostname=spec.hostname, port=port).exists():
                raise ProvisioningError(f"主机名 {spec.hostname}:{port} 已被其他站点使用")
            home, site = self._create_home_and_site(spec, port)
            profile = self._create_profile(spec, site, parent)
        if spec.is_default and not site.is_default_site:
            Site.objects.filter(is_default_site=True).update(is_default_site=False)
            site.is_default_site = True
            site.save()
            self.actions.append("设为默认站点")
        blueprint = load_blueprint(spec.kind)
        self._build_pages(home, blueprint.pages)
        self._ensure_settings(site)
        self._ensure_access(profile, site, home, blueprint)
        return ProvisionResult(profile=profile, created=created, actions=list(self.actions))

    def _parent(self, spec: SiteSpec) -> SiteProfile | None:
        if not spec.parent:
            return None
        parent = SiteProfile.objects.filter(slug=spec.parent).first()
        if parent is None:
            raise ProvisioningError(f"上级网站 {spec.parent!r} 不存在")
        return parent

    def _check_matches(self, profile: SiteProfile, spec: SiteSpec, port: int, parent) -> None:
        """A re-run with the same spec completes the site; one that names an existing slug with another name,
        kind, parent or hostname is refused: re-running never renames or moves a site (the site profile in the
        admin does), and saying "up to date" while ignoring the new values would hide the mistake."""
        parent_slug = getattr(profile.parent, "slug", None)
        pairs = [
            ("机构名称", profile.org_name, spec.name),
            ("类型", profile.kind, spec.kind),
            ("上级网站", parent_slug or "无", parent.slug if parent else "无"),
            ("主机名", f"{profile.site.hostname}:{profile.site.port}", f"{spec.hostname}:{port}"),
        ]
        differences = [f"{label}现为 {have}，参数为 {want}" for label, have, want in pairs if have != want]
        if differences:
            raise ProvisioningError(
                f"站点标识 {spec.slug} 已被另一站点使用（{'；'.join(differences)}），未做任何修改；"
                "修改现有站点请在管理后台的站点档案中进行"
            )

    def _create_home_and_site(self, spec: SiteSpec, port: int):
        blueprint = load_blueprint(spec.kind)
        root = Page.get_first_root_node()
        name_tree_root(root)
        if Page.objects.child_of(root).filter(slug=spec.slug).exists():
            raise ProvisioningError(f"页面树中已存在标识为 {spec.slug} 的站点根页面")
        home = blueprint.root_model(title=spec.name, slug=spec.slug, live=True, **published_now())
        if spec.name_en:
            home.title_en = spec.name_en
        root.add_child(instance=home)
        site = Site.objects.create(hostname=spec.hostname, port=port, site_name=spec.name, root_page=home)
        self.actions.append(f"创建站点 {spec.hostname}:{port} 与首页")
        return home, site

    def _create_profile(self, spec: SiteSpec, site: Site, parent) -> SiteProfile:
        profile = SiteProfile(
            site=site,
            kind=spec.kind,
            parent=parent,
            slug=spec.slug,
            org_name=spec.name,
            short_name=spec.short_name,
            org_code=spec.org_code,
            site_code=spec.site_code,
            sponsor=spec.sponsor or spec.name,
            icp_number=spec.icp_number,
            police_record_number=spec.police_record_number,
            sort_order=spec.sort_order,
            languages=spec.languages or [settings.LANGUAGE_CODE],
        )
        if spec.name_en:
            profile.org_name_en = spec.name_en
        try:
            profile.full_clean(exclude=["site"])
        except ValidationError as exc:
            raise ProvisioningError(_validation_message(exc)) from exc
        profile.save()
        self.actions.append(f"创建站点档案（{profile.get_kind_display()}）")
        return profile

    def _build_pages(self, parent: Page, specs: tuple[PageSpec, ...]) -> None:
        existing = set(parent.get_children().values_list("slug", flat=True)) if specs else set()
        for spec in specs:
            if spec.slug in existing:
                page = parent.get_children().get(slug=spec.slug)
                if spec.replaces and page.specific_class._meta.label in spec.replaces:
                    page = self._replace_page(parent, page.specific, spec)
            else:
                # The parent's locale, given: Wagtail would reload the parent as its specific class to read it.
                page = spec.model(live=True, locale_id=parent.locale_id, **published_now(), **spec.fields)
                parent.add_child(instance=page)
                self.actions.append(f"创建栏目/页面 {page.title}")
            if spec.children:
                self._build_pages(page, spec.children)

    def _replace_page(self, parent: Page, old: Page, spec: PageSpec) -> Page:
        """A page of a superseded type becomes the blueprint's type: the old page is kept as an unpublished
        draft under a new slug (nothing an editor wrote is lost; they copy it over and delete it), and a page of
        the new type takes its slug and its place in the tree."""
        title, slug = old.title, old.slug
        if old.live:
            old.unpublish(log_action=False)
        taken = set(parent.get_children().values_list("slug", flat=True))
        old.slug = next(f"{slug}-old{n or ''}" for n in range(100) if f"{slug}-old{n or ''}" not in taken)
        old.title = f"{title}（旧页面，已停用）"
        old.show_in_menus = False
        old.save()
        page = spec.model(live=True, locale_id=parent.locale_id, **published_now(), **spec.fields)
        parent.add_child(instance=page)
        page.move(old, pos="left")
        self.actions.append(f"以新页面类型替换 {title}（原页面改为草稿：{old.slug}）")
        return page

    def _ensure_settings(self, site: Site) -> None:
        _, created = SiteSettings.objects.get_or_create(site=site)
        if created:
            self.actions.append("创建站点设置")

    @staticmethod
    def _collection_parent(profile: SiteProfile) -> Collection:
        """Collections mirror the site tree (a village's under its district's).

        Wagtail keeps sibling collections sorted by name, so each insertion rewrites the paths of the
        siblings after it: thousands of sites under one parent made provisioning quadratic. Nesting bounds
        the sibling count, and slug-first names make sequentially created sites append at the end.
        """
        parent = profile.parent
        if parent is not None and parent.collection_id:
            return parent.collection
        return Collection.get_first_root_node()

    def _ensure_access(self, profile: SiteProfile, site: Site, home: Page, blueprint: Blueprint) -> None:
        changed = False
        if profile.collection is None:
            profile.collection = self._collection_parent(profile).add_child(name=f"{profile.slug} · {profile.org_name}")
            self.actions.append("创建媒体库")
            changed = True
        # The 审核组 is the group of the workflow's last step (签发), named after it.
        for attr, role in (("editor_group", "编辑"), ("reviewer_group", blueprint.workflow[-1].name)):
            if getattr(profile, attr) is None:
                group, _ = Group.objects.get_or_create(name=f"{profile.slug} · {profile.org_name} · {role}")
                setattr(profile, attr, group)
                self.actions.append(f"创建{role}组")
                changed = True
        if changed:
            profile.save(update_fields=["collection", "editor_group", "reviewer_group"])
        grant_site_permissions(
            profile.editor_group,
            site=site,
            home=home,
            collection=profile.collection,
            page_codenames=EDITOR_PAGE_PERMISSIONS,
        )
        grant_site_permissions(
            profile.reviewer_group,
            site=site,
            home=home,
            collection=profile.collection,
            page_codenames=REVIEWER_PAGE_PERMISSIONS,
        )
        if self.with_workflow:
            self.actions.extend(ensure_site_workflow(profile, home=home, steps=blueprint.workflow))


TREE_ROOT_TITLE = "网站群"


def name_tree_root(root: Page) -> None:
    """Wagtail's migration names the tree's root page "Root", which editors see in the page chooser: give it a
    Chinese title (once; a title an administrator chose is kept)."""
    pages = Page.objects.rewrite(False) if hasattr(Page.objects, "rewrite") else Page.objects
    pages.filter(pk=root.pk, title="Root").update(
        title=TREE_ROOT_TITLE, title_zh_hans=TREE_ROOT_TITLE, draft_title=TREE_ROOT_TITLE
    )


def provision_site(spec: SiteSpec, *, dry_run: bool = False) -> ProvisionResult:
    return SiteProvisioner().provision(spec, dry_run=dry_run)


__all__ = ["Blueprint", "ProvisionResult", "ProvisioningError", "SiteProvisioner", "SiteSpec", "provision_site"]
