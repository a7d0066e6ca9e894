"""Demo logins: ``admin`` (superuser) and ``editor-<slug>`` for every site (its editor and reviewer groups).

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


def reviewer_username(slug: str) -> str:
    """A second person per site who approves (审核) replies someone else answered (issue 14: separation of duties)."""
    return f"reviewer-{slug}"


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

    def _new_editor(self, profile: SiteProfile):
        username = editor_username(profile.slug)
        return self.User(
            username=username,
            email=f"{username}@{EMAIL_DOMAIN}",
            password=self.password_hash,
            first_name=f"{profile.display_name}网站编辑",
        )

    def ensure_editor(self, profile: SiteProfile) -> bool:
        """Create ``editor-<slug>`` if missing and make sure it belongs to both of the site's groups."""
        user = self.User.objects.filter(username=editor_username(profile.slug)).first()
        created = user is None
        if created:
            user = self._new_editor(profile)
            user.save()
        user.groups.add(*[g for g in (profile.editor_group, profile.reviewer_group) if g is not None])
        return created

    def ensure_reviewer(self, profile: SiteProfile) -> bool:
        """Create ``reviewer-<slug>`` if missing, in the site's reviewer group only: the demo's 互动 replies are
        answered by ``editor-<slug>`` and approved by this second person."""
        username = reviewer_username(profile.slug)
        user, created = self.User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@{EMAIL_DOMAIN}",
                "password": self.password_hash,
                "first_name": f"{profile.display_name}网站审核",
            },
        )
        if profile.reviewer_group is not None:
            user.groups.add(profile.reviewer_group)
        return created

    def bulk_create_editors(self, profiles: list[SiteProfile]) -> int:
        """Editors of many new sites in three queries (used by the village batches). Existing users are skipped."""
        wanted = {editor_username(p.slug): p for p in profiles}
        existing = set(self.User.objects.filter(username__in=wanted).values_list("username", flat=True))
        new = [self._new_editor(p) for name, p in wanted.items() if name not in existing]
        self.User.objects.bulk_create(new)
        created = {u.username: u.pk for u in self.User.objects.filter(username__in=[u.username for u in new])}
        membership = self.User.groups.through
        links = [
            membership(user_id=created[name], group_id=group.pk)
            for name, profile in wanted.items()
            if name in created
            for group in (profile.editor_group, profile.reviewer_group)
            if group is not None
        ]
        membership.objects.bulk_create(links, ignore_conflicts=True)
        return len(new)
