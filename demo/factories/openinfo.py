"""Factories for disclosure pages and 依申请公开 records, shared by tests and the demo seed."""

import datetime
import functools

import factory

from demo.factories.pages import SitePageFactory
from openinfo.applications.enums import FeeMethod, RemedyKind, Status
from openinfo.enums import DocumentGenre
from openinfo.models import ApplicationFee, ApplicationRemedy, DisclosureCategoryPage, DisclosureDocumentPage


class DisclosureDocumentPageFactory(SitePageFactory):
    """Creates a *draft*; call :func:`publish` to publish it (publishing allocates the 索引号)."""

    class Meta:
        model = DisclosureDocumentPage

    title = factory.Sequence(lambda n: f"关于印发测试文件{n}的通知")
    slug = factory.Sequence(lambda n: f"doc-{n}")
    written_on = datetime.date(2026, 3, 2)
    published_on = datetime.date(2026, 3, 5)
    subject = "综合政务"
    genre = DocumentGenre.OTHER_DOCUMENT
    live = False


def publish(page):
    """Publish through a revision, as the admin does, and return the fresh page."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def category_page(profile, code: str) -> DisclosureCategoryPage:
    """The statutory column ``code`` (e.g. ``a20-01``) of a site's 政府信息公开 section."""
    return DisclosureCategoryPage.objects.descendant_of(profile.site.root_page).get(category=code)


FACTORY_PASSWORD = "K7M2Q9"


class InformationApplicationFactory(factory.Factory):
    """A received 依申请公开 application on ``site`` (required: a SiteProfile), through services.receive, so its
    tracking code, password hash, first event and ``due_on`` are those of a real one. ``application.password``
    is the plain query password. Pass ``received_on`` (and ``actor`` with ``channel``) for an offline one."""

    class Meta:
        model = "openinfo.InformationApplication"

    applicant_kind = "citizen"
    name = factory.Sequence(lambda n: ("张建华", "李红梅", "王志强", "刘芳")[n % 4])
    id_document = "id_card"
    id_number = factory.Sequence(lambda n: f"43020219800101{n % 10000:04d}")
    phone = factory.Sequence(lambda n: f"139{n % 100_000_000:08d}")
    email = ""
    description = "请公开本机关2025年度部门预算及“三公”经费预算执行情况。"
    document_title = "2025年度部门预算"
    provision_form = "email"
    delivery = "electronic"

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("InformationApplicationFactory.build() is not supported: use create (services.receive)")

    @classmethod
    def _create(cls, model_class, *args, site=None, **kwargs):
        from openinfo.applications import services

        if site is None:
            raise TypeError("InformationApplicationFactory needs site=<SiteProfile>")
        application, password = services.receive(site=site, credentials=(FACTORY_PASSWORD, _password_hash()), **kwargs)
        application.password = password
        return application


@functools.cache
def _password_hash() -> str:
    """One PBKDF2 hash per process (~0.2 s each), not one per application."""
    from django.contrib.auth.hashers import make_password

    return make_password(FACTORY_PASSWORD)


def close(application, outcome: str, on: datetime.date, status: str = Status.REPLIED):
    """Close ``application`` as the handling does: one outcome, the day it was given."""
    application.outcome, application.closed_on, application.status = outcome, on, status
    application.save(update_fields=["outcome", "closed_on", "status"])
    return application


class RemedyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationRemedy

    kind = RemedyKind.RECONSIDERATION
    filed_on = datetime.date(2025, 5, 1)


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationFee

    method = FeeMethod.PER_PAGE
    quantity = 40
    amount = 100
    notice_on = datetime.date(2025, 5, 1)
    pay_by = datetime.date(2025, 5, 20)
