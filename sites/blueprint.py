"""Standard page sets and review workflows per site kind, kept as data in ``sites/blueprints/<kind>.toml``.

Page types are named by model label (``home.ColumnPage``), so this app never imports the content apps
that define them; later apps add their sections by adding entries to the TOML files.
"""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

BLUEPRINT_DIR = Path(__file__).resolve().parent / "blueprints"


@dataclass(frozen=True)
class PageSpec:
    model_label: str
    fields: dict
    children: tuple["PageSpec", ...] = field(default_factory=tuple)
    # Page types this entry supersedes: an existing page of one of them at the slug is retired and replaced
    # (e.g. 领导信息 was a plain page before it became structured data).
    replaces: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.fields["slug"]

    @property
    def model(self):
        return apps.get_model(self.model_label)


@dataclass(frozen=True)
class WorkflowStep:
    """One review step of a site kind's workflow: its name (初审, 复审, 终审) and role (the demo login prefix)."""

    name: str
    role: str


# A blueprint without a [workflow] section gets one step: the site's reviewers approve and publish.
DEFAULT_WORKFLOW = (WorkflowStep(name="终审", role="signer"),)


@dataclass(frozen=True)
class Blueprint:
    kind: str
    root_label: str
    pages: tuple[PageSpec, ...]
    workflow: tuple[WorkflowStep, ...] = DEFAULT_WORKFLOW
    home_sections: tuple[str, ...] = ()  # the home page's blocks in order (sites/home_sections.py)

    @property
    def root_model(self):
        return apps.get_model(self.root_label)

    def count(self) -> int:
        def walk(specs):
            return sum(1 + walk(s.children) for s in specs)

        return walk(self.pages)


def _page_spec(entry: dict, source: Path, kind: str) -> PageSpec:
    entry = dict(entry)
    generated = entry.pop("children_from", None)
    if generated:
        # Children kept as data elsewhere (e.g. disclosure categories per site kind): a dotted path to a
        # callable(kind) returning entries in this file's format, so the data has one source.
        entry["children"] = [*entry.get("children", []), *import_string(generated)(kind)]
    try:
        label = entry.pop("type")
        if "slug" not in entry or "title" not in entry:
            raise KeyError("slug/title")
    except KeyError as exc:
        raise ImproperlyConfigured(f"{source.name}: every page needs type, title and slug ({exc})") from exc
    children = tuple(_page_spec(child, source, kind) for child in entry.pop("children", []))
    replaces = tuple(entry.pop("replaces", ()))
    return PageSpec(model_label=label, fields=entry, children=children, replaces=replaces)


def _workflow(data: dict, source: Path) -> tuple[WorkflowStep, ...]:
    entries = data.get("workflow", {}).get("steps", [])
    if not entries:
        return DEFAULT_WORKFLOW
    try:
        steps = tuple(WorkflowStep(name=str(e["name"]).strip(), role=str(e["role"]).strip()) for e in entries)
    except KeyError as exc:
        raise ImproperlyConfigured(f"{source.name}: every workflow step needs name and role ({exc})") from exc
    for attr in ("name", "role"):
        values = [getattr(step, attr) for step in steps]
        if "" in values or len(set(values)) != len(values):
            raise ImproperlyConfigured(f"{source.name}: workflow step {attr}s must be non-empty and distinct")
    return steps


@cache
def load_blueprint(kind: str) -> Blueprint:
    source = BLUEPRINT_DIR / f"{kind}.toml"
    if not source.exists():
        raise ImproperlyConfigured(f"No blueprint for site kind {kind!r} ({source})")
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    return Blueprint(
        kind=kind,
        root_label=data.get("root", "home.HomePage"),
        pages=tuple(_page_spec(entry, source, kind) for entry in data.get("pages", [])),
        workflow=_workflow(data, source),
        home_sections=tuple(data.get("home_sections", ())),
    )
