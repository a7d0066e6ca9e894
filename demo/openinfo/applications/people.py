"""Demo applicants: citizens and organisations of the two city groups, with identity numbers whose check
characters are right (python-stdnum computes them, as the application form validates them) — invented people,
never real ones: every number is drawn from the site's rng."""

import datetime
import random
from dataclasses import dataclass

from stdnum.cn import ric, uscc

from demo.interaction.data import places_for
from demo.interaction.planning import GIVEN, MOBILE_PREFIXES, SURNAMES
from openinfo.applications.enums import ApplicantKind, IdentityDocument, OrganisationType

from . import data

# County-level division codes of the groups (the first six digits of an ID number or credit code).
REGIONS = {
    "zhuzhou": ("430202", "430203", "430204", "430211", "430212", "430281"),
    "changde": ("430702", "430703", "430721", "430722", "430723", "430781"),
}
DEFAULT_REGIONS = ("430102", "430103", "430104")
POSTCODES = {"zhuzhou": "412000", "changde": "415000"}
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Registration department and type of a credit code per Table 3 column: 9 1 enterprise, 1 2 institution (科研机构),
# 5 3 social organisation, 3 1 law firm (司法行政), 9 3 other.
CREDIT_PREFIX = {
    OrganisationType.BUSINESS: "91",
    OrganisationType.RESEARCH: "12",
    OrganisationType.PUBLIC_WELFARE: "53",
    OrganisationType.LEGAL_SERVICE: "31",
    OrganisationType.OTHER: "93",
}


@dataclass(frozen=True)
class Applicant:
    kind: str
    name: str
    id_document: str
    id_number: str
    phone: str
    address: str
    postcode: str
    email: str = ""
    organisation_type: str = ""
    legal_representative: str = ""
    contact_person: str = ""


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def office_phone(rng: random.Random, group: str) -> str:
    area = {"zhuzhou": "0731", "changde": "0736"}.get(group, "0731")
    return f"{area}-{rng.randint(22000000, 28999999)}"


def id_card_number(rng: random.Random, group: str) -> str:
    """A number ``ric.validate`` accepts: python-stdnum also checks that the division code existed in the year of
    birth (荷塘区 since 1997, 渌口区 since 2018 …), so draw again until it does."""
    while True:
        born = datetime.date(1955, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 50))
        body = f"{rng.choice(REGIONS.get(group, DEFAULT_REGIONS))}{born:%Y%m%d}{rng.randrange(1000):03d}"
        number = body + ric.calc_check_digit(body + "0")  # it reads every character but the last
        if ric.is_valid(number):
            return number


def credit_code(rng: random.Random, group: str, organisation_type: str) -> str:
    org = "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
    body = f"{CREDIT_PREFIX[organisation_type]}{rng.choice(REGIONS.get(group, DEFAULT_REGIONS))}{org}"
    return body + uscc.calc_check_digit(body)


def applicant(rng: random.Random, group: str, *, citizen: bool) -> Applicant:
    places = places_for(group)
    address = f"{rng.choice(places.places)}{rng.randint(1, 30)}栋{rng.randint(1, 6)}0{rng.randint(1, 4)}室"
    postcode = POSTCODES.get(group, "410000")
    if citizen:
        name = person_name(rng)
        email = f"ysq{rng.randrange(10**6):06d}@example.cn" if rng.random() < 0.5 else ""
        return Applicant(
            ApplicantKind.CITIZEN,
            name,
            IdentityDocument.ID_CARD,
            id_card_number(rng, group),
            mobile(rng),
            address,
            postcode,
            email,
        )
    organisation_type = rng.choice(OrganisationType.values)
    name = rng.choice(data.organisations(group)[organisation_type])
    return Applicant(
        ApplicantKind.ORGANISATION,
        name,
        IdentityDocument.CREDIT_CODE,
        credit_code(rng, group, organisation_type),
        mobile(rng),
        f"{rng.choice(places.roads)}{rng.randint(1, 300)}号",
        postcode,
        f"office{rng.randrange(10**4):04d}@example.cn",
        organisation_type=organisation_type,
        legal_representative=person_name(rng),
        contact_person=person_name(rng),
    )
