"""依申请公开 records for tests and the demo seed, written as the handling leaves them (apply-common.md: every
application that leaves the open states has one ``outcome`` and a ``closed_on`` day).

    app = InformationApplicationFactory(site=profile, received_on=date(2025, 12, 31))   # open
    close(app, Outcome.DISCLOSED, date(2026, 1, 2))                                   # replied
    RemedyFactory(application=app, kind=RemedyKind.RECONSIDERATION, result=RemedyResult.UPHELD, decided_on=…)
"""

import datetime

import factory

from openinfo.applications.enums import (
    ApplicantKind,
    Delivery,
    FeeMethod,
    IdentityDocument,
    ProvisionForm,
    RemedyKind,
    Status,
)
from openinfo.models import ApplicationFee, ApplicationRemedy, InformationApplication


class InformationApplicationFactory(factory.django.DjangoModelFactory):
    """An open application received on ``received_on`` by ``site`` (required: a SiteProfile)."""

    class Meta:
        model = InformationApplication

    site = None
    tracking_code = factory.Sequence(lambda n: f"YS{n:010d}")
    applicant_kind = ApplicantKind.CITIZEN
    organisation_type = ""
    name = factory.Sequence(lambda n: f"申请人{n}")
    id_document = IdentityDocument.ID_CARD
    id_number = factory.Sequence(lambda n: f"43020019800101{n % 10000:04d}")
    phone = factory.Sequence(lambda n: f"138{n % 100_000_000:08d}")
    description = "申请公开本机关2025年度部门预算执行情况。"
    provision_form = ProvisionForm.EMAIL
    delivery = Delivery.ELECTRONIC
    received_on = datetime.date(2025, 3, 3)
    clock_started_on = factory.SelfAttribute("received_on")
    status = Status.PROCESSING

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("site") is None:
            raise TypeError("InformationApplicationFactory needs site=<SiteProfile>")
        return super()._create(model_class, *args, **kwargs)


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
