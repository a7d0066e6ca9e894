"""Demo content of the content apps, added to each site ``seed_demo`` seeds (``demo.signals``).

Receivers run in the order they are connected here: disclosure documents, the disclosure guide and rules, then
messages, then the search entries of the published messages (which must exist by then).
"""

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver

from core.tasks import enqueue_on_commit

from .signals import demo_site_seeded, demo_sites_deleting


@receiver(demo_site_seeded)
def seed_disclosure_documents(sender, profile, rng, created, **kwargs):
    """Fill each disclosing site's 政府信息公开 catalogue (demo/openinfo/)."""
    # Imported here so that loading the app does not read the demo data files or import the page factories.
    from .openinfo.builder import seed_site_documents

    seed_site_documents(profile, rng, created=created)


@receiver(demo_site_seeded)
def seed_disclosure_guides(sender, profile, rng, created, **kwargs):
    """The site's 政府信息公开指南 and 制度 (demo/openinfo/guides.py); after its documents, so the 制度 go into a
    column the document seed has already filled (it never adds to a column that holds documents)."""
    from .openinfo.guides import seed_site_guides

    seed_site_guides(profile)


@receiver(demo_site_seeded)
def seed_demo_questions(sender, profile, rng, created, **kwargs):
    """Fill the site's mailbox with demo messages (demo/interaction/)."""
    from .interaction.builder import seed_site_questions

    seed_site_questions(profile, rng, created=created)


@receiver(demo_site_seeded)
def seed_demo_applications(sender, profile, rng, created, **kwargs):
    """政府信息公开申请 on each disclosing site (demo/openinfo/applications/)."""
    from .openinfo.applications.builder import seed_site_applications

    seed_site_applications(profile, rng, created=created)


@receiver(demo_site_seeded)
def demo_questions_seeded(sender, profile, **kwargs):
    """The demo messages are written with ``bulk_create``, which sends no ``post_save``: index the site's published
    ones here, after ``seed_demo_questions`` wrote them."""
    from interaction.enums import Status
    from interaction.models import Question
    from search.tasks import index_question_task

    if not settings.SEARCH_AUTO_INDEX:
        return
    # A department's demo also writes its portal's messages transferred to it (site = the portal, handler = it).
    mine = Q(site=profile) | Q(handler=profile)
    for pk in Question.objects.filter(mine, status=Status.PUBLISHED).values_list("pk", flat=True):
        enqueue_on_commit(index_question_task, pk)


@receiver(demo_sites_deleting)
def delete_demo_questions(sender, profiles, **kwargs):
    """``seed_demo --delete``: a message protects its site from deletion, so the demo sites' messages go first."""
    from .interaction.builder import delete_site_questions

    delete_site_questions(profiles)


@receiver(demo_sites_deleting)
def delete_demo_applications(sender, profiles, **kwargs):
    """Applications protect their site from deletion too."""
    from .openinfo.applications.builder import delete_site_applications

    delete_site_applications(profiles)
