"""重点项目 of the 专题 sites' home pages (home/models.py TopicProject), from ``data/projects.toml``."""

from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from home.enums import ProjectProgress
from home.models import ArticlePage, TopicProject

from .data import _read, _take

FIELDS = {"name", "unit", "progress", "investment", "summary", "article"}


def project_rows(slug: str) -> list[dict]:
    """The project rows of one site as model field values (article still a title), [] when it has none."""
    rows = []
    for number, raw in enumerate(_read("projects.toml").get(slug, ()), start=1):
        row = dict(_take(raw, FIELDS, f"demo/home/data/projects.toml: {slug} #{number}"))
        if row["progress"] not in ProjectProgress.values:
            raise ImproperlyConfigured(f"demo/home/data/projects.toml: {slug} #{number}: progress {row['progress']!r}")
        if "investment" in row:
            row["investment"] = Decimal(row["investment"])
        rows.append(row)
    return rows


def seed_projects(home, slug: str) -> int:
    """Give ``home`` its demo projects once (a re-run leaves the editors' rows alone); returns how many were added."""
    rows = project_rows(slug)
    if not rows or home.projects.exists():
        return 0
    for order, row in enumerate(rows):
        title = row.pop("article", None)
        article = ArticlePage.objects.live().descendant_of(home).filter(title=title).first() if title else None
        home.projects.add(TopicProject(sort_order=order, article=article, **row))
    # Through a revision, so the admin's edit form (which opens the latest revision) shows the same rows.
    home.save_revision().publish()
    return len(rows)
