"""Demo logins: ``admin`` (superuser), and for every site ``editor-<slug>`` (编辑: writes and submits) plus one login
per review step of its kind (sites/blueprints/<kind>.toml [workflow], ``<role>-<slug>``): on portals
``reviewer-<slug>`` (初审), ``rechecker-<slug>`` (复审), ``signer-<slug>`` (终审/签发); departments and townships
``reviewer-`` and ``signer-``; villages and topic sites ``signer-``. Separation of duties (sites.workflow) needs
them distinct: nobody approves their own page or two steps of one review. A step's user is also in the site's 编辑组
(site staff everywhere, and they may correct what they review).

The password comes from ``settings.DEMO_PASSWORD`` (env ``DEMO_PASSWORD``, default ``govsites-demo``; set in the
settings modules that install the demo app).
It is hashed once per run and the hash is shared by every demo user: PBKDF2 costs ~0.3 s per
call, which would dominate a 2000-village seed. Fine for demo accounts, never do this for real ones.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from sites.models import SiteProfile

ADMIN_USERNAME = "admin"
EMAIL_DOMAIN = "example.gov.cn"


def editor_username(slug: str) -> str:
    return f"editor-{slug}"


def signer_username(profile: SiteProfile) -> str:
    """The demo login of the site's last review step (签发, the 审核组)."""
    from sites.blueprint import load_blueprint

    return f"{load_blueprint(profile.kind).workflow[-1].role}-{profile.slug}"


def demo_password() -> str:
    return settings.DEMO_PASSWORD


class DemoUsers:
    def __init__(self, password: str | None = None):
        self.password = password or demo_password()
        self.User = get_user_model()

    @cached_property
    def password_hash(self) -> str:
        return make_password(self.password)

    def ensure_admin(self) -> bool:
        """Create ``admin`` if missing; an existing account (and its password) is left as it is."""
        if self.User.objects.filter(username=ADMIN_USERNAME).exists():
            return False
        self.User.objects.create(
            username=ADMIN_USERNAME,
            email=f"{ADMIN_USERNAME}@{EMAIL_DOMAIN}",
            password=self.password_hash,
            is_staff=True,
            is_superuser=True,
            first_name="平台管理员",
        )
        return True

    def _new_user(self, profile: SiteProfile, username: str, role: str):
        return self.User(
            username=username,
            email=f"{username}@{EMAIL_DOMAIN}",
            password=self.password_hash,
            first_name=f"{profile.display_name}{role}",
        )

    def _wanted(self, profiles: list[SiteProfile]) -> dict[str, tuple[SiteProfile, str, list[int]]]:
        """username → (profile, role label, group pks) for the editor and every review step of each site."""
        from sites.blueprint import load_blueprint
        from sites.models import ReviewStepTask

        groups_of = {}
        rows = ReviewStepTask.objects.filter(site__in=[p.pk for p in profiles]).values_list("site_id", "step", "groups")
        for site_id, step, group_id in rows:
            groups_of[(site_id, step)] = group_id
        wanted = {}
        for profile in profiles:
            editors = [profile.editor_group_id] if profile.editor_group_id else []
            wanted[editor_username(profile.slug)] = (profile, "网站编辑", editors)
            for step in load_blueprint(profile.kind).workflow:
                group_id = groups_of.get((profile.pk, step.name))
                if group_id:
                    wanted[f"{step.role}-{profile.slug}"] = (profile, f"{step.name}人员", [*editors, group_id])
        return wanted

    def ensure_editor(self, profile: SiteProfile) -> bool:
        """Create the site's demo logins if missing and put each in its groups; True if the editor was created."""
        created = not self.User.objects.filter(username=editor_username(profile.slug)).exists()
        self.bulk_create_editors([profile])
        return created

    def bulk_create_editors(self, profiles: list[SiteProfile]) -> int:
        """Demo logins of many sites in five queries (used by the village batches); returns how many users were
        created. Existing users keep their password and get any missing group."""
        wanted = self._wanted(profiles)
        existing = set(self.User.objects.filter(username__in=wanted).values_list("username", flat=True))
        new = [self._new_user(p, name, role) for name, (p, role, _) in wanted.items() if name not in existing]
        self.User.objects.bulk_create(new)
        ids = dict(self.User.objects.filter(username__in=wanted).values_list("username", "pk"))
        membership = self.User.groups.through
        links = [
            membership(user_id=ids[name], group_id=gid) for name, (_, _, groups) in wanted.items() for gid in groups
        ]
        membership.objects.bulk_create(links, ignore_conflicts=True)
        return len(new)


def demo_usernames(profiles) -> list[str]:
    """Every demo login of these sites (for the demo's delete)."""
    from sites.blueprint import load_blueprint

    names = []
    for profile in profiles:
        names.append(editor_username(profile.slug))
        names.extend(f"{step.role}-{profile.slug}" for step in load_blueprint(profile.kind).workflow)
    return names
